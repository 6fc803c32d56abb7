// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITradeRegistry} from "./ITradeRegistry.sol";
import {IReceivableToken} from "./IReceivableToken.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {
    ICommonErrors,
    ICurrencyErrors,
    IFinancingMarketErrors,
    IMembershipErrors,
    IPieceErrors
} from "./IPlatformErrors.sol";

/// @title IFinancingMarket
/// @notice Discounting with delivery versus payment: a financier offers to buy (part of) a
/// receivable piece at an annual discount rate; the holder's acceptance swaps cash for the
/// piece atomically.
interface IFinancingMarket is ICommonErrors, ICurrencyErrors, IFinancingMarketErrors, IMembershipErrors, IPieceErrors {
    enum OfferStatus {
        None,
        Open,
        Taken,
        Cancelled
    }

    /// @notice The terms of an offer, on-chain or signed (EIP-712 type `Offer`).
    struct OfferTerms {
        address financier; // buyer; active member in the financier role of the piece's alliance
        address seller; // the only holder who may accept (required for recourse; 0 = any holder)
        address currency; // must be the piece's root currency
        uint256 pieceId; // the piece to buy (or to buy part of)
        uint256 amount; // value to buy; less than the piece's value = split inside the sale
        uint256 rateBps; // annual discount rate, basis points (actual/365, see Discounting)
        uint256 feeBps; // platform fee the financier agreed to; must equal the market's fee
        bool recourse; // on default the financier may call the seller
        uint256 expiry; // last second the offer can be accepted
        uint256 nonce; // signed offers: the financier's current nonce
    }

    /// @notice An on-chain offer (two storage slots and the piece; its price is escrowed).
    struct OfferRecord {
        address financier;
        uint40 expiry;
        uint16 rateBps;
        uint16 feeBps;
        bool recourse;
        OfferStatus status;
        address currency;
        uint96 amount;
        uint256 pieceId;
        address seller; // the holder when the offer was posted; a recourse offer is bound to it
    }

    /// @notice A sale made with recourse, kept for the settlement contract. Its id is the id of
    /// the piece the financier bought; every piece carrying that id (see
    /// IReceivableToken.recourseSaleOf) holds a pro-rata share of the right of recourse.
    struct Sale {
        address seller; // answers for the obligor's default, at most `amount`
        uint40 soldAt;
        uint16 rateBps;
        bool recourse;
        address financier; // the buyer at the sale (the right travels to later holders)
        uint96 price;
        uint96 amount; // the value sold: the most the seller can ever owe on this sale
    }

    /// @notice A financier posted an offer on a piece and escrowed its price.
    event OfferPosted(
        uint256 indexed offerId,
        address indexed financier,
        uint256 indexed pieceId,
        uint256 amount,
        uint256 rateBps,
        uint256 feeBps,
        bool recourse,
        uint256 expiry
    );
    /// @notice The financier cancelled its on-chain offer; the escrow went back to it.
    event OfferCancelled(uint256 indexed offerId, address indexed financier);
    /// @notice The financier cancelled a signed offer by its digest.
    event SignedOfferCancelled(bytes32 indexed offerHash, address indexed financier);
    /// @notice The financier invalidated all its signed offers with an older nonce.
    event NonceBumped(address indexed financier, uint256 newNonce);
    /// @notice A piece (or part of one) was sold: `boughtPieceId` is the piece the financier got.
    /// `offerRef` is the on-chain offer id (as bytes32) or the signed offer's EIP-712 digest.
    event PieceFinanced(
        uint256 indexed pieceId,
        uint256 indexed boughtPieceId,
        address indexed financier,
        address seller,
        uint256 amount,
        uint256 price,
        uint256 fee,
        uint256 rateBps,
        bool recourse,
        bytes32 offerRef
    );
    /// @notice The operator set the platform fee and its recipient.
    event FeeSet(uint256 feeBps, address feeRecipient);

    /// @notice The offer is not open.
    error OfferNotOpen(uint256 offerId, OfferStatus status);

    /// @notice The recourse sale whose right the piece carries (zero if none).
    function saleOf(uint256 pieceId) external view returns (Sale memory);

    /// @notice A recourse sale by id (the id of the piece bought).
    function saleById(uint256 saleId) external view returns (Sale memory);

    /// @notice Offer to buy `amount` of a piece, escrowing `amount` of the piece's currency
    /// (needs an allowance). The unused part of the escrow is refunded at acceptance.
    /// Any active financier of the piece's alliance (the caller). Refused: ZeroAmount, RateTooHigh,
    /// FeeMismatch, BadExpiry (past or over 40 bits), AmountExceedsPiece, SelfDealing (the caller
    /// holds the piece), PieceNotTradable (frozen or matured root), WrongCurrency,
    /// FinancierNotMember, UnsupportedCurrency (fee-on-transfer cash).
    /// @param pieceId The piece.
    /// @param amount Value to buy (at most the piece's value at acceptance).
    /// @param rateBps Annual discount rate.
    /// @param offerFeeBps The platform fee in force (guards against a fee change).
    /// @param recourse Whether the seller answers for a default; such an offer is bound to the
    /// piece's current holder (only it may accept) and refused at acceptance if the piece
    /// already carries a right of recourse.
    /// @param expiry Last second the offer can be accepted.
    /// @return offerId The new offer.
    function postOffer(
        uint256 pieceId,
        uint256 amount,
        uint256 rateBps,
        uint256 offerFeeBps,
        bool recourse,
        uint256 expiry
    ) external returns (uint256 offerId);

    /// @notice Cancel an open offer (also after expiry) and take its escrow back.
    /// Only the offer's financier (NotOfferFinancier), only while open (OfferNotOpen); the escrow
    /// goes back to it.
    /// @param offerId The offer.
    function cancelOffer(uint256 offerId) external;

    /// @notice Accept an open offer for a piece the caller holds: the caller receives price
    /// minus fee, the operator the fee, the financier the piece (or the part offered for).
    /// Only the piece's holder (NotPieceHolder), or the offer's bound seller (NotOfferSeller).
    /// Refused: OfferNotOpen, OfferExpired, FeeMismatch (the fee changed since posting), SelfDealing,
    /// PieceCarriesRecourse, PieceIsLocked, AmountExceedsPiece, PieceNotTradable, WrongCurrency,
    /// FinancierNotMember (no longer active), PriceBelowMinimum.
    /// @param offerId The offer.
    /// @param minPrice The lowest price the caller accepts.
    /// @return boughtPieceId The piece the financier now holds.
    /// @return price The price paid, before the fee.
    function acceptOffer(uint256 offerId, uint256 minPrice) external returns (uint256 boughtPieceId, uint256 price);

    /// @notice Accept a financier's EIP-712 signed offer; its cash moves by allowance.
    /// Same callers and refusals as `acceptOffer`, and: InvalidSignature (not signed by
    /// `offer.financier`), OfferExpired, StaleNonce, SignedOfferUsed, UnsupportedCurrency (pulled
    /// from the financier at acceptance).
    /// @param offer The signed terms.
    /// @param signature The financier's 65-byte signature.
    /// @param minPrice The lowest price the caller accepts.
    /// @return boughtPieceId The piece the financier now holds.
    /// @return price The price paid, before the fee.
    function acceptSignedOffer(OfferTerms calldata offer, bytes calldata signature, uint256 minPrice)
        external
        returns (uint256 boughtPieceId, uint256 price);

    /// @notice Void one of the caller's signed offers.
    /// Only the offer's financier (NotOfferFinancier); SignedOfferUsed if already used or cancelled.
    /// @param offer The signed terms (financier must be the caller).
    function cancelSignedOffer(OfferTerms calldata offer) external;

    /// @notice Void all of the caller's outstanding signed offers.
    /// Any financier, for its own signed offers.
    function bumpNonce() external;

    /// @notice The EIP-712 digest a financier signs for `offer`.
    /// @param offer The terms.
    function hashOffer(OfferTerms calldata offer) external view returns (bytes32);

    /// @notice Set the platform fee and where it goes.
    /// Only the admin (the operator). Refused: RateTooHigh (over MAX_FEE_BPS), ZeroAddress
    /// (recipient).
    /// @param newFeeBps At most MAX_FEE_BPS.
    /// @param recipient Fee recipient.
    function setFee(uint256 newFeeBps, address recipient) external;

    /// @notice An on-chain offer.
    /// @param offerId The offer.
    function offerInfo(uint256 offerId) external view returns (OfferRecord memory);

    /// @notice The price `amount` of a piece would fetch now at `rateBps`, and the fee on it.
    /// Refused with UnknownPiece for an unknown piece.
    /// @param pieceId The piece (for its maturity).
    /// @param amount Value to buy.
    /// @param rateBps Annual discount rate.
    function quote(uint256 pieceId, uint256 amount, uint256 rateBps) external view returns (uint256 price, uint256 fee);

    /// @notice The EIP-712 domain separator.
    function domainSeparator() external view returns (bytes32);

    /// @notice Highest platform fee the operator can set.
    function MAX_FEE_BPS() external view returns (uint256);

    /// @notice Highest annual discount rate accepted.
    function MAX_RATE_BPS() external view returns (uint256);

    /// @notice EIP-712 type of a signed offer.
    function OFFER_TYPEHASH() external view returns (bytes32);

    /// @notice The receivable token whose pieces are sold.
    function receivables() external view returns (IReceivableToken);

    /// @notice The trade registry (currency approvals).
    function trades() external view returns (ITradeRegistry);

    /// @notice The membership registry.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice Platform fee in basis points of the price, paid by the financier's cash to `feeRecipient`.
    function feeBps() external view returns (uint256);

    /// @notice Where platform fees go (the operator).
    function feeRecipient() external view returns (address);

    /// @notice Number of on-chain offers so far (ids run from 1 to offerCount).
    function offerCount() external view returns (uint256);

    /// @notice True once a signed offer (by its EIP-712 digest, `hashOffer`) was accepted or
    /// cancelled: it can never be used again.
    /// @param offerHash The offer's digest.
    function signedOfferUsed(bytes32 offerHash) external view returns (bool);
}
