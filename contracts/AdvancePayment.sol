// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {IWarehouseReceipt} from "../interfaces/IWarehouseReceipt.sol";
import {IAdvancePayment} from "../interfaces/IAdvancePayment.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";
import {Discounting} from "./libraries/Discounting.sol";
import {PlatformConstants} from "./libraries/PlatformConstants.sol";

/// @title AdvancePayment
/// @notice Advance-payment financing of a distributor's purchase from a core enterprise,
/// secured by the goods in a warehouse and by the core enterprise's buy-back guarantee.
/// @dev Lifecycle:
///  1. `propose` (distributor): goods (description hash, quantity), price, financier, rate and
///     term. What the distributor owes is fixed now: owed = price + interest for the whole term
///     (`Discounting.interest`, rounded up); paying early does not reduce it.
///  2. `acceptOrder` (core enterprise): accepts the order AND the buy-back guarantee below, and
///     puts the warehouse receipt for exactly the ordered goods under the deal (locked in its
///     own hands until funding).
///  3. `fund` (financier): pays the price to the core enterprise up front; in the same
///     transaction the locked receipt moves to the financier (delivery versus payment). The
///     financier names the receipt it expects; any other receipt refuses the funding.
///  4. `repay` (anyone, for the distributor), in any number of instalments up to what is owed:
///     each goes to the financier and releases goods: after repaying R of O in all the
///     distributor has received floor(quantity * R / O) units (all of them once R = O), as
///     receipts split off the financier's locked receipt. Goods released never exceed goods
///     paid for. The last instalment hands over the rest of the receipt, unlocked.
///  5. Buy-back guarantee (terms the core enterprise accepts in step 2): if the distributor has
///     not repaid everything by the due date plus the alliance's grace period, the financier may
///     call the guarantee (`callBuyback`); the distributor can then no longer repay. The core
///     enterprise (or anyone for it) pays the financier the unpaid balance, owed - repaid (no
///     penalty interest, no fee), and receives the receipt for all unreleased goods, unlocked
///     (`payBuyback`). Instalments already paid are not refunded: the distributor keeps the
///     goods released for them. An unpaid call stays on record (enforced off-chain, like
///     recourse) and the goods stay locked with the financier.
/// Before funding, any party may cancel (the receipt is unlocked, still with the core).
/// The contract never holds cash or receipts: payments go from payer to payee, the receipt
/// stays with the core enterprise, then the financier, under this contract's lock.
/// Needs PLATFORM_ROLE on the warehouse receipts.
contract AdvancePayment is IAdvancePayment, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IAdvancePayment
    uint256 public constant MAX_RATE_BPS = PlatformConstants.MAX_RATE_BPS;
    /// @inheritdoc IAdvancePayment
    uint256 public constant MAX_TERM_DAYS = PlatformConstants.MAX_TENOR_DAYS;

    /// @inheritdoc IAdvancePayment
    IWarehouseReceipt public immutable receipts;
    /// @inheritdoc IAdvancePayment
    IAllianceRegistry public immutable alliances;
    /// @inheritdoc IAdvancePayment
    uint256 public dealCount;
    mapping(uint256 dealId => Deal) private _deals;

    /// @notice Deploy the advance-payment deals over the warehouse receipts.
    /// @param warehouseReceipt The receipts (this contract needs their PLATFORM_ROLE).
    /// @param allianceRegistry The membership registry (roles, grace periods).
    constructor(IWarehouseReceipt warehouseReceipt, IAllianceRegistry allianceRegistry) {
        if (address(warehouseReceipt) == address(0) || address(allianceRegistry) == address(0)) revert ZeroAddress();
        receipts = warehouseReceipt;
        alliances = allianceRegistry;
    }

    /// @inheritdoc IAdvancePayment
    function propose(Terms calldata t) external returns (uint256 dealId) {
        if (t.goodsHash == bytes32(0)) revert ZeroGoodsHash();
        if (t.quantity == 0) revert ZeroQuantity();
        if (t.price == 0) revert ZeroAmount();
        if (t.quantity > type(uint96).max) revert TooLarge(t.quantity);
        if (t.rateBps > MAX_RATE_BPS) revert RateTooHigh(t.rateBps, MAX_RATE_BPS);
        if (t.termDays == 0 || t.termDays > MAX_TERM_DAYS) revert BadTerm(t.termDays, MAX_TERM_DAYS);
        if (t.currency.code.length == 0) revert InvalidCurrency(t.currency);
        if (t.price > type(uint96).max) revert TooLarge(t.price);
        uint256 owed = t.price + Discounting.interest(t.price, t.rateBps, 0, t.termDays * PlatformConstants.DAY);
        if (owed > type(uint96).max) revert TooLarge(owed);
        if (!alliances.isActiveMember(t.allianceId, msg.sender, EnterpriseRoles.DISTRIBUTOR)) {
            revert DistributorNotMember(t.allianceId, msg.sender);
        }
        if (!alliances.isActiveMember(t.allianceId, t.core, EnterpriseRoles.CORE)) {
            revert CoreNotMember(t.allianceId, t.core);
        }
        if (!alliances.isActiveMember(t.allianceId, t.financier, EnterpriseRoles.FINANCIER)) {
            revert FinancierNotMember(t.allianceId, t.financier);
        }
        dealId = ++dealCount;
        Deal storage d = _deals[dealId];
        d.distributor = msg.sender;
        d.allianceId = t.allianceId.toUint32();
        d.status = DealStatus.Proposed;
        d.termDays = uint16(t.termDays); // bound: <= MAX_TERM_DAYS (BadTerm above)
        d.core = t.core;
        d.price = uint96(t.price); // bound: TooLarge above
        d.financier = t.financier;
        d.owed = uint96(owed); // bound: TooLarge above
        d.currency = t.currency;
        d.quantity = uint96(t.quantity); // bound: TooLarge above
        d.goodsHash = t.goodsHash;
        emit DealProposed(dealId, msg.sender, t.core, t.financier, t.quantity, t.price, owed, t.termDays);
    }

    /// @inheritdoc IAdvancePayment
    function acceptOrder(uint256 dealId, uint256 receiptId) external {
        Deal storage d = _requireStatus(dealId, DealStatus.Proposed);
        if (msg.sender != d.core) revert NotCore(dealId, msg.sender);
        IWarehouseReceipt.ReceiptView memory r = receipts.receiptInfo(receiptId);
        if (r.holder != msg.sender) revert NotReceiptHolder(receiptId, msg.sender);
        if (r.lockedBy != address(0)) revert ReceiptAlreadyLocked(receiptId, r.lockedBy);
        if (r.allianceId != d.allianceId || r.goodsHash != d.goodsHash) {
            revert WrongGoods(receiptId, r.allianceId, r.goodsHash);
        }
        if (r.quantity != d.quantity) revert WrongQuantity(receiptId, r.quantity, d.quantity);
        d.status = DealStatus.Accepted;
        d.receiptId = receiptId.toUint48();
        emit DealAccepted(dealId, msg.sender, receiptId);
        receipts.lock(receiptId);
    }

    /// @inheritdoc IAdvancePayment
    function fund(uint256 dealId, uint256 expectedReceiptId) external nonReentrant {
        Deal storage d = _requireStatus(dealId, DealStatus.Accepted);
        if (msg.sender != d.financier) revert NotFinancier(dealId, msg.sender);
        if (d.receiptId != expectedReceiptId) revert UnexpectedReceipt(dealId, d.receiptId, expectedReceiptId);
        uint256 dueAt = block.timestamp + uint256(d.termDays) * PlatformConstants.DAY;
        d.status = DealStatus.Active;
        d.dueAt = dueAt.toUint40();
        address core = d.core;
        uint256 price = d.price;
        emit DealFunded(dealId, msg.sender, price, dueAt);
        receipts.platformTransfer(core, msg.sender, d.receiptId);
        IERC20(d.currency).safeTransferFrom(msg.sender, core, price);
    }

    /// @inheritdoc IAdvancePayment
    function repay(uint256 dealId, uint256 amount) external nonReentrant returns (uint256 releasedReceiptId) {
        Deal storage d = _requireStatus(dealId, DealStatus.Active);
        if (amount == 0) revert ZeroAmount();
        uint256 owed = d.owed;
        uint256 repaid = d.repaid;
        if (amount > owed - repaid) revert RepaymentExceedsBalance(amount, owed - repaid);
        repaid += amount;
        uint256 released = d.released;
        uint256 entitled = _releasable(d.quantity, owed, repaid);
        uint256 release = entitled - released;
        bool closed = repaid == owed;
        d.repaid = uint96(repaid); // bound: repaid <= owed, a 96-bit field (RepaymentExceedsBalance)
        d.released = uint96(entitled); // bound: entitled <= quantity, a 96-bit field
        if (closed) d.status = DealStatus.Repaid;
        address distributor = d.distributor;
        uint256 receiptId = d.receiptId;
        if (closed) {
            receipts.release(receiptId, distributor);
            releasedReceiptId = receiptId;
        } else if (release != 0) {
            releasedReceiptId = receipts.platformSplit(receiptId, release, distributor);
        }
        emit InstalmentPaid(dealId, msg.sender, amount, repaid, release, releasedReceiptId);
        IERC20(d.currency).safeTransferFrom(msg.sender, d.financier, amount);
    }

    /// @inheritdoc IAdvancePayment
    function callBuyback(uint256 dealId) external {
        Deal storage d = _requireStatus(dealId, DealStatus.Active);
        if (msg.sender != d.financier) revert NotFinancier(dealId, msg.sender);
        uint256 notBefore = uint256(d.dueAt) + alliances.gracePeriodFor(d.allianceId, d.dueAt);
        if (block.timestamp <= notBefore) revert TooEarly(dealId, notBefore);
        d.status = DealStatus.Defaulted;
        emit BuybackCalled(dealId, msg.sender, d.owed - d.repaid, d.quantity - d.released);
    }

    /// @inheritdoc IAdvancePayment
    function payBuyback(uint256 dealId) external nonReentrant {
        Deal storage d = _requireStatus(dealId, DealStatus.Defaulted);
        d.status = DealStatus.BoughtBack;
        uint256 price = d.owed - d.repaid;
        uint256 receiptId = d.receiptId;
        emit BoughtBack(dealId, msg.sender, price, receiptId);
        receipts.release(receiptId, d.core);
        IERC20(d.currency).safeTransferFrom(msg.sender, d.financier, price);
    }

    /// @inheritdoc IAdvancePayment
    function cancel(uint256 dealId) external {
        Deal storage d = _requireDeal(dealId);
        DealStatus status = d.status;
        if (status != DealStatus.Proposed && status != DealStatus.Accepted) {
            revert WrongDealStatus(dealId, status, DealStatus.Proposed);
        }
        if (msg.sender != d.distributor && msg.sender != d.core && msg.sender != d.financier) {
            revert NotParty(dealId, msg.sender);
        }
        d.status = DealStatus.Cancelled;
        emit DealCancelled(dealId, msg.sender);
        if (status == DealStatus.Accepted) receipts.unlock(d.receiptId);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAdvancePayment
    function dealInfo(uint256 dealId) external view returns (Deal memory) {
        return _deals[dealId];
    }

    /// @inheritdoc IAdvancePayment
    function releasableAt(uint256 dealId, uint256 totalRepaid) external view returns (uint256) {
        Deal storage d = _deals[dealId];
        if (d.owed == 0 || totalRepaid > d.owed) return 0;
        return _releasable(d.quantity, d.owed, totalRepaid);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Rounded down: goods released never exceed goods paid for.
    function _releasable(uint256 quantity, uint256 owed, uint256 repaid) private pure returns (uint256) {
        return repaid == owed ? quantity : quantity * repaid / owed;
    }

    function _requireDeal(uint256 dealId) private view returns (Deal storage d) {
        d = _deals[dealId];
        if (d.status == DealStatus.None) revert UnknownDeal(dealId);
    }

    function _requireStatus(uint256 dealId, DealStatus required) private view returns (Deal storage d) {
        d = _requireDeal(dealId);
        if (d.status != required) revert WrongDealStatus(dealId, d.status, required);
    }
}
