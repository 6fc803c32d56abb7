// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PlatformStandIn
/// @notice Tests only: an account with code that stands in for a platform contract. Contract
/// roles are granted only to contracts (IPlatformAccess), so unit tests wire this at deployment
/// and send transactions from it through the node's impersonation (anvil_impersonateAccount).
contract PlatformStandIn {
    /// @notice Accept gas money.
    receive() external payable {}
}
