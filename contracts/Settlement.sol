// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PlatformAccess} from "./access/PlatformAccess.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IFinancingMarket} from "../interfaces/IFinancingMarket.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";
import {Discounting} from "./libraries/Discounting.sol";
import {ExactTransfer} from "./libraries/ExactTransfer.sol";

/// @title Settlement
/// @notice The obligor repays a root; each piece's holder pulls its share.
/// @dev Rules:
///  - Anyone may repay a root, in one or more payments, up to its face value. A repayment is
///    O(1): it only adds to the root's `repaid`. The first repayment freezes the root: its
///    pieces stop moving (they also stop at maturity), so claims follow pieces, not holders.
///  - A piece's entitlement is floor(value * repaid / face); a claim pays entitlement minus
///    what the piece already got, to the piece's current holder (anyone may trigger it). Floor
///    rounding means claims in any order never exceed repaid; the dust (repaid - claimed) is
///    at most one base unit per piece while a root is partly repaid, and zero once it is fully
///    repaid and claimed (a piece's entitlement is then exactly its value). The fully paid
///    piece is burned on its claim.
///  - Past maturity + the alliance's grace period an unpaid root can be marked Overdue by
///    anyone; `defaultPeriod` later, Defaulted. Repayments remain possible; whoever holds a
///    piece collects.
///  - Recourse: on a Defaulted root, the financier that bought a piece with recourse and still
///    holds it may call the seller for min(price + interest at the sale's rate from the sale
///    to the call, piece value) minus what the piece already collected. When the seller (or
///    anyone for it) pays, the cash goes to the financier and the piece back to the seller;
///    what the piece collected between the call and the payment (the financier still holds
///    it, and anyone may trigger its claims) is deducted, so the financier never gets more
///    than the call. An unpaid call stays on record (enforced off-chain).
/// Needs PLATFORM_ROLE on the receivable token (freeze, burn, move pieces back on recourse).
contract Settlement is ISettlement, PlatformAccess, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Longest default period the operator can set.
    uint256 public constant MAX_DEFAULT_PERIOD = 365 days;

    IReceivableToken public immutable receivables;
    ITradeRegistry public immutable trades;
    IAllianceRegistry public immutable alliances;
    IFinancingMarket public immutable market;

    /// @notice Time after "overdue" becomes possible until "defaulted" becomes possible.
    uint256 public defaultPeriod;

    mapping(uint256 rootId => Account) private _accounts;
    mapping(uint256 rootId => address) public currencyOf;
    mapping(uint256 pieceId => uint256) public claimedOf;
    mapping(uint256 pieceId => RecourseCall) private _recourse;

    /// @param operator Admin.
    /// @param receivableToken The pieces.
    /// @param tradeRegistry For roots' currency and obligor.
    /// @param allianceRegistry For grace periods.
    /// @param financingMarket For sales made with recourse.
    /// @param initialDefaultPeriod Seconds from "overdue possible" to "defaulted possible".
    constructor(
        address operator,
        IReceivableToken receivableToken,
        ITradeRegistry tradeRegistry,
        IAllianceRegistry allianceRegistry,
        IFinancingMarket financingMarket,
        uint256 initialDefaultPeriod
    ) PlatformAccess(operator) {
        if (operator == address(0)) revert ZeroAddress();
        if (initialDefaultPeriod > MAX_DEFAULT_PERIOD) revert PeriodTooLong(initialDefaultPeriod, MAX_DEFAULT_PERIOD);
        receivables = receivableToken;
        trades = tradeRegistry;
        alliances = allianceRegistry;
        market = financingMarket;
        defaultPeriod = initialDefaultPeriod;
    }

    // ------------------------------------------------------------------ repayment

    /// @notice Repay (part of) a root; the caller's cash moves by allowance.
    /// @param rootId The root.
    /// @param amount Base units; at most the outstanding face value.
    function repay(uint256 rootId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        (uint256 maturity,, bool frozen, uint256 tradeId, uint256 faceValue) = receivables.rootState(rootId);
        if (maturity == 0) revert UnknownRoot(rootId);
        Account storage a = _accounts[rootId];
        uint256 outstanding = faceValue - a.repaid;
        if (amount > outstanding) revert RepaymentExceedsOutstanding(amount, outstanding);
        a.repaid += uint96(amount);
        address currency = currencyOf[rootId];
        if (currency == address(0)) {
            (,, currency,) = trades.terms(tradeId);
            currencyOf[rootId] = currency;
        }
        emit Repaid(rootId, msg.sender, amount, a.repaid);
        if (!frozen) receivables.freezeRoot(rootId);
        ExactTransfer.pullExact(IERC20(currency), msg.sender, amount);
    }

    /// @notice Pay a piece's holder what the piece can claim now; anyone may trigger it.
    /// The fully paid piece is burned.
    /// @param pieceId The piece.
    /// @return amount Paid to the holder.
    function claim(uint256 pieceId) external nonReentrant returns (uint256 amount) {
        address holder = receivables.ownerOf(pieceId);
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        (,,,, uint256 faceValue) = receivables.rootState(p.rootId);
        Account storage a = _accounts[p.rootId];
        uint256 repaid = a.repaid;
        uint256 entitled = uint256(p.value) * repaid / faceValue;
        uint256 already = claimedOf[pieceId];
        amount = entitled - already;
        if (amount == 0) revert NothingToClaim(pieceId);
        a.claimed += uint96(amount);
        bool closed = repaid == faceValue;
        if (closed) {
            if (already != 0) delete claimedOf[pieceId];
        } else {
            claimedOf[pieceId] = entitled;
        }
        emit Claimed(pieceId, p.rootId, holder, amount, closed);
        if (closed) receivables.burn(pieceId);
        IERC20(currencyOf[p.rootId]).safeTransfer(holder, amount);
    }

    // ------------------------------------------------------------------ overdue and default

    /// @notice Mark an unpaid root overdue once maturity + the alliance's grace period passed.
    /// @param rootId The root.
    function markOverdue(uint256 rootId) external {
        (uint256 notBefore, Account storage a) = _unpaidRoot(rootId, 0);
        if (a.status != RootStatus.Current) revert WrongRootStatus(rootId, a.status, RootStatus.Current);
        if (block.timestamp <= notBefore) revert TooEarly(rootId, notBefore + 1);
        a.status = RootStatus.Overdue;
        a.markedAt = uint40(block.timestamp);
        emit MarkedOverdue(rootId, msg.sender);
    }

    /// @notice Mark an overdue root defaulted once `defaultPeriod` more passed.
    /// @param rootId The root.
    function markDefaulted(uint256 rootId) external {
        (uint256 notBefore, Account storage a) = _unpaidRoot(rootId, defaultPeriod);
        if (a.status != RootStatus.Overdue) revert WrongRootStatus(rootId, a.status, RootStatus.Overdue);
        if (block.timestamp <= notBefore) revert TooEarly(rootId, notBefore + 1);
        a.status = RootStatus.Defaulted;
        a.markedAt = uint40(block.timestamp);
        emit MarkedDefaulted(rootId, msg.sender);
    }

    // ------------------------------------------------------------------ recourse

    /// @notice As the financier that bought a piece with recourse and still holds it, call the
    /// seller once the root defaulted.
    /// @param pieceId The piece bought.
    /// @return amount What the seller owes.
    function callRecourse(uint256 pieceId) external returns (uint256 amount) {
        IFinancingMarket.Sale memory sale = market.saleOf(pieceId);
        if (!sale.recourse || _recourse[pieceId].calledAt != 0) revert NoRecourse(pieceId);
        if (msg.sender != sale.financier || receivables.ownerOf(pieceId) != msg.sender) {
            revert NotRecourseFinancier(pieceId, msg.sender);
        }
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        RootStatus status = _accounts[p.rootId].status;
        if (status != RootStatus.Defaulted) revert WrongRootStatus(p.rootId, status, RootStatus.Defaulted);
        amount = recourseAmount(pieceId, block.timestamp);
        if (amount == 0) revert NothingDue(pieceId);
        _recourse[pieceId] = RecourseCall({
            seller: sale.seller,
            amount: uint96(amount),
            financier: msg.sender,
            calledAt: uint40(block.timestamp),
            settled: false
        });
        emit RecourseCalled(pieceId, msg.sender, sale.seller, amount);
    }

    /// @notice Pay an open recourse call (usually as the seller): the cash goes to the
    /// financier, the piece back to the seller. The amount is the call's, less what the piece
    /// collected since the call; the record keeps the amount paid.
    /// @param pieceId The piece.
    function payRecourse(uint256 pieceId) external nonReentrant {
        RecourseCall storage r = _recourse[pieceId];
        if (r.calledAt == 0 || r.settled) revert RecourseNotOpen(pieceId);
        r.settled = true;
        // The call's formula at the call's date, net of everything the piece collected so far.
        uint256 amount = recourseAmount(pieceId, r.calledAt);
        r.amount = uint96(amount);
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        (,,, uint256 tradeId,) = receivables.rootState(p.rootId);
        (,, address currency,) = trades.terms(tradeId);
        emit RecourseSettled(pieceId, r.seller, r.financier, amount);
        receivables.platformTransfer(r.financier, r.seller, pieceId);
        IERC20(currency).safeTransferFrom(msg.sender, r.financier, amount);
    }

    /// @notice Set the default period.
    /// @param period Seconds, at most MAX_DEFAULT_PERIOD.
    function setDefaultPeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (period > MAX_DEFAULT_PERIOD) revert PeriodTooLong(period, MAX_DEFAULT_PERIOD);
        defaultPeriod = period;
        emit DefaultPeriodSet(period);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISettlement
    function accountOf(uint256 rootId) external view returns (Account memory) {
        return _accounts[rootId];
    }

    /// @inheritdoc ISettlement
    function claimable(uint256 pieceId) external view returns (uint256) {
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        if (p.rootId == 0) return 0;
        (,,,, uint256 faceValue) = receivables.rootState(p.rootId);
        return uint256(p.value) * _accounts[p.rootId].repaid / faceValue - claimedOf[pieceId];
    }

    /// @notice The open or settled recourse call on a piece.
    /// @param pieceId The piece.
    function recourseOf(uint256 pieceId) external view returns (RecourseCall memory) {
        return _recourse[pieceId];
    }

    /// @notice What recourse on a piece would cost the seller at `atTime`: price plus interest
    /// at the sale's rate, capped at the piece's value, less what the piece already collected.
    /// @param pieceId The piece.
    /// @param atTime The call date.
    function recourseAmount(uint256 pieceId, uint256 atTime) public view returns (uint256) {
        IFinancingMarket.Sale memory sale = market.saleOf(pieceId);
        if (!sale.recourse) return 0;
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        uint256 owed = sale.price + Discounting.interest(sale.price, sale.rateBps, sale.soldAt, atTime);
        if (owed > p.value) owed = p.value;
        uint256 collected = claimedOf[pieceId];
        return owed > collected ? owed - collected : 0;
    }

    /// @notice The root's status, with "repaid" shown as such.
    /// @param rootId The root.
    /// @return status Current / Overdue / Defaulted as marked.
    /// @return fullyRepaid Whether repaid equals face value.
    /// @return outstanding Face value not yet repaid.
    function statusOf(uint256 rootId) external view returns (RootStatus status, bool fullyRepaid, uint256 outstanding) {
        (,,,, uint256 faceValue) = receivables.rootState(rootId);
        Account storage a = _accounts[rootId];
        return (a.status, faceValue != 0 && a.repaid == faceValue, faceValue - a.repaid);
    }

    // ------------------------------------------------------------------ internals

    /// @dev An existing root not fully repaid; returns maturity + grace + `extra`.
    function _unpaidRoot(uint256 rootId, uint256 extra) private view returns (uint256 notBefore, Account storage a) {
        (uint256 maturity, uint256 allianceId,,, uint256 faceValue) = receivables.rootState(rootId);
        if (maturity == 0) revert UnknownRoot(rootId);
        a = _accounts[rootId];
        if (a.repaid == faceValue) revert RootRepaid(rootId);
        notBefore = maturity + alliances.gracePeriodOf(allianceId) + extra;
    }
}
