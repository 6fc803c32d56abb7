// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PlatformConstants} from "./PlatformConstants.sol";

/// @title Discounting
/// @notice The platform's one pricing formula, mirrored by `scf/pricing.py`.
/// @dev Simple (bank) discount, actual/365 day count, days to maturity counted in whole days
/// and rounded up (a started day counts):
///     days     = ceil((maturity - now) / 1 day)
///     discount = ceil(value * rateBps * days / (10_000 * 365))
///     price    = value - discount            (never negative: discount is capped at value)
///     fee      = floor(price * feeBps / 10_000)
/// Rounding favours solvency: the buyer never pays more than the formula's exact price, so
/// escrowed cash always covers a sale; the fee never exceeds the exact fee.
library Discounting {
    /// @notice Whole days from `nowTime` to `maturity`, a started day counting as one.
    function daysToMaturity(uint256 maturity, uint256 nowTime) internal pure returns (uint256) {
        if (maturity <= nowTime) return 0;
        return (maturity - nowTime + PlatformConstants.DAY - 1) / PlatformConstants.DAY;
    }

    /// @notice Price of `value` due at `maturity`, bought at `nowTime` at `rateBps` a year.
    function price(uint256 value, uint256 rateBps, uint256 maturity, uint256 nowTime) internal pure returns (uint256) {
        uint256 numerator = value * rateBps * daysToMaturity(maturity, nowTime);
        uint256 denominator = PlatformConstants.BPS * PlatformConstants.DAYS_PER_YEAR;
        uint256 discount = (numerator + denominator - 1) / denominator;
        return discount >= value ? 0 : value - discount;
    }

    /// @notice Platform fee on a price.
    function fee(uint256 amount, uint256 feeBps) internal pure returns (uint256) {
        return amount * feeBps / PlatformConstants.BPS;
    }

    /// @notice Simple interest at `rateBps` a year on `principal` for whole days between two
    /// times, rounded up (used for recourse: owed to the financier).
    function interest(uint256 principal, uint256 rateBps, uint256 fromTime, uint256 toTime)
        internal
        pure
        returns (uint256)
    {
        uint256 numerator = principal * rateBps * daysToMaturity(toTime, fromTime);
        uint256 denominator = PlatformConstants.BPS * PlatformConstants.DAYS_PER_YEAR;
        return (numerator + denominator - 1) / denominator;
    }
}
