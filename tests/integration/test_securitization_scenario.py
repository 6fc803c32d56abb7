"""The securitization story as a test: five roots of two core enterprises pooled, senior and junior
tranches sold, one root defaults; the scenario checks itself and raises ScenarioError otherwise."""

from scf import securitization
from scf.units import to_base


def test_securitization_adds_up(platform, operator, actors):
    result = securitization.run(platform, operator, actors)  # raises ScenarioError if it does not add up

    w = result.waterfall
    pools = platform.securitization
    # payouts == collections: four of five roots repaid, every unit distributed
    assert w.collected == w.distributed == to_base(3_300_000)
    assert pools.accountsOf(result.pool_id).dict()["distributed"] == w.collected
    # senior whole: principal back plus the whole coupon
    assert w.senior_principal_paid == result.raised["senior"] == to_base(3_200_000)
    assert result.received["senior"] == w.senior_raised + w.senior_interest_paid and w.interest_due == 0
    # junior took the loss of the 700,000 default (less the 200,000 over-collateralisation and the coupon)
    assert result.received["junior"] == to_base(100_000) - w.senior_interest_paid
    assert sum(r.written_down for r in result.roots) == to_base(700_000)
    values = pools.trancheValues(result.pool_id).dict()
    assert values["seniorLoss"] == 0 and values["juniorLoss"] == result.raised["junior"] - result.received["junior"]
    # two core enterprises behind the pool
    assert {r.obligor for r in result.roots} == {"core", "core2"}
