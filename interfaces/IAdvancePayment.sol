// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAdvancePayment
/// @notice Advance-payment (prepayment) financing: a distributor orders goods from a core
/// enterprise; a financier pays the core enterprise up front against the warehouse receipt for
/// the goods, which it then holds locked; the distributor repays in instalments, each releasing
/// a proportional quantity of the goods (the receipt is split by quantity); if the distributor
/// defaults, the core enterprise buys the unreleased goods back under the guarantee it accepted
/// with the order.
interface IAdvancePayment {
    enum DealStatus { None, Proposed, Accepted, Active, Repaid, Defaulted, BoughtBack, Cancelled }

    /// @notice The order as the distributor proposes it.
    struct Terms {
        uint256 allianceId;  // alliance of all three parties and of the warehouse receipt
        address core;        // the seller, and the buy-back guarantor
        address financier;   // pays the core enterprise up front
        address currency;    // ERC-20 of the price and the repayments
        bytes32 goodsHash;   // goods description: the receipt's lot must carry the same hash
        uint256 quantity;    // units of goods: the receipt must be for exactly this quantity
        uint256 price;       // paid by the financier to the core enterprise at funding
        uint256 rateBps;     // financing rate, simple annual, for the whole term
        uint256 termDays;    // from funding to the due date of the last instalment
    }

    /// @notice One deal (six storage slots).
    struct Deal {
        address distributor;
        uint32 allianceId;
        uint40 dueAt;        // set at funding
        DealStatus status;
        uint16 termDays;
        address core;
        uint96 price;
        address financier;
        uint96 owed;         // price + interest for the term, fixed at the proposal
        address currency;
        uint96 repaid;
        uint96 quantity;
        uint96 released;     // quantity released to the distributor so far
        uint48 receiptId;    // the receipt for the unreleased goods (locked by this contract)
        bytes32 goodsHash;
    }

    event DealProposed(
        uint256 indexed dealId,
        address indexed distributor,
        address indexed core,
        address financier,
        uint256 quantity,
        uint256 price,
        uint256 owed,
        uint256 termDays
    );
    /// @notice The core enterprise accepted the order and the buy-back guarantee, and put the
    /// receipt for the goods under the deal.
    event DealAccepted(uint256 indexed dealId, address indexed core, uint256 indexed receiptId);
    event DealFunded(uint256 indexed dealId, address indexed financier, uint256 price, uint256 dueAt);
    event InstalmentPaid(
        uint256 indexed dealId,
        address indexed payer,
        uint256 amount,
        uint256 totalRepaid,
        uint256 releasedQuantity,
        uint256 releasedReceiptId
    );
    event BuybackCalled(uint256 indexed dealId, address indexed financier, uint256 price, uint256 quantity);
    event BoughtBack(uint256 indexed dealId, address indexed payer, uint256 price, uint256 receiptId);
    event DealCancelled(uint256 indexed dealId, address indexed by);

    /// @notice The distributor is not an active distributor of the alliance.
    error DistributorNotMember(uint256 allianceId, address distributor);
    /// @notice The seller is not an active core enterprise of the alliance.
    error CoreNotMember(uint256 allianceId, address core);
    /// @notice The financier is not an active financier of the alliance.
    error FinancierNotMember(uint256 allianceId, address financier);
    /// @notice The currency is not a contract.
    error InvalidCurrency(address currency);
    /// @notice The goods-description hash is zero.
    error ZeroGoodsHash();
    /// @notice A quantity of zero was given.
    error ZeroQuantity();
    /// @notice A price or amount of zero was given.
    error ZeroAmount();
    /// @notice A quantity or amount does not fit 96 bits.
    error TooLarge(uint256 amount);
    /// @notice The annual rate exceeds the maximum.
    error RateTooHigh(uint256 rateBps, uint256 maximum);
    /// @notice The term is zero or longer than the maximum.
    error BadTerm(uint256 termDays, uint256 maximum);
    /// @notice No deal has this id.
    error UnknownDeal(uint256 dealId);
    /// @notice The deal is not in the status this step needs.
    error WrongDealStatus(uint256 dealId, DealStatus status, DealStatus required);
    /// @notice Only the deal's core enterprise may do this.
    error NotCore(uint256 dealId, address caller);
    /// @notice Only the deal's financier may do this.
    error NotFinancier(uint256 dealId, address caller);
    /// @notice Only a party to the deal (distributor, core enterprise, financier) may do this.
    error NotParty(uint256 dealId, address caller);
    /// @notice The caller does not hold the receipt.
    error NotReceiptHolder(uint256 receiptId, address caller);
    /// @notice The receipt is already locked (pledged or under another financing).
    error ReceiptAlreadyLocked(uint256 receiptId, address lockedBy);
    /// @notice The receipt is for other goods or another alliance than the deal.
    error WrongGoods(uint256 receiptId, uint256 allianceId, bytes32 goodsHash);
    /// @notice The receipt is for another quantity than the deal.
    error WrongQuantity(uint256 receiptId, uint256 quantity, uint256 required);
    /// @notice The deal carries another receipt than the one the financier expects at funding.
    error UnexpectedReceipt(uint256 dealId, uint256 receiptId, uint256 expected);
    /// @notice The instalment exceeds what is still owed.
    error RepaymentExceedsBalance(uint256 amount, uint256 balance);
    /// @notice Too early: the buy-back can be called after `notBefore` (due date + grace period).
    error TooEarly(uint256 dealId, uint256 notBefore);

    /// @notice The deal record.
    function dealInfo(uint256 dealId) external view returns (Deal memory);

    /// @notice Quantity of goods released once `totalRepaid` has been repaid in all:
    /// floor(quantity * totalRepaid / owed), all of it when fully repaid.
    function releasableAt(uint256 dealId, uint256 totalRepaid) external view returns (uint256);
}
