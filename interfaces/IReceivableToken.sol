// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {
    ICommonErrors,
    IMembershipErrors,
    IPieceErrors,
    IReceivableTokenErrors
} from "./IPlatformErrors.sol";

/// @title IReceivableToken
/// @notice Digital payable certificates. A root is one confirmed payable of a core enterprise;
/// its value lives in pieces (ERC-721 tokens with a value) that holders split, merge and pass on.
/// A root's id is the token id of its first piece.
interface IReceivableToken is
    ICommonErrors,
    IMembershipErrors,
    IPieceErrors,
    IReceivableTokenErrors
{
    /// @notice A root as seen from outside (obligor and currency live in the trade registry;
    /// the token stores one packed slot per root).
    struct Root {
        address obligor;     // the core enterprise that owes the money
        address currency;    // ERC-20 the payable is denominated in
        uint256 faceValue;   // confirmed amount, base units
        uint256 maturity;    // unix time the payable is due
        uint256 allianceId;  // only active members of this alliance can hold pieces
        uint256 tradeId;     // the audited trade behind it
        bool frozen;         // pieces stop moving (set by settlement at the first repayment)
    }

    /// @notice A piece: one ERC-721 token carrying part of a root's value.
    /// @dev `tier` is the supply-chain tier of the enterprise that received the piece as
    /// payment: 1 for the root's first piece (the obligor's own supplier), one more each time an
    /// enterprise pays another enterprise with the piece or a part of it (transfer, split,
    /// splitOff to someone else: 2 = the supplier's supplier, ...). It does not change when:
    /// the holder moves value to itself; the piece (or a part) goes to or comes from a financier
    /// (a member of the root's alliance holding the FINANCIER role: custody, not payment);
    /// a platform contract moves or splits it (market sale, pool entry and exit, return on
    /// recourse). A merge keeps the highest tier of the merged pieces. The tier stops at
    /// MAX_TIER (65,535) and never blocks a move.
    struct Piece {
        uint96 value;        // base units of the root's currency
        uint40 rootId;
        uint40 parentId;     // 0 for the root piece
        uint16 tier;         // supply-chain tier of the enterprise paid with it (see below)
        bool locked;         // held by a platform contract (market, pool): cannot move
    }

    /// @notice What became of a token id (see `pieceLineage`).
    enum PieceStatus {
        NeverMinted, // no piece ever had this id
        Live,        // held by someone
        Merged,      // burned by a merge into another piece of the same root
        Burned       // burned by a platform contract (settlement paid it)
    }

    /// @notice A root was issued; its first piece (id = rootId) went to the trade's seller.
    event ReceivableIssued(
        uint256 indexed rootId,
        uint256 indexed tradeId,
        address indexed obligor,
        uint256 faceValue,
        uint256 maturity,
        uint256 allianceId
    );
    event PieceSplit(uint256 indexed parentId, uint256 indexed childId, address indexed to, uint256 value, uint16 tier);
    event PiecesMerged(uint256 indexed intoId, uint256 indexed mergedId, uint256 value);
    event PieceLocked(uint256 indexed pieceId, address indexed by);
    event PieceUnlocked(uint256 indexed pieceId, address indexed by);
    event RootFrozen(uint256 indexed rootId, address indexed by);
    event PieceBurned(uint256 indexed pieceId, uint256 indexed rootId, uint256 value);
    /// @notice A platform contract set the recourse sale whose right the piece carries (0: none).
    event RecourseSaleSet(uint256 indexed pieceId, uint256 indexed saleId);
    /// @notice A holder passed a whole piece on as payment to `to`: its tier is now `tier`
    /// (emitted only when the tier changes; a split states the child's tier in PieceSplit).
    event PieceTierRaised(uint256 indexed pieceId, address indexed to, uint16 tier);
    /// @notice `obligor` cancelled every signed confirmation with a nonce up to `throughNonce`.
    event SignedConfirmationsCancelled(address indexed obligor, uint256 throughNonce);

    /// @notice Cancel every outstanding signed confirmation of the caller with a nonce up to and
    /// including `throughNonce` (they can never be used); the next signature must use
    /// `throughNonce + 1`. Signatures with higher nonces stay valid in order. Refused with
    /// NothingToCancel if every nonce up to `throughNonce` is already used or cancelled.
    /// @param throughNonce The highest nonce to cancel; at least `nonces(caller)`.
    function cancelSignedConfirmations(uint256 throughNonce) external;

    /// @notice The nonce an obligor's next signed confirmation must carry.
    /// @param obligor The obligor.
    function nonces(address obligor) external view returns (uint256);

    /// @notice The record of a live piece (value, root, parent, tier, lock); all zeros for a
    /// burned piece or an id never minted (`pieceLineage` tells them apart).
    function pieceInfo(uint256 pieceId) external view returns (Piece memory);

    /// @notice The provenance of any token id, live or burned: a burned piece keeps its root,
    /// parent and value, so a merged piece's lineage stays readable after the merge.
    /// @param pieceId The token id.
    /// @return status NeverMinted (every other field 0), Live, Merged or Burned (see PieceStatus).
    /// @return rootId The root the piece belongs to.
    /// @return parentId The piece it was split from (0 for a root piece).
    /// @return value Live: its current value; Merged: the value it added to `mergedInto`;
    /// Burned: the value it had when burned (base units).
    /// @return mergedInto The piece it was merged into (0 unless Merged; that piece may itself
    /// have been merged or burned since: follow the chain).
    function pieceLineage(uint256 pieceId)
        external
        view
        returns (PieceStatus status, uint256 rootId, uint256 parentId, uint256 value, uint256 mergedInto);

    /// @notice The root record (reads obligor, currency and face value from the trade registry).
    function rootInfo(uint256 rootId) external view returns (Root memory);

    /// @notice The token's own record of a root: maturity, alliance, frozen flag, trade id and
    /// face value (one storage slot).
    function rootState(uint256 rootId)
        external
        view
        returns (uint256 maturity, uint256 allianceId, bool frozen, uint256 tradeId, uint256 faceValue);

    /// @notice ERC-721 metadata of a live piece, built on chain: a `data:application/json;base64,`
    /// URI of a JSON object with `name` ("scf-chain receivable piece #<id>"), `description` and
    /// `attributes` (`{"trait_type", "value"}` each): "value" (base units of the currency, a
    /// decimal string: it may exceed what a JSON number holds exactly), "currency" and
    /// "obligor" (checksummed addresses), "maturity" (unix time), "tier" (see Piece.tier),
    /// "root id", "parent id" (0 for a root piece) and "status": "locked" (held by a platform
    /// contract), else "frozen" (settlement of the root began), else "matured" (at or after
    /// maturity), else "live".
    /// Refused with ERC721NonexistentToken for an id never minted or burned.
    /// @param pieceId The piece.
    function tokenURI(uint256 pieceId) external view returns (string memory);

    /// @notice The current holder of a piece (ERC-721 owner).
    function ownerOf(uint256 pieceId) external view returns (address);

    /// @notice Issue the root of a verified trade as its obligor's proxy, for a contract that
    /// witnessed the obligor's own act of confirmation (OBLIGOR_PROXY_ROLE, e.g. the order
    /// escrow on the buyer's acceptance of the goods). Same rules and custom errors as `confirm`:
    /// the trade verified and not yet confirmed, `obligor` its buyer (else NotObligor), a
    /// non-zero face value at most the trade amount, maturity in (now, now + MAX_TENOR], the
    /// seller an active member, or a suspended one (RecipientNotMember otherwise): the goods are
    /// delivered, and suspending the supplier must not cancel the obligor's debt for them.
    /// Suspension still keeps the seller from receiving pieces from anyone afterwards.
    /// @param tradeId The verified trade.
    /// @param faceValue Amount owed.
    /// @param maturity Due date.
    /// @param obligor The trade's buyer whose act the caller witnessed.
    /// @return rootId The new root, issued to the trade's seller.
    function confirmAcceptedTrade(uint256 tradeId, uint256 faceValue, uint256 maturity, address obligor)
        external
        returns (uint256 rootId);

    /// @notice Lock a piece (platform contracts only).
    function lock(uint256 pieceId) external;

    /// @notice Unlock a piece (platform contracts only).
    function unlock(uint256 pieceId) external;

    /// @notice Stop all pieces of a root from moving (platform contracts only).
    function freezeRoot(uint256 rootId) external;

    /// @notice Move a piece for a platform contract, bypassing holder checks (platform contracts
    /// only; the tier does not change).
    function platformTransfer(address from, address to, uint256 pieceId) external;

    /// @notice Split `value` off a piece to `to` for a platform contract (platform contracts only;
    /// the child keeps the piece's tier).
    function platformSplit(uint256 pieceId, uint256 value, address to) external returns (uint256 childId);

    /// @notice Burn a settled piece (platform contracts only).
    function burn(uint256 pieceId) external;

    /// @notice The market's recourse sale whose right of recourse the piece carries (0: none).
    /// The right travels with the value: children of a split inherit it, pieces merge only with
    /// pieces carrying the same sale (or none), and it stays with the piece whoever holds it.
    function recourseSaleOf(uint256 pieceId) external view returns (uint256);

    /// @notice Set the recourse sale a piece carries (platform contracts only: the market at a
    /// sale with recourse, settlement when the seller buys the piece back).
    function setRecourseSale(uint256 pieceId, uint256 saleId) external;
}
