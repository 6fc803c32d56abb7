// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAlliancePiece} from "./IAlliancePiece.sol";
import {ICurrencyErrors, IGoodsErrors, IWarehouseReceiptErrors} from "./IPlatformErrors.sol";

/// @title IWarehouseReceipt
/// @notice Warehouse receipts: ERC-721 documents of title for goods in storage. A warehouse
/// operator of an alliance issues one for a lot of goods (description hash, quantity, value);
/// holders pass receipts on or split them by quantity among the alliance's members; the issuing
/// warehouse redeems (burns) a receipt when it releases the goods. Platform contracts lock
/// receipts as collateral and move them under their own rules. Receipts are alliance pieces
/// (IAlliancePiece): the amount a receipt splits by is its quantity, and a receipt a platform
/// contract locked moves, splits or unlocks only through that contract.
interface IWarehouseReceipt is IAlliancePiece, ICurrencyErrors, IGoodsErrors, IWarehouseReceiptErrors {
    /// @notice What every receipt split from one issuance shares (stored once, keyed by the id
    /// of the first receipt of the lot).
    struct Lot {
        address warehouse; // the issuing warehouse operator: the only one who can redeem
        uint32 allianceId; // receipts move only among active members of this alliance
        address currency; // ERC-20 the value is stated in
        bytes32 goodsHash; // hash of the goods description (kind, grade, location...)
    }

    /// @notice One receipt's record (see `receiptOf`).
    struct Receipt {
        address lockedBy; // the platform contract holding a lien on it (0 = free; lockerOf)
        uint48 lotId; // the lot (= id of its first receipt)
        uint48 parentId; // the receipt it was split from (0 for the first)
        uint128 quantity; // units of goods (the lot's unit: kg, pieces, ...)
        uint128 value; // valuation, base units of the lot's currency
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

    /// @notice `warehouse` issued a receipt (a new lot) for goods deposited by `holder`, valued at
    /// `value` base units of `currency`.
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
    /// @notice `quantity` units worth `value` (the pro-rata share) were split off receipt `parentId`
    /// into the new receipt `childId`, held by `to`.
    event ReceiptSplit(
        uint256 indexed parentId, uint256 indexed childId, address indexed to, uint256 quantity, uint256 value
    );
    /// @notice The issuing warehouse released the receipt's goods to `holder` and burned it.
    event ReceiptRedeemed(
        uint256 indexed receiptId, address indexed warehouse, address indexed holder, uint256 quantity
    );

    /// @notice Last receipt id used (lots and split receipts share one sequence).
    function lastReceiptId() external view returns (uint256);

    /// @notice Issue a receipt for goods taken into storage, as a warehouse (logistics) operator
    /// of the alliance (anyone may call; NotWarehouse unless an active LOGISTICS member). The
    /// receipt starts a new lot. Refused with ZeroGoodsHash, ZeroQuantity, ZeroValue, TooLarge
    /// (quantity or value above 128 bits), InvalidCurrency (not a contract) and
    /// RecipientNotMember (holder not an active member).
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
    ) external returns (uint256 receiptId);

    /// @notice Redeem a receipt as its issuing warehouse: the goods are released to the holder and
    /// the receipt is burned. The holder surrenders it first by approving the warehouse (or the
    /// warehouse holds it). Refused with ERC721NonexistentToken, NotIssuingWarehouse,
    /// PieceLockedBy while the receipt is locked (e.g. pledged for a loan; naming the locker)
    /// and NotSurrendered.
    /// @param receiptId The receipt.
    function redeem(uint256 receiptId) external;

    /// @notice Split `quantity` off a receipt to `to` (which may be the holder itself), as its
    /// holder or an approved operator; the receipt keeps the rest. The new receipt's value is
    /// its pro-rata share, rounded down. Refused with NotPieceHolder, PieceLockedBy (locked),
    /// RecipientNotMember, ZeroQuantity and SplitExhaustsReceipt.
    /// @param receiptId The receipt (free, held by or approved to the caller).
    /// @param quantity Units to split off; non-zero and less than the receipt's quantity.
    /// @param to An active member of the receipt's alliance (never a platform contract).
    /// @return childId The new receipt.
    function split(uint256 receiptId, uint256 quantity, address to) external returns (uint256 childId);

    /// @notice A receipt and its lot (all zero for an unknown or redeemed receipt).
    function receiptInfo(uint256 receiptId) external view returns (ReceiptView memory);

    /// @notice The receipt's own record.
    function receiptOf(uint256 receiptId) external view returns (Receipt memory);

    /// @notice The lot record.
    function lotOf(uint256 lotId) external view returns (Lot memory);

    /// @notice The current holder (ERC-721 owner).
    function ownerOf(uint256 receiptId) external view returns (address);
}
