// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPieceHoldings
/// @notice What the alliance registry asks before a member leaves: how many live receivable
/// pieces an account holds (the receivable token answers with its ERC-721 balance; burnt and
/// settled pieces do not count). Set once by the operator (`IAllianceRegistry.setHoldingsSource`).
interface IPieceHoldings {
    /// @notice Live pieces held by `owner`.
    /// @param owner The account.
    function balanceOf(address owner) external view returns (uint256);
}
