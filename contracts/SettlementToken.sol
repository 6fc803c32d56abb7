// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";

/// @title SettlementToken
/// @notice Digital cash for local chains and tests (a stand-in for a bank's deposit token or a
/// digital currency). 6 decimals: 1 unit = 1,000,000 base units. Only MINTER_ROLE mints.
/// @dev Every platform contract takes its currency as a parameter and works with any standard
/// ERC-20; nothing depends on this contract.
contract SettlementToken is ERC20, PlatformAccess {
    /// @notice Role allowed to mint (a staff role: the admin may grant it to any account).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice The address is zero.
    error ZeroAddress();

    /// @param name_ Token name, e.g. "Digital CNY".
    /// @param symbol_ Token symbol, e.g. "dCNY".
    /// @param operator Admin and first minter.
    constructor(string memory name_, string memory symbol_, address operator)
        ERC20(name_, symbol_)
        PlatformAccess(operator)
    {
        if (operator == address(0)) revert ZeroAddress();
        _grantRole(MINTER_ROLE, operator);
    }

    /// @dev MINTER_ROLE belongs to people (the cash issuer).
    function _isStaffRole(bytes32 role) internal pure override returns (bool) {
        return role == MINTER_ROLE;
    }

    /// @notice 6 decimals, like most fiat-backed tokens.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mint new cash to `to`.
    /// @param to Recipient.
    /// @param amount Base units.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @notice Burn the caller's own cash (e.g. redeeming to a bank account off-chain).
    /// @param amount Base units.
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }
}
