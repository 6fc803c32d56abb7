"""SettlementToken: 6-decimal digital cash; only MINTER_ROLE mints; holders burn their own."""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.units import to_base


def test_metadata(cash, operator):
    assert cash.decimals() == 6
    assert (cash.name(), cash.symbol()) == ("Digital CNY", "dCNY")
    assert cash.totalSupply() == 0
    assert cash.hasRole(cash.MINTER_ROLE(), operator)
    assert cash.hasRole(cash.DEFAULT_ADMIN_ROLE(), operator)


def test_operator_mints(cash, operator, supplier1):
    tx = cash.mint(supplier1, to_base(1_000), {"from": operator})
    assert tx.events["Transfer"] == {"from": ZERO_ADDRESS, "to": supplier1, "value": to_base(1_000)}
    assert cash.balanceOf(supplier1) == to_base(1_000) == 1_000_000_000
    assert cash.totalSupply() == to_base(1_000)


@pytest.mark.parametrize("who", ["supplier1", "bank_a", "core"])
def test_only_minters_mint(cash, actors, who):
    account = actors[who]
    with refused("AccessControlUnauthorizedAccount", account, cash.MINTER_ROLE(),
                 views=(cash.totalSupply, lambda: cash.balanceOf(account))):
        cash.mint(account, 1, {"from": account})


def test_granted_minter_mints(cash, operator, bank_a, supplier2):
    cash.grantRole(cash.MINTER_ROLE(), bank_a, {"from": operator})
    cash.mint(supplier2, 5, {"from": bank_a})
    assert cash.balanceOf(supplier2) == 5
    cash.revokeRole(cash.MINTER_ROLE(), bank_a, {"from": operator})
    with refused("AccessControlUnauthorizedAccount", bank_a, cash.MINTER_ROLE(), views=(cash.totalSupply,)):
        cash.mint(supplier2, 5, {"from": bank_a})


def test_only_admin_grants_minter(cash, bank_a):
    with refused("AccessControlUnauthorizedAccount", bank_a, cash.DEFAULT_ADMIN_ROLE(),
                 views=(lambda: cash.hasRole(cash.MINTER_ROLE(), bank_a),)):
        cash.grantRole(cash.MINTER_ROLE(), bank_a, {"from": bank_a})


def test_holder_burns_own_cash(cash, operator, supplier1):
    cash.mint(supplier1, 100, {"from": operator})
    tx = cash.burn(40, {"from": supplier1})
    assert tx.events["Transfer"] == {"from": supplier1, "to": ZERO_ADDRESS, "value": 40}
    assert cash.balanceOf(supplier1) == 60
    assert cash.totalSupply() == 60


def test_burn_more_than_balance(cash, operator, supplier1):
    cash.mint(supplier1, 100, {"from": operator})
    with refused("ERC20InsufficientBalance", supplier1, 100, 101,
                 views=(cash.totalSupply, lambda: cash.balanceOf(supplier1))):
        cash.burn(101, {"from": supplier1})


def test_mint_to_zero(cash, operator):
    with refused("ERC20InvalidReceiver", ZERO_ADDRESS, views=(cash.totalSupply,)):
        cash.mint(ZERO_ADDRESS, 1, {"from": operator})


def test_plain_transfers(cash, operator, supplier1, supplier2):
    cash.mint(supplier1, 100, {"from": operator})
    cash.transfer(supplier2, 30, {"from": supplier1})
    cash.approve(supplier2, 50, {"from": supplier1})
    cash.transferFrom(supplier1, supplier2, 50, {"from": supplier2})
    assert (cash.balanceOf(supplier1), cash.balanceOf(supplier2)) == (20, 80)
    assert cash.allowance(supplier1, supplier2) == 0


def test_zero_operator_refused(SettlementToken, operator):
    with refused("ZeroAddress"):
        SettlementToken.deploy("Digital CNY", "dCNY", ZERO_ADDRESS, {"from": operator})
