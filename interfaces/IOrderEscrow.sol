// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IOrderEscrow
/// @notice Purchase orders from placement to payment with no manual step: a core enterprise
/// orders from a supplier of its alliance, on credit (a receivable) or in cash (escrowed up
/// front); a logistics operator of the alliance records shipped / in-warehouse / delivered with
/// document hashes; the buyer accepts or disputes within a window; an auditor of the alliance
/// or the platform operator resolves disputes. Acceptance of a credit order records the audited
/// trade and issues the confirmed receivable to the supplier; acceptance of a cash order
/// releases the escrow to the supplier. A missed delivery deadline lets the buyer cancel.
interface IOrderEscrow {
    enum OrderStatus { None, Placed, Shipped, InWarehouse, Delivered, Disputed, Accepted, Resolved, Cancelled }
    enum Milestone { Shipped, InWarehouse, Delivered }

    /// @notice One order (eight storage slots).
    struct Order {
        address buyer;            // the core enterprise: obligor of a credit order
        uint40 deadline;          // delivery deadline
        uint16 paymentTermDays;   // credit: receivable due this many days after acceptance; cash: 0
        bool credit;              // true: pays by a receivable; false: cash escrowed at placement
        OrderStatus status;
        address supplier;
        uint96 amount;            // base units of `currency`
        address currency;
        uint32 allianceId;
        uint40 deliveredAt;       // when the delivery was recorded (the dispute window runs from it)
        bytes32 orderHash;        // the purchase-order document; one order per document
        bytes32 shippedDoc;       // milestone document hashes (bill of lading, warehouse entry,
        bytes32 warehouseDoc;     // signed delivery note); warehouseDoc is 0 for a direct delivery
        bytes32 deliveredDoc;
        uint48 tradeId;           // credit order accepted: the audited trade ...
        uint48 rootId;            // ... and the receivable issued for it
        uint96 settledAmount;     // what the supplier got (cash or receivable face value)
    }

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
    event MilestoneRecorded(uint256 indexed orderId, Milestone indexed milestone, address indexed logistics, bytes32 docHash);
    event OrderDisputed(uint256 indexed orderId, bytes32 reasonHash);
    /// @notice The buyer accepted (deemed = accepted by silence once the dispute window passed).
    event OrderAccepted(uint256 indexed orderId, address indexed by, bool deemed);
    event DisputeResolved(uint256 indexed orderId, address indexed arbiter, uint256 supplierAmount, bytes32 resolutionHash);
    /// @notice Money moved: `supplierAmount` to the supplier (cash or receivable face value),
    /// `buyerRefund` of a cash escrow back to the buyer.
    event OrderSettled(uint256 indexed orderId, uint256 supplierAmount, uint256 buyerRefund, uint256 tradeId, uint256 rootId);
    event OrderCancelled(uint256 indexed orderId, uint256 refund);

    /// @notice The buyer is not an active core enterprise of the alliance.
    error BuyerNotCore(uint256 allianceId, address buyer);
    /// @notice The supplier is not an active supplier of the alliance.
    error SupplierNotMember(uint256 allianceId, address supplier);
    /// @notice Buyer and supplier are the same account.
    error SelfOrder(address account);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The amount does not fit 96 bits.
    error AmountTooLarge(uint256 amount);
    /// @notice The operator has not approved this currency in the trade registry (a credit
    /// order in it could never be recorded; fee-taking or rebasing tokens stay out of escrow).
    error CurrencyNotAllowed(address currency);
    /// @notice A document hash is zero.
    error ZeroDocument();
    /// @notice The purchase-order document already backs an open or paid order.
    error OrderHashUsed(bytes32 orderHash, uint256 orderId);
    /// @notice The delivery deadline is not in (now, now + MAX_DELIVERY_TIME].
    error DeadlineOutOfRange(uint256 deadline, uint256 earliest, uint256 latest);
    /// @notice The payment term is outside [minimum, maximum] days (credit 1..365, cash 0).
    error PaymentTermOutOfRange(uint256 termDays, uint256 minimum, uint256 maximum);
    /// @notice The cash token delivered a different amount than requested (fee-on-transfer).
    error UnsupportedCurrency(address currency, uint256 expected, uint256 received);
    /// @notice No order has this id.
    error UnknownOrder(uint256 orderId);
    /// @notice The order is not in a status this step accepts.
    error WrongOrderStatus(uint256 orderId, OrderStatus status);
    /// @notice Only the order's buyer may do this.
    error NotBuyer(uint256 orderId, address caller);
    /// @notice The caller is not an active logistics operator of the order's alliance.
    error NotLogistics(uint256 allianceId, address caller);
    /// @notice A party to the order cannot record its milestones.
    error LogisticsIsParty(uint256 orderId, address caller);
    /// @notice Before `endsAt` only the buyer can accept (after it, acceptance is deemed).
    error DisputeWindowOpen(uint256 orderId, uint256 endsAt);
    /// @notice The dispute window ended at `endedAt`.
    error DisputeWindowClosed(uint256 orderId, uint256 endedAt);
    /// @notice The caller is neither an auditor of the alliance (not a party) nor the operator.
    error NotArbiter(uint256 allianceId, address caller);
    /// @notice The supplier's share exceeds the order amount.
    error ResolutionExceedsAmount(uint256 supplierAmount, uint256 amount);
    /// @notice The delivery deadline has not passed yet.
    error DeadlineNotPassed(uint256 orderId, uint256 deadline);
    /// @notice The dispute window is longer than the maximum.
    error WindowTooLong(uint256 window, uint256 maximum);
    /// @notice The address is zero.
    error ZeroAddress();

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
}
