// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITradeRegistry} from "./ITradeRegistry.sol";
import {ISettlement} from "./ISettlement.sol";
import {IReceivableToken} from "./IReceivableToken.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {
    ICommonErrors,
    ICurrencyErrors,
    IMembershipErrors,
    IPieceErrors,
    ISecuritizationPoolErrors
} from "./IPlatformErrors.sol";

/// @title ISecuritizationPool
/// @notice Asset-backed securities over receivable pieces. A financier (the originator) builds a
/// pool of pieces under eligibility rules, offers a senior and a junior tranche token to
/// investors at par and, once both are fully subscribed, receives the proceeds while the pool
/// keeps the pieces. Collections on the pieces pay the tranches through a sequential waterfall
/// (senior interest, senior principal, then junior); defaults are written down junior first.
interface ISecuritizationPool is
    ICommonErrors,
    ICurrencyErrors,
    IMembershipErrors,
    IPieceErrors,
    ISecuritizationPoolErrors
{
    /// @notice Building: the originator adds pieces. Offering: investors subscribe. Active: the
    /// offering closed, collections flow to the tranches. Cancelled: the pieces went back to the
    /// originator and subscribers take their cash back.
    enum Phase {
        None,
        Building,
        Offering,
        Active,
        Cancelled
    }

    /// @notice The pool's terms as the originator states them at creation.
    struct PoolTerms {
        address currency; // ERC-20 of every piece's root and of the tranches
        uint256 allianceId; // originator: active financier; investors: active investors
        uint256 minMaturity; // pieces' roots must mature in [minMaturity, maxMaturity]
        uint256 maxMaturity;
        uint256 maxPieces; // 1 .. MAX_POOL_PIECES
        uint256 maxTotalValue; // most face value the pool may hold
        uint256 concentrationCapBps; // per obligor, bps of maxTotalValue (10_000 = no cap)
        uint256 seniorCouponBps; // senior's annual coupon (simple, actual/365)
        uint256 seniorMaxShareBps; // senior's largest share of the pool value (< 10_000)
        address[] obligors; // allow-list of obligors; empty = any obligor
    }

    /// @notice A pool's terms and state (three storage slots).
    struct Pool {
        address originator;
        Phase phase;
        uint8 maxPieces;
        uint8 pieceCount;
        bool restricted; // an obligor allow-list is in force
        uint16 concentrationCapBps;
        uint16 seniorCouponBps;
        uint16 seniorMaxShareBps;
        address currency;
        uint32 allianceId;
        uint40 minMaturity;
        uint40 maxMaturity;
        uint96 maxTotalValue;
        uint96 poolValue; // face value of the pieces moved in
    }

    /// @notice The offering: tranche tokens, sizes, what was sold, the deadline.
    struct Offering {
        address seniorToken;
        uint96 seniorCapacity;
        address juniorToken;
        uint96 juniorCapacity;
        uint96 seniorSold;
        uint96 juniorSold;
        uint40 deadline;
    }

    /// @notice The waterfall's books.
    struct Accounts {
        uint96 collected; // cash credited from the pieces (recoveries included)
        uint96 distributed; // cash handed to the tranche tokens
        uint40 lastAccrual; // senior interest accrued up to here
        uint96 seniorPrincipalPaid;
        uint96 seniorInterestPaid;
        uint96 seniorInterestDue; // accrued at lastAccrual, not yet paid
        uint96 juniorPaid;
        uint96 writtenDown; // losses booked on defaulted pieces
        uint96 recovered; // collected on pieces after their write-down
    }

    /// @notice A piece the pool holds (one slot).
    struct PooledPiece {
        uint32 poolId;
        uint96 value; // face value when it was moved in
        uint96 credited; // cash this piece has brought the pool
        bool writtenDown;
    }

    /// @notice What the tranches are worth now: the pool's cash plus the unpaid value of its
    /// pieces not written down, split senior first; a tranche's loss is what it can no longer
    /// expect (senior: of principal and interest due; junior: of its principal).
    struct TrancheValues {
        uint256 assets;
        uint256 seniorOwed;
        uint256 seniorValue;
        uint256 juniorValue;
        uint256 seniorLoss;
        uint256 juniorLoss;
    }

    /// @notice A financier created a pool (it is the originator).
    event PoolCreated(
        uint256 indexed poolId,
        address indexed originator,
        address indexed currency,
        uint256 allianceId,
        uint256 maxPieces,
        uint256 maxTotalValue
    );
    /// @notice An obligor is on the pool's allow-list.
    event ObligorAllowed(uint256 indexed poolId, address indexed obligor);
    /// @notice A piece moved into the pool and was locked.
    event PieceAdded(
        uint256 indexed poolId, uint256 indexed pieceId, address indexed obligor, uint256 value, uint256 maturity
    );
    /// @notice The tranche tokens were deployed and the offering opened.
    event OfferingOpened(
        uint256 indexed poolId,
        address seniorToken,
        address juniorToken,
        uint256 seniorCapacity,
        uint256 juniorCapacity,
        uint256 deadline
    );
    /// @notice An investor subscribed at par to a tranche.
    event Subscribed(uint256 indexed poolId, address indexed investor, bool indexed senior, uint256 amount);
    /// @notice The offering was fully subscribed; the originator received the proceeds.
    event PoolClosed(uint256 indexed poolId, address indexed originator, uint256 proceeds);
    /// @notice The pool was cancelled: pieces back to the originator, subscriptions refundable.
    event PoolCancelled(uint256 indexed poolId, address indexed by, uint256 piecesReturned, uint256 cashReturned);
    /// @notice A piece went back to the originator on cancellation.
    event PieceReturned(uint256 indexed poolId, uint256 indexed pieceId, address indexed originator, bool live);
    /// @notice A tranche holder got its subscription back from a cancelled pool.
    event Refunded(uint256 indexed poolId, address indexed holder, uint256 seniorAmount, uint256 juniorAmount);
    /// @notice Cash paid for a piece was credited to the pool (`recovery`: after its write-down).
    event Collected(uint256 indexed poolId, uint256 indexed pieceId, uint256 amount, bool recovery);
    /// @notice The piece added carries a right of recourse against the seller of market sale
    /// `saleId` (FinancingMarket.saleById): the pool can call it if the root defaults.
    event PieceCarriesRecourse(uint256 indexed poolId, uint256 indexed pieceId, uint256 indexed saleId);
    /// @notice Undistributed cash went down the waterfall to the tranche tokens.
    event Distributed(uint256 indexed poolId, uint256 seniorInterest, uint256 seniorPrincipal, uint256 junior);
    /// @notice A defaulted piece's unrecovered value was booked as a loss.
    event WrittenDown(
        uint256 indexed poolId, uint256 indexed pieceId, uint256 loss, uint256 seniorLoss, uint256 juniorLoss
    );

    /// @notice The pool is not in the phase this step needs.
    error WrongPhase(uint256 poolId, Phase phase, Phase required);

    /// @notice Collect several pieces of an active pool at once (anyone): exactly what `collect`
    /// would credit for each, in order. Refused as a whole (nothing changes) when the list is
    /// empty or longer than MAX_POOL_PIECES, or when one piece would be refused by `collect`
    /// (not in the pool, nothing to collect).
    /// @param poolId An active pool.
    /// @param pieceIds 1 to MAX_POOL_PIECES of its pieces.
    /// @return amounts Cash credited for each piece.
    function collectMany(uint256 poolId, uint256[] calldata pieceIds) external returns (uint256[] memory amounts);

    /// @notice A pool's terms and state.
    function poolInfo(uint256 poolId) external view returns (Pool memory);

    /// @notice A pool's offering.
    function offeringOf(uint256 poolId) external view returns (Offering memory);

    /// @notice A pool's waterfall books.
    function accountsOf(uint256 poolId) external view returns (Accounts memory);

    /// @notice The pool record of a piece (poolId 0: not in a pool).
    function pooledPiece(uint256 pieceId) external view returns (PooledPiece memory);

    /// @notice The pieces a pool holds or held, in the order they were added.
    function piecesOf(uint256 poolId) external view returns (uint256[] memory);

    /// @notice Senior interest due now (accrued since the last distribution included).
    function seniorInterestDue(uint256 poolId) external view returns (uint256);

    /// @notice What the tranches are worth now and what each stands to lose.
    function trancheValues(uint256 poolId) external view returns (TrancheValues memory);

    /// @notice Create a pool as an active financier of `terms.allianceId` (the originator).
    /// Any active financier of the alliance, who becomes the originator (NotFinancier, id = alliance
    /// id). Refused: ZeroAddress (currency or an obligor), ZeroAmount (zero value cap, concentration
    /// cap or senior share), BadPieceLimit, BadMaturityWindow, BpsTooHigh, TooManyObligors, and
    /// SafeCast's SafeCastOverflowedUintDowncast for an alliance id, maturity or value cap too large.
    /// @param terms Currency, alliance, eligibility rules and tranche terms (see PoolTerms).
    /// @return poolId The new pool, in phase Building.
    function createPool(PoolTerms calldata terms) external returns (uint256 poolId);

    /// @notice Move a piece the originator holds into its Building pool; the pool becomes its
    /// holder and locks it. See the contract notes for the eligibility rules.
    /// Only the originator (UnknownPool, NotOriginator), while Building (WrongPhase). Refused:
    /// PoolFull, NotPieceHolder, PieceIsLocked, RootIsFrozen, RootMatured, MaturityOutsideWindow,
    /// WrongCurrency, ObligorNotAllowed, PoolValueExceeded, ConcentrationExceeded.
    /// @param poolId The pool.
    /// @param pieceId The piece.
    function addPiece(uint256 poolId, uint256 pieceId) external;

    /// @notice Open the offering: deploy the senior and junior tranche tokens and size them.
    /// Only the originator (UnknownPool, NotOriginator), while Building (WrongPhase). Refused:
    /// EmptyPool, BadTarget, BadDeadline, EmptyTranche.
    /// @param poolId A Building pool with at least one piece.
    /// @param targetRaise Total cash to raise, at most the pool's value.
    /// @param deadline Last second to subscribe, in (now, now + MAX_OFFERING_PERIOD].
    function openOffering(uint256 poolId, uint256 targetRaise, uint256 deadline) external;

    /// @notice Subscribe to a tranche at par as an active investor of the pool's alliance: pay
    /// `amount` of the currency (by allowance), receive `amount` tranche tokens.
    /// Only an active investor of the pool's alliance (NotInvestor), while Offering (UnknownPool,
    /// WrongPhase), before the deadline (OfferingEnded). Refused: ZeroAmount, ExceedsCapacity,
    /// UnsupportedCurrency.
    /// @param poolId A pool in its offering, before the deadline.
    /// @param senior True for the senior tranche, false for junior.
    /// @param amount Base units, at most what is left of the tranche.
    function subscribe(uint256 poolId, bool senior, uint256 amount) external;

    /// @notice Close a fully subscribed offering (anyone): the originator receives the
    /// subscriptions, the pool keeps the pieces and starts paying the tranches.
    /// Anyone, while Offering (UnknownPool, WrongPhase). Refused: NotFullySubscribed.
    /// @param poolId A pool in its offering with both tranches fully subscribed.
    function close(uint256 poolId) external;

    /// @notice Cancel a pool: by the originator while Building, by anyone once an
    /// undersubscribed offering's deadline has passed. Every piece goes back to the originator
    /// unlocked (loop bounded by MAX_POOL_PIECES), with the cash Settlement already paid the pool
    /// for it; subscribers then `refund`.
    /// The originator while Building or Offering; anyone once an offering's deadline passed without
    /// full subscription (UnknownPool, NotOriginator, WrongPhase, FullySubscribed,
    /// OfferingStillOpen).
    /// @param poolId The pool.
    function cancel(uint256 poolId) external;

    /// @notice After a cancellation, give back all the caller's tranche tokens of the pool for
    /// the cash paid for them (par).
    /// Any tranche-token holder of a Cancelled pool (UnknownPool, WrongPhase). Refused:
    /// NothingToRefund.
    /// @param poolId A cancelled pool.
    function refund(uint256 poolId) external;

    /// @notice Collect a piece's claim from Settlement into the pool (anyone). Credits the pool
    /// with everything Settlement paid for the piece since its last collection, including
    /// claims someone else triggered directly.
    /// Anyone, while Active (UnknownPool, WrongPhase). Refused: PieceNotInPool, NothingToCollect.
    /// @param poolId An active pool.
    /// @param pieceId One of its pieces.
    /// @return amount Cash credited to the pool.
    function collect(uint256 poolId, uint256 pieceId) external returns (uint256 amount);

    /// @notice Call the recourse a pooled piece carries, once its root defaulted (anyone: the
    /// pool is the holder). The seller's payment comes to the pool; `collect` books it.
    /// Anyone, while Active (UnknownPool, WrongPhase, PieceNotInPool); Settlement's refusals
    /// otherwise (NoRecourse, WrongRootStatus, RootRepaid, NothingDue).
    /// @param poolId An active pool.
    /// @param pieceId One of its pieces carrying a right of recourse.
    /// @return amount What the seller owes.
    function callRecourse(uint256 poolId, uint256 pieceId) external returns (uint256 amount);

    /// @notice Pay the pool's undistributed cash down the waterfall (anyone): senior interest
    /// due, senior principal, then junior. The cash goes to the tranche tokens for their
    /// holders to withdraw.
    /// Anyone, while Active (UnknownPool, WrongPhase). Refused: NothingToDistribute.
    /// @param poolId An active pool.
    function distribute(uint256 poolId) external;

    /// @notice Write down a piece whose root Settlement marked Defaulted (anyone): its
    /// unrecovered value is booked as a loss (junior absorbs it first, see `trancheValues`).
    /// Cash already paid for the piece is collected first; later collections are recoveries.
    /// Anyone, while Active (UnknownPool, WrongPhase). Refused: PieceNotInPool, AlreadyWrittenDown,
    /// RootNotDefaulted, NothingToWriteDown.
    /// @param poolId An active pool.
    /// @param pieceId One of its pieces, not yet written down.
    /// @return loss The value written down.
    function writeDown(uint256 poolId, uint256 pieceId) external returns (uint256 loss);

    /// @notice Whether `obligor` may back pieces of the pool (always true without an allow-list).
    /// @param poolId The pool.
    /// @param obligor The core enterprise.
    function isObligorAllowed(uint256 poolId, address obligor) external view returns (bool);

    /// @notice Most pieces a pool may hold: bounds the only loop over a pool's pieces (cancel).
    function MAX_POOL_PIECES() external view returns (uint256);

    /// @notice Longest obligor allow-list.
    function MAX_OBLIGORS() external view returns (uint256);

    /// @notice Longest offering window.
    function MAX_OFFERING_PERIOD() external view returns (uint256);

    /// @notice Highest senior coupon.
    function MAX_COUPON_BPS() external view returns (uint256);

    /// @notice The platform operator (recorded; it has no power over pools).
    function operator() external view returns (address);

    /// @notice The receivable pieces (this contract holds PLATFORM_ROLE on it).
    function receivables() external view returns (IReceivableToken);

    /// @notice Where roots' obligor and currency are read.
    function trades() external view returns (ITradeRegistry);

    /// @notice Membership: originators are financiers, subscribers investors of the pool's alliance.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice Where the pieces' claims are paid (to the holder: this contract).
    function settlement() external view returns (ISettlement);

    /// @notice Last pool id used.
    function poolCount() external view returns (uint256);

    /// @notice Face value of a pool's pieces owed by `obligor` (what the concentration cap limits).
    /// @param poolId The pool.
    /// @param obligor The core enterprise owing the pieces' roots.
    function exposureOf(uint256 poolId, address obligor) external view returns (uint256);
}
