// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AlliancePiece} from "./base/AlliancePiece.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title ReceivableToken
/// @notice The digital payable certificate: the obligor confirms a verified trade's payable and a
/// root receivable is issued to the seller as one piece; holders split pieces to pay their own
/// suppliers, pass them on whole and merge them back. Every piece is an ERC-721 token with a
/// value, a parent, a root and a tier.
/// @dev Invariant: for every root, the sum of the values of its live pieces plus the values
/// of its pieces burned by settlement (event PieceBurned) equals its face value. Before
/// settlement nothing is burned, so live pieces add up to the face value exactly. (The burned
/// total is not stored: that would cost every claim a storage write.)
/// Holder moves (transfer, safeTransferFrom, split, splitOff, merge) need: the piece unlocked,
/// the root neither matured nor frozen, and every recipient an active member of the root's
/// alliance (AlliancePiece: membership-bound moves, one lock model with the locker named).
/// Platform contracts (PLATFORM_ROLE: the market, settlement and pool, wired at deployment and
/// sealed, see IPlatformAccess) are trusted custodians: they move pieces in atomic swaps and
/// burn settled ones, and enforce their own rules; a piece one of them locked moves, splits,
/// burns or unlocks only through that one. The operator key holds no role that moves, issues or
/// burns pieces.
/// Tier: see IReceivableToken.Piece.
contract ReceivableToken is IReceivableToken, AlliancePiece, EIP712 {
    using SafeCast for uint256;

    /// @inheritdoc IReceivableToken
    /// @dev This name and `confirmAcceptedTrade` were chosen so that the function dispatcher
    /// costs every existing function exactly what it did (selectors decide the dispatch order).
    bytes32 public constant OBLIGOR_PROXY_ROLE = keccak256("OBLIGOR_PROXY_ROLE");
    /// @inheritdoc IReceivableToken
    uint256 public constant MAX_TENOR = PlatformConstants.MAX_TENOR;
    /// @inheritdoc IReceivableToken
    uint16 public constant MAX_TIER = PlatformConstants.MAX_TIER;
    /// @inheritdoc IReceivableToken
    uint256 public constant MAX_BATCH = PlatformConstants.MAX_BATCH;
    /// @inheritdoc IReceivableToken
    bytes32 public constant CONFIRMATION_TYPEHASH =
        keccak256("Confirmation(uint256 tradeId,uint256 faceValue,uint256 maturity,uint256 nonce,uint256 deadline)");

    /// @inheritdoc IReceivableToken
    ITradeRegistry public immutable trades;

    /// @inheritdoc IReceivableToken
    uint256 public lastPieceId;

    /// @dev One slot per root; obligor and currency are in the trade registry.
    struct RootRecord {
        uint40 maturity;
        uint32 allianceId;
        bool frozen;
        uint48 tradeId;
        uint96 faceValue;
    }

    mapping(uint256 rootId => RootRecord) private _roots;

    /// @dev A piece's record, kept after the piece is burned (its provenance stays readable, see
    /// `pieceLineage`): the Piece fields (its lock is AlliancePiece's) plus, for a piece merged
    /// into another, that piece.
    struct PieceRecord {
        uint96 value; // live: current value; burned: its value when burned
        uint40 rootId;
        uint40 parentId;
        uint16 tier;
        uint40 mergedInto; // 0 unless merged into that piece
    }

    mapping(uint256 pieceId => PieceRecord) private _pieces;
    /// @inheritdoc IReceivableToken
    mapping(uint256 pieceId => uint256 saleId) public recourseSaleOf;
    /// @dev Next usable confirmation nonce of each obligor (sequential; see `nonces`).
    mapping(address obligor => uint256) private _nextNonce;

    /// @notice Deploy the receivable token (ERC-721 "scf-chain Receivable", SCFR).
    /// @param operator The platform operator (admin: wires the contract roles, then seals them).
    /// @param allianceRegistry The membership registry.
    /// @param tradeRegistry The trade registry (this contract needs its ISSUER_ROLE).
    constructor(address operator, IAllianceRegistry allianceRegistry, ITradeRegistry tradeRegistry)
        ERC721("scf-chain Receivable", "SCFR")
        AlliancePiece(operator, allianceRegistry)
        EIP712("scf-chain ReceivableToken", "1")
    {
        if (address(tradeRegistry) == address(0)) revert ZeroAddress();
        trades = tradeRegistry;
    }

    // ------------------------------------------------------------------ issuance

    /// @inheritdoc IReceivableToken
    function confirm(uint256 tradeId, uint256 faceValue, uint256 maturity) external returns (uint256 rootId) {
        return _issue(tradeId, faceValue, maturity, msg.sender, false, false);
    }

    /// @inheritdoc IReceivableToken
    function confirmWithSignature(
        uint256 tradeId,
        uint256 faceValue,
        uint256 maturity,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 rootId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline, block.timestamp);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(CONFIRMATION_TYPEHASH, tradeId, faceValue, maturity, nonce, deadline))
        );
        address signer = ECDSA.recover(digest, signature);
        uint256 expected = _nextNonce[signer];
        if (nonce != expected) revert InvalidConfirmationNonce(signer, nonce, expected);
        _nextNonce[signer] = expected + 1; // before the registry calls (checks-effects-interactions)
        rootId = _issue(tradeId, faceValue, maturity, signer, true, false);
    }

    /// @inheritdoc IReceivableToken
    function confirmAcceptedTrade(uint256 tradeId, uint256 faceValue, uint256 maturity, address obligor)
        external
        onlyRole(OBLIGOR_PROXY_ROLE)
        returns (uint256 rootId)
    {
        return _issue(tradeId, faceValue, maturity, obligor, false, true);
    }

    /// @inheritdoc IReceivableToken
    function cancelSignedConfirmations(uint256 throughNonce) external {
        uint256 next = _nextNonce[msg.sender];
        if (throughNonce < next) revert NothingToCancel(msg.sender, throughNonce, next);
        _nextNonce[msg.sender] = throughNonce + 1;
        emit SignedConfirmationsCancelled(msg.sender, throughNonce);
    }

    /// @inheritdoc IReceivableToken
    function nonces(address obligor) external view returns (uint256) {
        return _nextNonce[obligor];
    }

    // ------------------------------------------------------------------ circulation

    /// @inheritdoc IReceivableToken
    function split(uint256 pieceId, address[] calldata recipients, uint256[] calldata amounts)
        external
        returns (uint256[] memory childIds)
    {
        uint256 n = recipients.length;
        if (n == 0 || n != amounts.length || n > MAX_BATCH) revert BadSplitList(n, amounts.length, MAX_BATCH);
        (address holder, PieceRecord storage p, RootRecord storage r) = _movablePiece(pieceId);
        _deduct(p, pieceId, amounts);
        childIds = new uint256[](n);
        uint256 allianceId = r.allianceId;
        uint16 tier = p.tier;
        for (uint256 i; i < n; ++i) {
            address to = recipients[i];
            _requireRecipient(allianceId, to);
            childIds[i] = _mintChild(p, pieceId, to, amounts[i], _tierAfterMove(tier, allianceId, holder, to));
        }
    }

    /// @inheritdoc IReceivableToken
    function splitOff(uint256 pieceId, address to, uint256 value) external returns (uint256 childId) {
        (address holder, PieceRecord storage p, RootRecord storage r) = _movablePiece(pieceId);
        uint256 allianceId = r.allianceId;
        _requireRecipient(allianceId, to);
        childId = _splitOne(p, pieceId, to, value, _tierAfterMove(p.tier, allianceId, holder, to));
    }

    /// @inheritdoc IReceivableToken
    /// @dev All pieces must have the first piece's holder: an operator approved by several
    /// holders cannot move value between them (that would skip the recipient check).
    function merge(uint256[] calldata pieceIds) external {
        uint256 n = pieceIds.length;
        if (n < 2 || n > MAX_BATCH) revert BadMergeList(n, MAX_BATCH);
        uint256 intoId = pieceIds[0];
        (address holder, PieceRecord storage into,) = _movablePiece(intoId);
        uint256 rootId = into.rootId;
        uint256 value = into.value;
        uint16 tier = into.tier;
        for (uint256 i = 1; i < n; ++i) {
            uint256 id = pieceIds[i];
            if (id == intoId) revert DuplicatePiece(id);
            (address pieceHolder, PieceRecord storage p,) = _movablePiece(id);
            if (pieceHolder != holder) revert NotPieceHolder(id, holder);
            if (p.rootId != rootId) revert DifferentRoots(id, p.rootId, rootId);
            _requireSameRecourse(id, intoId);
            uint256 v = p.value;
            value += v;
            if (p.tier > tier) tier = p.tier;
            p.mergedInto = uint40(intoId); // bound: a piece id (_nextPieceId); the record stays: lineage
            _burn(id);
            emit PiecesMerged(intoId, id, v);
        }
        into.value = uint96(value); // bound: pieces of one root, whose face value is a 96-bit field
        into.tier = tier;
    }

    // ------------------------------------------------------------------ platform contracts

    /// @inheritdoc IReceivableToken
    function freezeRoot(uint256 rootId) external onlyRole(PLATFORM_ROLE) {
        RootRecord storage r = _roots[rootId];
        if (r.maturity == 0) revert ERC721NonexistentToken(rootId);
        if (!r.frozen) {
            r.frozen = true;
            emit RootFrozen(rootId, msg.sender);
        }
    }

    /// @inheritdoc IReceivableToken
    function setRecourseSale(uint256 pieceId, uint256 saleId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(pieceId);
        recourseSaleOf[pieceId] = saleId;
        emit RecourseSaleSet(pieceId, saleId);
    }

    /// @inheritdoc IReceivableToken
    function burn(uint256 pieceId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(pieceId);
        PieceRecord storage p = _pieces[pieceId]; // the record stays: lineage (see pieceLineage)
        if (recourseSaleOf[pieceId] != 0) delete recourseSaleOf[pieceId];
        _burnPiece(pieceId);
        emit PieceBurned(pieceId, p.rootId, p.value);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IReceivableToken
    function pieceInfo(uint256 pieceId) external view returns (Piece memory piece) {
        if (_ownerOf(pieceId) == address(0)) return piece; // burned or never minted: all zeros
        PieceRecord storage p = _pieces[pieceId];
        piece = Piece({
            value: p.value,
            rootId: p.rootId,
            parentId: p.parentId,
            tier: p.tier,
            locked: lockerOf(pieceId) != address(0)
        });
    }

    /// @inheritdoc IReceivableToken
    function pieceLineage(uint256 pieceId)
        external
        view
        returns (PieceStatus status, uint256 rootId, uint256 parentId, uint256 value, uint256 mergedInto)
    {
        PieceRecord storage p = _pieces[pieceId];
        rootId = p.rootId;
        if (rootId == 0) return (PieceStatus.NeverMinted, 0, 0, 0, 0);
        mergedInto = p.mergedInto;
        if (_ownerOf(pieceId) != address(0)) status = PieceStatus.Live;
        else status = mergedInto != 0 ? PieceStatus.Merged : PieceStatus.Burned;
        return (status, rootId, p.parentId, p.value, mergedInto);
    }

    /// @inheritdoc IReceivableToken
    function rootInfo(uint256 rootId) external view returns (Root memory root) {
        RootRecord memory r = _roots[rootId];
        if (r.maturity == 0) return root;
        (, address obligor, address currency,) = trades.terms(r.tradeId);
        root = Root({
            obligor: obligor,
            currency: currency,
            faceValue: r.faceValue,
            maturity: r.maturity,
            allianceId: r.allianceId,
            tradeId: r.tradeId,
            frozen: r.frozen
        });
    }

    /// @inheritdoc IReceivableToken
    function rootState(uint256 rootId)
        external
        view
        returns (uint256 maturity, uint256 allianceId, bool frozen, uint256 tradeId, uint256 faceValue)
    {
        RootRecord memory r = _roots[rootId];
        return (r.maturity, r.allianceId, r.frozen, r.tradeId, r.faceValue);
    }

    /// @inheritdoc IReceivableToken
    function tokenURI(uint256 pieceId) public view override(ERC721, IReceivableToken) returns (string memory) {
        _requireOwned(pieceId);
        PieceRecord memory p = _pieces[pieceId];
        RootRecord memory r = _roots[p.rootId];
        (, address obligor, address currency,) = trades.terms(r.tradeId);
        string memory status = lockerOf(pieceId) != address(0)
            ? "locked"
            : r.frozen ? "frozen" : block.timestamp >= r.maturity ? "matured" : "live";
        string memory attributes = string.concat(
            _attribute("value", _quoted(Strings.toString(p.value))),
            ",",
            _attribute("currency", _quoted(Strings.toChecksumHexString(currency))),
            ",",
            _attribute("obligor", _quoted(Strings.toChecksumHexString(obligor))),
            ",",
            _attribute("maturity", Strings.toString(r.maturity)),
            ",",
            _attribute("tier", Strings.toString(p.tier)),
            ",",
            _attribute("root id", Strings.toString(p.rootId)),
            ",",
            _attribute("parent id", Strings.toString(p.parentId)),
            ",",
            _attribute("status", _quoted(status))
        );
        bytes memory json = abi.encodePacked(
            '{"name":"scf-chain receivable piece #',
            Strings.toString(pieceId),
            '","description":"Part of a payable confirmed by its obligor on scf-chain, paid to the holder at maturity.","attributes":[',
            attributes,
            "]}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    /// @inheritdoc IReceivableToken
    function ownerOf(uint256 pieceId) public view override(ERC721, IReceivableToken) returns (address) {
        return super.ownerOf(pieceId);
    }

    /// @inheritdoc IReceivableToken
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ------------------------------------------------------------------ internals

    /// @notice Issue the root of a verified trade confirmed by `confirmer` (every confirmation
    /// path ends here): the first piece, id = rootId, goes to the trade's seller.
    /// @param signed The confirmer signed off-chain (its error is InvalidSigner, not NotObligor).
    /// @param delivered The confirmation is the obligor's acceptance of goods already delivered
    /// (the proxy path): the seller may be a suspended member (see `_requirePayee`).
    function _issue(
        uint256 tradeId,
        uint256 faceValue,
        uint256 maturity,
        address confirmer,
        bool signed,
        bool delivered
    ) private returns (uint256 rootId) {
        if (faceValue == 0) revert ZeroValue();
        if (maturity <= block.timestamp || maturity > block.timestamp + MAX_TENOR) {
            revert MaturityOutOfRange(maturity, block.timestamp + 1, block.timestamp + MAX_TENOR);
        }
        rootId = _nextPieceId();
        // The registry refuses unverified or already confirmed trades and a face value above
        // the audited amount, and records the confirmation (the double-financing guard).
        (address seller, address obligor, uint256 allianceId) = trades.recordConfirmation(tradeId, faceValue, rootId);
        if (confirmer != obligor) {
            if (signed) revert InvalidSigner(confirmer, obligor);
            revert NotObligor(tradeId, confirmer);
        }
        _requirePayee(allianceId, seller, delivered);
        // bound: faceValue <= the trade's amount, a 96-bit field (TradeRegistry.recordConfirmation)
        uint96 face = uint96(faceValue);
        _roots[rootId] = RootRecord({
            // bound: <= block.timestamp + MAX_TENOR (MaturityOutOfRange above); 40 bits: until year 36,812
            maturity: uint40(maturity),
            allianceId: allianceId.toUint32(),
            frozen: false,
            tradeId: tradeId.toUint48(),
            faceValue: face
        });
        _pieces[rootId] = PieceRecord({
            value: face,
            rootId: uint40(rootId), // bound: a piece id (_nextPieceId)
            parentId: 0,
            tier: 1,
            mergedInto: 0
        });
        _mint(seller, rootId);
        emit ReceivableIssued(rootId, tradeId, obligor, faceValue, maturity, allianceId);
    }

    /// @dev The next piece id. Every id is checked to fit the 40-bit id fields of the records
    /// (rootId, parentId, mergedInto) when it is handed out, so later casts of an id are safe.
    function _nextPieceId() private returns (uint40 pieceId) {
        pieceId = (lastPieceId + 1).toUint40();
        lastPieceId = pieceId;
    }

    /// @dev Take the split amounts off the parent, which must keep a non-zero remainder.
    function _deduct(PieceRecord storage p, uint256 pieceId, uint256[] calldata amounts) private {
        uint256 total;
        for (uint256 i; i < amounts.length; ++i) {
            if (amounts[i] == 0) revert ZeroValue();
            total += amounts[i];
        }
        uint256 value = p.value;
        if (total >= value) revert SplitExhaustsPiece(pieceId, value, total);
        p.value = uint96(value - total); // bound: below the piece's 96-bit value
    }

    function _splitOne(PieceRecord storage p, uint256 pieceId, address to, uint256 value, uint16 tier)
        private
        returns (uint256 childId)
    {
        if (value == 0) revert ZeroValue();
        uint256 current = p.value;
        if (value >= current) revert SplitExhaustsPiece(pieceId, current, value);
        p.value = uint96(current - value); // bound: below the piece's 96-bit value
        childId = _mintChild(p, pieceId, to, value, tier);
    }

    function _mintChild(PieceRecord storage parent, uint256 parentId, address to, uint256 value, uint16 tier)
        private
        returns (uint256 childId)
    {
        childId = _nextPieceId();
        _pieces[childId] = PieceRecord({
            value: uint96(value), // bound: below the parent's 96-bit value (SplitExhaustsPiece)
            rootId: parent.rootId,
            parentId: uint40(parentId), // bound: a piece id (_nextPieceId)
            tier: tier,
            mergedInto: 0
        });
        // the right of recourse travels with the value: a child carries its parent's
        uint256 saleId = recourseSaleOf[parentId];
        if (saleId != 0) recourseSaleOf[childId] = saleId;
        _mint(to, childId);
        emit PieceSplit(parentId, childId, to, value, tier);
    }

    /// @dev Merged pieces must carry the same right of recourse (or none), so that a merge can
    /// neither extend a seller's recourse to value it did not sell nor drop a holder's; the
    /// merged-in piece's record goes with it.
    function _requireSameRecourse(uint256 id, uint256 intoId) private {
        uint256 saleId = recourseSaleOf[id];
        if (saleId != recourseSaleOf[intoId]) revert RecourseMismatch(id, saleId, recourseSaleOf[intoId]);
        if (saleId != 0) delete recourseSaleOf[id];
    }

    /// @dev AlliancePiece's holder-move checks (exists, caller authorized, unlocked), then the
    /// root's: neither frozen nor matured.
    function _requireMovable(uint256 pieceId) internal view override returns (address holder) {
        holder = super._requireMovable(pieceId);
        uint256 rootId = _pieces[pieceId].rootId;
        RootRecord storage r = _roots[rootId];
        if (r.frozen) revert RootIsFrozen(rootId);
        if (block.timestamp >= r.maturity) revert RootMatured(rootId, r.maturity);
    }

    /// @dev `_requireMovable` with the piece's and its root's records.
    function _movablePiece(uint256 pieceId)
        private
        view
        returns (address holder, PieceRecord storage p, RootRecord storage r)
    {
        holder = _requireMovable(pieceId);
        p = _pieces[pieceId];
        r = _roots[p.rootId];
    }

    /// @dev A piece moves among the members of its root's alliance.
    function _allianceOf(uint256 pieceId) internal view override returns (uint256) {
        return _roots[_pieces[pieceId].rootId].allianceId;
    }

    /// @dev A holder's whole transfer: a payment between enterprises raises the tier by one
    /// (saturating); custody by or from a financier keeps it (see Piece.tier).
    function _beforeHolderTransfer(uint256 pieceId, uint256 allianceId, address holder, address to) internal override {
        PieceRecord storage p = _pieces[pieceId];
        uint16 tier = _tierAfterMove(p.tier, allianceId, holder, to);
        if (tier != p.tier) {
            p.tier = tier;
            emit PieceTierRaised(pieceId, to, tier);
        }
    }

    /// @dev A platform split: the child keeps the piece's tier (custody, not payment).
    function _splitPiece(uint256 pieceId, uint256 value, address to) internal override returns (uint256 childId) {
        PieceRecord storage p = _pieces[pieceId];
        childId = _splitOne(p, pieceId, to, value, p.tier);
    }

    /// @dev The seller of a confirmed trade must be an active member of the alliance; for goods
    /// already delivered and accepted (`delivered`) a suspended member too: suspension stops a
    /// member from being paid with pieces by others, it must not let the obligor cancel its
    /// own debt for goods it received by suspending the supplier before accepting them.
    function _requirePayee(uint256 allianceId, address seller, bool delivered) private view {
        if (alliances.isActiveMember(allianceId, seller, 0)) return;
        bool suspended =
            delivered && alliances.membershipOf(allianceId, seller).status == IAllianceRegistry.MemberStatus.Suspended;
        if (!suspended) revert RecipientNotMember(allianceId, seller);
    }

    /// @dev One ERC-721 metadata attribute; `value` is already JSON (a number or a quoted string).
    function _attribute(string memory traitType, string memory value) private pure returns (string memory) {
        return string.concat('{"trait_type":"', traitType, '","value":', value, "}");
    }

    function _quoted(string memory text) private pure returns (string memory) {
        return string.concat('"', text, '"');
    }

    /// @dev The tier a piece has after `from` passes it (or a part of it) to `to` (see
    /// IReceivableToken.Piece.tier): one up for a payment from one enterprise to another,
    /// unchanged for a move to oneself, to or from a financier of the alliance; saturates at
    /// MAX_TIER so that no number of moves can ever block a piece.
    function _tierAfterMove(uint16 tier, uint256 allianceId, address from, address to) private view returns (uint16) {
        if (from == to || tier == MAX_TIER || _isFinancier(allianceId, to) || _isFinancier(allianceId, from)) {
            return tier;
        }
        return tier + 1;
    }

    /// @dev A member of the alliance in the financier role (active or not: custody by a bank
    /// that was suspended since is still custody).
    function _isFinancier(uint256 allianceId, address account) private view returns (bool) {
        return alliances.membershipOf(allianceId, account).roles & EnterpriseRoles.FINANCIER != 0;
    }
}
