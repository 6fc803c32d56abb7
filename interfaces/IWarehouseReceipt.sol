// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {
    ICommonErrors,
    ICurrencyErrors,
    IGoodsErrors,
    IMembershipErrors,
    IWarehouseReceiptErrors
} from "./IPlatformErrors.sol";

/// @title IWarehouseReceipt
/// @notice Warehouse receipts: ERC-721 documents of title for goods in storage. A warehouse
/// operator of an alliance issues one for a lot of goods (description hash, quantity, value);
/// holders pass receipts on or split them by quantity among the alliance's members; the issuing
/// warehouse redeems (burns) a receipt when it releases the goods. Platform contracts lock
/// receipts as collateral and move them under their own rules.
interface IWarehouseReceipt is
    ICommonErrors,
    ICurrencyErrors,
    IGoodsErrors,
    IMembershipErrors,
    IWarehouseReceiptErrors
{
    /// @notice What every receipt split from one issuance shares (stored once, keyed by the id
    /// of the first receipt of the lot).
    struct Lot {
        address warehouse;   // the issuing warehouse operator: the only one who can redeem
        uint32 allianceId;   // receipts move only among active members of this alliance
        address currency;    // ERC-20 the value is stated in
        bytes32 goodsHash;   // hash of the goods description (kind, grade, location...)
    }

    /// @notice One receipt (two storage slots).
    struct Receipt {
        address lockedBy;    // the platform contract holding a lien on it (0 = free)
        uint48 lotId;        // the lot (= id of its first receipt)
        uint48 parentId;     // the receipt it was split from (0 for the first)
        uint128 quantity;    // units of goods (the lot's unit: kg, pieces, ...)
        uint128 value;       // valuation, base units of the lot's currency
    }

    /// @notice A receipt and its lot in one record.
    struct ReceiptView {
        address holder;
        address warehouse;
        uint256 allianceId;
        address currency;
        bytes32 goodsHash;
        uint256 quantity;
        uint256 value;
        uint256 lotId;
        uint256 parentId;
        address lockedBy;
    }

    event ReceiptIssued(
        uint256 indexed receiptId,
        address indexed warehouse,
        address indexed holder,
        uint256 allianceId,
        bytes32 goodsHash,
        uint256 quantity,
        uint256 value,
        address currency
    );
    event ReceiptSplit(uint256 indexed parentId, uint256 indexed childId, address indexed to, uint256 quantity, uint256 value);
    event ReceiptRedeemed(uint256 indexed receiptId, address indexed warehouse, address indexed holder, uint256 quantity);
    event ReceiptLocked(uint256 indexed receiptId, address indexed by);
    event ReceiptUnlocked(uint256 indexed receiptId, address indexed by);

    /// @notice A receipt and its lot (all zero for an unknown or redeemed receipt).
    function receiptInfo(uint256 receiptId) external view returns (ReceiptView memory);

    /// @notice The receipt's own record.
    function receiptOf(uint256 receiptId) external view returns (Receipt memory);

    /// @notice The lot record.
    function lotOf(uint256 lotId) external view returns (Lot memory);

    /// @notice The current holder (ERC-721 owner).
    function ownerOf(uint256 receiptId) external view returns (address);

    /// @notice Put a lien on a free receipt: it no longer moves, splits or redeems except by the
    /// locker (platform contracts only).
    /// @param receiptId The receipt.
    function lock(uint256 receiptId) external;

    /// @notice Lift the caller's lien (only the platform contract that locked it).
    /// @param receiptId The receipt.
    function unlock(uint256 receiptId) external;

    /// @notice Lift the caller's lien and deliver the receipt to `to` in one step (only the
    /// platform contract that locked it).
    /// @param receiptId The receipt.
    /// @param to The new holder.
    function release(uint256 receiptId, address to) external;

    /// @notice Move a receipt for a platform contract, bypassing holder checks; a locked receipt
    /// only by its locker, and it stays locked.
    /// @param from The current holder.
    /// @param to The new holder.
    /// @param receiptId The receipt.
    function platformTransfer(address from, address to, uint256 receiptId) external;

    /// @notice Split `quantity` off a receipt to `to` for a platform contract (a locked receipt
    /// only by its locker); the new receipt is free, the rest keeps its lien.
    /// @param receiptId The receipt.
    /// @param quantity Units to split off; non-zero, less than the receipt's quantity.
    /// @param to Holder of the new receipt.
    /// @return childId The new receipt.
    function platformSplit(uint256 receiptId, uint256 quantity, address to) external returns (uint256 childId);
}
