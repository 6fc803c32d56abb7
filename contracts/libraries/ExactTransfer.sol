// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICurrencyErrors} from "../../interfaces/IPlatformErrors.sol";

/// @title ExactTransfer
/// @notice The platform's one way of taking cash in: pull `amount` and insist that exactly
/// `amount` arrived, so fee-on-transfer or rebasing tokens are refused instead of leaving a
/// contract short. Used by the market's escrow, settlement, the pool and the order escrow.
library ExactTransfer {
    using SafeERC20 for IERC20;

    /// @notice Move `amount` of `cash` from `from` to this contract (needs an allowance).
    function pullExact(IERC20 cash, address from, uint256 amount) internal {
        uint256 before = cash.balanceOf(address(this));
        cash.safeTransferFrom(from, address(this), amount);
        uint256 received = cash.balanceOf(address(this)) - before;
        if (received != amount) revert ICurrencyErrors.UnsupportedCurrency(address(cash), amount, received);
    }
}
