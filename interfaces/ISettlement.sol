// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITradeRegistry} from "./ITradeRegistry.sol";
import {IReceivableToken} from "./IReceivableToken.sol";
import {IFinancingMarket} from "./IFinancingMarket.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {ICommonErrors, ICurrencyErrors, ISettlementErrors} from "./IPlatformErrors.sol";

/// @title ISettlement
/// @notice Repayment of roots by their obligor (O(1) whatever the number of pieces), per-piece
/// pull claims, overdue and default marking, and recourse against sellers.
interface ISettlement is ICommonErrors, ICurrencyErrors, ISettlementErrors {
    enum RootStatus {
        Current,
        Overdue,
        Defaulted
    }

    /// @notice Per-root account: one slot.
    struct Account {
        uint96 repaid; // cash paid in for the root
        uint96 claimed; // cash paid out to piece holders
        uint40 markedAt; // when it was last marked overdue / defaulted
        RootStatus status;
    }

    /// @notice A recourse call on a piece carrying a right of recourse.
    struct RecourseCall {
        address seller; // owes `amount` and gets the piece back when it pays
        uint96 amount; // at the call: due then; once settled: paid (0: closed with nothing due)
        address financier; // the holder that called; once paid, the holder that was paid
        uint40 calledAt;
        bool settled;
        uint96 collected; // once settled: what the piece had collected from claims by then
    }

    /// @notice (Part of) a root was repaid; `totalRepaid` so far.
    event Repaid(uint256 indexed rootId, address indexed payer, uint256 amount, uint256 totalRepaid);
    /// @notice A piece's holder was paid what the piece could claim (`closed`: paid off and burned).
    event Claimed(uint256 indexed pieceId, uint256 indexed rootId, address indexed holder, uint256 amount, bool closed);
    /// @notice A root was marked overdue (its pieces no longer move).
    event MarkedOverdue(uint256 indexed rootId, address indexed by);
    /// @notice A root was marked defaulted (recourse and write-downs open).
    event MarkedDefaulted(uint256 indexed rootId, address indexed by);
    /// @notice A piece's holder called the seller for `amount`.
    event RecourseCalled(uint256 indexed pieceId, address indexed financier, address indexed seller, uint256 amount);
    /// @notice The recourse call was paid (`amount`, possibly 0) and closed.
    event RecourseSettled(uint256 indexed pieceId, address indexed seller, address indexed financier, uint256 amount);
    /// @notice The default period for roots maturing from `effectiveFrom` on.
    event DefaultPeriodSet(uint256 defaultPeriod, uint256 effectiveFrom);

    /// @notice The root is not in the status this step needs.
    error WrongRootStatus(uint256 rootId, RootStatus status, RootStatus required);

    /// @notice The settlement account of a root.
    function accountOf(uint256 rootId) external view returns (Account memory);

    /// @notice Claim for several pieces in one transaction (for keepers): each piece exactly as
    /// `claim` does (paid to its holder, burned when fully paid). Nothing is skipped: if any
    /// piece cannot be claimed the whole call reverts with that piece's error (NothingToClaim,
    /// or the token's ERC721NonexistentToken for a burned or unknown piece, a piece listed
    /// twice included once its first claim burned it or left it nothing).
    /// Refused also: BadClaimList (empty or over MAX_BATCH).
    /// @param pieceIds One to MAX_BATCH pieces, of any roots and holders.
    /// @return amounts Paid for each piece, in the order given.
    function claimMany(uint256[] calldata pieceIds) external returns (uint256[] memory amounts);

    /// @notice What a piece can claim now.
    function claimable(uint256 pieceId) external view returns (uint256);

    /// @notice The open or settled recourse call on a piece.
    /// @param pieceId The piece.
    function recourseOf(uint256 pieceId) external view returns (RecourseCall memory);

    /// @notice What a piece of `value` has earned `holder`, which held it from issuance or from
    /// before its root's first repayment, in total so far: floor(value * repaid / face) while it
    /// lives (`live`); its whole value once paid off and burned; if its seller bought it back
    /// from `holder` on recourse, the claims it had collected plus the recourse paid.
    function entitlementOf(uint256 pieceId, address holder, uint256 value)
        external
        view
        returns (uint256 entitled, bool live);

    /// @notice As the holder of a piece that carries a right of recourse (bought with recourse,
    /// split from such a piece, or received with it), call the seller once the root defaulted.
    /// Only the piece's holder (NotRecourseFinancier). Refused: NoRecourse (no right, or already
    /// called), WrongRootStatus (root not Defaulted), RootRepaid, NothingDue.
    /// @param pieceId The piece.
    /// @return amount What the seller owes.
    function callRecourse(uint256 pieceId) external returns (uint256 amount);

    /// @notice Repay (part of) a root; the caller's cash moves by allowance. Before maturity
    /// only the obligor may repay (EarlyRepaymentByOthers), and only the whole outstanding
    /// amount (EarlyRepaymentMustBeInFull): the payment freezes the root's pieces, which are then
    /// paid in full, so a part-payment cannot end their circulation early. From maturity anyone
    /// may repay, in parts. Refused: ZeroAmount, UnknownRoot, RepaymentExceedsOutstanding,
    /// UnsupportedCurrency.
    /// @param rootId The root.
    /// @param amount Base units; at most the outstanding face value.
    function repay(uint256 rootId, uint256 amount) external;

    /// @notice Pay a piece's holder what the piece can claim now; anyone may trigger it.
    /// The fully paid piece is burned.
    /// Anyone (a keeper may claim for the holder: the cash goes to the holder). Refused:
    /// NothingToClaim; ERC721NonexistentToken for an unknown or burned piece.
    /// @param pieceId The piece.
    /// @return amount Paid to the holder.
    function claim(uint256 pieceId) external returns (uint256 amount);

    /// @notice Mark an unpaid root overdue once maturity + the alliance's grace period passed.
    /// Anyone. Refused: RootRepaid, WrongRootStatus (not Current), TooEarly (before maturity + the
    /// alliance's grace period).
    /// @param rootId The root.
    function markOverdue(uint256 rootId) external;

    /// @notice Mark an overdue root defaulted once the default period in force for its
    /// maturity more passed.
    /// Anyone. Refused: RootRepaid, WrongRootStatus (not Overdue), TooEarly (before the overdue mark
    /// + the default period).
    /// @param rootId The root.
    function markDefaulted(uint256 rootId) external;

    /// @notice Pay an open recourse call (usually as the seller): the cash goes to the piece's
    /// holder, the piece (without its right of recourse) to the seller. The amount is
    /// `recourseAmount(pieceId, now)`: the share with interest up to the payment (so when the
    /// call is made does not change what the seller owes, and paying late costs it interest),
    /// less what the piece collected; the record keeps the amount paid
    /// and what the piece had collected. If nothing is due any more (the root was repaid in
    /// full, the piece paid off, or its collections cover the call) anyone may close the call
    /// at zero: nothing moves.
    /// Anyone (the seller, or anyone for it). Refused: RecourseNotOpen, UnsupportedCurrency.
    /// @param pieceId The piece.
    function payRecourse(uint256 pieceId) external;

    /// @notice Set the default period for roots maturing from CHANGE_DELAY from now on (never
    /// a root already issued: its terms were priced with the period in force).
    /// Only the admin (the operator). Refused: PeriodTooLong (over MAX_DEFAULT_PERIOD).
    /// @param period Seconds, at most MAX_DEFAULT_PERIOD.
    function setDefaultPeriod(uint256 period) external;

    /// @notice The default period for roots maturing now (see `defaultPeriodFor`).
    function defaultPeriod() external view returns (uint256);

    /// @notice The default period that applies to a root maturing at `maturity`.
    /// @param maturity The root's maturity.
    function defaultPeriodFor(uint256 maturity) external view returns (uint256);

    /// @notice What recourse on a piece would cost the seller at `atTime`: the piece's share of
    /// the sale's guarantee, min(price + interest at the sale's rate, value sold) * piece value
    /// / value sold (rounded down), less what the piece already collected. Zero if the piece
    /// carries no right of recourse.
    /// @param pieceId The piece.
    /// @param atTime The call date.
    function recourseAmount(uint256 pieceId, uint256 atTime) external view returns (uint256);

    /// @notice The root's status, with "repaid" shown as such.
    /// @param rootId The root.
    /// @return status Current / Overdue / Defaulted as marked.
    /// @return fullyRepaid Whether repaid equals face value.
    /// @return outstanding Face value not yet repaid.
    function statusOf(uint256 rootId) external view returns (RootStatus status, bool fullyRepaid, uint256 outstanding);

    /// @notice Longest default period the operator can set.
    function MAX_DEFAULT_PERIOD() external view returns (uint256);

    /// @notice A new default period applies to roots maturing at least this long after it is
    /// set: longer than the longest tenor, so never to a root already issued.
    function CHANGE_DELAY() external view returns (uint256);

    /// @notice Most pieces in one `claimMany`.
    function MAX_BATCH() external view returns (uint256);

    /// @notice The receivable token (pieces, roots, freezing and burning).
    function receivables() external view returns (IReceivableToken);

    /// @notice The trade registry (a root's obligor and currency).
    function trades() external view returns (ITradeRegistry);

    /// @notice The membership registry (grace periods).
    function alliances() external view returns (IAllianceRegistry);

    /// @notice The financing market (sales with recourse).
    function market() external view returns (IFinancingMarket);

    /// @notice The currency a root is repaid in (0 until its first repayment, then the trade's).
    /// @param rootId The root.
    function currencyOf(uint256 rootId) external view returns (address);

    /// @notice What a piece has claimed so far (kept after it is burned).
    /// @param pieceId The piece.
    function claimedOf(uint256 pieceId) external view returns (uint256);
}
