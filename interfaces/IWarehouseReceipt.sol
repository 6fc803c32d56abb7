// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IWarehouseReceipt
/// @notice Warehouse receipts: ERC-721 documents of title for goods in storage. A warehouse
/// operator of an alliance issues one for a lot of goods (description hash, quantity, value);
/// holders pass receipts on or split them by quantity among the alliance's members; the issuing
/// warehouse redeems (burns) a receipt when it releases the goods. Platform contracts lock
/// receipts as collateral and move them under their own rules.
interface IWarehouseReceipt {
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

    /// @notice The caller is not an active warehouse (logistics) operator of the alliance.
    error NotWarehouse(uint256 allianceId, address caller);
    /// @notice The recipient (or first holder) is not an active member of the receipt's alliance.
    error RecipientNotMember(uint256 allianceId, address recipient);
    /// @notice A quantity of zero was given.
    error ZeroQuantity();
    /// @notice A value of zero was given at issuance.
    error ZeroValue();
    /// @notice The goods-description hash is zero.
    error ZeroGoodsHash();
    /// @notice A quantity or value does not fit 128 bits.
    error TooLarge(uint256 amount);
    /// @notice The currency is not a contract.
    error InvalidCurrency(address currency);
    /// @notice The caller is neither the receipt's holder nor approved by it.
    error NotReceiptHolder(uint256 receiptId, address caller);
    /// @notice The receipt is locked by a platform contract (pledged or under a financing deal).
    error ReceiptIsLocked(uint256 receiptId, address lockedBy);
    /// @notice The receipt is not locked.
    error ReceiptNotLocked(uint256 receiptId);
    /// @notice The receipt is locked by another platform contract than the caller.
    error NotLocker(uint256 receiptId, address lockedBy, address caller);
    /// @notice Only the warehouse that issued the lot may redeem its receipts.
    error NotIssuingWarehouse(uint256 receiptId, address caller);
    /// @notice The holder has not surrendered the receipt to the warehouse (approved it).
    error NotSurrendered(uint256 receiptId, address holder);
    /// @notice A split must leave the receipt a non-zero quantity (transfer it to pass it whole).
    error SplitExhaustsReceipt(uint256 receiptId, uint256 quantity, uint256 splitQuantity);
    /// @notice The address is zero.
    error ZeroAddress();

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
