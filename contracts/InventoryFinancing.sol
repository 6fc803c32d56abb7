// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {IWarehouseReceipt} from "../interfaces/IWarehouseReceipt.sol";
import {IInventoryFinancing} from "../interfaces/IInventoryFinancing.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {Discounting} from "./libraries/Discounting.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

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
    using SafeCast for uint256;

    /// @inheritdoc IInventoryFinancing
    uint256 public constant MAX_RATE_BPS = PlatformConstants.MAX_RATE_BPS;
    /// @inheritdoc IInventoryFinancing
    uint256 public constant MAX_DURATION_DAYS = PlatformConstants.MAX_TENOR_DAYS;

    /// @inheritdoc IInventoryFinancing
    IWarehouseReceipt public immutable receipts;
    /// @inheritdoc IInventoryFinancing
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc IInventoryFinancing
    uint256 public loanCount;
    mapping(uint256 loanId => Loan) private _loans;

    /// @notice Deploy the pledge loans over the warehouse receipts.
    /// @param warehouseReceipt The receipts (this contract needs their PLATFORM_ROLE).
    /// @param allianceRegistry The membership registry.
    constructor(IWarehouseReceipt warehouseReceipt, IAllianceRegistry allianceRegistry) {
        if (address(warehouseReceipt) == address(0) || address(allianceRegistry) == address(0)) revert ZeroAddress();
        receipts = warehouseReceipt;
        alliances = allianceRegistry;
    }

    /// @inheritdoc IInventoryFinancing
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
            receiptId: receiptId.toUint48(),
            dueAt: 0,
            status: LoanStatus.Requested,
            financier: financier,
            principal: principal.toUint96(), // a receipt's value may exceed 96 bits
            currency: r.currency,
            fundedAt: 0,
            rateBps: uint16(rateBps), // bound: <= MAX_RATE_BPS (RateTooHigh above)
            durationDays: uint32(durationDays), // bound: <= MAX_DURATION_DAYS (BadDuration above)
            quantity: uint128(r.quantity), // bound: the receipt's own field is 128 bits
            value: uint128(r.value) // bound: the receipt's own field is 128 bits
        });
        emit LoanRequested(
            loanId, receiptId, msg.sender, financier, principal, rateBps, durationDays, r.quantity, r.value
        );
    }

    /// @inheritdoc IInventoryFinancing
    function cancelRequest(uint256 loanId) external {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Requested);
        if (msg.sender != loan.borrower) revert NotBorrower(loanId, msg.sender);
        loan.status = LoanStatus.Cancelled;
        emit LoanCancelled(loanId);
    }

    /// @inheritdoc IInventoryFinancing
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
        uint256 dueAt = block.timestamp + uint256(loan.durationDays) * PlatformConstants.DAY;
        loan.status = LoanStatus.Active;
        loan.fundedAt = block.timestamp.toUint40();
        loan.dueAt = dueAt.toUint40();
        uint256 principal = loan.principal;
        emit LoanFunded(loanId, receiptId, msg.sender, principal, dueAt);
        receipts.lock(receiptId);
        IERC20(loan.currency).safeTransferFrom(msg.sender, borrower, principal);
    }

    /// @inheritdoc IInventoryFinancing
    function repay(uint256 loanId) external nonReentrant {
        Loan storage loan = _requireStatus(loanId, LoanStatus.Active);
        (uint256 principal, uint256 interest) = _due(loan);
        loan.status = LoanStatus.Repaid;
        emit LoanRepaid(loanId, msg.sender, principal, interest);
        receipts.unlock(loan.receiptId);
        IERC20(loan.currency).safeTransferFrom(msg.sender, loan.financier, principal + interest);
    }

    /// @inheritdoc IInventoryFinancing
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
