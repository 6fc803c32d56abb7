"""The securitization story as a test: five roots of two core enterprises pooled, senior and junior
tranches sold, one root defaults; the scenario checks itself and raises ScenarioError otherwise."""

from replay import replay

from scf.brownie import securitization
from scf.brownie.securitization import tranche_token
from scf.enums import Phase
from scf.units import to_base


def test_securitization_adds_up(platform, operator, actors, tmp_path):
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
    assert_replayed_pools_match(platform, tmp_path)


def assert_replayed_pools_match(platform, tmp_path) -> None:
    """The index, replayed, agrees with the pool's views (issue 12: the index sees every contract)."""
    pools = platform.securitization
    replayed_state = replay(platform, tmp_path)
    replayed = replayed_state.activity.pools
    assert replayed
    for pool in replayed.values():
        info, offering, accounts = (pools.poolInfo(pool.id).dict(), pools.offeringOf(pool.id).dict(),
                                    pools.accountsOf(pool.id).dict())
        assert (pool.phase, len(pool.pieces), pool.pieces_value) == (
            Phase(info["phase"]).key, info["pieceCount"], info["poolValue"])
        assert sorted(pool.pieces) == sorted(pools.piecesOf(pool.id))
        assert pool.currency == platform.cash.address                       # symbol read once by the indexer
        assert replayed_state.currency_symbol(pool.currency) == platform.cash.symbol()
        assert (pool.senior_raised, pool.junior_raised) == (
            offering["seniorSold"], offering["juniorSold"])
        assert (pool.collected, pool.distributed, pool.senior_principal_paid, pool.senior_interest_paid,
                pool.junior_paid, pool.written_down, pool.recovered) == (
            accounts["collected"], accounts["distributed"], accounts["seniorPrincipalPaid"],
            accounts["seniorInterestPaid"], accounts["juniorPaid"], accounts["writtenDown"], accounts["recovered"])
        # what each piece brought, and the tranche tokens' holders (indexed from their transfers)
        assert pool.credited == {p: pools.pooledPiece(p).dict()["credited"] for p in pool.pieces
                                 if pools.pooledPiece(p).dict()["credited"]}
        for token, senior in ((offering["seniorToken"], True), (offering["juniorToken"], False)):
            tranche = tranche_token(token)
            held = {holder: amount for (holder, s), amount in pool.positions.items() if s == senior and amount}
            assert held and held == {holder: tranche.balanceOf(holder) for holder in held}
            assert sum(held.values()) == tranche.totalSupply()
            for holder in held:
                assert pool.withdrawn.get((holder, senior), 0) == tranche.withdrawnFundsOf(holder)
