// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {IWarehouseReceipt} from "../interfaces/IWarehouseReceipt.sol";
import {IInventoryFinancing} from "../interfaces/IInventoryFinancing.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {Discounting} from "./libraries/Discounting.sol";

/// @title InventoryFinancing
/// @notice Pledge loans against warehouse receipts.
/// @dev Lifecycle: the receipt's holder requests a loan from a named financier of the receipt's
/// alliance (principal at most the receipt's value, in the lot's currency; annual rate; duration
/// in days); the request records the receipt's quantity and value: that is the collateral the
/// financier is asked to lend against -> the financier funds it: the receipt is locked in the
/// holder's hands (it can neither move, split nor be redeemed) and the principal goes from the
/// financier to the holder in the same transaction, but only if the borrower still holds the
/// receipt, free, with exactly the recorded quantity and value (a receipt id is never reused and
/// a split only shrinks it, so equal quantity and value are the same goods). The receipt stays
/// free until funding (its holder may ask several financiers; the first to fund locks it), so a
/// holder who splits or passes it on before funding, or front-runs the funding transaction,
/// makes funding fail instead of leaving the financier with less collateral than it agreed to
/// (issue 10 item 1). -> anyone repays principal + simple interest (actual/365, started
/// days count, rounded up: `Discounting.interest`) from funding to repayment, which goes to the
/// financier and unlocks the receipt, so the warehouse can release the goods -> or, after the
/// due date with the loan unpaid, the financier forecloses: the receipt is released to it and
/// the loan is closed (the goods are its recovery). Repayment stays possible until foreclosure.
/// The contract never holds cash: every payment goes straight from payer to payee. The lock
/// names this contract, so a pledged receipt cannot be pledged again (here or elsewhere).
/// Needs PLATFORM_ROLE on the warehouse receipts.
contract InventoryFinancing is IInventoryFinancing, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Highest annual interest rate.
    uint256 public constant MAX_RATE_BPS = 10_000;
    /// @notice Longest loan.
    uint256 public constant MAX_DURATION_DAYS = 365;

    IWarehouseReceipt public immutable receipts;
    IAllianceRegistry public immutable alliances;
    uint256 public loanCount;
    mapping(uint256 loanId => Loan) private _loans;

    /// @param warehouseReceipt The receipts (this contract needs their PLATFORM_ROLE).
    /// @param allianceRegistry The membership registry.
    constructor(IWarehouseReceipt warehouseReceipt, IAllianceRegistry allianceRegistry) {
        receipts = warehouseReceipt;
        alliances = allianceRegistry;
    }

    /// @notice Ask `financier` for a loan against a receipt the caller holds, as it is now: its
    /// quantity and value are recorded and funding requires them unchanged. Nothing is locked
    /// until the financier funds it; the request can be cancelled until then.
    /// @param receiptId A free receipt held by the caller.
    /// @param financier An active financier of the receipt's alliance.
    /// @param principal Base units of the lot's currency; non-zero, at most the receipt's value.
    /// @param rateBps Annual simple interest, at most MAX_RATE_BPS.
    /// @param durationDays Days from funding to the due date, 1..MAX_DURATION_DAYS.
    /// @return loanId The new loan (starting at 1).
    function requestLoan(uint256 receiptId, address financier, uint256 principal, uint256 rateBps, uint256 durationDays)
        external
        returns (uint256 loanId)
    {
        IWarehouseReceipt.ReceiptView memory r = receipts.receiptInfo(receiptId);
        if (r.holder != msg.sender) revert NotReceiptHolder(receiptId, msg.sender);
        if (r.lockedBy != address(0)) revert ReceiptAlreadyLocked(receiptId, r.lockedBy);
        if (principal == 0) revert ZeroPrincipal();
        if (principal > r.value) revert PrincipalAboveValue(principal, r.value);
        if (rateBps > MAX_RATE_BPS) revert RateTooHigh(rateBps, MAX_RATE_BPS);
        if (durationDays == 0 || durationDays > MAX_DURATION_DAYS) revert BadDuration(durationDays, MAX_DURATION_DAYS);
        if (!alliances.isActiveMember(r.allianceId, financier, EnterpriseRoles.FINANCIER)) {
            revert FinancierNotMember(r.allianceId, financier);
        }
        loanId = ++loanCount;
        _loans[loanId] = Loan({
            borrower: msg.sender,
            receiptId: uint48(receiptId),
            dueAt: 0,
            status: LoanStatus.Requested,
            financier: financier,
            principal: uint96(principal),
            currency: r.currency,
            fundedAt: 0,
            rateBps: uint16(rateBps),
            durationDays: uint32(durationDays),
            quantity: uint128(r.quantity),
            value: uint128(r.value)
        });
        emit LoanRequested(loanId, receiptId, msg.sender, financier, principal, rateBps, durationDays, r.quantity, r.value);
    }

    /// @notice Withdraw an unfunded request, as its borrower.
    /// @param loanId The loan.
    function cancelRequest(uint256 loanId) external {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Requested);
        if (msg.sender != loan.borrower) revert NotBorrower(loanId, msg.sender);
        loan.status = LoanStatus.Cancelled;
        emit LoanCancelled(loanId);
    }

    /// @notice Fund a requested loan as its financier: the receipt is locked and the principal
    /// moves from the caller to the borrower (needs an allowance) in one transaction. Refused
    /// unless the borrower still holds the receipt, free, with the quantity and value recorded
    /// at the request (`loanInfo`): the financier gets the collateral it agreed to or pays nothing.
    /// @param loanId The loan.
    function fund(uint256 loanId) external nonReentrant {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Requested);
        if (msg.sender != loan.financier) revert NotFinancier(loanId, msg.sender);
        uint256 receiptId = loan.receiptId;
        address borrower = loan.borrower;
        IWarehouseReceipt.Receipt memory r = receipts.receiptOf(receiptId);
        address holder = r.lotId == 0 ? address(0) : receipts.ownerOf(receiptId);
        if (holder != borrower) revert BorrowerNoLongerHolds(loanId, holder);
        if (r.lockedBy != address(0)) revert ReceiptAlreadyLocked(receiptId, r.lockedBy);
        if (r.quantity != loan.quantity || r.value != loan.value) {
            revert CollateralChanged(loanId, loan.quantity, loan.value, r.quantity, r.value);
        }
        uint256 dueAt = block.timestamp + uint256(loan.durationDays) * 1 days;
        loan.status = LoanStatus.Active;
        loan.fundedAt = uint40(block.timestamp);
        loan.dueAt = uint40(dueAt);
        uint256 principal = loan.principal;
        emit LoanFunded(loanId, receiptId, msg.sender, principal, dueAt);
        receipts.lock(receiptId);
        IERC20(loan.currency).safeTransferFrom(msg.sender, borrower, principal);
    }

    /// @notice Repay an active loan in full (anyone may, usually the borrower): principal plus
    /// interest to date go from the caller to the financier (needs an allowance) and the receipt
    /// is unlocked.
    /// @param loanId The loan.
    function repay(uint256 loanId) external nonReentrant {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Active);
        (uint256 principal, uint256 interest) = _due(loan);
        loan.status = LoanStatus.Repaid;
        emit LoanRepaid(loanId, msg.sender, principal, interest);
        receipts.unlock(loan.receiptId);
        IERC20(loan.currency).safeTransferFrom(msg.sender, loan.financier, principal + interest);
    }

    /// @notice Take the pledged receipt as the financier of an active loan left unpaid past its
    /// due date; the loan is closed.
    /// @param loanId The loan.
    function foreclose(uint256 loanId) external nonReentrant {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Active);
        if (msg.sender != loan.financier) revert NotFinancier(loanId, msg.sender);
        if (block.timestamp <= loan.dueAt) revert NotDueYet(loanId, loan.dueAt);
        loan.status = LoanStatus.Foreclosed;
        uint256 receiptId = loan.receiptId;
        emit LoanForeclosed(loanId, receiptId, msg.sender);
        receipts.release(receiptId, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IInventoryFinancing
    function loanInfo(uint256 loanId) external view returns (Loan memory) {
        return _loans[loanId];
    }

    /// @inheritdoc IInventoryFinancing
    function amountDue(uint256 loanId) external view returns (uint256 principal, uint256 interest) {
        Loan storage loan = _loans[loanId];
        if (loan.status != LoanStatus.Active) return (0, 0);
        return _due(loan);
    }

    // ------------------------------------------------------------------ internals

    function _due(Loan storage loan) private view returns (uint256 principal, uint256 interest) {
        principal = loan.principal;
        interest = Discounting.interest(principal, loan.rateBps, loan.fundedAt, block.timestamp);
    }

    function _requireStatus(uint256 loanId, LoanStatus required) private view returns (Loan storage loan) {
        loan = _loans[loanId];
        LoanStatus status = loan.status;
        if (status == LoanStatus.None) revert UnknownLoan(loanId);
        if (status != required) revert WrongLoanStatus(loanId, status, required);
    }
}
