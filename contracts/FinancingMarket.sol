// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IFinancingMarket} from "../interfaces/IFinancingMarket.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {Discounting} from "./libraries/Discounting.sol";
import {ExactTransfer} from "./libraries/ExactTransfer.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title FinancingMarket
/// @notice Financiers buy receivable pieces at a discount; the holder's acceptance swaps the
/// piece for cash in one transaction (delivery versus payment) or nothing moves.
/// @dev Two kinds of offer:
///  - on-chain (`postOffer`): the financier escrows `amount` (the highest price possible);
///    at acceptance the price is paid out of it and the rest goes back to the financier; a
///    cancelled or expired offer's escrow is taken back with `cancelOffer`;
///  - signed (`acceptSignedOffer`): an EIP-712 `Offer` the seller submits; the financier's cash
///    moves by allowance. It is bound to this contract and chain, usable once, until its
///    expiry, and only while its nonce is the financier's current one (`bumpNonce` voids all
///    outstanding offers; `cancelSignedOffer` voids one).
/// An offer with recourse is bound to one seller (a posted one to the holder when it was
/// posted, a signed one to its `seller`): the financier priced that seller's credit. A piece
/// carries at most one right of recourse (IReceivableToken.recourseSaleOf); sold on without
/// recourse, the right goes with it to the buyer.
/// Prices follow `Discounting` (mirrored by scf/pricing.py). The seller names a minimum price,
/// so no one can move it into a worse deal. Needs PLATFORM_ROLE on the receivable token.
contract FinancingMarket is IFinancingMarket, PlatformAccess, ReentrancyGuard, EIP712, Nonces {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IFinancingMarket
    uint256 public constant MAX_FEE_BPS = PlatformConstants.MAX_FEE_BPS;
    /// @inheritdoc IFinancingMarket
    uint256 public constant MAX_RATE_BPS = PlatformConstants.MAX_RATE_BPS;
    /// @inheritdoc IFinancingMarket
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address financier,address seller,address currency,uint256 pieceId,uint256 amount,uint256 rateBps,uint256 feeBps,bool recourse,uint256 expiry,uint256 nonce)"
    );

    /// @inheritdoc IFinancingMarket
    IReceivableToken public immutable receivables;
    /// @inheritdoc IFinancingMarket
    ITradeRegistry public immutable trades;
    /// @inheritdoc IFinancingMarket
    IAllianceRegistry public immutable alliances;

    /// @inheritdoc IFinancingMarket
    uint256 public feeBps;
    /// @inheritdoc IFinancingMarket
    address public feeRecipient;
    /// @inheritdoc IFinancingMarket
    uint256 public offerCount;

    mapping(uint256 offerId => OfferRecord) private _offers;
    /// @inheritdoc IFinancingMarket
    mapping(bytes32 offerHash => bool) public signedOfferUsed;
    /// @dev Sales with recourse by sale id (the id of the piece the financier bought).
    mapping(uint256 saleId => Sale) private _sales;

    /// @notice Deploy the market with its platform fee, paid to `operator` until changed.
    /// @param operator Admin; receives fees until changed.
    /// @param receivableToken The receivable pieces.
    /// @param tradeRegistry For the currency of a piece's root.
    /// @param allianceRegistry For the financier's membership.
    /// @param initialFeeBps Platform fee.
    constructor(
        address operator,
        IReceivableToken receivableToken,
        ITradeRegistry tradeRegistry,
        IAllianceRegistry allianceRegistry,
        uint256 initialFeeBps
    ) PlatformAccess(operator) EIP712("scf-chain FinancingMarket", "1") {
        if (
            address(receivableToken) == address(0) || address(tradeRegistry) == address(0)
                || address(allianceRegistry) == address(0)
        ) revert ZeroAddress();
        if (initialFeeBps > MAX_FEE_BPS) revert RateTooHigh(initialFeeBps, MAX_FEE_BPS);
        receivables = receivableToken;
        trades = tradeRegistry;
        alliances = allianceRegistry;
        feeBps = initialFeeBps;
        feeRecipient = operator;
    }

    // ------------------------------------------------------------------ on-chain offers

    /// @inheritdoc IFinancingMarket
    function postOffer(
        uint256 pieceId,
        uint256 amount,
        uint256 rateBps,
        uint256 offerFeeBps,
        bool recourse,
        uint256 expiry
    ) external nonReentrant returns (uint256 offerId) {
        OfferTerms memory t = OfferTerms({
            financier: msg.sender,
            seller: address(0),
            currency: address(0),
            pieceId: pieceId,
            amount: amount,
            rateBps: rateBps,
            feeBps: offerFeeBps,
            recourse: recourse,
            expiry: expiry,
            nonce: 0
        });
        _checkTerms(t);
        t.currency = _checkPosting(t);
        // the financier priced the credit of the holder it saw: a recourse offer is bound to it
        if (recourse) t.seller = receivables.ownerOf(pieceId);
        offerId = _storeOffer(t);
        ExactTransfer.pullExact(IERC20(t.currency), msg.sender, amount);
    }

    /// @inheritdoc IFinancingMarket
    function cancelOffer(uint256 offerId) external nonReentrant {
        OfferRecord storage o = _offers[offerId];
        if (o.status != OfferStatus.Open) revert OfferNotOpen(offerId, o.status);
        if (o.financier != msg.sender) revert NotOfferFinancier(offerId, msg.sender);
        o.status = OfferStatus.Cancelled;
        emit OfferCancelled(offerId, msg.sender);
        IERC20(o.currency).safeTransfer(msg.sender, o.amount);
    }

    /// @inheritdoc IFinancingMarket
    function acceptOffer(uint256 offerId, uint256 minPrice)
        external
        nonReentrant
        returns (uint256 boughtPieceId, uint256 price)
    {
        OfferRecord storage o = _offers[offerId];
        if (o.status != OfferStatus.Open) revert OfferNotOpen(offerId, o.status);
        if (block.timestamp > o.expiry) revert OfferExpired(o.expiry, block.timestamp);
        OfferTerms memory t = OfferTerms({
            financier: o.financier,
            seller: o.seller,
            currency: o.currency,
            pieceId: o.pieceId,
            amount: o.amount,
            rateBps: o.rateBps,
            feeBps: o.feeBps,
            recourse: o.recourse,
            expiry: o.expiry,
            nonce: 0
        });
        if (t.feeBps != feeBps) revert FeeMismatch(t.feeBps, feeBps);
        o.status = OfferStatus.Taken;
        (boughtPieceId, price) = _execute(t, minPrice, true, offerId, bytes32(0));
    }

    // ------------------------------------------------------------------ signed offers

    /// @inheritdoc IFinancingMarket
    function acceptSignedOffer(OfferTerms calldata offer, bytes calldata signature, uint256 minPrice)
        external
        nonReentrant
        returns (uint256 boughtPieceId, uint256 price)
    {
        bytes32 digest = hashOffer(offer);
        address signer = ECDSA.recover(digest, signature);
        if (signer != offer.financier) revert InvalidSignature(signer, offer.financier);
        if (block.timestamp > offer.expiry) revert OfferExpired(offer.expiry, block.timestamp);
        uint256 current = nonces(offer.financier);
        if (offer.nonce != current) revert StaleNonce(offer.nonce, current);
        if (signedOfferUsed[digest]) revert SignedOfferUsed(digest);
        _checkTerms(offer);
        signedOfferUsed[digest] = true;
        (boughtPieceId, price) = _execute(offer, minPrice, false, 0, digest);
    }

    /// @inheritdoc IFinancingMarket
    function cancelSignedOffer(OfferTerms calldata offer) external {
        if (offer.financier != msg.sender) revert NotOfferFinancier(0, msg.sender);
        bytes32 digest = hashOffer(offer);
        if (signedOfferUsed[digest]) revert SignedOfferUsed(digest);
        signedOfferUsed[digest] = true;
        emit SignedOfferCancelled(digest, msg.sender);
    }

    /// @inheritdoc IFinancingMarket
    function bumpNonce() external {
        emit NonceBumped(msg.sender, _useNonce(msg.sender) + 1);
    }

    /// @inheritdoc IFinancingMarket
    function hashOffer(OfferTerms calldata offer) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OFFER_TYPEHASH, offer)));
    }

    // ------------------------------------------------------------------ cash

    /// @inheritdoc IFinancingMarket
    function setFee(uint256 newFeeBps, address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert RateTooHigh(newFeeBps, MAX_FEE_BPS);
        if (recipient == address(0)) revert ZeroAddress();
        feeBps = newFeeBps;
        feeRecipient = recipient;
        emit FeeSet(newFeeBps, recipient);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IFinancingMarket
    function offerInfo(uint256 offerId) external view returns (OfferRecord memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IFinancingMarket
    function saleOf(uint256 pieceId) external view returns (Sale memory) {
        return _sales[receivables.recourseSaleOf(pieceId)];
    }

    /// @inheritdoc IFinancingMarket
    function saleById(uint256 saleId) external view returns (Sale memory) {
        return _sales[saleId];
    }

    /// @inheritdoc IFinancingMarket
    function quote(uint256 pieceId, uint256 amount, uint256 rateBps)
        external
        view
        returns (uint256 price, uint256 fee)
    {
        IReceivableToken.Piece memory p = receivables.pieceInfo(pieceId);
        if (p.rootId == 0) revert UnknownPiece(pieceId);
        (uint256 maturity,,,,) = receivables.rootState(p.rootId);
        price = Discounting.price(amount, rateBps, maturity, block.timestamp);
        fee = Discounting.fee(price, feeBps);
    }

    /// @inheritdoc IFinancingMarket
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ------------------------------------------------------------------ internals

    /// @dev Posting checks; returns the piece's currency.
    function _checkPosting(OfferTerms memory t) private view returns (address currency) {
        // Only here: a signed offer is checked against its expiry by `acceptSignedOffer`
        // (OfferExpired), so it stays usable in its last second, as an on-chain offer does.
        if (t.expiry <= block.timestamp) revert BadExpiry(t.expiry);
        if (t.amount > type(uint96).max) revert AmountExceedsPiece(t.amount, type(uint96).max);
        if (t.expiry > type(uint40).max) revert BadExpiry(t.expiry);
        IReceivableToken.Piece memory p = receivables.pieceInfo(t.pieceId);
        if (receivables.ownerOf(t.pieceId) == msg.sender) revert SelfDealing(msg.sender);
        if (t.amount > p.value) revert AmountExceedsPiece(t.amount, p.value);
        (uint256 maturity, uint256 allianceId, bool frozen, uint256 tradeId,) = receivables.rootState(p.rootId);
        if (frozen || block.timestamp >= maturity) revert PieceNotTradable(t.pieceId, maturity, frozen);
        if (!alliances.isActiveMember(allianceId, msg.sender, EnterpriseRoles.FINANCIER)) {
            revert FinancierNotMember(allianceId, msg.sender);
        }
        (,, currency,) = trades.terms(tradeId);
    }

    function _storeOffer(OfferTerms memory t) private returns (uint256 offerId) {
        offerId = ++offerCount;
        _offers[offerId] = OfferRecord({
            financier: t.financier,
            expiry: uint40(t.expiry), // bound: BadExpiry in _checkPosting
            rateBps: uint16(t.rateBps), // bound: <= MAX_RATE_BPS (_checkTerms)
            feeBps: uint16(t.feeBps), // bound: == feeBps <= MAX_FEE_BPS (_checkTerms)
            recourse: t.recourse,
            status: OfferStatus.Open,
            currency: t.currency,
            amount: uint96(t.amount), // bound: AmountExceedsPiece in _checkPosting
            pieceId: t.pieceId,
            seller: t.seller
        });
        emit OfferPosted(offerId, t.financier, t.pieceId, t.amount, t.rateBps, t.feeBps, t.recourse, t.expiry);
    }

    function _checkTerms(OfferTerms memory t) private view {
        if (t.amount == 0) revert ZeroAmount();
        if (t.rateBps > MAX_RATE_BPS) revert RateTooHigh(t.rateBps, MAX_RATE_BPS);
        if (t.feeBps != feeBps) revert FeeMismatch(t.feeBps, feeBps);
    }

    /// @dev What the checks found: who sells, how much the piece holds, the price and fee.
    struct Deal {
        address seller;
        uint256 pieceValue;
        uint256 price;
        uint256 fee;
    }

    /// @dev Checks the piece and the parties, moves the piece, then the cash.
    function _execute(OfferTerms memory t, uint256 minPrice, bool escrowed, uint256 offerId, bytes32 digest)
        private
        returns (uint256 bought, uint256 price)
    {
        Deal memory d = _inspect(t, minPrice, escrowed);
        if (t.amount == d.pieceValue) {
            bought = t.pieceId;
            receivables.platformTransfer(d.seller, t.financier, bought);
        } else {
            bought = receivables.platformSplit(t.pieceId, t.amount, t.financier);
        }
        // Without recourse, a right of recourse the piece already carries travels with it to the
        // buyer (the split child inherits it). With recourse, the bought piece's id is the sale's.
        if (t.recourse) {
            _sales[bought] = Sale({
                seller: d.seller,
                soldAt: block.timestamp.toUint40(),
                rateBps: uint16(t.rateBps), // bound: <= MAX_RATE_BPS (_checkTerms)
                recourse: true,
                financier: t.financier,
                price: uint96(d.price), // bound: price <= amount
                amount: uint96(t.amount) // bound: <= the piece's 96-bit value (AmountExceedsPiece)
            });
            receivables.setRecourseSale(bought, bought);
        }
        _emitFinanced(t, d, bought, escrowed ? bytes32(offerId) : digest);
        _payOut(t, d, escrowed);
        price = d.price;
    }

    function _emitFinanced(OfferTerms memory t, Deal memory d, uint256 bought, bytes32 offerRef) private {
        emit PieceFinanced(
            t.pieceId, bought, t.financier, d.seller, t.amount, d.price, d.fee, t.rateBps, t.recourse, offerRef
        );
    }

    function _inspect(OfferTerms memory t, uint256 minPrice, bool escrowed) private view returns (Deal memory d) {
        d.seller = receivables.ownerOf(t.pieceId);
        if (d.seller != msg.sender) revert NotPieceHolder(t.pieceId, msg.sender);
        if (d.seller == t.financier) revert SelfDealing(d.seller);
        // a recourse offer prices one seller's credit: only that seller may take it
        if ((t.recourse || t.seller != address(0)) && t.seller != d.seller) revert NotOfferSeller(t.seller, d.seller);
        // a piece carries at most one right of recourse (the earlier seller's travels with it)
        if (t.recourse) {
            uint256 carried = receivables.recourseSaleOf(t.pieceId);
            if (carried != 0) revert PieceCarriesRecourse(t.pieceId, carried);
        }
        IReceivableToken.Piece memory p = receivables.pieceInfo(t.pieceId);
        if (p.locked) revert PieceIsLocked(t.pieceId);
        if (t.amount > p.value) revert AmountExceedsPiece(t.amount, p.value);
        d.pieceValue = p.value;
        uint256 maturity = _checkRoot(t, p.rootId, escrowed);
        d.price = Discounting.price(t.amount, t.rateBps, maturity, block.timestamp);
        if (d.price < minPrice) revert PriceBelowMinimum(d.price, minPrice);
        d.fee = Discounting.fee(d.price, t.feeBps);
    }

    /// @dev The root still trades, the currency matches and the financier is a member.
    function _checkRoot(OfferTerms memory t, uint256 rootId, bool escrowed) private view returns (uint256 maturity) {
        (uint256 m, uint256 allianceId, bool frozen, uint256 tradeId,) = receivables.rootState(rootId);
        if (frozen || block.timestamp >= m) revert PieceNotTradable(t.pieceId, m, frozen);
        if (!escrowed) {
            (,, address currency,) = trades.terms(tradeId);
            if (currency != t.currency) revert WrongCurrency(t.currency, currency);
        }
        if (!alliances.isActiveMember(allianceId, t.financier, EnterpriseRoles.FINANCIER)) {
            revert FinancierNotMember(allianceId, t.financier);
        }
        return m;
    }

    function _payOut(OfferTerms memory t, Deal memory d, bool escrowed) private {
        IERC20 cash = IERC20(t.currency);
        uint256 net = d.price - d.fee;
        if (escrowed) {
            uint256 unused = t.amount - d.price;
            if (net != 0) cash.safeTransfer(d.seller, net);
            if (d.fee != 0) cash.safeTransfer(feeRecipient, d.fee);
            if (unused != 0) cash.safeTransfer(t.financier, unused);
        } else {
            if (net != 0) cash.safeTransferFrom(t.financier, d.seller, net);
            if (d.fee != 0) cash.safeTransferFrom(t.financier, feeRecipient, d.fee);
        }
    }
}
