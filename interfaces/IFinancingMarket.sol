// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFinancingMarket
/// @notice Discounting with delivery versus payment: a financier offers to buy (part of) a
/// receivable piece at an annual discount rate; the holder's acceptance swaps cash for the
/// piece atomically.
interface IFinancingMarket {
    enum OfferStatus { None, Open, Taken, Cancelled }

    /// @notice The terms of an offer, on-chain or signed (EIP-712 type `Offer`).
    struct OfferTerms {
        address financier;  // buyer; active member in the financier role of the piece's alliance
        address seller;     // the only holder who may accept (required for recourse; 0 = any holder)
        address currency;   // must be the piece's root currency
        uint256 pieceId;    // the piece to buy (or to buy part of)
        uint256 amount;     // value to buy; less than the piece's value = split inside the sale
        uint256 rateBps;    // annual discount rate, basis points (actual/365, see Discounting)
        uint256 feeBps;     // platform fee the financier agreed to; must equal the market's fee
        bool recourse;      // on default the financier may call the seller
        uint256 expiry;     // last second the offer can be accepted
        uint256 nonce;      // signed offers: the financier's current nonce
    }

    /// @notice A sale made with recourse, kept for the settlement contract. Its id is the id of
    /// the piece the financier bought; every piece carrying that id (see
    /// IReceivableToken.recourseSaleOf) holds a pro-rata share of the right of recourse.
    struct Sale {
        address seller;     // answers for the obligor's default, at most `amount`
        uint40 soldAt;
        uint16 rateBps;
        bool recourse;
        address financier;  // the buyer at the sale (the right travels to later holders)
        uint96 price;
        uint96 amount;      // the value sold: the most the seller can ever owe on this sale
    }

    event OfferPosted(uint256 indexed offerId, address indexed financier, uint256 indexed pieceId, uint256 amount,
        uint256 rateBps, uint256 feeBps, bool recourse, uint256 expiry);
    event OfferCancelled(uint256 indexed offerId, address indexed financier);
    event SignedOfferCancelled(bytes32 indexed offerHash, address indexed financier);
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
    event FeeSet(uint256 feeBps, address feeRecipient);

    /// @notice An amount, rate or deposit is zero where it must not be.
    error ZeroAmount();
    /// @notice The rate or fee is above its maximum.
    error RateTooHigh(uint256 rateBps, uint256 maximum);
    /// @notice The offer's fee is not the platform fee in force.
    error FeeMismatch(uint256 offerFeeBps, uint256 platformFeeBps);
    /// @notice The expiry is not in the future.
    error BadExpiry(uint256 expiry);
    /// @notice The offer is not open.
    error OfferNotOpen(uint256 offerId, OfferStatus status);
    /// @notice The offer has expired.
    error OfferExpired(uint256 expiry, uint256 nowTime);
    /// @notice Only the offer's financier may do this.
    error NotOfferFinancier(uint256 offerId, address caller);
    /// @notice The caller does not hold the piece.
    error NotPieceHolder(uint256 pieceId, address caller);
    /// @notice The financier is not an active financier of the piece's alliance.
    error FinancierNotMember(uint256 allianceId, address financier);
    /// @notice The amount exceeds the piece's value.
    error AmountExceedsPiece(uint256 amount, uint256 pieceValue);
    /// @notice The offer's currency is not the piece's currency.
    error WrongCurrency(address offered, address required);
    /// @notice The price is below the seller's minimum.
    error PriceBelowMinimum(uint256 price, uint256 minPrice);
    /// @notice The piece is locked by a platform contract.
    error PieceIsLocked(uint256 pieceId);
    /// @notice The root has matured or settlement began: its pieces no longer trade.
    error PieceNotTradable(uint256 pieceId, uint256 maturity, bool frozen);
    /// @notice The signature is not the financier's.
    error InvalidSignature(address signer, address financier);
    /// @notice The signed offer's nonce is not the financier's current nonce.
    error StaleNonce(uint256 nonce, uint256 current);
    /// @notice The signed offer was already taken or cancelled.
    error SignedOfferUsed(bytes32 offerHash);
    /// @notice The currency delivered a different amount than requested (fee-on-transfer).
    error UnsupportedCurrency(address currency, uint256 expected, uint256 received);
    /// @notice No live piece has this id.
    error UnknownPiece(uint256 pieceId);
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice A financier cannot buy its own piece.
    error SelfDealing(address account);
    /// @notice The offer is bound to another seller (a recourse offer prices one seller's credit).
    error NotOfferSeller(address boundSeller, address caller);
    /// @notice The piece already carries a right of recourse: it can be sold on only without recourse.
    error PieceCarriesRecourse(uint256 pieceId, uint256 saleId);

    /// @notice The recourse sale whose right the piece carries (zero if none).
    function saleOf(uint256 pieceId) external view returns (Sale memory);

    /// @notice A recourse sale by id (the id of the piece bought).
    function saleById(uint256 saleId) external view returns (Sale memory);
}
