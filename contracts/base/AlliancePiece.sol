// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {PlatformAccess} from "../access/PlatformAccess.sol";
import {IAllianceRegistry} from "../../interfaces/IAllianceRegistry.sol";
import {IAlliancePiece} from "../../interfaces/IAlliancePiece.sol";

/// @title AlliancePiece
/// @notice The base of the platform's piece tokens (ReceivableToken, WarehouseReceipt): ERC-721
/// pieces bound to one alliance, splittable by an amount, lockable by platform contracts with
/// the locker named. See IAlliancePiece for the rules.
/// @dev A token implements `_allianceOf` (the alliance whose members may hold a piece) and
/// `_splitPiece` (its own amounts, checks and records for `platformSplit`); it may add rules to
/// holder moves by overriding `_requireMovable` and reacts to a holder's whole transfer in
/// `_beforeHolderTransfer`. Every holder path of a token (transfer, split, merge...) starts with
/// `_requireMovable` and checks each recipient with `_requireRecipient`; every platform path
/// that moves, splits or burns a piece goes through `_requireLockerOrFree`.
abstract contract AlliancePiece is IAlliancePiece, ERC721, PlatformAccess {
    /// @inheritdoc IAlliancePiece
    bytes32 public constant PLATFORM_ROLE = keccak256("PLATFORM_ROLE");

    /// @inheritdoc IAlliancePiece
    IAllianceRegistry public immutable alliances;

    /// @dev The platform contract that locked each piece (zero: free).
    mapping(uint256 pieceId => address locker) private _lockers;

    /// @notice Set up a piece token whose holders are members of `allianceRegistry`'s alliances.
    /// @param operator The platform operator (admin: wires the contract roles, then seals them).
    /// @param allianceRegistry The membership registry.
    constructor(address operator, IAllianceRegistry allianceRegistry) PlatformAccess(operator) {
        if (address(allianceRegistry) == address(0)) revert ZeroAddress();
        alliances = allianceRegistry;
    }

    // ------------------------------------------------------------------ holders

    /// @notice Pass a whole piece on (also through safeTransferFrom), as its holder or an
    /// approved operator. Refused for a locked piece (PieceLockedBy), to anyone but an active
    /// member of the piece's alliance (RecipientNotMember; platform contracts included), and
    /// under the token's own rules.
    /// @inheritdoc IERC721
    function transferFrom(address from, address to, uint256 pieceId) public virtual override {
        address holder = _requireMovable(pieceId);
        uint256 allianceId = _allianceOf(pieceId);
        _requireRecipient(allianceId, to);
        _beforeHolderTransfer(pieceId, allianceId, holder, to);
        super.transferFrom(from, to, pieceId);
    }

    // ------------------------------------------------------------------ platform contracts

    /// @inheritdoc IAlliancePiece
    function lock(uint256 pieceId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(pieceId);
        address locker = _lockers[pieceId];
        if (locker != address(0)) revert PieceLockedBy(pieceId, locker);
        _lockers[pieceId] = msg.sender;
        emit PieceLocked(pieceId, msg.sender);
    }

    /// @inheritdoc IAlliancePiece
    function unlock(uint256 pieceId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(pieceId);
        _unlockAsLocker(pieceId);
    }

    /// @inheritdoc IAlliancePiece
    function release(uint256 pieceId, address to) external onlyRole(PLATFORM_ROLE) {
        address holder = _requireOwned(pieceId);
        _unlockAsLocker(pieceId);
        _transfer(holder, to, pieceId);
    }

    /// @inheritdoc IAlliancePiece
    function platformTransfer(address from, address to, uint256 pieceId) external onlyRole(PLATFORM_ROLE) {
        _requireOwned(pieceId);
        _requireLockerOrFree(pieceId);
        _transfer(from, to, pieceId);
    }

    /// @inheritdoc IAlliancePiece
    function platformSplit(uint256 pieceId, uint256 amount, address to)
        external
        onlyRole(PLATFORM_ROLE)
        returns (uint256 childId)
    {
        _requireOwned(pieceId);
        if (to == address(0)) revert ZeroAddress();
        _requireLockerOrFree(pieceId);
        childId = _splitPiece(pieceId, amount, to);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAlliancePiece
    function lockerOf(uint256 pieceId) public view returns (address) {
        return _lockers[pieceId];
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId)
        public
        view
        virtual
        override(ERC721, AccessControlDefaultAdminRules)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ for the tokens

    /// @dev The alliance whose active members may receive the piece from its holder.
    function _allianceOf(uint256 pieceId) internal view virtual returns (uint256);

    /// @dev Split `amount` off the piece to `to` (already checked: the piece exists, `to` is not
    /// zero, the caller may act on its lock); the new piece is minted free.
    function _splitPiece(uint256 pieceId, uint256 amount, address to) internal virtual returns (uint256 childId);

    // solhint-disable no-empty-blocks
    // (a hook: empty unless a token overrides it, as ReceivableToken does)
    /// @dev Called by `transferFrom` after its checks, before the piece moves (nothing by default).
    function _beforeHolderTransfer(uint256 pieceId, uint256 allianceId, address holder, address to) internal virtual {}

    // solhint-enable no-empty-blocks

    /// @notice A holder move: the piece exists, the caller holds it or is approved (NotPieceHolder)
    /// and it is free (PieceLockedBy). A token adds its own rules by overriding.
    /// @return holder The piece's holder.
    function _requireMovable(uint256 pieceId) internal view virtual returns (address holder) {
        holder = _requireOwned(pieceId);
        if (!_isAuthorized(holder, msg.sender, pieceId)) revert NotPieceHolder(pieceId, msg.sender);
        _requireFree(pieceId);
    }

    /// @dev Only active members of the alliance receive from a holder: never a platform
    /// contract (it would strand the piece) nor anyone else.
    function _requireRecipient(uint256 allianceId, address to) internal view {
        if (!alliances.isActiveMember(allianceId, to, 0)) revert RecipientNotMember(allianceId, to);
    }

    /// @dev The piece carries no lock (PieceLockedBy names the locker otherwise).
    function _requireFree(uint256 pieceId) internal view {
        address locker = _lockers[pieceId];
        if (locker != address(0)) revert PieceLockedBy(pieceId, locker);
    }

    /// @notice The piece is free or the caller is its locker (NotLocker names the locker otherwise).
    /// @return locker The piece's locker (zero: free).
    function _requireLockerOrFree(uint256 pieceId) internal view returns (address locker) {
        locker = _lockers[pieceId];
        if (locker != address(0) && locker != msg.sender) revert NotLocker(pieceId, locker, msg.sender);
    }

    /// @dev Burn a piece for a platform contract: a locked piece only by its locker (its lock
    /// goes with it). The caller checked that the piece exists.
    function _burnPiece(uint256 pieceId) internal {
        if (_requireLockerOrFree(pieceId) != address(0)) delete _lockers[pieceId];
        _burn(pieceId);
    }

    /// @dev Lift the caller's lock (PieceNotLocked if free, NotLocker if another's).
    function _unlockAsLocker(uint256 pieceId) private {
        address locker = _lockers[pieceId];
        if (locker == address(0)) revert PieceNotLocked(pieceId);
        if (locker != msg.sender) revert NotLocker(pieceId, locker, msg.sender);
        delete _lockers[pieceId];
        emit PieceUnlocked(pieceId, msg.sender);
    }
}
