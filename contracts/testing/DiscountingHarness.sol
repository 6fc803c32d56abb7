// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Discounting} from "../libraries/Discounting.sol";

/// @title DiscountingHarness
/// @notice Test-only: exposes the internal `Discounting` library so the tests can compare it
/// with `scf/pricing.py` on arbitrary inputs. Never deployed by the platform.
contract DiscountingHarness {
    /// @notice `Discounting.daysToMaturity`: whole days from `nowTime` to `maturity`, a started day counting as one.
    /// @param maturity Due date (seconds).
    /// @param nowTime Valuation time (seconds).
    /// @return Days, 0 when `maturity <= nowTime`.
    function daysToMaturity(uint256 maturity, uint256 nowTime) external pure returns (uint256) {
        return Discounting.daysToMaturity(maturity, nowTime);
    }

    /// @notice `Discounting.price`: price of `value` due at `maturity`, bought at `nowTime` at `rateBps` a year.
    /// @param value Face value (base units).
    /// @param rateBps Annual discount rate (basis points).
    /// @param maturity Due date (seconds).
    /// @param nowTime Purchase time (seconds).
    /// @return The price, never negative.
    function price(uint256 value, uint256 rateBps, uint256 maturity, uint256 nowTime) external pure returns (uint256) {
        return Discounting.price(value, rateBps, maturity, nowTime);
    }

    /// @notice `Discounting.fee`: platform fee on `amount` at `feeBps`, rounded down.
    /// @param amount The price (base units).
    /// @param feeBps Fee rate (basis points).
    /// @return The fee.
    function fee(uint256 amount, uint256 feeBps) external pure returns (uint256) {
        return Discounting.fee(amount, feeBps);
    }

    /// @notice `Discounting.interest`: simple interest on `principal` at `rateBps` a year for the
    /// whole days (rounded up) from `fromTime` to `toTime`, rounded up.
    /// @param principal Amount (base units).
    /// @param rateBps Annual rate (basis points).
    /// @param fromTime Start (seconds).
    /// @param toTime End (seconds).
    /// @return The interest, 0 when `toTime <= fromTime`.
    function interest(uint256 principal, uint256 rateBps, uint256 fromTime, uint256 toTime)
        external
        pure
        returns (uint256)
    {
        return Discounting.interest(principal, rateBps, fromTime, toTime);
    }
}
