// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PlatformAccess} from "./access/PlatformAccess.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IFinancingMarket} from "../interfaces/IFinancingMarket.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";
import {Discounting} from "./libraries/Discounting.sol";
import {ExactTransfer} from "./libraries/ExactTransfer.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title Settlement
/// @notice The obligor repays a root; each piece's holder pulls its share.
/// @dev Rules:
///  - The obligor may repay a root before maturity, in full only; from maturity on anyone may
///    (for it), in one or more payments, up to its face value. A repayment is O(1): it only adds
///    to the root's `repaid`. The first repayment freezes the root: its pieces stop moving (they
///    also stop at maturity), so claims follow pieces, not holders. Before maturity that first
///    repayment is the whole face value, so a receivable stops circulating early only when every
///    piece can be paid in full: neither an outsider nor the obligor (with a part-payment) can
///    freeze it.
///  - A piece's entitlement is floor(value * repaid / face); a claim pays entitlement minus
///    what the piece already got, to the piece's current holder (anyone may trigger it). Floor
///    rounding means claims in any order never exceed repaid; the dust (repaid - claimed) is
///    at most one base unit per piece while a root is partly repaid, and zero once it is fully
///    repaid and claimed (a piece's entitlement is then exactly its value). The fully paid
///    piece is burned on its claim.
///  - Past maturity + the alliance's grace period an unpaid root can be marked Overdue by
///    anyone; the default period later, Defaulted. Both periods are those in force for the
///    root's maturity: a change (by the alliance's core, resp. the operator) applies only to
///    maturities at least CHANGE_DELAY after it, i.e. never to a root already issued, so
///    nobody can move a default that others priced. Repayments remain possible; whoever holds
///    a piece collects.
///  - Recourse: a sale with recourse (FinancingMarket) gives every piece carrying the sale
///    (IReceivableToken.recourseSaleOf: the piece bought and the children split from it) a
///    pro-rata share of the seller's guarantee, whoever holds it (another financier, a pool):
///    share = min(price + interest at the sale's rate from the sale to the payment, value sold)
///    * piece value / value sold. On a Defaulted root not repaid in full, the holder may call
///    the seller once (the call records the share due at the call). When the seller (or anyone
///    for it) pays, it pays the share at the payment's date minus what the piece collected by
///    then: the cash goes to the piece's holder and the piece, without its right of recourse,
///    to the seller. Interest runs until the payment, so neither the call's timing (a pool's
///    call is open to anyone, the seller included) nor a late payment lowers what the seller
///    owes, and the holder never gets more than the share. A call on a root
///    repaid in full (or a piece paid off) closes at zero: nothing is paid twice. An unpaid
///    call stays on record (enforced off-chain).
/// Needs PLATFORM_ROLE on the receivable token (freeze, burn, move pieces back on recourse).
contract Settlement is ISettlement, PlatformAccess, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;

    /// @inheritdoc ISettlement
    uint256 public constant MAX_DEFAULT_PERIOD = PlatformConstants.MAX_DEFAULT_PERIOD;
    /// @inheritdoc ISettlement
    uint256 public constant CHANGE_DELAY = PlatformConstants.RULE_CHANGE_DELAY;
    /// @inheritdoc ISettlement
    uint256 public constant MAX_BATCH = PlatformConstants.MAX_BATCH;

    /// @inheritdoc ISettlement
    IReceivableToken public immutable receivables;
    /// @inheritdoc ISettlement
    ITradeRegistry public immutable trades;
    /// @inheritdoc ISettlement
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc ISettlement
    IFinancingMarket public immutable market;

    /// @dev Default periods keyed by the first maturity they apply to.
    Checkpoints.Trace208 private _defaultPeriods;

    mapping(uint256 rootId => Account) private _accounts;
    /// @inheritdoc ISettlement
    mapping(uint256 rootId => address) public currencyOf;
    /// @inheritdoc ISettlement
    mapping(uint256 pieceId => uint256) public claimedOf;
    mapping(uint256 pieceId => RecourseCall) private _recourse;

    /// @notice Deploy the settlement with its default period.
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
        if (
            address(receivableToken) == address(0) || address(tradeRegistry) == address(0)
                || address(allianceRegistry) == address(0) || address(financingMarket) == address(0)
        ) revert ZeroAddress();
        if (initialDefaultPeriod > MAX_DEFAULT_PERIOD) revert PeriodTooLong(initialDefaultPeriod, MAX_DEFAULT_PERIOD);
        receivables = receivableToken;
        trades = tradeRegistry;
        alliances = allianceRegistry;
        market = financingMarket;
        _defaultPeriods.push(0, uint208(initialDefaultPeriod)); // bound: <= MAX_DEFAULT_PERIOD
    }

    // ------------------------------------------------------------------ repayment

    /// @inheritdoc ISettlement
    function repay(uint256 rootId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        (uint256 maturity,, bool frozen, uint256 tradeId, uint256 faceValue) = receivables.rootState(rootId);
        if (maturity == 0) revert UnknownRoot(rootId);
        Account storage a = _accounts[rootId];
        uint256 outstanding = faceValue - a.repaid;
        if (amount > outstanding) revert RepaymentExceedsOutstanding(amount, outstanding);
        address currency = currencyOf[rootId];
        if (currency == address(0) || block.timestamp < maturity) {
            address obligor;
            (, obligor, currency,) = trades.terms(tradeId);
            if (block.timestamp < maturity) {
                if (msg.sender != obligor) revert EarlyRepaymentByOthers(rootId, msg.sender, maturity);
                // a part-payment would freeze the pieces for a fraction of their value
                if (amount != outstanding) revert EarlyRepaymentMustBeInFull(rootId, outstanding, amount);
            }
            currencyOf[rootId] = currency;
        }
        a.repaid += uint96(amount); // bound: repaid + amount <= face value, a 96-bit field
        emit Repaid(rootId, msg.sender, amount, a.repaid);
        if (!frozen) receivables.freezeRoot(rootId);
        ExactTransfer.pullExact(IERC20(currency), msg.sender, amount);
    }

    /// @inheritdoc ISettlement
    function claim(uint256 pieceId) external nonReentrant returns (uint256 amount) {
        return _claim(pieceId);
    }

    /// @inheritdoc ISettlement
    function claimMany(uint256[] calldata pieceIds) external nonReentrant returns (uint256[] memory amounts) {
        uint256 n = pieceIds.length;
        if (n == 0 || n > MAX_BATCH) revert BadClaimList(n, MAX_BATCH);
        amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            amounts[i] = _claim(pieceIds[i]);
        }
    }

    /// @dev `claim` without the reentrancy guard (its callers hold it).
    function _claim(uint256 pieceId) private returns (uint256 amount) {
        address holder = receivables.ownerOf(pieceId);
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        (,,,, uint256 faceValue) = receivables.rootState(p.rootId);
        Account storage a = _accounts[p.rootId];
        uint256 repaid = a.repaid;
        uint256 entitled = uint256(p.value) * repaid / faceValue;
        uint256 already = claimedOf[pieceId];
        amount = entitled - already;
        if (amount == 0) revert NothingToClaim(pieceId);
        a.claimed += uint96(amount); // bound: claimed <= repaid
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

    /// @inheritdoc ISettlement
    function markOverdue(uint256 rootId) external {
        (uint256 notBefore, Account storage a) = _unpaidRoot(rootId, false);
        if (a.status != RootStatus.Current) revert WrongRootStatus(rootId, a.status, RootStatus.Current);
        if (block.timestamp <= notBefore) revert TooEarly(rootId, notBefore + 1);
        a.status = RootStatus.Overdue;
        a.markedAt = block.timestamp.toUint40();
        emit MarkedOverdue(rootId, msg.sender);
    }

    /// @inheritdoc ISettlement
    function markDefaulted(uint256 rootId) external {
        (uint256 notBefore, Account storage a) = _unpaidRoot(rootId, true);
        if (a.status != RootStatus.Overdue) revert WrongRootStatus(rootId, a.status, RootStatus.Overdue);
        if (block.timestamp <= notBefore) revert TooEarly(rootId, notBefore + 1);
        a.status = RootStatus.Defaulted;
        a.markedAt = block.timestamp.toUint40();
        emit MarkedDefaulted(rootId, msg.sender);
    }

    // ------------------------------------------------------------------ recourse

    /// @inheritdoc ISettlement
    function callRecourse(uint256 pieceId) external returns (uint256 amount) {
        uint256 saleId = receivables.recourseSaleOf(pieceId);
        if (saleId == 0 || _recourse[pieceId].calledAt != 0) revert NoRecourse(pieceId);
        if (receivables.ownerOf(pieceId) != msg.sender) revert NotRecourseFinancier(pieceId, msg.sender);
        uint256 rootId = receivables.pieceInfo(pieceId).rootId;
        Account storage a = _accounts[rootId];
        if (a.status != RootStatus.Defaulted) revert WrongRootStatus(rootId, a.status, RootStatus.Defaulted);
        (,,,, uint256 faceValue) = receivables.rootState(rootId);
        if (a.repaid == faceValue) revert RootRepaid(rootId);
        amount = recourseAmount(pieceId, block.timestamp);
        if (amount == 0) revert NothingDue(pieceId);
        address seller = market.saleById(saleId).seller;
        _recourse[pieceId] = RecourseCall({
            seller: seller,
            amount: uint96(amount), // bound: <= the piece's 96-bit value (recourseAmount)
            financier: msg.sender,
            calledAt: block.timestamp.toUint40(),
            settled: false,
            collected: 0
        });
        emit RecourseCalled(pieceId, msg.sender, seller, amount);
    }

    /// @inheritdoc ISettlement
    function payRecourse(uint256 pieceId) external nonReentrant {
        RecourseCall storage r = _recourse[pieceId];
        if (r.calledAt == 0 || r.settled) revert RecourseNotOpen(pieceId);
        r.settled = true;
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        uint256 amount;
        uint256 tradeId;
        if (p.rootId != 0) {
            uint256 faceValue;
            (,,, tradeId, faceValue) = receivables.rootState(p.rootId);
            // The formula at the payment's date (interest runs until the seller pays, up to the
            // cap), net of everything the piece collected so far: when the call is made does not
            // change what the seller owes, and paying late costs it interest.
            if (_accounts[p.rootId].repaid != faceValue) amount = recourseAmount(pieceId, block.timestamp);
        }
        r.amount = uint96(amount); // bound: <= the piece's 96-bit value (recourseAmount)
        r.collected = uint96(claimedOf[pieceId]); // bound: <= the piece's 96-bit value
        if (amount == 0) {
            emit RecourseSettled(pieceId, r.seller, r.financier, 0);
            return;
        }
        address holder = receivables.ownerOf(pieceId);
        r.financier = holder;
        address seller = r.seller;
        emit RecourseSettled(pieceId, seller, holder, amount);
        receivables.setRecourseSale(pieceId, 0);
        receivables.platformTransfer(holder, seller, pieceId);
        (,, address currency,) = trades.terms(tradeId);
        IERC20(currency).safeTransferFrom(msg.sender, holder, amount);
    }

    /// @inheritdoc ISettlement
    function setDefaultPeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (period > MAX_DEFAULT_PERIOD) revert PeriodTooLong(period, MAX_DEFAULT_PERIOD);
        uint256 effectiveFrom = block.timestamp + CHANGE_DELAY;
        _defaultPeriods.push(effectiveFrom.toUint48(), uint208(period)); // bound: <= MAX_DEFAULT_PERIOD
        emit DefaultPeriodSet(period, effectiveFrom);
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

    /// @inheritdoc ISettlement
    function entitlementOf(uint256 pieceId, address holder, uint256 value)
        external
        view
        returns (uint256 entitled, bool live)
    {
        RecourseCall storage r = _recourse[pieceId];
        if (r.settled && r.amount != 0 && r.financier == holder) return (uint256(r.collected) + r.amount, false);
        uint256 rootId = receivables.pieceInfo(pieceId).rootId;
        if (rootId == 0) return (value, false);
        (,,,, uint256 faceValue) = receivables.rootState(rootId);
        return (value * _accounts[rootId].repaid / faceValue, true);
    }

    /// @inheritdoc ISettlement
    function recourseOf(uint256 pieceId) external view returns (RecourseCall memory) {
        return _recourse[pieceId];
    }

    /// @inheritdoc ISettlement
    function defaultPeriod() external view returns (uint256) {
        return _defaultPeriods.upperLookup(block.timestamp.toUint48());
    }

    /// @inheritdoc ISettlement
    function defaultPeriodFor(uint256 maturity) public view returns (uint256) {
        return _defaultPeriods.upperLookup(maturity.toUint48());
    }

    /// @inheritdoc ISettlement
    function recourseAmount(uint256 pieceId, uint256 atTime) public view returns (uint256) {
        uint256 saleId = receivables.recourseSaleOf(pieceId);
        if (saleId == 0) return 0;
        IFinancingMarket.Sale memory sale = market.saleById(saleId);
        uint256 owed = sale.price + Discounting.interest(sale.price, sale.rateBps, sale.soldAt, atTime);
        if (owed > sale.amount) owed = sale.amount;
        owed = owed * receivables.pieceInfo(pieceId).value / sale.amount;
        uint256 collected = claimedOf[pieceId];
        return owed > collected ? owed - collected : 0;
    }

    /// @inheritdoc ISettlement
    function statusOf(uint256 rootId) external view returns (RootStatus status, bool fullyRepaid, uint256 outstanding) {
        (,,,, uint256 faceValue) = receivables.rootState(rootId);
        Account storage a = _accounts[rootId];
        return (a.status, faceValue != 0 && a.repaid == faceValue, faceValue - a.repaid);
    }

    // ------------------------------------------------------------------ internals

    /// @dev An existing root not fully repaid; returns maturity + grace (+ the default period),
    /// both as in force for the root's maturity.
    function _unpaidRoot(uint256 rootId, bool withDefaultPeriod)
        private
        view
        returns (uint256 notBefore, Account storage a)
    {
        (uint256 maturity, uint256 allianceId,,, uint256 faceValue) = receivables.rootState(rootId);
        if (maturity == 0) revert UnknownRoot(rootId);
        a = _accounts[rootId];
        if (a.repaid == faceValue) revert RootRepaid(rootId);
        notBefore = maturity + alliances.gracePeriodFor(allianceId, maturity);
        if (withDefaultPeriod) notBefore += defaultPeriodFor(maturity);
    }
}
