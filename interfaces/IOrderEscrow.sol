// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITradeRegistry} from "./ITradeRegistry.sol";
import {IReceivableToken} from "./IReceivableToken.sol";
import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {ICommonErrors, ICurrencyErrors, IOrderEscrowErrors} from "./IPlatformErrors.sol";

/// @title IOrderEscrow
/// @notice Purchase orders from placement to payment with no manual step: a core enterprise
/// orders from a supplier of its alliance, on credit (a receivable) or in cash (escrowed up
/// front); a logistics operator of the alliance records shipped / in-warehouse / delivered with
/// document hashes; the buyer accepts or disputes within a window; an auditor of the alliance
/// or the platform operator resolves disputes. Acceptance of a credit order records the audited
/// trade and issues the confirmed receivable to the supplier; acceptance of a cash order
/// releases the escrow to the supplier. A missed delivery deadline lets the buyer cancel.
interface IOrderEscrow is ICommonErrors, ICurrencyErrors, IOrderEscrowErrors {
    enum OrderStatus {
        None,
        Placed,
        Shipped,
        InWarehouse,
        Delivered,
        Disputed,
        Accepted,
        Resolved,
        Cancelled
    }
    enum Milestone {
        Shipped,
        InWarehouse,
        Delivered
    }

    /// @notice One order (eight storage slots).
    struct Order {
        address buyer; // the core enterprise: obligor of a credit order
        uint40 deadline; // delivery deadline
        uint16 paymentTermDays; // credit: receivable due this many days after acceptance; cash: 0
        bool credit; // true: pays by a receivable; false: cash escrowed at placement
        OrderStatus status;
        address supplier;
        uint96 amount; // base units of `currency`
        address currency;
        uint32 allianceId;
        uint40 deliveredAt; // when the delivery was recorded (the dispute window runs from it)
        bytes32 orderHash; // the purchase-order document; one order per document
        bytes32 shippedDoc; // milestone document hashes (bill of lading, warehouse entry,
        bytes32 warehouseDoc; // signed delivery note); warehouseDoc is 0 for a direct delivery
        bytes32 deliveredDoc;
        uint48 tradeId; // credit order accepted: the audited trade ...
        uint48 rootId; // ... and the receivable issued for it
        uint96 settledAmount; // what the supplier got (cash or receivable face value)
    }

    /// @notice A core enterprise placed a purchase order (cash escrowed, or on credit).
    event OrderPlaced(
        uint256 indexed orderId,
        address indexed buyer,
        address indexed supplier,
        uint256 allianceId,
        address currency,
        uint256 amount,
        uint256 deadline,
        uint256 paymentTermDays,
        bool credit,
        bytes32 orderHash
    );
    /// @notice A logistics member recorded shipment or delivery with its document hash.
    event MilestoneRecorded(
        uint256 indexed orderId, Milestone indexed milestone, address indexed logistics, bytes32 docHash
    );
    /// @notice The buyer disputed the delivered goods within the window.
    event OrderDisputed(uint256 indexed orderId, bytes32 reasonHash);
    /// @notice The buyer accepted (deemed = accepted by silence once the dispute window passed).
    event OrderAccepted(uint256 indexed orderId, address indexed by, bool deemed);
    /// @notice An auditor of the alliance or the operator split the order's amount.
    event DisputeResolved(
        uint256 indexed orderId, address indexed arbiter, uint256 supplierAmount, bytes32 resolutionHash
    );
    /// @notice Money moved: `supplierAmount` to the supplier (cash or receivable face value),
    /// `buyerRefund` of a cash escrow back to the buyer.
    event OrderSettled(
        uint256 indexed orderId, uint256 supplierAmount, uint256 buyerRefund, uint256 tradeId, uint256 rootId
    );
    /// @notice The buyer cancelled an order not shipped by its deadline; `refund` is the escrow
    /// returned.
    event OrderCancelled(uint256 indexed orderId, uint256 refund);

    /// @notice The order is not in a status this step accepts.
    error WrongOrderStatus(uint256 orderId, OrderStatus status);

    /// @notice The order record.
    function orderInfo(uint256 orderId) external view returns (Order memory);

    /// @notice The open or paid order a purchase-order document backs (0 = free).
    function orderOfHash(bytes32 orderHash) external view returns (uint256);

    /// @notice The invoice hash a credit order's trade is recorded with, derived from the
    /// purchase-order document so the platform-wide invoice rule applies to it.
    function invoiceHashOf(bytes32 orderHash) external pure returns (bytes32);

    /// @notice The delivery evidence recorded with the trade: keccak256 of the three milestone
    /// document hashes (shipped, in warehouse or 0, delivered).
    function deliveryHashOf(uint256 orderId) external view returns (bytes32);

    /// @notice Place a purchase order as an active core enterprise of the alliance. A cash
    /// order escrows `amount` from the caller now (needs an allowance).
    /// Only an active core enterprise of the alliance, as buyer (BuyerNotCore). Refused: ZeroAmount,
    /// AmountTooLarge, ZeroDocument, DeadlineOutOfRange, PaymentTermOutOfRange, SelfOrder,
    /// OrderHashUsed, SupplierNotMember, CurrencyNotAllowed, UnsupportedCurrency (cash escrow).
    /// @param allianceId The alliance of buyer and supplier.
    /// @param supplier An active supplier of the alliance.
    /// @param currency ERC-20 of the price, approved now in the trade registry (`currencyAllowed`).
    /// @param amount Base units; non-zero, at most 96 bits.
    /// @param deadline Delivery deadline, in (now, now + MAX_DELIVERY_TIME].
    /// @param paymentTermDays Credit: days from acceptance to the receivable's maturity, 1..365;
    /// cash: 0 (paid on acceptance).
    /// @param credit True to pay by a receivable, false to pay cash from escrow.
    /// @param orderHash Hash of the purchase-order document; not backing another order.
    /// @return orderId The new order (starting at 1).
    function placeOrder(
        uint256 allianceId,
        address supplier,
        address currency,
        uint256 amount,
        uint256 deadline,
        uint256 paymentTermDays,
        bool credit,
        bytes32 orderHash
    ) external returns (uint256 orderId);

    /// @notice Accept delivered goods. The buyer may accept at any time after delivery; anyone
    /// may once the dispute window has passed undisputed (deemed acceptance). A credit order's
    /// trade is recorded and its receivable issued to the supplier; a cash order's escrow is
    /// paid to the supplier.
    /// Only the buyer before the dispute window ends, anyone after it (UnknownOrder,
    /// WrongOrderStatus: not Delivered; DisputeWindowOpen).
    /// @param orderId The order, in status Delivered.
    function accept(uint256 orderId) external;

    /// @notice Dispute delivered goods as the buyer, within the dispute window.
    /// Only the buyer (NotBuyer), while Delivered (WrongOrderStatus) and within the dispute window
    /// (DisputeWindowClosed). Refused: ZeroDocument.
    /// @param orderId The order, in status Delivered.
    /// @param reasonHash Hash of the buyer's written complaint.
    function dispute(uint256 orderId, bytes32 reasonHash) external;

    /// @notice Cancel an order not delivered by its deadline, as the buyer; a cash escrow goes
    /// back to the buyer and the purchase-order document is free again.
    /// Only the buyer (NotBuyer), before shipment (WrongOrderStatus), after the deadline
    /// (DeadlineNotPassed).
    /// @param orderId The order, placed, shipped or in warehouse, past its deadline.
    function cancel(uint256 orderId) external;

    /// @notice Record a delivery milestone with its document hash, as an active logistics
    /// operator of the order's alliance that is not a party to it. Order: Shipped (from
    /// Placed), InWarehouse (from Shipped, optional), Delivered (from Shipped or InWarehouse);
    /// Delivered starts the dispute window.
    /// Only an active logistics member of the alliance (NotLogistics) that is not a party
    /// (LogisticsIsParty), in order (WrongOrderStatus). Refused: UnknownOrder, ZeroDocument.
    /// @param orderId The order.
    /// @param milestone The milestone reached.
    /// @param docHash Hash of its document (bill of lading, warehouse entry, signed delivery note).
    function recordMilestone(uint256 orderId, Milestone milestone, bytes32 docHash) external;

    /// @notice Resolve a dispute as an active auditor of the alliance that is not a party, or as
    /// the operator: the supplier gets `supplierAmount` (cash from escrow, or a receivable of
    /// that face value), a cash order's rest goes back to the buyer.
    /// Only an active auditor of the alliance who is not a party, or the operator (NotArbiter), while
    /// Disputed (WrongOrderStatus). Refused: ResolutionExceedsAmount, ZeroDocument.
    /// @param orderId The order, in status Disputed.
    /// @param supplierAmount The supplier's share, 0 to the order amount.
    /// @param resolutionHash Hash of the written resolution.
    function resolveDispute(uint256 orderId, uint256 supplierAmount, bytes32 resolutionHash) external;

    /// @notice Longest time from placement to the delivery deadline.
    function MAX_DELIVERY_TIME() external view returns (uint256);

    /// @notice Longest payment term of a credit order (the receivable token's MAX_TENOR).
    function MAX_PAYMENT_TERM_DAYS() external view returns (uint256);

    /// @notice Longest dispute window the contract can be deployed with.
    function MAX_DISPUTE_WINDOW() external view returns (uint256);

    /// @notice The membership registry.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice The trade registry (audited trades of credit orders).
    function trades() external view returns (ITradeRegistry);

    /// @notice The receivable token (credit orders' receivables).
    function receivables() external view returns (IReceivableToken);

    /// @notice Time after the delivery was recorded during which the buyer may dispute.
    function disputeWindow() external view returns (uint256);

    /// @notice Number of orders so far (ids run from 1 to orderCount).
    function orderCount() external view returns (uint256);
}
