// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
// An attacker mock: it re-enters through a raw call and bubbles the callee's revert data up.
// solhint-disable avoid-low-level-calls, no-inline-assembly

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title ReentrantReceiver (testing only)
/// @notice An ERC-721 receiver that, when it receives a piece by safe transfer, calls back
/// into a target with prepared calldata; the outcome is recorded (or bubbled up).
contract ReentrantReceiver is IERC721Receiver {
    /// @notice The contract called back on receipt (zero: no callback).
    address public target;
    /// @notice The calldata of the callback.
    bytes public payload;
    /// @notice A failed callback reverts the receipt with the callee's revert data.
    bool public bubble;
    /// @notice The callback was made (it is made once).
    bool public attempted;
    /// @notice The callback succeeded.
    bool public attackSucceeded;

    /// @notice Prepare the callback made on the next receipt.
    function arm(address target_, bytes calldata payload_, bool bubble_) external {
        target = target_;
        payload = payload_;
        bubble = bubble_;
    }

    /// @notice Call anything as this contract (to act as a holder in tests).
    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (target != address(0) && !attempted) {
            attempted = true;
            (bool ok, bytes memory data) = target.call(payload);
            attackSucceeded = ok;
            if (!ok && bubble) {
                assembly {
                    revert(add(data, 32), mload(data))
                }
            }
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
