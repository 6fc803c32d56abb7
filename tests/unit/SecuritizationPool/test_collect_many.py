"""collectMany: a keeper collects many pieces of a pool in one transaction. A batch credits exactly
what the single `collect` calls would; a refused batch (bad length, a piece with nothing to
collect or of another pool, a pool not active) changes nothing.

The active pool (conftest ``active_pool``): pieces of 1,000,000 / 600,000 / 400,000."""

import pytest
from brownie import chain
from helpers import refused

from scf.brownie.clock import travel_to
from scf.units import to_base

BUILDING, ACTIVE = 1, 3


@pytest.fixture(scope="module", autouse=True)
def core_pays(cash, core, settlement, operator):
    cash.mint(core, to_base(10_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})


def books(securitization, pool_id, pieces, cash):
    return (lambda: securitization.accountsOf(pool_id), lambda: [securitization.pooledPiece(p) for p in pieces],
            lambda: cash.balanceOf(securitization))


def at_maturity(receivables, pieces):
    """Part-payments are accepted from maturity on (before it the obligor repays in full only)."""
    travel_to(max(receivables.rootState(p)[0] for p in pieces))


def repay_some(settlement, core, pieces, receivables):
    p1, p2, p3 = pieces
    at_maturity(receivables, pieces)
    settlement.repay(p1, to_base(1_000_000), {"from": core})    # closes p1
    settlement.repay(p2, to_base(150_000), {"from": core})      # a quarter of p2
    settlement.repay(p3, to_base(100_000), {"from": core})
    return p1, p2, p3


def test_collect_many_credits_what_single_collects_would(securitization, active_pool, settlement, cash, core,
                                                         rando, receivables):
    pool_id, pieces, *_ = active_pool
    repay_some(settlement, core, pieces, receivables)
    settlement.claim(pieces[2], {"from": rando})       # a claim triggered directly is picked up too

    before = chain._take_snapshot()     # a snapshot of its own: the test's isolation snapshot stays as it is
    singles = [securitization.collect(pool_id, p, {"from": rando}) for p in pieces]
    single_amounts = [tx.return_value for tx in singles]
    single_books = (securitization.accountsOf(pool_id), [securitization.pooledPiece(p) for p in pieces],
                    cash.balanceOf(securitization))
    chain._revert(before)                               # back to before the single collects

    tx = securitization.collectMany(pool_id, pieces, {"from": rando})

    assert tx.return_value == single_amounts == [to_base(1_000_000), to_base(150_000), to_base(100_000)]
    assert [(e["pieceId"], e["amount"], e["recovery"]) for e in tx.events["Collected"]] == [
        (p, a, False) for p, a in zip(pieces, single_amounts)]
    assert (securitization.accountsOf(pool_id), [securitization.pooledPiece(p) for p in pieces],
            cash.balanceOf(securitization)) == single_books


def test_collect_many_length_bounds_refused(receivables, securitization, active_pool, settlement, cash, core, rando):
    pool_id, pieces, *_ = active_pool
    repay_some(settlement, core, pieces, receivables)
    limit = securitization.MAX_POOL_PIECES()
    with refused("BadCollectList", 0, limit, views=books(securitization, pool_id, pieces, cash)):
        securitization.collectMany(pool_id, [], {"from": rando})
    with refused("BadCollectList", limit + 1, limit, views=books(securitization, pool_id, pieces, cash)):
        securitization.collectMany(pool_id, [pieces[0]] * (limit + 1), {"from": rando})


def test_collect_many_with_one_piece_refused_changes_nothing(securitization, active_pool, settlement, cash, core,
                                                             rando, make_root, receivables):
    pool_id, (p1, p2, p3), *_ = active_pool
    at_maturity(receivables, [p1])
    settlement.repay(p1, to_base(500_000), {"from": core})
    everything = books(securitization, pool_id, [p1, p2, p3], cash)
    # p3's root was not repaid: the whole batch is refused, p1 is not collected either
    with refused("NothingToCollect", p3, views=everything):
        securitization.collectMany(pool_id, [p1, p3], {"from": rando})
    # a piece listed twice: the second has nothing new
    with refused("NothingToCollect", p1, views=everything):
        securitization.collectMany(pool_id, [p1, p1], {"from": rando})
    stranger = make_root()
    with refused("PieceNotInPool", pool_id, stranger, views=everything):
        securitization.collectMany(pool_id, [p1, stranger], {"from": rando})
    assert securitization.collectMany(pool_id, [p1], {"from": rando}).return_value == [to_base(500_000)]


def test_collect_many_only_in_active_pools(receivables, securitization, make_pool, settlement, cash, core, rando):
    pool_id, pieces = make_pool()
    at_maturity(receivables, pieces[:1])
    settlement.repay(pieces[0], to_base(10), {"from": core})
    with refused("WrongPhase", pool_id, BUILDING, ACTIVE, views=books(securitization, pool_id, pieces, cash)):
        securitization.collectMany(pool_id, pieces[:1], {"from": rando})
    with refused("UnknownPool", 77):
        securitization.collectMany(77, pieces[:1], {"from": rando})
