// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PlatformConstants
/// @notice Every number the platform's rules are written in, defined once. Contracts expose the
/// ones that are part of their API as public constants set from here (`MAX_RATE_BPS()`...), so a
/// limit is the same wherever it is checked and documented.
/// @dev Two rules every contract follows (see also README, "Contract conventions"):
/// - Casting: a narrowing cast (`uint96(x)`, `uint40(x)`...) uses OpenZeppelin's SafeCast
///   (`x.toUint96()`, reverting with SafeCastOverflowedUintDowncast) unless a `// bound:` comment
///   on the same line (or directly above, for a group of casts) proves the bound, naming the check
///   or invariant that keeps the value in range (a `> type(uint96).max` refusal above,
///   "<= MAX_RATE_BPS", "a piece's value is a 96-bit field"...).
/// - Constructors: every address argument is checked against zero and refused with the platform's
///   ZeroAddress() (ICommonErrors), before anything is stored or granted.
library PlatformConstants {
    // ---------------------------------------------------------------- units

    /// @notice 100 % in basis points.
    uint256 internal constant BPS = 10_000;
    /// @notice One day.
    uint256 internal constant DAY = 1 days;
    /// @notice The day count of every rate: actual/365, a year of 365 days.
    uint256 internal constant YEAR = 365 days;
    /// @notice Days in that year (the denominator of Discounting's day-count formulas).
    uint256 internal constant DAYS_PER_YEAR = YEAR / DAY;

    // ---------------------------------------------------------------- rates and fees

    /// @notice Highest annual rate of an offer, a pledge loan or an advance-payment deal: 100 %.
    uint256 internal constant MAX_RATE_BPS = BPS;
    /// @notice Highest platform fee on a discounting sale: 5 %.
    uint256 internal constant MAX_FEE_BPS = 500;
    /// @notice Highest senior coupon of a securitization pool: 50 % a year.
    uint256 internal constant MAX_COUPON_BPS = 5_000;

    // ---------------------------------------------------------------- tenors and periods

    /// @notice Longest tenor of a receivable (confirmation to maturity), and the longest term of
    /// every financing and credit: one year.
    uint256 internal constant MAX_TENOR = YEAR;
    /// @notice MAX_TENOR in days: the longest payment term of a credit order, duration of a
    /// pledge loan and term of an advance-payment deal.
    uint256 internal constant MAX_TENOR_DAYS = MAX_TENOR / DAY;
    /// @notice A change of an alliance's grace period or of the default period applies only to
    /// maturities at least this far ahead: longer than any tenor, so never to a receivable or
    /// deal that already exists.
    uint256 internal constant RULE_CHANGE_DELAY = MAX_TENOR + DAY;
    /// @notice Longest grace period after maturity before an unpaid root can be marked overdue.
    uint64 internal constant MAX_GRACE_PERIOD = uint64(YEAR); // bound: 365 days fits 64 bits
    /// @notice Longest default period after the overdue mark before a root can be marked defaulted.
    uint256 internal constant MAX_DEFAULT_PERIOD = YEAR;
    /// @notice Latest delivery deadline of a purchase order, from its placing.
    uint256 internal constant MAX_DELIVERY_TIME = YEAR;
    /// @notice Longest dispute window of the order escrow after delivery.
    uint256 internal constant MAX_DISPUTE_WINDOW = 90 days;
    /// @notice Longest subscription period of a pool's tranche offering.
    uint256 internal constant MAX_OFFERING_PERIOD = 90 days;
    /// @notice Delay of a two-step admin transfer (AccessControlDefaultAdminRules) at deployment.
    uint48 internal constant ADMIN_TRANSFER_DELAY = 2 days;

    // ---------------------------------------------------------------- batch limits (no unbounded loops)

    /// @notice Most items of one batch call: split recipients, merged pieces, claimed pieces.
    uint256 internal constant MAX_BATCH = 50;
    /// @notice Most pieces in one securitization pool.
    uint256 internal constant MAX_POOL_PIECES = 50;
    /// @notice Most obligors on a pool's allow-list.
    uint256 internal constant MAX_OBLIGORS = 20;
    /// @notice Deepest tier of a piece's split lineage.
    uint16 internal constant MAX_TIER = type(uint16).max;
}
