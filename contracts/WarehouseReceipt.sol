// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AlliancePiece} from "./base/AlliancePiece.sol";
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
/// platform contract (AlliancePiece: membership-bound moves). Platform contracts (PLATFORM_ROLE,
/// a contract role wired at deployment to the inventory-financing and advance-payment contracts
/// and sealed, see IPlatformAccess) are trusted custodians: they lock receipts as collateral (a
/// locked receipt neither moves, splits nor redeems except through its locker) and move or
/// split them under their own rules. Each lien names its locker, so one contract cannot lift
/// or move another's: a receipt is never pledged twice.
contract WarehouseReceipt is IWarehouseReceipt, AlliancePiece {
    using SafeCast for uint256;

    /// @dev A receipt's own record (two storage slots; its lock is AlliancePiece's).
    struct ReceiptRecord {
        uint48 lotId; // the lot (= id of its first receipt)
        uint48 parentId; // the receipt it was split from (0 for the first)
        uint128 quantity; // units of goods
        uint128 value; // valuation, base units of the lot's currency
    }

    /// @inheritdoc IWarehouseReceipt
    uint256 public lastReceiptId;

    mapping(uint256 lotId => Lot) private _lots;
    mapping(uint256 receiptId => ReceiptRecord) private _receipts;

    /// @notice Deploy the warehouse receipt token.
    /// @param operator The platform operator (admin: wires PLATFORM_ROLE, then seals it).
    /// @param allianceRegistry The membership registry.
    constructor(address operator, IAllianceRegistry allianceRegistry)
        ERC721("scf-chain Warehouse Receipt", "SCFW")
        AlliancePiece(operator, allianceRegistry)
    {}

    // ------------------------------------------------------------------ warehouse

    /// @inheritdoc IWarehouseReceipt
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
        receiptId = _nextReceiptId();
        _lots[receiptId] =
            Lot({warehouse: msg.sender, allianceId: allianceId.toUint32(), currency: currency, goodsHash: goodsHash});
        _receipts[receiptId] = ReceiptRecord({
            lotId: uint48(receiptId), // bound: a receipt id (_nextReceiptId)
            parentId: 0,
            quantity: uint128(quantity), // bound: TooLarge above
            value: uint128(value) // bound: TooLarge above
        });
        _mint(holder, receiptId);
        emit ReceiptIssued(receiptId, msg.sender, holder, allianceId, goodsHash, quantity, value, currency);
    }

    /// @inheritdoc IWarehouseReceipt
    function redeem(uint256 receiptId) external {
        address holder = _requireOwned(receiptId);
        ReceiptRecord storage r = _receipts[receiptId];
        if (msg.sender != _lots[r.lotId].warehouse) revert NotIssuingWarehouse(receiptId, msg.sender);
        _requireFree(receiptId);
        if (!_isAuthorized(holder, msg.sender, receiptId)) revert NotSurrendered(receiptId, holder);
        uint256 quantity = r.quantity;
        delete _receipts[receiptId];
        _burn(receiptId);
        emit ReceiptRedeemed(receiptId, msg.sender, holder, quantity);
    }

    // ------------------------------------------------------------------ holders

    /// @inheritdoc IWarehouseReceipt
    function split(uint256 receiptId, uint256 quantity, address to) external returns (uint256 childId) {
        _requireMovable(receiptId);
        _requireRecipient(_allianceOf(receiptId), to);
        childId = _splitPiece(receiptId, quantity, to);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IWarehouseReceipt
    function receiptInfo(uint256 receiptId) external view returns (ReceiptView memory v) {
        ReceiptRecord memory r = _receipts[receiptId];
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
            lockedBy: lockerOf(receiptId)
        });
    }

    /// @inheritdoc IWarehouseReceipt
    function receiptOf(uint256 receiptId) external view returns (Receipt memory) {
        ReceiptRecord memory r = _receipts[receiptId];
        return Receipt({
            lockedBy: lockerOf(receiptId), lotId: r.lotId, parentId: r.parentId, quantity: r.quantity, value: r.value
        });
    }

    /// @inheritdoc IWarehouseReceipt
    function lotOf(uint256 lotId) external view returns (Lot memory) {
        return _lots[lotId];
    }

    /// @inheritdoc IWarehouseReceipt
    function ownerOf(uint256 receiptId) public view override(ERC721, IWarehouseReceipt) returns (address) {
        return super.ownerOf(receiptId);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Split by quantity; the new receipt gets floor(value * quantity / receipt quantity)
    /// of the value, the rest stays.
    function _splitPiece(uint256 receiptId, uint256 quantity, address to) internal override returns (uint256 childId) {
        ReceiptRecord storage r = _receipts[receiptId];
        if (quantity == 0) revert ZeroQuantity();
        uint256 current = r.quantity;
        if (quantity >= current) revert SplitExhaustsReceipt(receiptId, current, quantity);
        uint256 value = r.value;
        uint256 childValue = value * quantity / current;
        // bound: quantity < current and childValue <= value, both the receipt's 128-bit fields
        r.quantity = uint128(current - quantity);
        r.value = uint128(value - childValue);
        childId = _nextReceiptId();
        _receipts[childId] = ReceiptRecord({
            lotId: r.lotId,
            parentId: uint48(receiptId), // bound: a receipt id (_nextReceiptId)
            quantity: uint128(quantity), // bound: below the receipt's 128-bit quantity (SplitExhaustsReceipt)
            value: uint128(childValue) // bound: <= the receipt's 128-bit value (quantity < current)
        });
        _mint(to, childId);
        emit ReceiptSplit(receiptId, childId, to, quantity, childValue);
    }

    /// @dev The next receipt id. Every id is checked to fit the 48-bit id fields of the records
    /// (lotId, parentId) when it is handed out, so later casts of an id are safe.
    function _nextReceiptId() private returns (uint48 receiptId) {
        receiptId = (lastReceiptId + 1).toUint48();
        lastReceiptId = receiptId;
    }

    /// @dev A receipt moves among the members of its lot's alliance.
    function _allianceOf(uint256 receiptId) internal view override returns (uint256) {
        return _lots[_receipts[receiptId].lotId].allianceId;
    }
}
