"""The closed-loop script's story, run as a test: it checks its own numbers (raises
ScenarioError otherwise); here a few headline facts on top."""

from scf import closed_loop
from scf.units import to_base


def test_closed_loop_adds_up(platform, operator, actors):
    result = closed_loop.run(platform, operator, actors)

    orders = dict(result.orders)
    credit = [s for s in orders.values() if s["mode"] == "credit"]
    assert len(credit) == 1 and credit[0]["root"] and credit[0]["supplier_got"] == to_base(500_000)
    assert sorted(s["outcome"] for s in orders.values() if s["mode"] == "cash") == [
        "cancelled (deadline missed)", "deemed accepted", "resolved by auditor"]
    # every escrowed unit went to a supplier or back to the buyer
    assert all(s["supplier_got"] + s["refund"] == s["amount"] for s in orders.values() if s["mode"] == "cash")
    assert result.end_balances["escrow"] == result.start_balances["escrow"]
    # advance payment: one deal repaid in full, one bought back by the core
    outcomes = [d[-1] for d in result.deals]
    assert outcomes == ["repaid", "bought back by core"]
    assert result.deals[0][5] == result.deals[0][1]        # every unit released
    assert result.deals[1][5] < result.deals[1][1]         # the rest went back to the core
    assert [loan[-1] for loan in result.loans] == ["repaid, goods released", "foreclosed, goods to the bank"]
    assert platform.settlement.statusOf(result.roots["credit order"])[1]  # the receivable was repaid
