"""The reports of the full scenario (credit penetration, signed and escrowed discounting,
default and recourse) agree with the scenario's own ledger."""

import pytest
from replay import replay

from scf.brownie import scenario
from scf.reporting.aging import aging
from scf.reporting.costs import costs
from scf.reporting.portfolio import portfolio
from scf.reporting.totals import totals
from scf.reporting.tree import credit_tree
from scf.units import to_base


def test_reports_of_the_full_scenario_agree_with_its_ledger(platform, operator, actors, tmp_path):
    result = scenario.run(platform, operator, actors)
    state = replay(platform, tmp_path)
    name = {account.address: label for label, account in {"operator": operator, **actors}.items()}

    deals = [(name[f.seller], name[f.financier], f.bought_piece_id, f.amount, f.price, f.fee, f.days_early, f.recourse)
             for f in state.financings]
    assert deals == [(f.seller, f.financier, f.piece_id, f.value, f.price, f.fee, f.days_early, f.recourse)
                     for f in result.financings]

    tree = credit_tree(state, result.roots["act1"])
    assert [(t.tier, t.received, t.passed_on, t.financed, t.kept) for t in tree.tiers] == [
        (1, to_base(1_000_000), to_base(400_000), to_base(600_000), 0),
        (2, to_base(400_000), to_base(150_000), 0, to_base(250_000)),
        (3, to_base(150_000), 0, to_base(150_000), 0),
    ]
    defaulted = state.roots[result.roots["act2"]]
    assert defaulted.status == "defaulted" and defaulted.repaid == defaulted.face_value
    (call,) = state.recourse.values()
    assert name[call.seller] == "supplier1" and name[call.financier] == "bank_b" and call.settled_at

    assert aging(state).rows == []                                       # everything was repaid in the end
    board = totals(state)
    assert board.value("roots defaulted") == "0" and board.value("outstanding") == "0.00"
    assert board.value("recourse settled") == board.value("recourse called") != "0.00"
    for label in ("supplier1", "supplier2", "supplier3", "bank_a", "bank_b"):
        folio = portfolio(state, actors[label].address)
        ledger_in = sum(c.amount for c in state.claims if c.holder == actors[label].address)
        assert folio.claimed == ledger_in and folio.positions == []
    seller_costs = {name[c.seller]: c for c in costs(state).sellers}
    for f in result.financings:
        assert seller_costs[f.seller].received >= f.net
    assert seller_costs["supplier3"].annual_cost == pytest.approx(result.financings[0].annual_cost)
