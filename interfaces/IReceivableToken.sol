// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAlliancePiece} from "./IAlliancePiece.sol";
import {IReceivableTokenErrors} from "./IPlatformErrors.sol";
import {ITradeRegistry} from "./ITradeRegistry.sol";

/// @title IReceivableToken
/// @notice Digital payable certificates. A root is one confirmed payable of a core enterprise;
/// its value lives in pieces (ERC-721 tokens with a value) that holders split, merge and pass on.
/// A root's id is the token id of its first piece. Pieces are alliance pieces (IAlliancePiece):
/// they move only among the root's alliance's active members, and a piece a platform contract
/// locked moves, splits, burns or unlocks only through that contract.
interface IReceivableToken is IAlliancePiece, IReceivableTokenErrors {
    /// @notice A root as seen from outside (obligor and currency live in the trade registry;
    /// the token stores one packed slot per root).
    struct Root {
        address obligor; // the core enterprise that owes the money
        address currency; // ERC-20 the payable is denominated in
        uint256 faceValue; // confirmed amount, base units
        uint256 maturity; // unix time the payable is due
        uint256 allianceId; // only active members of this alliance can hold pieces
        uint256 tradeId; // the audited trade behind it
        bool frozen; // pieces stop moving (set by settlement at the first repayment)
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
        uint96 value; // base units of the root's currency
        uint40 rootId;
        uint40 parentId; // 0 for the root piece
        uint16 tier; // supply-chain tier of the enterprise paid with it (see below)
        bool locked; // locked by a platform contract (see IAlliancePiece.lockerOf)
    }

    /// @notice What became of a token id (see `pieceLineage`).
    enum PieceStatus {
        NeverMinted, // no piece ever had this id
        Live, // held by someone
        Merged, // burned by a merge into another piece of the same root
        Burned // burned by a platform contract (settlement paid it)
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
    /// @notice `value` was split off piece `parentId` into the new piece `childId`, held by `to` at
    /// tier `tier` (a holder's split or a platform split).
    event PieceSplit(uint256 indexed parentId, uint256 indexed childId, address indexed to, uint256 value, uint16 tier);
    /// @notice Piece `mergedId` went into piece `intoId` (which gained its `value`) and was burned.
    event PiecesMerged(uint256 indexed intoId, uint256 indexed mergedId, uint256 value);
    /// @notice The root's pieces no longer move between holders; `by` is the platform contract that
    /// froze it (see `freezeRoot`).
    event RootFrozen(uint256 indexed rootId, address indexed by);
    /// @notice A platform contract burned a settled piece of root `rootId` worth `value`.
    event PieceBurned(uint256 indexed pieceId, uint256 indexed rootId, uint256 value);
    /// @notice A platform contract set the recourse sale whose right the piece carries (0: none).
    event RecourseSaleSet(uint256 indexed pieceId, uint256 indexed saleId);
    /// @notice A holder passed a whole piece on as payment to `to`: its tier is now `tier`
    /// (emitted only when the tier changes; a split states the child's tier in PieceSplit).
    event PieceTierRaised(uint256 indexed pieceId, address indexed to, uint16 tier);
    /// @notice `obligor` cancelled every signed confirmation with a nonce up to `throughNonce`.
    event SignedConfirmationsCancelled(address indexed obligor, uint256 throughNonce);

    /// @notice Role of contracts that confirm a payable as the obligor's proxy, from an act of the
    /// obligor itself (the order escrow: the buyer's acceptance of delivered goods is its
    /// confirmation). A contract role: granted only to contracts at deployment, then sealed.
    function OBLIGOR_PROXY_ROLE() external view returns (bytes32);

    /// @notice Longest time from confirmation to maturity (365 days).
    function MAX_TENOR() external view returns (uint256);

    /// @notice Highest tier: the tier stops counting here (a piece never stops moving).
    function MAX_TIER() external view returns (uint16);

    /// @notice Most recipients in one split, most pieces in one merge.
    function MAX_BATCH() external view returns (uint256);

    /// @notice EIP-712 type of an obligor's off-chain confirmation.
    function CONFIRMATION_TYPEHASH() external view returns (bytes32);

    /// @notice The trade registry (obligor, seller, currency and amount of each trade; this token
    /// holds its ISSUER_ROLE).
    function trades() external view returns (ITradeRegistry);

    /// @notice Last token id used (roots and pieces share one sequence).
    function lastPieceId() external view returns (uint256);

    /// @notice The EIP-712 domain separator of this contract on this chain.
    function domainSeparator() external view returns (bytes32);

    /// @notice Confirm the payable of a verified trade as its obligor (anyone may call; only the
    /// trade's buyer succeeds); the root is issued to the seller as one piece of tier 1.
    /// Refused with ZeroValue, MaturityOutOfRange, NotObligor (caller not the buyer),
    /// RecipientNotMember (seller not an active member) and the trade registry's errors (trade
    /// not verified or already confirmed, face value above the trade amount).
    /// @param tradeId The verified trade.
    /// @param faceValue Amount owed, at most the trade amount.
    /// @param maturity Due date, after now and at most MAX_TENOR ahead.
    /// @return rootId The new root (the id of its first piece).
    function confirm(uint256 tradeId, uint256 faceValue, uint256 maturity) external returns (uint256 rootId);

    /// @notice Issue a root from the obligor's EIP-712 signed confirmation (submitted by anyone,
    /// usually the seller). The signature is bound to this contract, this chain and the
    /// obligor's current nonce; it cannot be replayed. Refused with SignatureExpired after the
    /// deadline, InvalidConfirmationNonce, InvalidSigner (not the trade's buyer), an ECDSA error
    /// for a malformed signature, and `confirm`'s refusals.
    /// @param tradeId The verified trade.
    /// @param faceValue Amount owed, at most the trade amount.
    /// @param maturity Due date.
    /// @param nonce The obligor's nonce the signature was made with (see `nonces`).
    /// @param deadline Last moment the signature is valid.
    /// @param signature 65-byte ECDSA signature of the obligor.
    /// @return rootId The new root.
    function confirmWithSignature(
        uint256 tradeId,
        uint256 faceValue,
        uint256 maturity,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 rootId);

    /// @notice Split values off a piece to several recipients in one transaction, as its holder
    /// or an approved operator; the piece keeps the rest. A recipient may be the holder itself
    /// (to divide for later). A payment to another enterprise raises the child's tier (see
    /// Piece.tier). Refused with NotPieceHolder, PieceLockedBy (locked), RootIsFrozen,
    /// RootMatured, BadSplitList, ZeroValue, SplitExhaustsPiece and RecipientNotMember.
    /// @param pieceId The piece to split.
    /// @param recipients Active members of the root's alliance (never a platform contract).
    /// @param amounts Values of the new pieces; each non-zero, together less than the piece's value.
    /// @return childIds The new pieces, in the order given.
    function split(uint256 pieceId, address[] calldata recipients, uint256[] calldata amounts)
        external
        returns (uint256[] memory childIds);

    /// @notice Split `value` off a piece to one recipient: the everyday "pay my supplier with part
    /// of my receivable". Same rules and refusals as `split`.
    /// @param pieceId The piece to split.
    /// @param to An active member of the root's alliance (never a platform contract).
    /// @param value Value of the new piece; non-zero and less than the piece's value.
    /// @return childId The new piece.
    function splitOff(uint256 pieceId, address to, uint256 value) external returns (uint256 childId);

    /// @notice Merge pieces of the same root that the caller holds (or is approved for) into the
    /// first one; the others are burned. The merged piece keeps the first piece's parent and the
    /// highest tier; each burned piece's root, parent and value stay readable with the piece it
    /// went into (`pieceLineage`). Refused with BadMergeList, DuplicatePiece, NotPieceHolder
    /// (also when the pieces have different holders), PieceLockedBy, RootIsFrozen, RootMatured,
    /// DifferentRoots and RecourseMismatch.
    /// @param pieceIds Two or more distinct pieces of one root and one holder; the first receives the value.
    function merge(uint256[] calldata pieceIds) external;

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

    /// @notice Stop all pieces of a root from moving (platform contracts only: settlement at the
    /// first repayment). Idempotent; refused with ERC721NonexistentToken for an id that is no
    /// root. Platform moves (`platformTransfer`, `platformSplit`, `release`) and `burn` go on
    /// on a frozen root; a platform move or split never changes a piece's tier.
    /// @param rootId The root.
    function freezeRoot(uint256 rootId) external;

    /// @notice Burn a settled piece (platform contracts only: settlement, once the piece is paid
    /// in full); its record stays readable (`pieceLineage`) and its recourse sale is cleared. A
    /// locked piece only by its locker (NotLocker naming the locker otherwise); refused with
    /// ERC721NonexistentToken for an unknown or burned piece.
    /// @param pieceId The piece.
    function burn(uint256 pieceId) external;

    /// @notice The market's recourse sale whose right of recourse the piece carries (0: none).
    /// The right travels with the value: children of a split inherit it, pieces merge only with
    /// pieces carrying the same sale (or none), and it stays with the piece whoever holds it.
    function recourseSaleOf(uint256 pieceId) external view returns (uint256);

    /// @notice Set the recourse sale a piece carries (platform contracts only: the market at a
    /// sale with recourse, settlement when the seller buys the piece back).
    function setRecourseSale(uint256 pieceId, uint256 saleId) external;
}
