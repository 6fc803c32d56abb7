// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPieceErrors
/// @notice Custom errors of the alliance-piece base (AlliancePiece), shared by the receivable
/// token and the warehouse receipt: membership-bound moves and the one lock model (the locker is
/// named, and only it may move, split, burn or unlock what it locked).
interface IPieceErrors {
    /// @notice The caller is neither the piece's holder nor approved by it.
    error NotPieceHolder(uint256 pieceId, address caller);
    /// @notice The recipient is not an active member of the piece's alliance (a platform contract
    /// never is: it receives pieces only through its own platform paths).
    error RecipientNotMember(uint256 allianceId, address recipient);
    /// @notice The piece is locked by platform contract `locker`: its holder cannot move, split,
    /// merge or surrender it, and no one can lock it again, until `locker` unlocks it.
    error PieceLockedBy(uint256 pieceId, address locker);
    /// @notice The piece is locked by platform contract `locker`, not by `caller`: only the
    /// locker may unlock, release, move, split or burn it.
    error NotLocker(uint256 pieceId, address locker, address caller);
    /// @notice The piece is not locked (nothing to unlock or release).
    error PieceNotLocked(uint256 pieceId);
    /// @notice The address is zero.
    error ZeroAddress();
}
