// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeTakingCash
/// @notice Test-only ERC-20 that burns 1 % of every transfer (a fee-on-transfer token), so
/// tests can check that custodial contracts refuse currencies that deliver less than asked.
contract FeeTakingCash is ERC20 {
    constructor() ERC20("Fee-taking cash", "FEE") {}

    /// @notice Mint test cash to anyone.
    /// @param to Recipient.
    /// @param amount Base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
