// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAllianceRegistry} from "./IAllianceRegistry.sol";
import {ICommonErrors, IMembershipErrors, IPieceErrors} from "./IPlatformErrors.sol";

/// @title IAlliancePiece
/// @notice What the receivable token and the warehouse receipt share: ERC-721 pieces bound to one
/// alliance, splittable by an amount (a receivable's value, a receipt's quantity), and lockable by
/// platform contracts with the locker named.
/// - Membership: a holder (or an operator it approved) passes a piece, whole or split, only to an
///   active member of the piece's alliance, never to a platform contract (a piece sent to one by
///   mistake would be stranded); platform contracts receive pieces only through their own paths
///   (`platformTransfer`, `platformSplit`, `release`).
/// - Lock: a platform contract (PLATFORM_ROLE, a contract role wired at deployment and sealed,
///   see IPlatformAccess) locks a free piece and becomes its locker. While it is locked, the
///   holder can neither move, split nor surrender it (PieceLockedBy, naming the locker) and only
///   the locker may unlock, release, move (`platformTransfer`), split (`platformSplit`) or burn
///   it: every other platform contract is refused with NotLocker, naming the locker. A lien is
///   thus never lifted, moved or doubled by anyone but the contract that holds it.
interface IAlliancePiece is ICommonErrors, IMembershipErrors, IPieceErrors {
    /// @notice `by` locked the piece: it is now the piece's locker.
    event PieceLocked(uint256 indexed pieceId, address indexed by);
    /// @notice `by`, the piece's locker, unlocked it (also emitted by `release`).
    event PieceUnlocked(uint256 indexed pieceId, address indexed by);

    /// @notice Role of the platform contracts that lock, move, split and burn pieces: a contract
    /// role, granted only to contracts at deployment, then sealed (IPlatformAccess).
    function PLATFORM_ROLE() external view returns (bytes32);

    /// @notice The alliance registry whose active members may hold pieces.
    function alliances() external view returns (IAllianceRegistry);

    /// @notice The platform contract that locked the piece (zero: free, burned or never minted).
    /// @param pieceId The piece.
    function lockerOf(uint256 pieceId) external view returns (address);

    /// @notice Lock a free piece; the caller becomes its locker. Platform contracts only
    /// (AccessControlUnauthorizedAccount); refused with ERC721NonexistentToken for an unknown
    /// piece and PieceLockedBy if the piece is already locked (by anyone, the caller included).
    /// The piece stays with its holder.
    /// @param pieceId The piece.
    function lock(uint256 pieceId) external;

    /// @notice Lift the caller's lock. Only the locker (platform contracts only; NotLocker for
    /// another platform contract, PieceNotLocked for a free piece, ERC721NonexistentToken for an
    /// unknown one).
    /// @param pieceId The piece.
    function unlock(uint256 pieceId) external;

    /// @notice Lift the caller's lock and deliver the piece to `to` in one step. Only the locker
    /// (same refusals as `unlock`); `to` is not checked for membership (the locker's own rules
    /// decide), ERC721InvalidReceiver for the zero address.
    /// @param pieceId The piece.
    /// @param to The new holder.
    function release(uint256 pieceId, address to) external;

    /// @notice Move a piece for a platform contract, bypassing the holder and membership checks:
    /// a free piece by any platform contract, a locked one only by its locker (NotLocker
    /// otherwise); a locked piece stays locked. Refused with ERC721IncorrectOwner if `from` is
    /// not the holder, ERC721InvalidReceiver for the zero address.
    /// @param from The current holder.
    /// @param to The new holder.
    /// @param pieceId The piece.
    function platformTransfer(address from, address to, uint256 pieceId) external;

    /// @notice Split `amount` (a receivable's value, a receipt's quantity) off a piece to `to` for
    /// a platform contract: a free piece by any platform contract, a locked one only by its
    /// locker (NotLocker otherwise). The new piece is free; the rest keeps its lock. Refused with
    /// ZeroAddress for a zero `to`, and with the token's own errors for a zero amount or one that
    /// leaves nothing (see each token).
    /// @param pieceId The piece.
    /// @param amount Amount to split off; non-zero, less than the piece's.
    /// @param to Holder of the new piece.
    /// @return childId The new piece.
    function platformSplit(uint256 pieceId, uint256 amount, address to) external returns (uint256 childId);
}
