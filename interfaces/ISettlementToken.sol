// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors} from "./IPlatformErrors.sol";

/// @title ISettlementToken
/// @notice Digital cash for local chains and tests (a stand-in for a bank's deposit token or a
/// digital currency): a plain ERC-20 with 6 decimals, minted by MINTER_ROLE. No platform
/// contract depends on it: each takes its currency as a parameter and works with any standard
/// ERC-20 the operator approves.
interface ISettlementToken is ICommonErrors {
    /// @notice Role allowed to mint (a staff role: the admin may grant it to any account).
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice Mint new cash to `to`. Only MINTER_ROLE (AccessControlUnauthorizedAccount);
    /// OpenZeppelin's ERC20InvalidReceiver for a zero recipient.
    /// @param to Recipient.
    /// @param amount Base units.
    function mint(address to, uint256 amount) external;

    /// @notice Burn the caller's own cash (e.g. redeeming to a bank account off-chain). Anyone;
    /// ERC20InsufficientBalance if it holds less.
    /// @param amount Base units.
    function burn(uint256 amount) external;
}
