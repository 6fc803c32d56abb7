// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// ERC-20's `decimals()` getter is a constant here: the name is the standard's.
// solhint-disable const-name-snakecase

/// @title FalseReturningToken (testing only)
/// @notice An ERC-20 that returns false instead of reverting when a transfer cannot happen,
/// like some early tokens.
contract FalseReturningToken {
    /// @notice ERC-20 balance of each account.
    mapping(address => uint256) public balanceOf;
    /// @notice ERC-20 allowance of each owner to each spender.
    mapping(address => mapping(address => uint256)) public allowance;
    /// @notice ERC-20 total supply (all minted).
    uint256 public totalSupply;
    /// @notice ERC-20 decimals (6, like the settlement token).
    uint8 public constant decimals = 6;

    /// @notice ERC-20 transfer (emitted only when a transfer happens).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC-20 approval.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Mint freely (tests only).
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
    }

    /// @notice Approve a spender.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice Transfer; returns false when the balance is short.
    function transfer(address to, uint256 amount) external returns (bool) {
        if (balanceOf[msg.sender] < amount) return false;
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice TransferFrom; returns false when the balance or allowance is short.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (balanceOf[from] < amount || allowance[from][msg.sender] < amount) return false;
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}
