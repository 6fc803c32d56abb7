// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors, ICurrencyErrors, IMembershipErrors, IPieceErrors, ISecuritizationPoolErrors} from "./IPlatformErrors.sol";

/// @title ISecuritizationPool
/// @notice Asset-backed securities over receivable pieces. A financier (the originator) builds a
/// pool of pieces under eligibility rules, offers a senior and a junior tranche token to
/// investors at par and, once both are fully subscribed, receives the proceeds while the pool
/// keeps the pieces. Collections on the pieces pay the tranches through a sequential waterfall
/// (senior interest, senior principal, then junior); defaults are written down junior first.
interface ISecuritizationPool is ICommonErrors, ICurrencyErrors, IMembershipErrors, IPieceErrors, ISecuritizationPoolErrors {
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

    /// @notice The pool is not in the phase this step needs.
    error WrongPhase(uint256 poolId, Phase phase, Phase required);

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
