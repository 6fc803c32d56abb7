// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";

/// @title TrancheToken
/// @notice A senior or junior tranche of one securitization pool: an ERC-20 token minted at par
/// to subscribers (one token per base unit paid in, same decimals as the currency) and paid by
/// the pool's waterfall. Holders pull their payouts with `withdrawFunds`.
/// @dev Funds distribution in the style of ERC-2222 (the "dividend-paying token" accumulator):
///  - `pointsPerShare` grows by amount * 2**128 / totalSupply at each distribution;
///  - a holder's accumulated funds = (pointsPerShare * balance + correction) / 2**128, where the
///    correction (signed) is adjusted in `_update` on every mint, burn and transfer so that a
///    balance change never changes what was accumulated before it;
///  - withdrawable = accumulated - withdrawn.
/// So a transfer is O(1), the new holder gets only later payouts, and nobody can be paid twice:
/// `withdrawn` only grows to `accumulated`. Floor rounding means the holders together can never
/// withdraw more than was distributed; a holder gets its exact pro-rata share at most one base
/// unit short, and that dust stays in the token. Only the pool that created the token (`new` in
/// SecuritizationPool) mints, burns and distributes. Transfers are unrestricted: a tranche token
/// is a claim on the pool's cash, not on the pieces (the pool checks investor membership at
/// subscription).
contract TrancheToken is ITrancheToken, ERC20, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    uint256 private constant MAGNITUDE = 2 ** 128;

    /// @inheritdoc ITrancheToken
    address public immutable pool;
    /// @inheritdoc ITrancheToken
    uint256 public immutable poolId;
    /// @inheritdoc ITrancheToken
    address public immutable currency;
    /// @inheritdoc ITrancheToken
    bool public immutable senior;
    uint8 private immutable _decimals;

    /// @inheritdoc ITrancheToken
    uint256 public pointsPerShare;
    /// @inheritdoc ITrancheToken
    uint256 public totalDistributed;
    /// @inheritdoc ITrancheToken
    uint256 public totalWithdrawn;

    mapping(address holder => int256) private _corrections;
    mapping(address holder => uint256) private _withdrawn;

    /// @notice Deploy one tranche of a pool; the creating pool contract (msg.sender) mints and pays out.
    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param decimals_ The currency's decimals (one token = one base unit of par).
    /// @param currency_ The pool's currency.
    /// @param poolId_ The pool's id in the creating contract (msg.sender).
    /// @param senior_ True for the senior tranche.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        address currency_,
        uint256 poolId_,
        bool senior_
    ) ERC20(name_, symbol_) {
        if (currency_ == address(0)) revert ZeroAddress();
        pool = msg.sender;
        poolId = poolId_;
        currency = currency_;
        senior = senior_;
        _decimals = decimals_;
    }

    modifier onlyPool() {
        if (msg.sender != pool) revert NotPool(msg.sender);
        _;
    }

    /// @notice The currency's decimals.
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc ITrancheToken
    function mint(address to, uint256 amount) external onlyPool {
        _mint(to, amount);
    }

    /// @inheritdoc ITrancheToken
    function burn(address from, uint256 amount) external onlyPool {
        _burn(from, amount);
    }

    /// @inheritdoc ITrancheToken
    function distributeFunds(uint256 amount) external onlyPool {
        if (amount == 0) revert ZeroAmount();
        uint256 supply = totalSupply();
        if (supply == 0) revert NoSupply();
        pointsPerShare += amount * MAGNITUDE / supply;
        uint256 distributed = totalDistributed + amount;
        totalDistributed = distributed;
        uint256 owed = distributed - totalWithdrawn;
        uint256 balance = IERC20(currency).balanceOf(address(this));
        if (balance < owed) revert UnbackedDistribution(owed, balance);
        emit FundsDistributed(msg.sender, amount);
    }

    /// @inheritdoc ITrancheToken
    function withdrawFunds() external nonReentrant returns (uint256 amount) {
        amount = withdrawableFundsOf(msg.sender);
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _withdrawn[msg.sender] += amount;
        totalWithdrawn += amount;
        emit FundsWithdrawn(msg.sender, amount);
        IERC20(currency).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ITrancheToken
    function withdrawableFundsOf(address holder) public view returns (uint256) {
        return accumulativeFundsOf(holder) - _withdrawn[holder];
    }

    /// @inheritdoc ITrancheToken
    function withdrawnFundsOf(address holder) external view returns (uint256) {
        return _withdrawn[holder];
    }

    /// @inheritdoc ITrancheToken
    function accumulativeFundsOf(address holder) public view returns (uint256) {
        int256 points = (pointsPerShare * balanceOf(holder)).toInt256() + _corrections[holder];
        return points.toUint256() / MAGNITUDE;
    }

    /// @dev Keep every holder's accumulated funds unchanged by balance changes.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        int256 correction = (pointsPerShare * value).toInt256();
        if (from != address(0)) _corrections[from] += correction;
        if (to != address(0)) _corrections[to] -= correction;
    }
}
