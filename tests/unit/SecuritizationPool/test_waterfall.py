"""Collections and the waterfall: collect claims pieces' cash into the pool, distribute pays senior
interest, senior principal, then junior through the tranche tokens; writeDown books a defaulted
piece's loss (junior first), later collections on it are recoveries.

The active pool (conftest ``active_pool``): pieces of 1,000,000 / 600,000 / 400,000 due in
90 / 91 / 92 days; senior 1,600,000 at 5% (investor), junior 300,000 (investor2)."""

import pytest
from brownie import chain, web3
from helpers import refused, travel_to

from scf.enums import Phase
from scf.securitization import Waterfall
from scf.units import DAY, to_base

BUILDING, ACTIVE = Phase.BUILDING, Phase.ACTIVE
CURRENT, OVERDUE, DEFAULTED = 0, 1, 2


@pytest.fixture(scope="module", autouse=True)
def core_pays(cash, core, settlement, operator):
    cash.mint(core, to_base(10_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})


@pytest.fixture
def pool(active_pool):
    return active_pool


def books(securitization, pool_id):
    return (lambda: securitization.accountsOf(pool_id), lambda: securitization.poolInfo(pool_id),
            lambda: securitization.offeringOf(pool_id))


def mirror(securitization, pool_id) -> Waterfall:
    o = securitization.offeringOf(pool_id).dict()
    a = securitization.accountsOf(pool_id).dict()
    return Waterfall(o["seniorSold"], o["juniorSold"], securitization.poolInfo(pool_id).dict()["seniorCouponBps"],
                     a["lastAccrual"])


def mature(settlement, *roots):
    """Travel to the latest maturity of ``roots``: before it the obligor may only repay in full."""
    from brownie import ReceivableToken

    token = ReceivableToken.at(settlement.receivables())
    travel_to(max(token.rootState(root)[0] for root in roots))


def default(settlement, registry, alliance, root, operator):
    """Take ``root`` (unpaid) to Defaulted: past maturity + grace, then the default period."""
    from brownie import ReceivableToken

    maturity = ReceivableToken.at(settlement.receivables()).rootState(root)[0]
    travel_to(maturity + registry.gracePeriodOf(alliance) + 1)
    settlement.markOverdue(root, {"from": operator})
    travel_to(maturity + registry.gracePeriodOf(alliance) + settlement.defaultPeriod() + 1)
    settlement.markDefaulted(root, {"from": operator})


# ---------------------------------------------------------------- collect


def test_collect_claims_a_repaid_piece(securitization, pool, settlement, receivables, cash, core, rando):
    pool_id, (p1, _, _), *_ = pool
    settlement.repay(p1, to_base(1_000_000), {"from": core})
    before = cash.balanceOf(securitization)

    tx = securitization.collect(pool_id, p1, {"from": rando})

    assert tx.return_value == to_base(1_000_000)
    assert tx.events["Claimed"]["holder"] == securitization and tx.events["Claimed"]["closed"]
    ev = tx.events["Collected"]
    assert (ev["poolId"], ev["pieceId"], ev["amount"], ev["recovery"]) == (pool_id, p1, to_base(1_000_000), False)
    assert cash.balanceOf(securitization) == before + to_base(1_000_000)
    assert receivables.pieceInfo(p1)[1] == 0  # burned by Settlement
    assert securitization.pooledPiece(p1) == (pool_id, to_base(1_000_000), to_base(1_000_000), False)
    assert securitization.accountsOf(pool_id).dict()["collected"] == to_base(1_000_000)


def test_collect_in_installments(securitization, pool, settlement, core):
    pool_id, (_, p2, _), *_ = pool
    mature(settlement, p2)
    settlement.repay(p2, to_base(300_000), {"from": core})
    assert securitization.collect(pool_id, p2, {"from": core}).return_value == to_base(300_000)
    settlement.repay(p2, to_base(300_000), {"from": core})
    assert securitization.collect(pool_id, p2, {"from": core}).return_value == to_base(300_000)
    assert securitization.pooledPiece(p2)[2] == to_base(600_000)
    assert securitization.accountsOf(pool_id).dict()["collected"] == to_base(600_000)


def test_collect_picks_up_claims_made_directly_on_settlement(securitization, pool, settlement, cash, core, rando):
    pool_id, (_, p2, _), *_ = pool
    mature(settlement, p2)
    settlement.repay(p2, to_base(300_000), {"from": core})
    settlement.claim(p2, {"from": rando})  # pays the holder: the pool contract
    assert settlement.claimable(p2) == 0

    tx = securitization.collect(pool_id, p2, {"from": rando})

    assert tx.events["Collected"]["amount"] == to_base(300_000)
    assert "Claimed" not in tx.events
    assert securitization.accountsOf(pool_id).dict()["collected"] == to_base(300_000)


def test_collect_nothing_new_refused(securitization, pool, settlement, core):
    pool_id, (p1, _, p3), *_ = pool
    with refused("NothingToCollect", p3, views=books(securitization, pool_id)):
        securitization.collect(pool_id, p3, {"from": core})
    mature(settlement, p1)
    settlement.repay(p1, to_base(10), {"from": core})
    securitization.collect(pool_id, p1, {"from": core})
    with refused("NothingToCollect", p1, views=books(securitization, pool_id)):
        securitization.collect(pool_id, p1, {"from": core})


def test_collect_piece_of_another_pool_refused(securitization, pool, make_root, settlement, core):
    pool_id, *_ = pool
    stranger = make_root()
    mature(settlement, stranger)
    settlement.repay(stranger, to_base(10), {"from": core})
    with refused("PieceNotInPool", pool_id, stranger, views=books(securitization, pool_id)):
        securitization.collect(pool_id, stranger, {"from": core})


def test_collect_only_in_active_pools(securitization, make_pool, settlement, core):
    pool_id, (p1, *_) = make_pool()
    mature(settlement, p1)
    settlement.repay(p1, to_base(10), {"from": core})
    with refused("WrongPhase", pool_id, BUILDING, ACTIVE, views=books(securitization, pool_id)):
        securitization.collect(pool_id, p1, {"from": core})
    with refused("UnknownPool", 77):
        securitization.collect(77, p1, {"from": core})


# ---------------------------------------------------------------- distribute


def test_distribute_pays_senior_interest_then_principal(securitization, pool, settlement, core, rando, investors):
    pool_id, (p1, _, _), senior, junior = pool
    w = mirror(securitization, pool_id)
    chain.sleep(30 * DAY)
    settlement.repay(p1, to_base(1_000_000), {"from": core})
    w.collect(securitization.collect(pool_id, p1, {"from": rando}).return_value)

    tx = securitization.distribute(pool_id, {"from": rando})

    expected = w.distribute(tx.timestamp)
    ev = tx.events["Distributed"]
    assert (ev["seniorInterest"], ev["seniorPrincipal"], ev["junior"]) == (
        expected.senior_interest, expected.senior_principal, 0)
    assert expected.senior_interest > 0 and expected.senior_interest + expected.senior_principal == to_base(1_000_000)
    a = securitization.accountsOf(pool_id).dict()
    assert a["seniorInterestPaid"] == expected.senior_interest and a["seniorInterestDue"] == 0
    assert a["seniorPrincipalPaid"] == expected.senior_principal and a["juniorPaid"] == 0
    assert a["distributed"] == a["collected"] and a["lastAccrual"] == tx.timestamp
    assert senior.totalDistributed() == to_base(1_000_000) and junior.totalDistributed() == 0
    assert senior.withdrawableFundsOf(investors[0]) == to_base(1_000_000)


def test_cash_short_of_interest_leaves_interest_due(securitization, pool, settlement, core):
    pool_id, (p1, _, _), *_ = pool
    w = mirror(securitization, pool_id)
    mature(settlement, p1)
    settlement.repay(p1, to_base(1_000), {"from": core})
    w.collect(securitization.collect(pool_id, p1, {"from": core}).return_value)
    tx = securitization.distribute(pool_id, {"from": core})
    expected = w.distribute(tx.timestamp)
    assert expected.senior_interest == to_base(1_000) and expected.senior_principal == expected.junior == 0
    a = securitization.accountsOf(pool_id).dict()
    assert a["seniorInterestDue"] == w.interest_due > 0
    assert a["seniorPrincipalPaid"] == 0


def test_junior_takes_the_rest_once_senior_is_paid(securitization, pool, settlement, core, investors, cash):
    investor, investor2 = investors
    pool_id, pieces, senior, junior = pool
    w = mirror(securitization, pool_id)
    for piece, units in zip(pieces, (1_000_000, 600_000, 400_000)):
        chain.sleep(30 * DAY)
        settlement.repay(piece, to_base(units), {"from": core})
        w.collect(securitization.collect(pool_id, piece, {"from": core}).return_value)
        tx = securitization.distribute(pool_id, {"from": core})
        expected = w.distribute(tx.timestamp)
        ev = tx.events["Distributed"]
        assert (ev["seniorInterest"], ev["seniorPrincipal"], ev["junior"]) == (
            expected.senior_interest, expected.senior_principal, expected.junior)
    assert w.senior_principal_paid == to_base(1_600_000) and w.interest_due == 0
    assert w.junior_paid == to_base(2_000_000) - to_base(1_600_000) - w.senior_interest_paid
    assert cash.balanceOf(securitization) == 0
    got = [senior.withdrawFunds({"from": investor}).return_value,
           junior.withdrawFunds({"from": investor2}).return_value]
    assert to_base(2_000_000) - 2 <= sum(got) <= to_base(2_000_000)
    v = securitization.trancheValues(pool_id).dict()
    assert v["assets"] == v["seniorLoss"] == v["juniorLoss"] == v["seniorOwed"] == 0


def test_distribute_nothing_refused(securitization, pool, settlement, core):
    pool_id, (p1, _, _), *_ = pool
    with refused("NothingToDistribute", pool_id, views=books(securitization, pool_id)):
        securitization.distribute(pool_id, {"from": core})
    mature(settlement, p1)
    settlement.repay(p1, to_base(5_000), {"from": core})
    securitization.collect(pool_id, p1, {"from": core})
    securitization.distribute(pool_id, {"from": core})
    with refused("NothingToDistribute", pool_id, views=books(securitization, pool_id)):
        securitization.distribute(pool_id, {"from": core})


def test_distribute_only_in_active_pools(securitization, make_pool, core):
    pool_id, _ = make_pool()
    with refused("WrongPhase", pool_id, BUILDING, ACTIVE, views=books(securitization, pool_id)):
        securitization.distribute(pool_id, {"from": core})


# ---------------------------------------------------------------- write-downs


def test_write_down_books_the_loss_junior_first(securitization, pool, settlement, registry, alliance, core,
                                                operator, rando):
    pool_id, (_, _, p3), *_ = pool
    mature(settlement, p3)
    settlement.repay(p3, to_base(100_000), {"from": core})   # a quarter paid, never claimed, then nothing
    default(settlement, registry, alliance, p3, operator)

    tx = securitization.writeDown(pool_id, p3, {"from": rando})

    assert tx.return_value == to_base(300_000)
    assert tx.events["Collected"]["amount"] == to_base(100_000)  # what was paid is collected first
    assert securitization.pooledPiece(p3) == (pool_id, to_base(400_000), to_base(100_000), True)
    a = securitization.accountsOf(pool_id).dict()
    assert a["writtenDown"] == to_base(300_000) and a["collected"] == to_base(100_000) and a["recovered"] == 0
    v = securitization.trancheValues(pool_id).dict()
    due = securitization.seniorInterestDue(pool_id)
    assert v["assets"] == to_base(2_000_000) - to_base(300_000)
    assert v["seniorOwed"] == to_base(1_600_000) + due and v["seniorLoss"] == 0
    assert v["juniorValue"] == v["assets"] - v["seniorOwed"]
    assert v["juniorLoss"] == to_base(300_000) - v["juniorValue"] > 0
    ev = tx.events["WrittenDown"]
    assert (ev["loss"], ev["seniorLoss"]) == (to_base(300_000), 0) and ev["juniorLoss"] > 0


def test_senior_is_written_down_only_after_junior(securitization, pool, settlement, registry, alliance, operator):
    pool_id, pieces, *_ = pool
    for piece in pieces:
        default(settlement, registry, alliance, piece, operator)
        securitization.writeDown(pool_id, piece, {"from": operator})
    v = securitization.trancheValues(pool_id).dict()
    assert v["assets"] == v["seniorValue"] == v["juniorValue"] == 0
    assert v["juniorLoss"] == to_base(300_000)
    assert v["seniorLoss"] == v["seniorOwed"] == to_base(1_600_000) + securitization.seniorInterestDue(pool_id)


def test_recoveries_flow_through_the_waterfall(securitization, pool, settlement, registry, alliance, core, operator):
    pool_id, (_, _, p3), senior, _ = pool
    default(settlement, registry, alliance, p3, operator)
    securitization.writeDown(pool_id, p3, {"from": operator})
    settlement.repay(p3, to_base(400_000), {"from": core})   # paid late in full

    tx = securitization.collect(pool_id, p3, {"from": operator})

    assert tx.events["Collected"]["recovery"] and tx.return_value == to_base(400_000)
    a = securitization.accountsOf(pool_id).dict()
    assert a["recovered"] == a["writtenDown"] == to_base(400_000)
    securitization.distribute(pool_id, {"from": operator})
    assert senior.totalDistributed() == to_base(400_000)
    v = securitization.trancheValues(pool_id).dict()
    assert v["assets"] == to_base(1_600_000)  # the two unpaid pieces; the loss is recovered


def test_write_down_needs_a_defaulted_root(securitization, pool, settlement, registry, alliance, operator):
    pool_id, (_, _, p3), *_ = pool
    with refused("RootNotDefaulted", p3, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, p3, {"from": operator})
    chain.sleep(92 * DAY + registry.gracePeriodOf(alliance) + 60)
    settlement.markOverdue(p3, {"from": operator})
    assert settlement.accountOf(p3)[3] == OVERDUE
    with refused("RootNotDefaulted", p3, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, p3, {"from": operator})


def test_write_down_once(securitization, pool, settlement, registry, alliance, operator):
    pool_id, (_, _, p3), *_ = pool
    default(settlement, registry, alliance, p3, operator)
    securitization.writeDown(pool_id, p3, {"from": operator})
    with refused("AlreadyWrittenDown", p3, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, p3, {"from": operator})


def test_nothing_to_write_down_when_repaid(securitization, pool, settlement, registry, alliance, core, operator):
    pool_id, (p1, _, p3), *_ = pool
    default(settlement, registry, alliance, p3, operator)
    settlement.repay(p3, to_base(400_000), {"from": core})   # defaulted, then paid in full
    with refused("NothingToWriteDown", p3, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, p3, {"from": operator})
    settlement.repay(p1, to_base(1_000_000), {"from": core})
    securitization.collect(pool_id, p1, {"from": operator})   # closed and burned
    with refused("NothingToWriteDown", p1, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, p1, {"from": operator})


def test_write_down_other_pool_or_phase_refused(securitization, pool, make_pool, make_root, operator):
    pool_id, *_ = pool
    stranger = make_root()
    with refused("PieceNotInPool", pool_id, stranger, views=books(securitization, pool_id)):
        securitization.writeDown(pool_id, stranger, {"from": operator})
    building, (piece, *_) = make_pool()
    with refused("WrongPhase", building, BUILDING, ACTIVE, views=books(securitization, building)):
        securitization.writeDown(building, piece, {"from": operator})


# ---------------------------------------------------------------- views


def test_senior_interest_accrues_simple_actual_365(securitization, pool):
    pool_id, *_ = pool
    w = mirror(securitization, pool_id)
    travel_to(w.last_accrual + 73 * DAY)
    now = web3.eth.get_block("latest").timestamp   # what a view sees
    due = securitization.seniorInterestDue(pool_id)
    assert due == w.due_at(now) == to_base(1_600_000) * 500 * (now - w.last_accrual) // (10_000 * 365 * DAY)
    # 1,600,000 at 5% for 73/365 of a year = 16,000, give or take a minute's interest (clock drift)
    assert abs(due - to_base(16_000)) <= to_base(1_600_000) * 500 * 60 // (10_000 * 365 * DAY)
    v = securitization.trancheValues(pool_id).dict()
    assert v["assets"] == to_base(2_000_000) and v["seniorOwed"] == to_base(1_600_000) + due
    assert v["juniorValue"] == to_base(400_000) - due and v["seniorLoss"] == v["juniorLoss"] == 0


def test_views_of_pools_not_active_are_empty(securitization, make_pool):
    pool_id, pieces = make_pool()
    assert securitization.seniorInterestDue(pool_id) == 0
    assert securitization.trancheValues(pool_id) == (0, 0, 0, 0, 0, 0)
    assert securitization.piecesOf(pool_id) == pieces
