// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IOrderEscrow} from "../interfaces/IOrderEscrow.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {ExactTransfer} from "./libraries/ExactTransfer.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title OrderEscrow
/// @notice From purchase order to confirmed receivable (or paid cash) with no manual step.
/// @dev Lifecycle:
///  - `placeOrder` (an active core enterprise of the alliance): supplier (an active supplier),
///    amount, currency (one the operator approved in the trade registry now: a credit order's
///    trade will be recorded in it, and a withdrawal after placement does not stop that; a cash
///    order's escrow is kept out of fee-taking or rebasing tokens too), delivery deadline, payment term, credit or cash, purchase-order hash
///    (one order per document). A cash order escrows the amount here now.
///  - `recordMilestone` (an active logistics operator of the alliance, not a party): shipped,
///    then optionally in warehouse, then delivered, each with its document hash. Milestones may
///    be recorded after the deadline as long as the buyer has not cancelled.
///  - After delivery the buyer `accept`s, or `dispute`s within `disputeWindow`. Once the window
///    has passed undisputed anyone may `accept`: acceptance is deemed (the buyer agreed to it by
///    placing the order).
///  - `resolveDispute` (an auditor of the alliance who is not a party, or the operator): names
///    the supplier's share, 0 to the whole amount; the rest of a cash escrow goes back to the
///    buyer, a credit order's receivable is issued for the share (nothing for 0).
///  - Acceptance (or a resolution with a share) of a credit order records the trade in the
///    trade registry as verified by this contract (documents: the purchase-order hash, an
///    invoice hash derived from it - `invoiceHashOf` - so the platform-wide invoice rule
///    applies, and the hash of the milestone documents) and issues the root to the supplier,
///    due `paymentTermDays` after acceptance: the buyer's acceptance is its confirmation. Of a
///    cash order, it pays the escrow out. The derived invoice is public (so is the order hash),
///    but its key in the trade registry lies in this contract's namespace and is bound only by
///    the confirmation in the same transaction: no trade anyone submits, not even the buyer's
///    own, can take it, so a delivered credit order can always be settled (issue 10 item 3). A missed deadline before delivery lets the buyer
///    `cancel` and take its escrow back.
/// A purchase-order document cancelled or refunded in full (nothing financed or paid) is free
/// again. Needs AUDITING_CONTRACT_ROLE on the trade registry and OBLIGOR_PROXY_ROLE on the receivable token.
/// Escrow invariant: this contract's balance of a currency equals the sum of the amounts of
/// its cash orders in that currency that are placed and neither settled nor cancelled.
contract OrderEscrow is IOrderEscrow, PlatformAccess, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IOrderEscrow
    uint256 public constant MAX_DELIVERY_TIME = PlatformConstants.MAX_DELIVERY_TIME;
    /// @inheritdoc IOrderEscrow
    uint256 public constant MAX_PAYMENT_TERM_DAYS = PlatformConstants.MAX_TENOR_DAYS;
    /// @inheritdoc IOrderEscrow
    uint256 public constant MAX_DISPUTE_WINDOW = PlatformConstants.MAX_DISPUTE_WINDOW;
    /// @dev Domain tag of invoice hashes derived from purchase orders.
    bytes32 private constant INVOICE_TAG = keccak256("scf-chain OrderEscrow invoice");

    /// @inheritdoc IOrderEscrow
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc IOrderEscrow
    ITradeRegistry public immutable trades;
    /// @inheritdoc IOrderEscrow
    IReceivableToken public immutable receivables;
    /// @inheritdoc IOrderEscrow
    uint256 public immutable disputeWindow;

    /// @inheritdoc IOrderEscrow
    uint256 public orderCount;
    mapping(uint256 orderId => Order) private _orders;
    mapping(bytes32 orderHash => uint256 orderId) private _orderOfHash;

    /// @notice Deploy the order escrow with its dispute window.
    /// @param operator The platform operator (admin; may resolve disputes).
    /// @param allianceRegistry The membership registry.
    /// @param tradeRegistry The trade registry (this contract needs its AUDITING_CONTRACT_ROLE).
    /// @param receivableToken The receivable token (this contract needs its OBLIGOR_PROXY_ROLE).
    /// @param window The dispute window in seconds, at most MAX_DISPUTE_WINDOW.
    constructor(
        address operator,
        IAllianceRegistry allianceRegistry,
        ITradeRegistry tradeRegistry,
        IReceivableToken receivableToken,
        uint256 window
    ) PlatformAccess(operator) {
        if (
            address(allianceRegistry) == address(0) || address(tradeRegistry) == address(0)
                || address(receivableToken) == address(0)
        ) revert ZeroAddress();
        if (window > MAX_DISPUTE_WINDOW) revert WindowTooLong(window, MAX_DISPUTE_WINDOW);
        alliances = allianceRegistry;
        trades = tradeRegistry;
        receivables = receivableToken;
        disputeWindow = window;
    }

    // ------------------------------------------------------------------ buyer

    /// @inheritdoc IOrderEscrow
    function placeOrder(
        uint256 allianceId,
        address supplier,
        address currency,
        uint256 amount,
        uint256 deadline,
        uint256 paymentTermDays,
        bool credit,
        bytes32 orderHash
    ) external nonReentrant returns (uint256 orderId) {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint96).max) revert AmountTooLarge(amount);
        if (orderHash == bytes32(0)) revert ZeroDocument();
        if (deadline <= block.timestamp || deadline > block.timestamp + MAX_DELIVERY_TIME) {
            revert DeadlineOutOfRange(deadline, block.timestamp + 1, block.timestamp + MAX_DELIVERY_TIME);
        }
        if (credit && (paymentTermDays == 0 || paymentTermDays > MAX_PAYMENT_TERM_DAYS)) {
            revert PaymentTermOutOfRange(paymentTermDays, 1, MAX_PAYMENT_TERM_DAYS);
        }
        if (!credit && paymentTermDays != 0) revert PaymentTermOutOfRange(paymentTermDays, 0, 0);
        if (supplier == msg.sender) revert SelfOrder(supplier);
        uint256 used = _orderOfHash[orderHash];
        if (used != 0) revert OrderHashUsed(orderHash, used);
        if (!alliances.isActiveMember(allianceId, msg.sender, EnterpriseRoles.CORE)) {
            revert BuyerNotCore(allianceId, msg.sender);
        }
        if (!alliances.isActiveMember(allianceId, supplier, EnterpriseRoles.SUPPLIER)) {
            revert SupplierNotMember(allianceId, supplier);
        }
        if (!trades.currencyAllowed(currency)) revert CurrencyNotAllowed(currency);
        orderId = ++orderCount;
        Order storage o = _orders[orderId];
        o.buyer = msg.sender;
        o.deadline = deadline.toUint40();
        o.paymentTermDays = uint16(paymentTermDays); // bound: <= MAX_PAYMENT_TERM_DAYS (above)
        o.credit = credit;
        o.status = OrderStatus.Placed;
        o.supplier = supplier;
        o.amount = uint96(amount); // bound: AmountTooLarge above
        o.currency = currency;
        o.allianceId = allianceId.toUint32();
        o.orderHash = orderHash;
        _orderOfHash[orderHash] = orderId;
        emit OrderPlaced(
            orderId, msg.sender, supplier, allianceId, currency, amount, deadline, paymentTermDays, credit, orderHash
        );
        if (!credit) ExactTransfer.pullExact(IERC20(currency), msg.sender, amount);
    }

    /// @inheritdoc IOrderEscrow
    function accept(uint256 orderId) external nonReentrant {
        Order storage o = _requireOrder(orderId);
        if (o.status != OrderStatus.Delivered) revert WrongOrderStatus(orderId, o.status);
        bool deemed = msg.sender != o.buyer;
        if (deemed) {
            uint256 endsAt = uint256(o.deliveredAt) + disputeWindow;
            if (block.timestamp <= endsAt) revert DisputeWindowOpen(orderId, endsAt);
        }
        o.status = OrderStatus.Accepted;
        emit OrderAccepted(orderId, msg.sender, deemed);
        _settle(orderId, o, o.amount);
    }

    /// @inheritdoc IOrderEscrow
    function dispute(uint256 orderId, bytes32 reasonHash) external {
        Order storage o = _requireOrder(orderId);
        if (msg.sender != o.buyer) revert NotBuyer(orderId, msg.sender);
        if (o.status != OrderStatus.Delivered) revert WrongOrderStatus(orderId, o.status);
        uint256 endsAt = uint256(o.deliveredAt) + disputeWindow;
        if (block.timestamp > endsAt) revert DisputeWindowClosed(orderId, endsAt);
        if (reasonHash == bytes32(0)) revert ZeroDocument();
        o.status = OrderStatus.Disputed;
        emit OrderDisputed(orderId, reasonHash);
    }

    /// @inheritdoc IOrderEscrow
    function cancel(uint256 orderId) external nonReentrant {
        Order storage o = _requireOrder(orderId);
        if (msg.sender != o.buyer) revert NotBuyer(orderId, msg.sender);
        OrderStatus status = o.status;
        if (status != OrderStatus.Placed && status != OrderStatus.Shipped && status != OrderStatus.InWarehouse) {
            revert WrongOrderStatus(orderId, status);
        }
        if (block.timestamp <= o.deadline) revert DeadlineNotPassed(orderId, o.deadline);
        o.status = OrderStatus.Cancelled;
        delete _orderOfHash[o.orderHash];
        uint256 refund = o.credit ? 0 : o.amount;
        emit OrderCancelled(orderId, refund);
        if (refund != 0) IERC20(o.currency).safeTransfer(msg.sender, refund);
    }

    // ------------------------------------------------------------------ logistics

    /// @inheritdoc IOrderEscrow
    function recordMilestone(uint256 orderId, Milestone milestone, bytes32 docHash) external {
        Order storage o = _requireOrder(orderId);
        if (docHash == bytes32(0)) revert ZeroDocument();
        if (!alliances.isActiveMember(o.allianceId, msg.sender, EnterpriseRoles.LOGISTICS)) {
            revert NotLogistics(o.allianceId, msg.sender);
        }
        if (msg.sender == o.buyer || msg.sender == o.supplier) revert LogisticsIsParty(orderId, msg.sender);
        OrderStatus status = o.status;
        if (milestone == Milestone.Shipped) {
            if (status != OrderStatus.Placed) revert WrongOrderStatus(orderId, status);
            o.shippedDoc = docHash;
            o.status = OrderStatus.Shipped;
        } else if (milestone == Milestone.InWarehouse) {
            if (status != OrderStatus.Shipped) revert WrongOrderStatus(orderId, status);
            o.warehouseDoc = docHash;
            o.status = OrderStatus.InWarehouse;
        } else {
            if (status != OrderStatus.Shipped && status != OrderStatus.InWarehouse) {
                revert WrongOrderStatus(orderId, status);
            }
            o.deliveredDoc = docHash;
            o.deliveredAt = block.timestamp.toUint40();
            o.status = OrderStatus.Delivered;
        }
        emit MilestoneRecorded(orderId, milestone, msg.sender, docHash);
    }

    // ------------------------------------------------------------------ arbiter

    /// @inheritdoc IOrderEscrow
    function resolveDispute(uint256 orderId, uint256 supplierAmount, bytes32 resolutionHash) external nonReentrant {
        Order storage o = _requireOrder(orderId);
        if (o.status != OrderStatus.Disputed) revert WrongOrderStatus(orderId, o.status);
        if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            if (
                !alliances.isActiveMember(o.allianceId, msg.sender, EnterpriseRoles.AUDITOR) || msg.sender == o.buyer
                    || msg.sender == o.supplier
            ) revert NotArbiter(o.allianceId, msg.sender);
        }
        if (supplierAmount > o.amount) revert ResolutionExceedsAmount(supplierAmount, o.amount);
        if (resolutionHash == bytes32(0)) revert ZeroDocument();
        o.status = OrderStatus.Resolved;
        emit DisputeResolved(orderId, msg.sender, supplierAmount, resolutionHash);
        _settle(orderId, o, supplierAmount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IOrderEscrow
    function orderInfo(uint256 orderId) external view returns (Order memory) {
        return _orders[orderId];
    }

    /// @inheritdoc IOrderEscrow
    function orderOfHash(bytes32 orderHash) external view returns (uint256) {
        return _orderOfHash[orderHash];
    }

    /// @inheritdoc IOrderEscrow
    function invoiceHashOf(bytes32 orderHash) public pure returns (bytes32) {
        return keccak256(abi.encode(INVOICE_TAG, orderHash));
    }

    /// @inheritdoc IOrderEscrow
    function deliveryHashOf(uint256 orderId) public view returns (bytes32) {
        Order storage o = _orders[orderId];
        return keccak256(abi.encode(o.shippedDoc, o.warehouseDoc, o.deliveredDoc));
    }

    // ------------------------------------------------------------------ internals

    /// @dev Pay the supplier `supplierAmount` (status already set by the caller): a credit
    /// order's audited trade and receivable, or cash from escrow with the rest to the buyer.
    function _settle(uint256 orderId, Order storage o, uint256 supplierAmount) private {
        o.settledAmount = uint96(supplierAmount); // bound: <= o.amount (ResolutionExceedsAmount)
        if (supplierAmount == 0) delete _orderOfHash[o.orderHash];
        if (o.credit) {
            uint256 tradeId;
            uint256 rootId;
            if (supplierAmount != 0) (tradeId, rootId) = _issueReceivable(orderId, o, supplierAmount);
            emit OrderSettled(orderId, supplierAmount, 0, tradeId, rootId);
        } else {
            uint256 refund = o.amount - supplierAmount;
            emit OrderSettled(orderId, supplierAmount, refund, 0, 0);
            IERC20 cash = IERC20(o.currency);
            if (supplierAmount != 0) cash.safeTransfer(o.supplier, supplierAmount);
            if (refund != 0) cash.safeTransfer(o.buyer, refund);
        }
    }

    function _issueReceivable(uint256 orderId, Order storage o, uint256 faceValue)
        private
        returns (uint256 tradeId, uint256 rootId)
    {
        tradeId = _recordTrade(o, faceValue, deliveryHashOf(orderId));
        rootId = receivables.confirmAcceptedTrade(
            tradeId, faceValue, block.timestamp + uint256(o.paymentTermDays) * PlatformConstants.DAY, o.buyer
        );
        o.tradeId = tradeId.toUint48();
        o.rootId = rootId.toUint48();
    }

    function _recordTrade(Order storage o, uint256 faceValue, bytes32 deliveryHash) private returns (uint256) {
        bytes32 orderHash = o.orderHash;
        return trades.recordAuditedTrade(
            o.allianceId, o.supplier, o.buyer, o.currency, faceValue, invoiceHashOf(orderHash), orderHash, deliveryHash
        );
    }

    function _requireOrder(uint256 orderId) private view returns (Order storage o) {
        o = _orders[orderId];
        if (o.status == OrderStatus.None) revert UnknownOrder(orderId);
    }
}
