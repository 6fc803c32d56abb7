// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISecuritizationPool
/// @notice Asset-backed securities over receivable pieces. A financier (the originator) builds a
/// pool of pieces under eligibility rules, offers a senior and a junior tranche token to
/// investors at par and, once both are fully subscribed, receives the proceeds while the pool
/// keeps the pieces. Collections on the pieces pay the tranches through a sequential waterfall
/// (senior interest, senior principal, then junior); defaults are written down junior first.
interface ISecuritizationPool {
    /// @notice Building: the originator adds pieces. Offering: investors subscribe. Active: the
    /// offering closed, collections flow to the tranches. Cancelled: the pieces went back to the
    /// originator and subscribers take their cash back.
    enum Phase { None, Building, Offering, Active, Cancelled }

    /// @notice The pool's terms as the originator states them at creation.
    struct PoolTerms {
        address currency;             // ERC-20 of every piece's root and of the tranches
        uint256 allianceId;           // originator: active financier; investors: active investors
        uint256 minMaturity;          // pieces' roots must mature in [minMaturity, maxMaturity]
        uint256 maxMaturity;
        uint256 maxPieces;            // 1 .. MAX_POOL_PIECES
        uint256 maxTotalValue;        // most face value the pool may hold
        uint256 concentrationCapBps;  // per obligor, bps of maxTotalValue (10_000 = no cap)
        uint256 seniorCouponBps;      // senior's annual coupon (simple, actual/365)
        uint256 seniorMaxShareBps;    // senior's largest share of the pool value (< 10_000)
        address[] obligors;           // allow-list of obligors; empty = any obligor
    }

    /// @notice A pool's terms and state (three storage slots).
    struct Pool {
        address originator;
        Phase phase;
        uint8 maxPieces;
        uint8 pieceCount;
        bool restricted;              // an obligor allow-list is in force
        uint16 concentrationCapBps;
        uint16 seniorCouponBps;
        uint16 seniorMaxShareBps;
        address currency;
        uint32 allianceId;
        uint40 minMaturity;
        uint40 maxMaturity;
        uint96 maxTotalValue;
        uint96 poolValue;             // face value of the pieces moved in
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
        uint96 collected;             // cash credited from the pieces (recoveries included)
        uint96 distributed;           // cash handed to the tranche tokens
        uint40 lastAccrual;           // senior interest accrued up to here
        uint96 seniorPrincipalPaid;
        uint96 seniorInterestPaid;
        uint96 seniorInterestDue;     // accrued at lastAccrual, not yet paid
        uint96 juniorPaid;
        uint96 writtenDown;           // losses booked on defaulted pieces
        uint96 recovered;             // collected on pieces after their write-down
    }

    /// @notice A piece the pool holds (one slot).
    struct PooledPiece {
        uint32 poolId;
        uint96 value;                 // face value when it was moved in
        uint96 credited;              // cash this piece has brought the pool
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

    event PoolCreated(uint256 indexed poolId, address indexed originator, address indexed currency, uint256 allianceId,
        uint256 maxPieces, uint256 maxTotalValue);
    event ObligorAllowed(uint256 indexed poolId, address indexed obligor);
    event PieceAdded(uint256 indexed poolId, uint256 indexed pieceId, address indexed obligor, uint256 value,
        uint256 maturity);
    event OfferingOpened(uint256 indexed poolId, address seniorToken, address juniorToken, uint256 seniorCapacity,
        uint256 juniorCapacity, uint256 deadline);
    event Subscribed(uint256 indexed poolId, address indexed investor, bool indexed senior, uint256 amount);
    event PoolClosed(uint256 indexed poolId, address indexed originator, uint256 proceeds);
    event PoolCancelled(uint256 indexed poolId, address indexed by, uint256 piecesReturned, uint256 cashReturned);
    event PieceReturned(uint256 indexed poolId, uint256 indexed pieceId, address indexed originator, bool live);
    event Refunded(uint256 indexed poolId, address indexed holder, uint256 seniorAmount, uint256 juniorAmount);
    event Collected(uint256 indexed poolId, uint256 indexed pieceId, uint256 amount, bool recovery);
    /// @notice The piece added carries a right of recourse against the seller of market sale
    /// `saleId` (FinancingMarket.saleById): the pool can call it if the root defaults.
    event PieceCarriesRecourse(uint256 indexed poolId, uint256 indexed pieceId, uint256 indexed saleId);
    event Distributed(uint256 indexed poolId, uint256 seniorInterest, uint256 seniorPrincipal, uint256 junior);
    event WrittenDown(uint256 indexed poolId, uint256 indexed pieceId, uint256 loss, uint256 seniorLoss,
        uint256 juniorLoss);

    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice An amount or limit is zero where it must not be.
    error ZeroAmount();
    /// @notice No pool has this id.
    error UnknownPool(uint256 poolId);
    /// @notice Only the pool's originator may do this.
    error NotOriginator(uint256 poolId, address caller);
    /// @notice The pool is not in the phase this step needs.
    error WrongPhase(uint256 poolId, Phase phase, Phase required);
    /// @notice The account is not an active financier of the alliance.
    error NotFinancier(uint256 allianceId, address account);
    /// @notice The account is not an active investor of the alliance.
    error NotInvestor(uint256 allianceId, address account);
    /// @notice The maturity window is empty.
    error BadMaturityWindow(uint256 minMaturity, uint256 maxMaturity);
    /// @notice maxPieces is zero or above MAX_POOL_PIECES.
    error BadPieceLimit(uint256 maxPieces, uint256 maximum);
    /// @notice A basis-point parameter is above its maximum.
    error BpsTooHigh(uint256 bps, uint256 maximum);
    /// @notice The obligor allow-list is too long.
    error TooManyObligors(uint256 count, uint256 maximum);
    /// @notice The caller does not hold the piece.
    error NotPieceHolder(uint256 pieceId, address caller);
    /// @notice The piece is locked by a platform contract.
    error PieceIsLocked(uint256 pieceId);
    /// @notice Settlement of the piece's root has begun.
    error RootIsFrozen(uint256 rootId);
    /// @notice The piece's root has matured.
    error RootMatured(uint256 rootId, uint256 maturity);
    /// @notice The piece's root is in another currency.
    error WrongCurrency(address pieceCurrency, address poolCurrency);
    /// @notice The root's maturity is outside the pool's window.
    error MaturityOutsideWindow(uint256 maturity, uint256 minMaturity, uint256 maxMaturity);
    /// @notice The obligor is not on the pool's allow-list.
    error ObligorNotAllowed(uint256 poolId, address obligor);
    /// @notice The piece would take the obligor's exposure above the concentration cap.
    error ConcentrationExceeded(address obligor, uint256 exposure, uint256 cap);
    /// @notice The pool already holds its maximum number of pieces.
    error PoolFull(uint256 maxPieces);
    /// @notice The piece would take the pool above its maximum total value.
    error PoolValueExceeded(uint256 value, uint256 maxTotalValue);
    /// @notice The pool holds no piece.
    error EmptyPool(uint256 poolId);
    /// @notice The target raise is zero or above the pool's value.
    error BadTarget(uint256 target, uint256 poolValue);
    /// @notice With this target one tranche would be empty.
    error EmptyTranche(uint256 seniorCapacity, uint256 juniorCapacity);
    /// @notice The deadline is not in (now, now + MAX_OFFERING_PERIOD].
    error BadDeadline(uint256 deadline, uint256 latest);
    /// @notice The offering's deadline has passed.
    error OfferingEnded(uint256 deadline);
    /// @notice The subscription exceeds what is left of the tranche.
    error ExceedsCapacity(bool senior, uint256 amount, uint256 remaining);
    /// @notice The currency delivered a different amount than requested (fee-on-transfer).
    error UnsupportedCurrency(address currency, uint256 expected, uint256 received);
    /// @notice The offering cannot close before both tranches are fully subscribed.
    error NotFullySubscribed(uint256 seniorSold, uint256 seniorCapacity, uint256 juniorSold, uint256 juniorCapacity);
    /// @notice A fully subscribed offering cannot be cancelled (anyone can close it).
    error FullySubscribed(uint256 poolId);
    /// @notice An undersubscribed offering can be cancelled only after its deadline.
    error OfferingStillOpen(uint256 deadline);
    /// @notice The caller holds no tranche token of the cancelled pool.
    error NothingToRefund(uint256 poolId, address holder);
    /// @notice The piece is not in this pool.
    error PieceNotInPool(uint256 poolId, uint256 pieceId);
    /// @notice The piece has brought no new cash since its last collection.
    error NothingToCollect(uint256 pieceId);
    /// @notice A collect list is empty or longer than MAX_POOL_PIECES.
    error BadCollectList(uint256 length, uint256 maximum);
    /// @notice The pool holds no undistributed cash.
    error NothingToDistribute(uint256 poolId);
    /// @notice The piece's root is not marked defaulted in Settlement.
    error RootNotDefaulted(uint256 rootId);
    /// @notice The piece was already written down.
    error AlreadyWrittenDown(uint256 pieceId);
    /// @notice The piece has no unrecovered value to write down (fully repaid).
    error NothingToWriteDown(uint256 pieceId);

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
}
