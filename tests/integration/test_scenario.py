"""The README's main job, run as a test: the whole lifecycle adds up (on Anvil and Ganache)."""

from scf.brownie import scenario
from scf.units import to_base


def test_full_lifecycle_adds_up(platform, operator, actors):
    result = scenario.run(platform, operator, actors)  # raises ScenarioError if money does not add up

    # credit penetration: the tier-3 micro-firm was financed against the core enterprise's payable
    tier3 = [f for f in result.financings if f.seller == "supplier3"]
    assert len(tier3) == 1 and tier3[0].financier == "bank_a" and tier3[0].value == to_base(150_000)
    assert 0 < tier3[0].annual_cost < 0.06
    # the core paid exactly what it owed, once per root
    assert result.ledger.cash_out["core"] == to_base(1_300_000)
    # market and settlement end empty; every root closed
    assert result.end_balances["market"] == result.start_balances["market"]
    assert result.end_balances["settlement"] == result.start_balances["settlement"]
    for root in result.roots.values():
        assert platform.settlement.statusOf(root)[1]  # fully repaid
