// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IInventoryFinancing
/// @notice Loans against pledged warehouse receipts: the holder asks a financier of the
/// receipt's alliance for a loan against the receipt as it is then (quantity and value are
/// recorded with the request); the financier's funding pays the cash to the holder and locks
/// the receipt, and only if the receipt is still exactly that collateral; repayment (principal +
/// simple interest) unlocks it, so the warehouse can release the goods; after the due date an
/// unpaid financier takes the receipt.
interface IInventoryFinancing {
    enum LoanStatus { None, Requested, Active, Repaid, Foreclosed, Cancelled }

    /// @notice One loan (four storage slots).
    struct Loan {
        address borrower;     // the receipt's holder: gets the cash, keeps the (locked) receipt
        uint48 receiptId;
        uint40 dueAt;         // set at funding
        LoanStatus status;
        address financier;
        uint96 principal;     // base units of the receipt lot's currency
        address currency;
        uint40 fundedAt;
        uint16 rateBps;       // simple annual interest, actual/365, started days count
        uint32 durationDays;
        uint128 quantity;     // the collateral the financier is asked to lend against: the
        uint128 value;        // receipt's quantity and value when the loan was requested
    }

    event LoanRequested(
        uint256 indexed loanId,
        uint256 indexed receiptId,
        address indexed borrower,
        address financier,
        uint256 principal,
        uint256 rateBps,
        uint256 durationDays,
        uint256 quantity,
        uint256 value
    );
    event LoanCancelled(uint256 indexed loanId);
    event LoanFunded(uint256 indexed loanId, uint256 indexed receiptId, address indexed financier, uint256 principal, uint256 dueAt);
    event LoanRepaid(uint256 indexed loanId, address indexed payer, uint256 principal, uint256 interest);
    event LoanForeclosed(uint256 indexed loanId, uint256 indexed receiptId, address indexed financier);

    /// @notice The caller does not hold the receipt.
    error NotReceiptHolder(uint256 receiptId, address caller);
    /// @notice The receipt is already locked (pledged or under another financing).
    error ReceiptAlreadyLocked(uint256 receiptId, address lockedBy);
    /// @notice The financier is not an active financier of the receipt's alliance.
    error FinancierNotMember(uint256 allianceId, address financier);
    /// @notice The principal is zero.
    error ZeroPrincipal();
    /// @notice The principal exceeds the receipt's value.
    error PrincipalAboveValue(uint256 principal, uint256 value);
    /// @notice The annual rate exceeds the maximum.
    error RateTooHigh(uint256 rateBps, uint256 maximum);
    /// @notice The duration is zero or longer than the maximum.
    error BadDuration(uint256 durationDays, uint256 maximum);
    /// @notice No loan has this id.
    error UnknownLoan(uint256 loanId);
    /// @notice The loan is not in the status this step needs.
    error WrongLoanStatus(uint256 loanId, LoanStatus status, LoanStatus required);
    /// @notice Only the loan's borrower may do this.
    error NotBorrower(uint256 loanId, address caller);
    /// @notice Only the loan's financier may do this.
    error NotFinancier(uint256 loanId, address caller);
    /// @notice The borrower no longer holds the receipt it asked to pledge.
    error BorrowerNoLongerHolds(uint256 loanId, address holder);
    /// @notice The pledged receipt is no longer the collateral the loan was requested against
    /// (it was split since): funding would lend the principal against less than agreed.
    error CollateralChanged(uint256 loanId, uint256 quantity, uint256 value, uint256 nowQuantity, uint256 nowValue);
    /// @notice The loan is not due yet: foreclosure is possible after `dueAt`.
    error NotDueYet(uint256 loanId, uint256 dueAt);

    /// @notice The loan record.
    function loanInfo(uint256 loanId) external view returns (Loan memory);

    /// @notice What repaying an active loan costs now: principal + interest to date.
    function amountDue(uint256 loanId) external view returns (uint256 principal, uint256 interest);
}
