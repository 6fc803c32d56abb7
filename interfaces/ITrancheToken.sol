// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICommonErrors, ITrancheTokenErrors} from "./IPlatformErrors.sol";

/// @title ITrancheToken
/// @notice One tranche of a securitization pool as an ERC-20 token: subscribed at par (one token
/// per base unit of the pool's currency), paid by the pool's waterfall. Payouts are pulled
/// (ERC-2222 funds distribution): the pool hands cash to the token, every holder withdraws its
/// share whenever it likes; transfers stay O(1) and carry no past payouts with them.
interface ITrancheToken is ICommonErrors, ITrancheTokenErrors {
    /// @notice The pool handed `amount` of cash to the token for its holders.
    event FundsDistributed(address indexed by, uint256 amount);
    /// @notice `holder` withdrew `amount` of its payouts.
    event FundsWithdrawn(address indexed holder, uint256 amount);

    /// @notice The pool contract that created the token (the only minter and distributor).
    function pool() external view returns (address);

    /// @notice The pool's id in the pool contract.
    function poolId() external view returns (uint256);

    /// @notice The currency payouts are made in (the pool's currency).
    function currency() external view returns (address);

    /// @notice True for the senior tranche, false for the junior one.
    function senior() external view returns (bool);

    /// @notice Mint tokens to a subscriber (pool only).
    /// @param to The subscriber.
    /// @param amount Tokens (= base units paid in).
    function mint(address to, uint256 amount) external;

    /// @notice Burn a holder's tokens on a refund (pool only).
    /// @param from The holder.
    /// @param amount Tokens.
    function burn(address from, uint256 amount) external;

    /// @notice Record `amount` of cash, already transferred to this token, as paid out to the
    /// holders pro rata to their balances now (pool only).
    /// @param amount Base units of the currency.
    function distributeFunds(uint256 amount) external;

    /// @notice Withdraw everything the caller can withdraw now.
    /// @return amount Base units paid to the caller.
    function withdrawFunds() external returns (uint256 amount);

    /// @notice What `holder` can withdraw now.
    /// @param holder The token holder.
    function withdrawableFundsOf(address holder) external view returns (uint256);

    /// @notice What `holder` has withdrawn so far.
    /// @param holder The token holder.
    function withdrawnFundsOf(address holder) external view returns (uint256);

    /// @notice Everything ever paid out to `holder`'s balances (withdrawn or not).
    /// @param holder The token holder.
    function accumulativeFundsOf(address holder) external view returns (uint256);

    /// @notice Total cash handed to the token by the pool.
    function totalDistributed() external view returns (uint256);

    /// @notice Total cash withdrawn by holders.
    function totalWithdrawn() external view returns (uint256);

    /// @notice Accumulated funds per token, magnified by 2**128.
    function pointsPerShare() external view returns (uint256);
}
