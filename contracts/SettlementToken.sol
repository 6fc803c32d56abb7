// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {PlatformAccess} from "./access/PlatformAccess.sol";
import {ISettlementToken} from "../interfaces/ISettlementToken.sol";

/// @title SettlementToken
/// @notice Digital cash for local chains and tests (a stand-in for a bank's deposit token or a
/// digital currency). 6 decimals: 1 unit = 1,000,000 base units. Only MINTER_ROLE mints.
/// @dev Every platform contract takes its currency as a parameter and works with any standard
/// ERC-20; nothing depends on this contract.
contract SettlementToken is ISettlementToken, ERC20, PlatformAccess {
    /// @inheritdoc ISettlementToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice Deploy the demo cash token; `operator` is its admin and first minter.
    /// @param name_ Token name, e.g. "Digital CNY".
    /// @param symbol_ Token symbol, e.g. "dCNY".
    /// @param operator Admin and first minter.
    constructor(string memory name_, string memory symbol_, address operator)
        ERC20(name_, symbol_)
        PlatformAccess(operator)
    {
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

    /// @inheritdoc ISettlementToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc ISettlementToken
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }
}
