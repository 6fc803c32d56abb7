// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
// An attacker mock: it re-enters through a raw call and bubbles the callee's revert data up.
// solhint-disable avoid-low-level-calls, no-inline-assembly

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReenteringCash
/// @notice Test-only ERC-20 that, once armed, calls back into a target during its next
/// transfer (an attacker-controlled currency) and bubbles up the target's revert, so tests can
/// check that token-moving functions are guarded against reentrancy.
contract ReenteringCash is ERC20 {
    /// @notice The contract to call back during the next transfer (0 = disarmed).
    address public target;
    /// @notice The calldata of the call-back.
    bytes public payload;

    constructor() ERC20("Re-entering cash", "REE") {}

    /// @notice Mint test cash to anyone.
    /// @param to Recipient.
    /// @param amount Base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Call `target_` with `payload_` during the next transfer.
    /// @param target_ The contract to re-enter.
    /// @param payload_ The calldata.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = target;
        if (t != address(0) && from != address(0) && to != address(0)) {
            target = address(0);
            (bool ok, bytes memory ret) = t.call(payload);
            if (!ok) {
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
        }
    }
}
