import pytest
from brownie import FalseReturningToken, FeeOnTransferToken, ReentrantReceiver, ReentrantToken, chain

from scf.onboarding import audited_trade
from scf.units import DAY, to_base

MAX = 2**256 - 1


@pytest.fixture(scope="module")
def fot(operator):
    return FeeOnTransferToken.deploy({"from": operator})


@pytest.fixture(scope="module")
def falsy(operator):
    return FalseReturningToken.deploy({"from": operator})


@pytest.fixture(scope="module")
def reentrant(operator):
    return ReentrantToken.deploy({"from": operator})


@pytest.fixture(scope="module")
def receiver(operator):
    return ReentrantReceiver.deploy({"from": operator})


@pytest.fixture(scope="module")
def hostile_root(trades, receivables, alliance, supplier1, core, auditor, operator, market, settlement, bank_a):
    """Issue a 1,000,000 root in a hostile currency the operator (carelessly) allowed, and
    give bank_a and core that currency with approvals to the market and settlement."""

    def _make(token, label):
        trades.setCurrencyAllowed(token, True, {"from": operator})
        trade_id = audited_trade(trades, alliance, supplier1, core, auditor, token, to_base(1_000_000), label)
        root = receivables.confirm(trade_id, to_base(1_000_000), chain.time() + 120 * DAY, {"from": core}).return_value
        for who in (bank_a, core):
            token.mint(who, to_base(5_000_000), {"from": who})
            for spender in (market, settlement):
                token.approve(spender, MAX, {"from": who})
        return root

    return _make
