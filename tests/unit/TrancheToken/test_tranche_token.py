"""TrancheToken: an ERC-20 minted, burned and paid only by its pool; holders pull payouts
(ERC-2222 accumulator): pro rata, transfers carry no past payouts, nobody is paid twice.

Here the "pool" is a plain account (``rando``) that deployed the token, so each function can be
driven directly; tests/unit/SecuritizationPool covers the token as the pool contract uses it."""

from fractions import Fraction

import pytest
from brownie import TrancheToken
from helpers import refused

from scf.units import to_base


@pytest.fixture(scope="module")
def pool(rando, cash, operator):
    """The account acting as the pool, holding cash to distribute."""
    cash.mint(rando, to_base(10_000_000), {"from": operator})
    return rando


@pytest.fixture(scope="module")
def token(pool, cash):
    return TrancheToken.deploy("scf-chain ABS pool 7 senior", "SCF7S", 6, cash, 7, True, {"from": pool})


@pytest.fixture(scope="module")
def a(supplier1):
    return supplier1


@pytest.fixture(scope="module")
def b(supplier2):
    return supplier2


@pytest.fixture(scope="module")
def c(supplier3):
    return supplier3


def pay(token, pool, cash, amount):
    cash.transfer(token, amount, {"from": pool})
    return token.distributeFunds(amount, {"from": pool})


def books(token, *holders):
    return (token.totalSupply, token.pointsPerShare, token.totalDistributed, token.totalWithdrawn,
            *[(lambda h=h: (token.balanceOf(h), token.withdrawableFundsOf(h), token.withdrawnFundsOf(h)))
              for h in holders])


def test_metadata(token, pool, cash):
    assert (token.name(), token.symbol(), token.decimals()) == ("scf-chain ABS pool 7 senior", "SCF7S", 6)
    assert token.pool() == pool and token.poolId() == 7 and token.currency() == cash and token.senior()
    assert token.totalSupply() == token.totalDistributed() == token.totalWithdrawn() == 0


def test_mint_and_burn_by_the_pool(token, pool, a):
    token.mint(a, 1_000, {"from": pool})
    token.burn(a, 400, {"from": pool})
    assert token.balanceOf(a) == token.totalSupply() == 600


@pytest.mark.parametrize("call", ["mint", "burn", "distributeFunds"])
def test_only_the_pool(token, pool, a, call):
    token.mint(a, 1_000, {"from": pool})
    args = (a, 1) if call != "distributeFunds" else (1,)
    with refused("NotPool", a, views=books(token, a)):
        getattr(token, call)(*args, {"from": a})


def test_payouts_pro_rata(token, pool, cash, a, b):
    token.mint(a, 3_000_000, {"from": pool})
    token.mint(b, 1_000_000, {"from": pool})
    tx = pay(token, pool, cash, 1_000_000)
    assert tx.events["FundsDistributed"]["amount"] == 1_000_000
    assert token.withdrawableFundsOf(a) == 750_000 and token.withdrawableFundsOf(b) == 250_000
    assert token.accumulativeFundsOf(a) == 750_000

    before = cash.balanceOf(a)
    tx = token.withdrawFunds({"from": a})
    assert tx.return_value == 750_000 and cash.balanceOf(a) == before + 750_000
    assert tx.events["FundsWithdrawn"]["holder"] == a
    assert token.withdrawableFundsOf(a) == 0 and token.withdrawnFundsOf(a) == 750_000
    assert token.totalWithdrawn() == 750_000 and cash.balanceOf(token) == 250_000


def test_nobody_is_paid_twice(token, pool, cash, a):
    token.mint(a, 1_000, {"from": pool})
    pay(token, pool, cash, 500)
    token.withdrawFunds({"from": a})
    with refused("NothingToWithdraw", a, views=books(token, a) + (lambda: cash.balanceOf(a),)):
        token.withdrawFunds({"from": a})


def test_nothing_to_withdraw_before_any_payout(token, pool, a, b):
    token.mint(a, 1_000, {"from": pool})
    with refused("NothingToWithdraw", b, views=books(token, a, b)):
        token.withdrawFunds({"from": b})


def close_below(actual, exact):
    """Floor rounding: a holder gets the exact pro-rata amount, at most one base unit less."""
    return exact - 1 <= actual <= exact


def test_transfers_carry_no_past_payouts(token, pool, cash, a, b, c):
    token.mint(a, 3_000_000, {"from": pool})
    token.mint(b, 1_000_000, {"from": pool})
    pay(token, pool, cash, 1_000_000)              # a 750k, b 250k
    token.transfer(c, 1_000_000, {"from": a})      # a keeps its 750k, c starts at 0
    assert token.withdrawableFundsOf(a) == 750_000 and token.withdrawableFundsOf(c) == 0
    pay(token, pool, cash, 400_000)                # a 2/4, b 1/4, c 1/4
    for h, exact in ((a, 950_000), (b, 350_000), (c, 100_000)):
        assert close_below(token.withdrawableFundsOf(h), exact)
    token.approve(b, 500_000, {"from": c})
    token.transferFrom(c, b, 500_000, {"from": b})
    pay(token, pool, cash, 400_000)                # a 2/4, b 1.5/4, c 0.5/4
    for h, exact in ((a, 1_150_000), (b, 500_000), (c, 150_000)):
        assert close_below(token.withdrawableFundsOf(h), exact)
    for h in (a, b, c):
        token.withdrawFunds({"from": h})
    assert 1_800_000 - 3 <= token.totalWithdrawn() <= token.totalDistributed() == 1_800_000
    assert cash.balanceOf(token) == 1_800_000 - token.totalWithdrawn()


def test_burn_keeps_what_was_earned(token, pool, cash, a, b):
    token.mint(a, 1_000, {"from": pool})
    token.mint(b, 1_000, {"from": pool})
    pay(token, pool, cash, 1_000)
    token.burn(a, 1_000, {"from": pool})
    pay(token, pool, cash, 1_000)                  # all to b now
    assert token.withdrawableFundsOf(a) == 500 and token.withdrawableFundsOf(b) == 1_500


def test_rounding_never_pays_out_more_than_distributed(token, pool, cash, a, b, c):
    for h in (a, b, c):
        token.mint(h, 1, {"from": pool})
    for amount in (10, 7, 1, 5):
        pay(token, pool, cash, amount)
    owed = [token.withdrawableFundsOf(h) for h in (a, b, c)]
    exact = Fraction(23, 3)
    assert all(close_below(o, exact) for o in owed) and sum(owed) <= 23
    for h in (a, b, c):
        token.withdrawFunds({"from": h})
    assert cash.balanceOf(token) == 23 - sum(owed) < 3


def test_distribute_zero_refused(token, pool, a):
    token.mint(a, 1_000, {"from": pool})
    with refused("ZeroAmount", views=books(token, a)):
        token.distributeFunds(0, {"from": pool})


def test_distribute_without_holders_refused(token, pool, cash):
    cash.transfer(token, 100, {"from": pool})
    with refused("NoSupply", views=books(token)):
        token.distributeFunds(100, {"from": pool})


def test_distribute_unbacked_refused(token, pool, cash, a):
    token.mint(a, 1_000, {"from": pool})
    cash.transfer(token, 99, {"from": pool})
    with refused("UnbackedDistribution", 100, 99, views=books(token, a)):
        token.distributeFunds(100, {"from": pool})


def test_pool_created_tranches(securitization, active_pool, investors, cash):
    pool_id, _, senior, junior = active_pool
    assert senior.pool() == junior.pool() == securitization
    assert senior.senior() and not junior.senior()
    assert senior.balanceOf(investors[0]) == to_base(1_600_000)
    assert junior.balanceOf(investors[1]) == to_base(300_000)
    with refused("NotPool", investors[0]):
        senior.mint(investors[0], 1, {"from": investors[0]})
