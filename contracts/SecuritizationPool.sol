// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {ISettlement} from "../interfaces/ISettlement.sol";
import {ISecuritizationPool} from "../interfaces/ISecuritizationPool.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {TrancheToken} from "./TrancheToken.sol";
import {ExactTransfer} from "./libraries/ExactTransfer.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title SecuritizationPool
/// @notice Receivable-backed securities: one contract manages every pool by id (so only this
/// contract needs PLATFORM_ROLE on the receivable token). A pool is created by a financier of an
/// alliance (the originator) for one currency with eligibility rules, filled with pieces, offered
/// to the alliance's investors as a senior and a junior tranche token at par, and closed when both
/// are fully subscribed; the pool then holds the pieces, collects their claims and pays the
/// tranches through a sequential waterfall.
/// @dev Phases: Building -> Offering -> Active, or -> Cancelled.
///  - Building: `addPiece` moves a piece the originator holds into the pool (platformTransfer);
///    the pool holds it and never approves anyone, so only platform paths move it (Settlement
///    burns it once paid, or hands it to its seller on recourse: a lock of the pool's would
///    refuse both, since only a locker may move or burn what it locked). Eligibility: unlocked,
///    root neither frozen nor matured, root currency = pool currency, root maturity in
///    [minMaturity, maxMaturity], obligor on the allow-list (if any) and within the concentration cap (exposure to one obligor at most concentrationCapBps of
///    maxTotalValue), at most maxPieces (<= MAX_POOL_PIECES) pieces and maxTotalValue in total.
///    Because the root is not frozen when it comes in, no claim has been paid on the piece yet.
///  - Offering: `openOffering(target, deadline)` deploys the two tranche tokens; senior capacity
///    = min(target, poolValue * seniorMaxShareBps / 10_000), junior = target - senior, both
///    must be non-zero; target <= poolValue (the difference is over-collateralisation that
///    protects both tranches and, as residual, belongs to junior). Active investors of the pool's
///    alliance `subscribe` at par until the deadline.
///  - `close` (anyone, once both tranches are fully subscribed, even after the deadline): the
///    subscriptions go to the originator in the same transaction; the pieces were already held
///    by the pool, so the originator never holds both cash and pieces and investors never hold
///    neither. `cancel`: by the originator while Building, by anyone after an undersubscribed
///    offering's deadline: every piece goes back to the originator (a loop bounded by
///    MAX_POOL_PIECES), with any cash Settlement already paid the pool for it; subscribers
///    `refund` their tokens for their cash at par.
///  - Active: `collect(piece)` (anyone) calls Settlement.claim; the pool credits the piece with
///    floor(value * repaid / face) - credited so far, which also picks up claims someone else
///    triggered directly on Settlement (cash always comes to the holder, the pool);
///    `collectMany` does it for up to MAX_POOL_PIECES pieces in one transaction. `distribute`
///    (anyone) accrues senior interest (simple, couponBps a year, actual/365 pro rata per second,
///    on the outstanding senior principal since the last distribution, rounded down) and pays the
///    pool's undistributed cash: senior interest due, then senior principal, then everything else
///    to junior; the cash goes to the tranche tokens, whose holders pull it (no loop over
///    investors). Interest accrues on unpaid senior principal only (never on unpaid interest)
///    for as long as principal is outstanding, also after write-downs: it is senior's claim,
///    paid if the cash comes. `writeDown(piece)` (anyone) on a piece whose root Settlement marked Defaulted
///    books its unrecovered value as a loss; later collections on it are recoveries and still
///    flow through the waterfall.
///  - Recourse: the right of recourse a piece carries (IReceivableToken.recourseSaleOf, shown
///    to investors by `PieceAdded`'s companion event `PieceCarriesRecourse`) follows it into
///    the pool. Once its root defaulted, anyone (a keeper) may `callRecourse`; when the seller
///    pays, the cash reaches the pool and the piece goes to the seller; `collect` then books
///    what the piece brought (its claims + the recourse payment) as a collection (a recovery
///    if it was written down), and `writeDown` books the rest as a loss.
///  - Losses hit junior first by construction: junior is paid only after senior interest and
///    principal are paid in full. `trancheValues` shows it: the pool's assets (cash + unpaid
///    value of pieces not written down) cover senior's principal and interest first, junior
///    gets the rest; each tranche's loss is what it can no longer expect.
/// Trust: the receivable token, trade registry, alliance registry and Settlement are platform
/// contracts. The operator has no power over pools. Every cash or piece movement is
/// nonReentrant and follows checks-effects-interactions.
contract SecuritizationPool is ISecuritizationPool, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc ISecuritizationPool
    uint256 public constant MAX_POOL_PIECES = PlatformConstants.MAX_POOL_PIECES;
    /// @inheritdoc ISecuritizationPool
    uint256 public constant MAX_OBLIGORS = PlatformConstants.MAX_OBLIGORS;
    /// @inheritdoc ISecuritizationPool
    uint256 public constant MAX_OFFERING_PERIOD = PlatformConstants.MAX_OFFERING_PERIOD;
    /// @inheritdoc ISecuritizationPool
    uint256 public constant MAX_COUPON_BPS = PlatformConstants.MAX_COUPON_BPS;
    uint256 private constant BPS = PlatformConstants.BPS;
    uint256 private constant YEAR = PlatformConstants.YEAR;

    /// @inheritdoc ISecuritizationPool
    address public immutable operator;
    /// @inheritdoc ISecuritizationPool
    IReceivableToken public immutable receivables;
    /// @inheritdoc ISecuritizationPool
    ITradeRegistry public immutable trades;
    /// @inheritdoc ISecuritizationPool
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc ISecuritizationPool
    ISettlement public immutable settlement;

    /// @inheritdoc ISecuritizationPool
    uint256 public poolCount;

    mapping(uint256 poolId => Pool) private _pools;
    mapping(uint256 poolId => Offering) private _offerings;
    mapping(uint256 poolId => Accounts) private _accounts;
    mapping(uint256 poolId => uint256[]) private _pieceIds;
    mapping(uint256 pieceId => PooledPiece) private _pooled;
    mapping(uint256 poolId => mapping(address obligor => bool)) private _allowed;
    /// @inheritdoc ISecuritizationPool
    mapping(uint256 poolId => mapping(address obligor => uint256)) public exposureOf;

    /// @notice Deploy the pool contract (every pool lives here, by id).
    /// @param operator_ The platform operator.
    /// @param receivableToken The pieces (this contract needs its PLATFORM_ROLE).
    /// @param tradeRegistry For roots' obligor and currency.
    /// @param allianceRegistry For originator and investor membership.
    /// @param settlement_ Where pieces' claims are paid.
    constructor(
        address operator_,
        IReceivableToken receivableToken,
        ITradeRegistry tradeRegistry,
        IAllianceRegistry allianceRegistry,
        ISettlement settlement_
    ) {
        if (
            operator_ == address(0) || address(receivableToken) == address(0) || address(tradeRegistry) == address(0)
                || address(allianceRegistry) == address(0) || address(settlement_) == address(0)
        ) revert ZeroAddress();
        operator = operator_;
        receivables = receivableToken;
        trades = tradeRegistry;
        alliances = allianceRegistry;
        settlement = settlement_;
    }

    // ------------------------------------------------------------------ building

    /// @inheritdoc ISecuritizationPool
    function createPool(PoolTerms calldata terms) external returns (uint256 poolId) {
        if (!alliances.isActiveMember(terms.allianceId, msg.sender, EnterpriseRoles.FINANCIER)) {
            revert NotFinancier(terms.allianceId, msg.sender);
        }
        if (terms.currency == address(0)) revert ZeroAddress();
        if (terms.maxTotalValue == 0 || terms.concentrationCapBps == 0 || terms.seniorMaxShareBps == 0) {
            revert ZeroAmount();
        }
        if (terms.maxPieces == 0 || terms.maxPieces > MAX_POOL_PIECES) {
            revert BadPieceLimit(terms.maxPieces, MAX_POOL_PIECES);
        }
        if (terms.minMaturity > terms.maxMaturity || terms.maxMaturity <= block.timestamp) {
            revert BadMaturityWindow(terms.minMaturity, terms.maxMaturity);
        }
        if (terms.concentrationCapBps > BPS) revert BpsTooHigh(terms.concentrationCapBps, BPS);
        if (terms.seniorCouponBps > MAX_COUPON_BPS) revert BpsTooHigh(terms.seniorCouponBps, MAX_COUPON_BPS);
        if (terms.seniorMaxShareBps >= BPS) revert BpsTooHigh(terms.seniorMaxShareBps, BPS - 1);
        uint256 n = terms.obligors.length;
        if (n > MAX_OBLIGORS) revert TooManyObligors(n, MAX_OBLIGORS);

        poolId = ++poolCount;
        _pools[poolId] = Pool({
            originator: msg.sender,
            phase: Phase.Building,
            maxPieces: uint8(terms.maxPieces), // bound: <= MAX_POOL_PIECES (BadPieceLimit)
            pieceCount: 0,
            restricted: n != 0,
            concentrationCapBps: uint16(terms.concentrationCapBps), // bound: <= BPS (BpsTooHigh)
            seniorCouponBps: uint16(terms.seniorCouponBps), // bound: <= MAX_COUPON_BPS (BpsTooHigh)
            seniorMaxShareBps: uint16(terms.seniorMaxShareBps), // bound: < BPS (BpsTooHigh)
            currency: terms.currency,
            allianceId: terms.allianceId.toUint32(),
            minMaturity: terms.minMaturity.toUint40(),
            maxMaturity: terms.maxMaturity.toUint40(),
            maxTotalValue: terms.maxTotalValue.toUint96(),
            poolValue: 0
        });
        for (uint256 i; i < n; ++i) {
            address obligor = terms.obligors[i];
            if (obligor == address(0)) revert ZeroAddress();
            _allowed[poolId][obligor] = true;
            emit ObligorAllowed(poolId, obligor);
        }
        emit PoolCreated(poolId, msg.sender, terms.currency, terms.allianceId, terms.maxPieces, terms.maxTotalValue);
    }

    /// @inheritdoc ISecuritizationPool
    function addPiece(uint256 poolId, uint256 pieceId) external nonReentrant {
        Pool storage pool = _originatorPool(poolId, Phase.Building);
        if (pool.pieceCount >= pool.maxPieces) revert PoolFull(pool.maxPieces);
        if (receivables.ownerOf(pieceId) != msg.sender) revert NotPieceHolder(pieceId, msg.sender);
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        if (p.locked) revert PieceIsLocked(pieceId);
        (address obligor, uint256 maturity) = _checkRoot(pool, p.rootId);
        if (pool.restricted && !_allowed[poolId][obligor]) revert ObligorNotAllowed(poolId, obligor);
        uint256 value = p.value;
        uint256 maxTotal = pool.maxTotalValue;
        uint256 newPoolValue = pool.poolValue + value;
        if (newPoolValue > maxTotal) revert PoolValueExceeded(newPoolValue, maxTotal);
        uint256 exposure = exposureOf[poolId][obligor] + value;
        uint256 cap = maxTotal * pool.concentrationCapBps / BPS;
        if (exposure > cap) revert ConcentrationExceeded(obligor, exposure, cap);

        pool.poolValue = uint96(newPoolValue); // bound: <= maxTotalValue (PoolValueExceeded)
        pool.pieceCount += 1;
        exposureOf[poolId][obligor] = exposure;
        // bound: a piece's value is a 96-bit field
        _pooled[pieceId] =
            PooledPiece({poolId: poolId.toUint32(), value: uint96(value), credited: 0, writtenDown: false});
        _pieceIds[poolId].push(pieceId);
        emit PieceAdded(poolId, pieceId, obligor, value, maturity);
        uint256 saleId = receivables.recourseSaleOf(pieceId);
        if (saleId != 0) emit PieceCarriesRecourse(poolId, pieceId, saleId);

        receivables.platformTransfer(msg.sender, address(this), pieceId);
    }

    // ------------------------------------------------------------------ offering

    /// @inheritdoc ISecuritizationPool
    function openOffering(uint256 poolId, uint256 targetRaise, uint256 deadline) external nonReentrant {
        Pool storage pool = _originatorPool(poolId, Phase.Building);
        uint256 poolValue = pool.poolValue;
        if (pool.pieceCount == 0) revert EmptyPool(poolId);
        if (targetRaise == 0 || targetRaise > poolValue) revert BadTarget(targetRaise, poolValue);
        uint256 latest = block.timestamp + MAX_OFFERING_PERIOD;
        if (deadline <= block.timestamp || deadline > latest) revert BadDeadline(deadline, latest);
        uint256 seniorCapacity = poolValue * pool.seniorMaxShareBps / BPS;
        if (seniorCapacity > targetRaise) seniorCapacity = targetRaise;
        uint256 juniorCapacity = targetRaise - seniorCapacity;
        if (seniorCapacity == 0 || juniorCapacity == 0) revert EmptyTranche(seniorCapacity, juniorCapacity);

        pool.phase = Phase.Offering;
        address seniorToken = _deployTranche(poolId, pool.currency, true);
        address juniorToken = _deployTranche(poolId, pool.currency, false);
        _offerings[poolId] = Offering({
            seniorToken: seniorToken,
            seniorCapacity: uint96(seniorCapacity), // bound: <= targetRaise <= poolValue (96 bits)
            juniorToken: juniorToken,
            juniorCapacity: uint96(juniorCapacity), // bound: <= targetRaise <= poolValue (96 bits)
            seniorSold: 0,
            juniorSold: 0,
            deadline: deadline.toUint40()
        });
        emit OfferingOpened(poolId, seniorToken, juniorToken, seniorCapacity, juniorCapacity, deadline);
    }

    /// @inheritdoc ISecuritizationPool
    function subscribe(uint256 poolId, bool senior, uint256 amount) external nonReentrant {
        Pool storage pool = _poolIn(poolId, Phase.Offering);
        Offering storage o = _offerings[poolId];
        if (block.timestamp > o.deadline) revert OfferingEnded(o.deadline);
        if (!alliances.isActiveMember(pool.allianceId, msg.sender, EnterpriseRoles.INVESTOR)) {
            revert NotInvestor(pool.allianceId, msg.sender);
        }
        if (amount == 0) revert ZeroAmount();
        address token;
        if (senior) {
            uint256 remaining = o.seniorCapacity - o.seniorSold;
            if (amount > remaining) revert ExceedsCapacity(true, amount, remaining);
            o.seniorSold += uint96(amount); // bound: <= seniorCapacity (ExceedsCapacity)
            token = o.seniorToken;
        } else {
            uint256 remaining = o.juniorCapacity - o.juniorSold;
            if (amount > remaining) revert ExceedsCapacity(false, amount, remaining);
            o.juniorSold += uint96(amount); // bound: <= juniorCapacity (ExceedsCapacity)
            token = o.juniorToken;
        }
        emit Subscribed(poolId, msg.sender, senior, amount);
        ExactTransfer.pullExact(IERC20(pool.currency), msg.sender, amount);
        ITrancheToken(token).mint(msg.sender, amount);
    }

    /// @inheritdoc ISecuritizationPool
    function close(uint256 poolId) external nonReentrant {
        Pool storage pool = _poolIn(poolId, Phase.Offering);
        Offering storage o = _offerings[poolId];
        (uint256 seniorSold, uint256 juniorSold) = (o.seniorSold, o.juniorSold);
        if (seniorSold != o.seniorCapacity || juniorSold != o.juniorCapacity) {
            revert NotFullySubscribed(seniorSold, o.seniorCapacity, juniorSold, o.juniorCapacity);
        }
        pool.phase = Phase.Active;
        _accounts[poolId].lastAccrual = block.timestamp.toUint40();
        uint256 proceeds = seniorSold + juniorSold;
        address originator = pool.originator;
        emit PoolClosed(poolId, originator, proceeds);
        IERC20(pool.currency).safeTransfer(originator, proceeds);
    }

    /// @inheritdoc ISecuritizationPool
    function cancel(uint256 poolId) external nonReentrant {
        Pool storage pool = _requirePool(poolId);
        Phase phase = pool.phase;
        address originator = pool.originator;
        if (phase == Phase.Building) {
            if (msg.sender != originator) revert NotOriginator(poolId, msg.sender);
        } else if (phase == Phase.Offering) {
            Offering storage o = _offerings[poolId];
            if (o.seniorSold == o.seniorCapacity && o.juniorSold == o.juniorCapacity) revert FullySubscribed(poolId);
            if (block.timestamp <= o.deadline) revert OfferingStillOpen(o.deadline);
        } else {
            revert WrongPhase(poolId, phase, Phase.Offering);
        }
        pool.phase = Phase.Cancelled;
        uint256[] storage ids = _pieceIds[poolId];
        uint256 n = ids.length; // <= maxPieces <= MAX_POOL_PIECES
        uint256 cash;
        for (uint256 i; i < n; ++i) {
            uint256 pieceId = ids[i];
            uint256 value = _pooled[pieceId].value;
            delete _pooled[pieceId];
            (uint256 entitled, bool live) = _entitlement(pieceId, value);
            // what Settlement already paid the pool for this piece (claims triggered directly)
            cash += live ? entitled - settlement.claimable(pieceId) : entitled;
            emit PieceReturned(poolId, pieceId, originator, live);
            if (live) receivables.platformTransfer(address(this), originator, pieceId);
        }
        emit PoolCancelled(poolId, msg.sender, n, cash);
        if (cash != 0) IERC20(pool.currency).safeTransfer(originator, cash);
    }

    /// @inheritdoc ISecuritizationPool
    function refund(uint256 poolId) external nonReentrant {
        Pool storage pool = _poolIn(poolId, Phase.Cancelled);
        Offering storage o = _offerings[poolId];
        uint256 seniorAmount;
        uint256 juniorAmount;
        if (o.seniorToken != address(0)) {
            seniorAmount = IERC20(o.seniorToken).balanceOf(msg.sender);
            juniorAmount = IERC20(o.juniorToken).balanceOf(msg.sender);
        }
        if (seniorAmount + juniorAmount == 0) revert NothingToRefund(poolId, msg.sender);
        emit Refunded(poolId, msg.sender, seniorAmount, juniorAmount);
        if (seniorAmount != 0) ITrancheToken(o.seniorToken).burn(msg.sender, seniorAmount);
        if (juniorAmount != 0) ITrancheToken(o.juniorToken).burn(msg.sender, juniorAmount);
        IERC20(pool.currency).safeTransfer(msg.sender, seniorAmount + juniorAmount);
    }

    // ------------------------------------------------------------------ collections and waterfall

    /// @inheritdoc ISecuritizationPool
    function collect(uint256 poolId, uint256 pieceId) external nonReentrant returns (uint256 amount) {
        _poolIn(poolId, Phase.Active);
        return _collect(poolId, pieceId);
    }

    /// @inheritdoc ISecuritizationPool
    function collectMany(uint256 poolId, uint256[] calldata pieceIds)
        external
        nonReentrant
        returns (uint256[] memory amounts)
    {
        _poolIn(poolId, Phase.Active);
        uint256 n = pieceIds.length;
        if (n == 0 || n > MAX_POOL_PIECES) revert BadCollectList(n, MAX_POOL_PIECES);
        amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            amounts[i] = _collect(poolId, pieceIds[i]);
        }
    }

    /// @inheritdoc ISecuritizationPool
    function callRecourse(uint256 poolId, uint256 pieceId) external nonReentrant returns (uint256 amount) {
        _poolIn(poolId, Phase.Active);
        _pooledIn(poolId, pieceId);
        // Settlement's RecourseCalled event names the pool as the calling holder
        amount = settlement.callRecourse(pieceId);
    }

    /// @inheritdoc ISecuritizationPool
    function distribute(uint256 poolId) external nonReentrant {
        Pool storage pool = _poolIn(poolId, Phase.Active);
        Accounts storage a = _accounts[poolId];
        Offering storage o = _offerings[poolId];
        uint256 due = _interestDue(a, o.seniorSold, pool.seniorCouponBps);
        uint256 cash = a.collected - a.distributed;
        if (cash == 0) revert NothingToDistribute(poolId);
        uint256 interest = cash < due ? cash : due;
        uint256 outstanding = o.seniorSold - a.seniorPrincipalPaid;
        uint256 rest = cash - interest;
        uint256 principal = rest < outstanding ? rest : outstanding;
        uint256 junior = rest - principal;

        a.lastAccrual = block.timestamp.toUint40();
        a.seniorInterestDue = (due - interest).toUint96(); // accrues with time: no static bound
        // bound (four casts): each part <= cash, and all cash distributed <= collected <= poolValue
        a.seniorInterestPaid += uint96(interest);
        a.seniorPrincipalPaid += uint96(principal);
        a.juniorPaid += uint96(junior);
        a.distributed += uint96(cash);
        emit Distributed(poolId, interest, principal, junior);

        IERC20 currency = IERC20(pool.currency);
        uint256 senior = interest + principal;
        if (senior != 0) {
            currency.safeTransfer(o.seniorToken, senior);
            ITrancheToken(o.seniorToken).distributeFunds(senior);
        }
        if (junior != 0) {
            currency.safeTransfer(o.juniorToken, junior);
            ITrancheToken(o.juniorToken).distributeFunds(junior);
        }
    }

    /// @inheritdoc ISecuritizationPool
    function writeDown(uint256 poolId, uint256 pieceId) external nonReentrant returns (uint256 loss) {
        _poolIn(poolId, Phase.Active);
        PooledPiece storage rec = _pooledIn(poolId, pieceId);
        if (rec.writtenDown) revert AlreadyWrittenDown(pieceId);
        uint256 value = rec.value;
        // not live: closed (entitled to its whole value) or bought back on recourse (defaulted)
        (uint256 entitled, bool live) = _entitlement(pieceId, value);
        if (live) {
            uint256 rootId = receivables.pieceInfo(pieceId).rootId;
            if (settlement.accountOf(rootId).status != ISettlement.RootStatus.Defaulted) {
                revert RootNotDefaulted(rootId);
            }
        }
        loss = value - entitled;
        if (loss == 0) revert NothingToWriteDown(pieceId);
        _credit(poolId, pieceId, rec, entitled, false); // cash paid for it before the write-down
        rec.writtenDown = true;
        _accounts[poolId].writtenDown += uint96(loss); // bound: loss <= the piece's 96-bit value
        TrancheValues memory v = trancheValues(poolId);
        emit WrittenDown(poolId, pieceId, loss, v.seniorLoss, v.juniorLoss);
        _claimIfDue(pieceId, live);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ISecuritizationPool
    function poolInfo(uint256 poolId) external view returns (Pool memory) {
        return _pools[poolId];
    }

    /// @inheritdoc ISecuritizationPool
    function offeringOf(uint256 poolId) external view returns (Offering memory) {
        return _offerings[poolId];
    }

    /// @inheritdoc ISecuritizationPool
    function accountsOf(uint256 poolId) external view returns (Accounts memory) {
        return _accounts[poolId];
    }

    /// @inheritdoc ISecuritizationPool
    function pooledPiece(uint256 pieceId) external view returns (PooledPiece memory) {
        return _pooled[pieceId];
    }

    /// @inheritdoc ISecuritizationPool
    function piecesOf(uint256 poolId) external view returns (uint256[] memory) {
        return _pieceIds[poolId];
    }

    /// @inheritdoc ISecuritizationPool
    function isObligorAllowed(uint256 poolId, address obligor) external view returns (bool) {
        return !_pools[poolId].restricted || _allowed[poolId][obligor];
    }

    /// @inheritdoc ISecuritizationPool
    function seniorInterestDue(uint256 poolId) public view returns (uint256) {
        if (_pools[poolId].phase != Phase.Active) return 0;
        return _interestDue(_accounts[poolId], _offerings[poolId].seniorSold, _pools[poolId].seniorCouponBps);
    }

    /// @inheritdoc ISecuritizationPool
    /// @dev assets = undistributed cash + (poolValue - collected - (writtenDown - recovered)),
    /// i.e. cash plus the unpaid face value of the pieces not written down; senior takes
    /// min(assets, principal outstanding + interest due), junior the rest.
    function trancheValues(uint256 poolId) public view returns (TrancheValues memory v) {
        if (_pools[poolId].phase != Phase.Active) return v;
        Accounts storage a = _accounts[poolId];
        Offering storage o = _offerings[poolId];
        uint256 lossOutstanding = uint256(a.writtenDown) - a.recovered;
        uint256 performing = uint256(_pools[poolId].poolValue) - a.collected - lossOutstanding;
        v.assets = performing + a.collected - a.distributed;
        v.seniorOwed = uint256(o.seniorSold) - a.seniorPrincipalPaid + seniorInterestDue(poolId);
        v.seniorValue = v.assets < v.seniorOwed ? v.assets : v.seniorOwed;
        v.juniorValue = v.assets - v.seniorValue;
        v.seniorLoss = v.seniorOwed - v.seniorValue;
        uint256 juniorExpects = uint256(a.juniorPaid) + v.juniorValue;
        v.juniorLoss = o.juniorSold > juniorExpects ? o.juniorSold - juniorExpects : 0;
    }

    // ------------------------------------------------------------------ internals

    function _requirePool(uint256 poolId) private view returns (Pool storage pool) {
        pool = _pools[poolId];
        if (pool.phase == Phase.None) revert UnknownPool(poolId);
    }

    function _poolIn(uint256 poolId, Phase phase) private view returns (Pool storage pool) {
        pool = _requirePool(poolId);
        if (pool.phase != phase) revert WrongPhase(poolId, pool.phase, phase);
    }

    function _originatorPool(uint256 poolId, Phase phase) private view returns (Pool storage pool) {
        pool = _poolIn(poolId, phase);
        if (msg.sender != pool.originator) revert NotOriginator(poolId, msg.sender);
    }

    function _pooledIn(uint256 poolId, uint256 pieceId) private view returns (PooledPiece storage rec) {
        rec = _pooled[pieceId];
        if (rec.poolId != poolId) revert PieceNotInPool(poolId, pieceId);
    }

    /// @dev The root must still trade, be in the pool's currency and mature in its window.
    function _checkRoot(Pool storage pool, uint256 rootId) private view returns (address obligor, uint256 maturity) {
        bool frozen;
        uint256 tradeId;
        (maturity,, frozen, tradeId,) = receivables.rootState(rootId);
        if (frozen) revert RootIsFrozen(rootId);
        if (block.timestamp >= maturity) revert RootMatured(rootId, maturity);
        if (maturity < pool.minMaturity || maturity > pool.maxMaturity) {
            revert MaturityOutsideWindow(maturity, pool.minMaturity, pool.maxMaturity);
        }
        address currency;
        (, obligor, currency,) = trades.terms(tradeId);
        if (currency != pool.currency) revert WrongCurrency(currency, pool.currency);
    }

    /// @dev `collect` of an active pool's piece, without the phase check and the reentrancy
    /// guard (its callers hold both).
    function _collect(uint256 poolId, uint256 pieceId) private returns (uint256 amount) {
        PooledPiece storage rec = _pooledIn(poolId, pieceId);
        (uint256 entitled, bool live) = _entitlement(pieceId, rec.value);
        amount = _credit(poolId, pieceId, rec, entitled, rec.writtenDown);
        if (amount == 0) revert NothingToCollect(pieceId);
        _claimIfDue(pieceId, live);
    }

    /// @dev Book what a piece brought since its last collection (`entitled` - credited) as
    /// collected (a recovery if it was written down); returns it (0: nothing booked).
    function _credit(uint256 poolId, uint256 pieceId, PooledPiece storage rec, uint256 entitled, bool recovery)
        private
        returns (uint256 amount)
    {
        amount = entitled - rec.credited;
        if (amount == 0) return 0;
        // bound (four casts): a piece's entitlement <= its 96-bit value; collections <= poolValue
        rec.credited = uint96(entitled);
        Accounts storage a = _accounts[poolId];
        a.collected += uint96(amount);
        if (recovery) a.recovered += uint96(amount);
        emit Collected(poolId, pieceId, amount, recovery);
    }

    /// @dev Have Settlement pay the pool what a live piece can claim now (the cash comes here).
    function _claimIfDue(uint256 pieceId, bool live) private {
        if (live && settlement.claimable(pieceId) != 0) settlement.claim(pieceId);
    }

    /// @dev What the piece brought the pool in total so far: floor(value * repaid / face) while
    /// the pool holds it; its whole value once it was closed (paid in full and burned); once the
    /// seller bought it back on recourse, the claims it had collected plus the recourse paid.
    function _entitlement(uint256 pieceId, uint256 value) private view returns (uint256 entitled, bool live) {
        return settlement.entitlementOf(pieceId, address(this), value);
    }

    /// @dev Senior interest due now: what was due at the last accrual plus simple interest on the
    /// outstanding senior principal since then (rounded down).
    function _interestDue(Accounts storage a, uint256 seniorSold, uint256 couponBps) private view returns (uint256) {
        uint256 outstanding = seniorSold - a.seniorPrincipalPaid;
        uint256 elapsed = block.timestamp - a.lastAccrual;
        return a.seniorInterestDue + outstanding * couponBps * elapsed / (BPS * YEAR);
    }

    /// @dev A tranche token named after the pool, e.g. "scf-chain ABS pool 3 senior" / SCF3S.
    function _deployTranche(uint256 poolId, address currency, bool senior) private returns (address) {
        string memory id = Strings.toString(poolId);
        string memory name = string.concat("scf-chain ABS pool ", id, senior ? " senior" : " junior");
        string memory symbol = string.concat("SCF", id, senior ? "S" : "J");
        return address(new TrancheToken(name, symbol, _decimalsOf(currency), currency, poolId, senior));
    }

    function _decimalsOf(address currency) private view returns (uint8) {
        try IERC20Metadata(currency).decimals() returns (uint8 d) {
            return d;
        } catch {
            return 18;
        }
    }
}
