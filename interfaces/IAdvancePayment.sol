// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWarehouseReceipt} from "./IWarehouseReceipt.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {
    ICommonErrors,
    IAdvancePaymentErrors,
    ICurrencyErrors,
    IGoodsErrors,
    IMembershipErrors
} from "./IPlatformErrors.sol";

/// @title IAdvancePayment
/// @notice Advance-payment (prepayment) financing: a distributor orders goods from a core
/// enterprise; a financier pays the core enterprise up front against the warehouse receipt for
/// the goods, which it then holds locked; the distributor repays in instalments, each releasing
/// a proportional quantity of the goods (the receipt is split by quantity); if the distributor
/// defaults, the core enterprise buys the unreleased goods back under the guarantee it accepted
/// with the order.
interface IAdvancePayment is ICommonErrors, IAdvancePaymentErrors, ICurrencyErrors, IGoodsErrors, IMembershipErrors {
    enum DealStatus {
        None,
        Proposed,
        Accepted,
        Active,
        Repaid,
        Defaulted,
        BoughtBack,
        Cancelled
    }

    /// @notice The order as the distributor proposes it.
    struct Terms {
        uint256 allianceId; // alliance of all three parties and of the warehouse receipt
        address core; // the seller, and the buy-back guarantor
        address financier; // pays the core enterprise up front
        address currency; // ERC-20 of the price and the repayments
        bytes32 goodsHash; // goods description: the receipt's lot must carry the same hash
        uint256 quantity; // units of goods: the receipt must be for exactly this quantity
        uint256 price; // paid by the financier to the core enterprise at funding
        uint256 rateBps; // financing rate, simple annual, for the whole term
        uint256 termDays; // from funding to the due date of the last instalment
    }

    /// @notice One deal (six storage slots).
    struct Deal {
        address distributor;
        uint32 allianceId;
        uint40 dueAt; // set at funding
        DealStatus status;
        uint16 termDays;
        address core;
        uint96 price;
        address financier;
        uint96 owed; // price + interest for the term, fixed at the proposal
        address currency;
        uint96 repaid;
        uint96 quantity;
        uint96 released; // quantity released to the distributor so far
        uint48 receiptId; // the receipt for the unreleased goods (locked by this contract)
        bytes32 goodsHash;
    }

    /// @notice A distributor proposed an advance-payment deal; `owed` is the price plus the term's
    /// interest.
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
    /// @notice The financier paid the core enterprise and holds the locked receipt until `dueAt`.
    event DealFunded(uint256 indexed dealId, address indexed financier, uint256 price, uint256 dueAt);
    /// @notice An instalment was paid to the financier; `releasedQuantity` of goods went to the
    /// distributor on `releasedReceiptId`.
    event InstalmentPaid(
        uint256 indexed dealId,
        address indexed payer,
        uint256 amount,
        uint256 totalRepaid,
        uint256 releasedQuantity,
        uint256 releasedReceiptId
    );
    /// @notice The deal defaulted: the core enterprise owes `price` for the unreleased `quantity`.
    event BuybackCalled(uint256 indexed dealId, address indexed financier, uint256 price, uint256 quantity);
    /// @notice The buy-back was paid; the unreleased goods' receipt went to the core enterprise.
    event BoughtBack(uint256 indexed dealId, address indexed payer, uint256 price, uint256 receiptId);
    /// @notice The deal was cancelled before funding; a receipt put under it is free again.
    event DealCancelled(uint256 indexed dealId, address indexed by);

    /// @notice The deal is not in the status this step needs.
    error WrongDealStatus(uint256 dealId, DealStatus status, DealStatus required);

    /// @notice The deal record.
    function dealInfo(uint256 dealId) external view returns (Deal memory);

    /// @notice Quantity of goods released once `totalRepaid` has been repaid in all:
    /// floor(quantity * totalRepaid / owed), all of it when fully repaid.
    function releasableAt(uint256 dealId, uint256 totalRepaid) external view returns (uint256);

    /// @notice Propose an order financed in advance, as a distributor of the alliance.
    /// Any active distributor of the alliance (DistributorNotMember). Refused: ZeroGoodsHash,
    /// ZeroQuantity, ZeroAmount, TooLarge (quantity, price or owed over 96 bits), RateTooHigh,
    /// BadTerm (0 or over MAX_TERM_DAYS), InvalidCurrency, CoreNotMember, FinancierNotMember.
    /// @param t The terms: alliance, core enterprise (active core), financier (active
    /// financier), currency (a contract), goods hash (non-zero), quantity and price (non-zero,
    /// 96 bits), annual rate (at most MAX_RATE_BPS), term in days (1..MAX_TERM_DAYS).
    /// @return dealId The new deal (starting at 1).
    function propose(Terms calldata t) external returns (uint256 dealId);

    /// @notice Accept a proposed order as its core enterprise, together with the buy-back
    /// guarantee (see the contract notes), putting the warehouse receipt for the goods under
    /// the deal: it is locked in the caller's hands until the financier pays.
    /// Only the deal's core enterprise (NotCore), while Proposed (UnknownDeal, WrongDealStatus), with
    /// a receipt it holds (NotReceiptHolder) that is free (ReceiptAlreadyLocked), for the deal's
    /// goods and alliance (WrongGoods) and quantity (WrongQuantity).
    /// @param dealId The deal.
    /// @param receiptId A free receipt the caller holds, of the deal's alliance and goods hash,
    /// for exactly the deal's quantity.
    function acceptOrder(uint256 dealId, uint256 receiptId) external;

    /// @notice Fund an accepted deal as its financier: the price goes from the caller to the
    /// core enterprise (needs an allowance) and the locked receipt to the caller; the term runs.
    /// The financier names the receipt it examined: funding fails (UnexpectedReceipt) if the
    /// deal was accepted with another one, e.g. when the call was sent before `acceptOrder`
    /// was mined, so it never pays for collateral it did not see.
    /// Only the deal's financier (NotFinancier), while Accepted (UnknownDeal, WrongDealStatus).
    /// Refused: UnexpectedReceipt.
    /// @param dealId The deal.
    /// @param expectedReceiptId The receipt the financier expects the deal to carry.
    function fund(uint256 dealId, uint256 expectedReceiptId) external;

    /// @notice Pay an instalment for the distributor (needs an allowance): the cash goes to the
    /// financier and the goods now paid for are released to the distributor as a receipt split
    /// off the locked one (the whole rest with the last instalment).
    /// Anyone, while Active (UnknownDeal, WrongDealStatus). Refused: ZeroAmount,
    /// RepaymentExceedsBalance.
    /// @param dealId The deal.
    /// @param amount Base units; non-zero, at most the balance still owed.
    /// @return releasedReceiptId The receipt released to the distributor (0 if this instalment
    /// released no whole unit).
    function repay(uint256 dealId, uint256 amount) external returns (uint256 releasedReceiptId);

    /// @notice Call the core enterprise's buy-back guarantee as the financier of an active deal
    /// not fully repaid after its due date plus the alliance's grace period. Instalments stop.
    /// Only the deal's financier (NotFinancier), while Active (UnknownDeal, WrongDealStatus), after
    /// the due date plus the alliance's grace period (TooEarly).
    /// @param dealId The deal.
    function callBuyback(uint256 dealId) external;

    /// @notice Honour a called buy-back (the core enterprise, or anyone for it, needs an
    /// allowance): the unpaid balance goes to the financier and the receipt for the unreleased
    /// goods to the core enterprise, unlocked.
    /// Anyone (the core enterprise is the guarantor), while Defaulted (UnknownDeal, WrongDealStatus).
    /// @param dealId The deal.
    function payBuyback(uint256 dealId) external;

    /// @notice Cancel a deal before it is funded, as any of its parties; a receipt already put
    /// under it is unlocked (it stays with the core enterprise).
    /// Only a party to the deal (NotParty), while Proposed or Accepted (UnknownDeal,
    /// WrongDealStatus).
    /// @param dealId The deal.
    function cancel(uint256 dealId) external;

    /// @notice Highest annual financing rate.
    function MAX_RATE_BPS() external view returns (uint256);

    /// @notice Longest term.
    function MAX_TERM_DAYS() external view returns (uint256);

    /// @notice The warehouse-receipt token.
    function receipts() external view returns (IWarehouseReceipt);

    /// @notice The membership registry.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice Number of deals so far (ids run from 1 to dealCount).
    function dealCount() external view returns (uint256);
}
