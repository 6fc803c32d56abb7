// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISettlement
/// @notice Repayment of roots by their obligor (O(1) whatever the number of pieces), per-piece
/// pull claims, overdue and default marking, and recourse against sellers.
interface ISettlement {
    enum RootStatus { Current, Overdue, Defaulted }

    /// @notice Per-root account: one slot.
    struct Account {
        uint96 repaid;      // cash paid in for the root
        uint96 claimed;     // cash paid out to piece holders
        uint40 markedAt;    // when it was last marked overdue / defaulted
        RootStatus status;
    }

    /// @notice A recourse call on a piece carrying a right of recourse.
    struct RecourseCall {
        address seller;     // owes `amount` and gets the piece back when it pays
        uint96 amount;      // at the call: due then; once settled: paid (0: closed with nothing due)
        address financier;  // the holder that called; once paid, the holder that was paid
        uint40 calledAt;
        bool settled;
        uint96 collected;   // once settled: what the piece had collected from claims by then
    }

    event Repaid(uint256 indexed rootId, address indexed payer, uint256 amount, uint256 totalRepaid);
    event Claimed(uint256 indexed pieceId, uint256 indexed rootId, address indexed holder, uint256 amount, bool closed);
    event MarkedOverdue(uint256 indexed rootId, address indexed by);
    event MarkedDefaulted(uint256 indexed rootId, address indexed by);
    event RecourseCalled(uint256 indexed pieceId, address indexed financier, address indexed seller, uint256 amount);
    event RecourseSettled(uint256 indexed pieceId, address indexed seller, address indexed financier, uint256 amount);
    /// @notice The default period for roots maturing from `effectiveFrom` on.
    event DefaultPeriodSet(uint256 defaultPeriod, uint256 effectiveFrom);

    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice No root has this id.
    error UnknownRoot(uint256 rootId);
    /// @notice The repayment exceeds what is still owed on the root.
    error RepaymentExceedsOutstanding(uint256 amount, uint256 outstanding);
    /// @notice The piece has nothing to claim now.
    error NothingToClaim(uint256 pieceId);
    /// @notice A claim list is empty or longer than MAX_BATCH.
    error BadClaimList(uint256 length, uint256 maximum);
    /// @notice The root is fully repaid: it can be neither overdue nor defaulted.
    error RootRepaid(uint256 rootId);
    /// @notice The root is not in the status this step needs.
    error WrongRootStatus(uint256 rootId, RootStatus status, RootStatus required);
    /// @notice Too early: the step is possible from `notBefore`.
    error TooEarly(uint256 rootId, uint256 notBefore);
    /// @notice The piece carries no right of recourse, or recourse was already called on it.
    error NoRecourse(uint256 pieceId);
    /// @notice Only the piece's holder may call recourse.
    error NotRecourseFinancier(uint256 pieceId, address caller);
    /// @notice Nothing is due: the piece already collected what recourse would pay.
    error NothingDue(uint256 pieceId);
    /// @notice The recourse call is not open.
    error RecourseNotOpen(uint256 pieceId);
    /// @notice The currency delivered a different amount than requested (fee-on-transfer).
    error UnsupportedCurrency(address currency, uint256 expected, uint256 received);
    /// @notice The period exceeds the maximum.
    error PeriodTooLong(uint256 period, uint256 maximum);
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice Before maturity only the root's obligor may repay it.
    error EarlyRepaymentByOthers(uint256 rootId, address caller, uint256 maturity);
    /// @notice Before maturity the obligor may only repay the whole outstanding amount (a
    /// part-payment would freeze its creditors' pieces early).
    error EarlyRepaymentMustBeInFull(uint256 rootId, uint256 outstanding, uint256 offered);

    /// @notice The settlement account of a root.
    function accountOf(uint256 rootId) external view returns (Account memory);

    /// @notice Claim for several pieces in one transaction (for keepers): each piece exactly as
    /// `claim` does (paid to its holder, burned when fully paid). Nothing is skipped: if any
    /// piece cannot be claimed the whole call reverts with that piece's error (NothingToClaim,
    /// or the token's ERC721NonexistentToken for a burned or unknown piece, a piece listed
    /// twice included once its first claim burned it or left it nothing).
    /// @param pieceIds One to MAX_BATCH pieces, of any roots and holders.
    /// @return amounts Paid for each piece, in the order given.
    function claimMany(uint256[] calldata pieceIds) external returns (uint256[] memory amounts);

    /// @notice What a piece can claim now.
    function claimable(uint256 pieceId) external view returns (uint256);

    /// @notice The open or settled recourse call on a piece.
    function recourseOf(uint256 pieceId) external view returns (RecourseCall memory);

    /// @notice What a piece of `value` has earned `holder`, which held it from issuance or from
    /// before its root's first repayment, in total so far: floor(value * repaid / face) while it
    /// lives (`live`); its whole value once paid off and burned; if its seller bought it back
    /// from `holder` on recourse, the claims it had collected plus the recourse paid.
    function entitlementOf(uint256 pieceId, address holder, uint256 value)
        external
        view
        returns (uint256 entitled, bool live);

    /// @notice As the holder of a piece carrying a right of recourse, call the seller.
    function callRecourse(uint256 pieceId) external returns (uint256 amount);
}
