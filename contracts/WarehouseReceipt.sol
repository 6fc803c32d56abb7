// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";
import {IAllianceRegistry} from "../interfaces/IAllianceRegistry.sol";
import {IWarehouseReceipt} from "../interfaces/IWarehouseReceipt.sol";
import {EnterpriseRoles} from "./libraries/EnterpriseRoles.sol";

/// @title WarehouseReceipt
/// @notice Documents of title for goods in storage. A warehouse (logistics) operator of an
/// alliance issues an ERC-721 receipt to the depositor for a lot of goods: description hash,
/// quantity and value. Holders pass receipts on or split them by quantity, only among the
/// alliance's active members; the issuing warehouse redeems (burns) a receipt when it releases
/// the goods to the holder, who surrenders it by approving the warehouse.
/// @dev Invariant: the quantities (and values) of a lot's live receipts plus those of its
/// redeemed receipts add up to the quantity (value) issued. A split gives the new receipt
/// floor(value * quantity / receipt quantity) of the value; the rest stays.
/// Holders and the warehouse pass receipts only to active members of the alliance, never to a
/// platform contract (a receipt sent to it by mistake would be stranded): platform contracts
/// receive receipts only through their own paths (`platformTransfer`, `platformSplit`).
/// Platform contracts (PLATFORM_ROLE, a contract role wired at deployment to the
/// inventory-financing and advance-payment contracts and sealed, see IPlatformAccess) are
/// trusted custodians: they lock receipts as collateral (a
/// locked receipt neither moves, splits nor redeems except through its locker) and move or
/// split them under their own rules. Each lien names its locker, so one contract cannot lift
/// or move another's: a receipt is never pledged twice.
contract WarehouseReceipt is IWarehouseReceipt, ERC721, PlatformAccess {
    /// @notice Role of platform contracts (inventory financing, advance payment): a contract
    /// role, granted only to contracts at deployment, then sealed (IPlatformAccess).
    bytes32 public constant PLATFORM_ROLE = keccak256("PLATFORM_ROLE");

    IAllianceRegistry public immutable alliances;
    /// @notice Last receipt id used (lots and split receipts share one sequence).
    uint256 public lastReceiptId;

    mapping(uint256 lotId => Lot) private _lots;
    mapping(uint256 receiptId => Receipt) private _receipts;

    /// @param operator The platform operator (admin: wires PLATFORM_ROLE, then seals it).
    /// @param allianceRegistry The membership registry.
    constructor(address operator, IAllianceRegistry allianceRegistry)
        ERC721("scf-chain Warehouse Receipt", "SCFW")
        PlatformAccess(operator)
    {
        alliances = allianceRegistry;
    }

    // ------------------------------------------------------------------ warehouse

    /// @notice Issue a receipt for goods taken into storage, as a warehouse (logistics) operator
    /// of the alliance. The receipt starts a new lot.
    /// @param allianceId The alliance whose members may hold the receipt.
    /// @param holder The depositor: an active member of the alliance.
    /// @param goodsHash Hash of the goods description.
    /// @param quantity Units of goods; non-zero.
    /// @param value Valuation in base units of `currency`; non-zero.
    /// @param currency ERC-20 the value is stated in (a contract).
    /// @return receiptId The new receipt (and lot) id, starting at 1.
    function issue(
        uint256 allianceId,
        address holder,
        bytes32 goodsHash,
        uint256 quantity,
        uint256 value,
        address currency
    ) external returns (uint256 receiptId) {
        if (goodsHash == bytes32(0)) revert ZeroGoodsHash();
        if (quantity == 0) revert ZeroQuantity();
        if (value == 0) revert ZeroValue();
        if (quantity > type(uint128).max) revert TooLarge(quantity);
        if (value > type(uint128).max) revert TooLarge(value);
        if (currency.code.length == 0) revert InvalidCurrency(currency);
        if (!alliances.isActiveMember(allianceId, msg.sender, EnterpriseRoles.LOGISTICS)) {
            revert NotWarehouse(allianceId, msg.sender);
        }
        _requireRecipient(allianceId, holder);
        receiptId = ++lastReceiptId;
        _lots[receiptId] = Lot({warehouse: msg.sender, allianceId: uint32(allianceId), currency: currency, goodsHash: goodsHash});
        _receipts[receiptId] = Receipt({
            lockedBy: address(0),
            lotId: uint48(receiptId),
            parentId: 0,
            quantity: uint128(quantity),
            value: uint128(value)
        });
        _mint(holder, receiptId);
        emit ReceiptIssued(receiptId, msg.sender, holder, allianceId, goodsHash, quantity, value, currency);
    }

    /// @notice Redeem a receipt as its issuing warehouse: the goods are released to the holder and
    /// the receipt is burned. The holder surrenders it first by approving the warehouse (or the
    /// warehouse holds it). Refused while the receipt is locked (e.g. pledged for a loan).
    /// @param receiptId The receipt.
    function redeem(uint256 receiptId) external {
        address holder = _requireOwned(receiptId);
        Receipt storage r = _receipts[receiptId];
        if (msg.sender != _lots[r.lotId].warehouse) revert NotIssuingWarehouse(receiptId, msg.sender);
        address locker = r.lockedBy;
        if (locker != address(0)) revert ReceiptIsLocked(receiptId, locker);
        if (!_isAuthorized(holder, msg.sender, receiptId)) revert NotSurrendered(receiptId, holder);
        uint256 quantity = r.quantity;
        delete _receipts[receiptId];
        _burn(receiptId);
        emit ReceiptRedeemed(receiptId, msg.sender, holder, quantity);
    }

    // ------------------------------------------------------------------ holders

    /// @notice Pass a whole receipt on (also through safeTransferFrom). Refused for locked
    /// receipts and to anyone but an active member of the receipt's alliance (platform
    /// contracts included).
    /// @inheritdoc IERC721
    function transferFrom(address from, address to, uint256 tokenId) public override {
        Receipt storage r = _requireMovable(tokenId);
        _requireRecipient(_lots[r.lotId].allianceId, to);
        super.transferFrom(from, to, tokenId);
    }

    /// @notice Split `quantity` off a receipt to `to` (which may be the holder itself); the
    /// receipt keeps the rest. The new receipt's value is its pro-rata share, rounded down.
    /// @param receiptId The receipt (free, held by or approved to the caller).
    /// @param quantity Units to split off; non-zero and less than the receipt's quantity.
    /// @param to An active member of the receipt's alliance (never a platform contract).
    /// @return childId The new receipt.
    function split(uint256 receiptId, uint256 quantity, address to) external returns (uint256 childId) {
        Receipt storage r = _requireMovable(receiptId);
        _requireRecipient(_lots[r.lotId].allianceId, to);
        childId = _split(r, receiptId, quantity, to);
    }

    // ------------------------------------------------------------------ platform contracts

    /// @inheritdoc IWarehouseReceipt
    function lock(uint256 receiptId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(receiptId);
        Receipt storage r = _receipts[receiptId];
        address locker = r.lockedBy;
        if (locker != address(0)) revert ReceiptIsLocked(receiptId, locker);
        r.lockedBy = msg.sender;
        emit ReceiptLocked(receiptId, msg.sender);
    }

    /// @inheritdoc IWarehouseReceipt
    function unlock(uint256 receiptId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(receiptId);
        _requireLocker(receiptId).lockedBy = address(0);
        emit ReceiptUnlocked(receiptId, msg.sender);
    }

    /// @inheritdoc IWarehouseReceipt
    function release(uint256 receiptId, address to) external onlyRole(PLATFORM_ROLE) {
        address holder = _requireOwned(receiptId);
        _requireLocker(receiptId).lockedBy = address(0);
        emit ReceiptUnlocked(receiptId, msg.sender);
        _transfer(holder, to, receiptId);
    }

    /// @inheritdoc IWarehouseReceipt
    function platformTransfer(address from, address to, uint256 receiptId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(receiptId);
        address locker = _receipts[receiptId].lockedBy;
        if (locker != address(0) && locker != msg.sender) revert NotLocker(receiptId, locker, msg.sender);
        _transfer(from, to, receiptId);
    }

    /// @inheritdoc IWarehouseReceipt
    function platformSplit(uint256 receiptId, uint256 quantity, address to)
        external
        onlyRole(PLATFORM_ROLE)
        returns (uint256 childId)
    {
        _requireOwned(receiptId);
        if (to == address(0)) revert ZeroAddress();
        Receipt storage r = _receipts[receiptId];
        address locker = r.lockedBy;
        if (locker != address(0) && locker != msg.sender) revert NotLocker(receiptId, locker, msg.sender);
        childId = _split(r, receiptId, quantity, to);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IWarehouseReceipt
    function receiptInfo(uint256 receiptId) external view returns (ReceiptView memory v) {
        Receipt memory r = _receipts[receiptId];
        if (r.lotId == 0) return v;
        Lot memory lot = _lots[r.lotId];
        v = ReceiptView({
            holder: _ownerOf(receiptId),
            warehouse: lot.warehouse,
            allianceId: lot.allianceId,
            currency: lot.currency,
            goodsHash: lot.goodsHash,
            quantity: r.quantity,
            value: r.value,
            lotId: r.lotId,
            parentId: r.parentId,
            lockedBy: r.lockedBy
        });
    }

    /// @inheritdoc IWarehouseReceipt
    function receiptOf(uint256 receiptId) external view returns (Receipt memory) {
        return _receipts[receiptId];
    }

    /// @inheritdoc IWarehouseReceipt
    function lotOf(uint256 lotId) external view returns (Lot memory) {
        return _lots[lotId];
    }

    /// @inheritdoc IWarehouseReceipt
    function ownerOf(uint256 receiptId) public view override(ERC721, IWarehouseReceipt) returns (address) {
        return super.ownerOf(receiptId);
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControlDefaultAdminRules)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    function _split(Receipt storage r, uint256 receiptId, uint256 quantity, address to)
        private
        returns (uint256 childId)
    {
        if (quantity == 0) revert ZeroQuantity();
        uint256 current = r.quantity;
        if (quantity >= current) revert SplitExhaustsReceipt(receiptId, current, quantity);
        uint256 value = r.value;
        uint256 childValue = value * quantity / current;
        r.quantity = uint128(current - quantity);
        r.value = uint128(value - childValue);
        childId = ++lastReceiptId;
        _receipts[childId] = Receipt({
            lockedBy: address(0),
            lotId: r.lotId,
            parentId: uint48(receiptId),
            quantity: uint128(quantity),
            value: uint128(childValue)
        });
        _mint(to, childId);
        emit ReceiptSplit(receiptId, childId, to, quantity, childValue);
    }

    /// @dev The receipt exists, the caller holds it or is approved, and it is free.
    function _requireMovable(uint256 receiptId) private view returns (Receipt storage r) {
        address holder = _requireOwned(receiptId);
        if (!_isAuthorized(holder, msg.sender, receiptId)) revert NotReceiptHolder(receiptId, msg.sender);
        r = _receipts[receiptId];
        address locker = r.lockedBy;
        if (locker != address(0)) revert ReceiptIsLocked(receiptId, locker);
    }

    function _requireLocker(uint256 receiptId) private view returns (Receipt storage r) {
        r = _receipts[receiptId];
        address locker = r.lockedBy;
        if (locker == address(0)) revert ReceiptNotLocked(receiptId);
        if (locker != msg.sender) revert NotLocker(receiptId, locker, msg.sender);
    }

    /// @dev Only active members of the alliance receive from a holder or the warehouse: never a
    /// platform contract (it would strand the receipt) nor anyone else.
    function _requireRecipient(uint256 allianceId, address to) private view {
        if (!alliances.isActiveMember(allianceId, to, 0)) revert RecipientNotMember(allianceId, to);
    }
}
