// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
// An attacker mock: it re-enters through a raw call and bubbles the callee's revert data up.
// solhint-disable avoid-low-level-calls, no-inline-assembly

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken (testing only)
/// @notice An ERC-20 that, while moving tokens, calls back into a target with prepared
/// calldata (once per arming). With `bubble` the callback's revert reason aborts the
/// transfer; without it the failure is recorded in `lastAttackFailed` and the transfer goes on.
contract ReentrantToken is ERC20 {
    /// @notice The contract called back during the next transfer.
    address public target;
    /// @notice The calldata of the callback.
    bytes public payload;
    /// @notice A failed callback reverts the transfer with the callee's revert data.
    bool public bubble;
    /// @notice A callback is prepared for the next transfer (mints do not use it).
    bool public armed;
    /// @notice The last callback failed.
    bool public lastAttackFailed;
    /// @notice The last callback's return or revert data.
    bytes public lastRevertData;

    constructor() ERC20("Reentrant", "RE") {}

    /// @notice Mint freely (tests only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Prepare the callback made during the next transfer.
    function arm(address target_, bytes calldata payload_, bool bubble_) external {
        target = target_;
        payload = payload_;
        bubble = bubble_;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && from != address(0) && to != address(0)) {
            armed = false;
            (bool ok, bytes memory data) = target.call(payload);
            lastAttackFailed = !ok;
            lastRevertData = data;
            if (!ok && bubble) {
                assembly {
                    revert(add(data, 32), mload(data))
                }
            }
        }
    }
}
