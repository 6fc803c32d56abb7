// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWarehouseReceipt} from "./IWarehouseReceipt.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {ICommonErrors, IGoodsErrors, IInventoryFinancingErrors, IMembershipErrors} from "./IPlatformErrors.sol";

/// @title IInventoryFinancing
/// @notice Loans against pledged warehouse receipts: the holder asks a financier of the
/// receipt's alliance for a loan against the receipt as it is then (quantity and value are
/// recorded with the request); the financier's funding pays the cash to the holder and locks
/// the receipt, and only if the receipt is still exactly that collateral; repayment (principal +
/// simple interest) unlocks it, so the warehouse can release the goods; after the due date an
/// unpaid financier takes the receipt.
interface IInventoryFinancing is ICommonErrors, IGoodsErrors, IInventoryFinancingErrors, IMembershipErrors {
    enum LoanStatus {
        None,
        Requested,
        Active,
        Repaid,
        Foreclosed,
        Cancelled
    }

    /// @notice One loan (four storage slots).
    struct Loan {
        address borrower; // the receipt's holder: gets the cash, keeps the (locked) receipt
        uint48 receiptId;
        uint40 dueAt; // set at funding
        LoanStatus status;
        address financier;
        uint96 principal; // base units of the receipt lot's currency
        address currency;
        uint40 fundedAt;
        uint16 rateBps; // simple annual interest, actual/365, started days count
        uint32 durationDays;
        uint128 quantity; // the collateral the financier is asked to lend against: the
        uint128 value; // receipt's quantity and value when the loan was requested
    }

    /// @notice A receipt holder asked a financier for a pledge loan against the receipt as it is now.
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
    /// @notice The borrower withdrew its request.
    event LoanCancelled(uint256 indexed loanId);
    /// @notice The financier paid the principal; the receipt is locked until repayment or
    /// foreclosure.
    event LoanFunded(
        uint256 indexed loanId, uint256 indexed receiptId, address indexed financier, uint256 principal, uint256 dueAt
    );
    /// @notice Principal and interest were paid; the receipt is free again.
    event LoanRepaid(uint256 indexed loanId, address indexed payer, uint256 principal, uint256 interest);
    /// @notice The loan was overdue: the financier took the receipt.
    event LoanForeclosed(uint256 indexed loanId, uint256 indexed receiptId, address indexed financier);

    /// @notice The loan is not in the status this step needs.
    error WrongLoanStatus(uint256 loanId, LoanStatus status, LoanStatus required);

    /// @notice The loan record.
    function loanInfo(uint256 loanId) external view returns (Loan memory);

    /// @notice What repaying an active loan costs now: principal + interest to date.
    function amountDue(uint256 loanId) external view returns (uint256 principal, uint256 interest);

    /// @notice Ask `financier` for a loan against a receipt the caller holds, as it is now: its
    /// quantity and value are recorded and funding requires them unchanged. Nothing is locked
    /// until the financier funds it; the request can be cancelled until then.
    /// Only the receipt's holder (NotReceiptHolder), with a free receipt (ReceiptAlreadyLocked).
    /// Refused: ZeroPrincipal, PrincipalAboveValue, RateTooHigh, BadDuration (0 or over
    /// MAX_DURATION_DAYS), FinancierNotMember.
    /// @param receiptId A free receipt held by the caller.
    /// @param financier An active financier of the receipt's alliance.
    /// @param principal Base units of the lot's currency; non-zero, at most the receipt's value.
    /// @param rateBps Annual simple interest, at most MAX_RATE_BPS.
    /// @param durationDays Days from funding to the due date, 1..MAX_DURATION_DAYS.
    /// @return loanId The new loan (starting at 1).
    function requestLoan(uint256 receiptId, address financier, uint256 principal, uint256 rateBps, uint256 durationDays)
        external
        returns (uint256 loanId);

    /// @notice Withdraw an unfunded request, as its borrower.
    /// Only the borrower (NotBorrower), while Requested (UnknownLoan, WrongLoanStatus).
    /// @param loanId The loan.
    function cancelRequest(uint256 loanId) external;

    /// @notice Fund a requested loan as its financier: the receipt is locked and the principal
    /// moves from the caller to the borrower (needs an allowance) in one transaction. Refused
    /// unless the borrower still holds the receipt, free, with the quantity and value recorded
    /// at the request (`loanInfo`): the financier gets the collateral it agreed to or pays nothing.
    /// Only the loan's financier (NotFinancier), while Requested (UnknownLoan, WrongLoanStatus).
    /// Refused: BorrowerNoLongerHolds, ReceiptAlreadyLocked, CollateralChanged (the receipt's
    /// quantity or value changed since the request).
    /// @param loanId The loan.
    function fund(uint256 loanId) external;

    /// @notice Repay an active loan in full (anyone may, usually the borrower): principal plus
    /// interest to date go from the caller to the financier (needs an allowance) and the receipt
    /// is unlocked.
    /// Anyone, while Active (UnknownLoan, WrongLoanStatus).
    /// @param loanId The loan.
    function repay(uint256 loanId) external;

    /// @notice Take the pledged receipt as the financier of an active loan left unpaid past its
    /// due date; the loan is closed.
    /// Only the loan's financier (NotFinancier), while Active (UnknownLoan, WrongLoanStatus), after
    /// the due date (NotDueYet).
    /// @param loanId The loan.
    function foreclose(uint256 loanId) external;

    /// @notice Highest annual interest rate.
    function MAX_RATE_BPS() external view returns (uint256);

    /// @notice Longest loan.
    function MAX_DURATION_DAYS() external view returns (uint256);

    /// @notice The warehouse-receipt token pledged.
    function receipts() external view returns (IWarehouseReceipt);

    /// @notice The membership registry.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice Number of loans so far (ids run from 1 to loanCount).
    function loanCount() external view returns (uint256);
}
