"""Recourse follows a piece into a pool: investors see which pieces carry it, anyone (a keeper)
has the pool call it once the root defaulted, the seller's payment reaches the pool and flows
through the waterfall as a collection; the rest of the piece is written down."""

import pytest
from brownie import chain
from helpers import refused, reverts, travel_to

from scf.brownie.clock import next_block_at
from scf.units import DAY, to_base

MAX = 2**256 - 1
FACE = 1_000_000


@pytest.fixture(scope="module", autouse=True)
def money(cash, operator, core, bank_a, supplier1, market, settlement):
    for account, units in ((core, 10_000_000), (bank_a, 10_000_000), (supplier1, 2_000_000)):
        cash.mint(account, to_base(units), {"from": operator})
        for spender in (market, settlement):
            cash.approve(spender, MAX, {"from": account})


def default(settlement, receivables, registry, alliance, root, rando):
    maturity = receivables.rootState(root)[0]
    grace = registry.gracePeriodFor(alliance, maturity)
    travel_to(maturity + grace + 1)
    settlement.markOverdue(root, {"from": rando})
    travel_to(maturity + grace + settlement.defaultPeriodFor(maturity) + 1)
    settlement.markDefaulted(root, {"from": rando})


@pytest.fixture
def pooled(securitization, market, receivables, pool_terms, make_root, investors, bank_a, supplier1):
    """bank_a buys supplier1's 1,000,000 root (due in 190 days) with recourse at 100 % a year (so
    the seller's guarantee, price + interest, is below the value) and pools it with a 600,000
    root it holds outright; the pool raises 1,500,000 (senior 1,280,000, junior 220,000)."""
    root = make_root(FACE, 190)
    offer = market.postOffer(root, to_base(FACE), 10_000, market.feeBps(), True, chain.time() + DAY,
                             {"from": bank_a}).return_value
    market.acceptOffer(offer, 0, {"from": supplier1})
    other = make_root(600_000, 91, holder=bank_a)
    pool_id = securitization.createPool(pool_terms(), {"from": bank_a}).events["PoolCreated"]["poolId"]
    added = securitization.addPiece(pool_id, root, {"from": bank_a})
    assert dict(added.events["PieceCarriesRecourse"]) == {"poolId": pool_id, "pieceId": root, "saleId": root}
    assert "PieceCarriesRecourse" not in securitization.addPiece(pool_id, other, {"from": bank_a}).events
    ev = securitization.openOffering(pool_id, to_base(1_500_000), chain.time() + 7 * DAY,
                                     {"from": bank_a}).events["OfferingOpened"]
    securitization.subscribe(pool_id, True, ev["seniorCapacity"], {"from": investors[0]})
    securitization.subscribe(pool_id, False, ev["juniorCapacity"], {"from": investors[1]})
    securitization.close(pool_id, {"from": bank_a})
    return pool_id, root, other


def test_regression_pooled_piece_keeps_its_recourse(securitization, settlement, market, receivables, registry,
                                                    alliance, cash, pooled, supplier1, rando):
    """issue 10 item 11: once pooled nobody could call the recourse, the seller kept its
    proceeds and junior absorbed the loss. Now a keeper has the pool call it, the seller's
    payment is collected by the pool and only the rest of the piece is a loss."""
    pool_id, root, _other = pooled
    assert receivables.recourseSaleOf(root) == root
    default(settlement, receivables, registry, alliance, root, rando)

    called = securitization.callRecourse(pool_id, root, {"from": rando}).return_value
    assert called == settlement.recourseOf(root)[1] > 0
    assert settlement.recourseOf(root)[2] == securitization  # the pool is the calling holder
    before = cash.balanceOf(securitization)
    tx = settlement.payRecourse(root, {"from": supplier1})
    due = tx.events["RecourseSettled"]["amount"]
    assert due >= called  # interest runs until the seller pays
    assert cash.balanceOf(securitization) - before == due
    assert receivables.ownerOf(root) == supplier1 and receivables.pieceInfo(root)[4] is False  # unlocked

    collected = securitization.collect(pool_id, root, {"from": rando})
    assert collected.return_value == due and collected.events["Collected"]["recovery"] is False
    loss = securitization.writeDown(pool_id, root, {"from": rando}).return_value
    assert loss == to_base(FACE) - due > 0
    with refused("NothingToCollect", root, views=(lambda: securitization.accountsOf(pool_id),)):
        securitization.collect(pool_id, root, {"from": rando})
    assert securitization.accountsOf(pool_id).dict()["collected"] == due


def test_recourse_paid_after_write_down_is_a_recovery(securitization, settlement, receivables, registry, alliance,
                                                      pooled, supplier1, rando):
    pool_id, root, _other = pooled
    default(settlement, receivables, registry, alliance, root, rando)
    assert securitization.writeDown(pool_id, root, {"from": rando}).return_value == to_base(FACE)
    securitization.callRecourse(pool_id, root, {"from": rando})
    due = settlement.payRecourse(root, {"from": supplier1}).events["RecourseSettled"]["amount"]
    tx = securitization.collect(pool_id, root, {"from": rando})
    assert tx.return_value == due and tx.events["Collected"]["recovery"] is True
    assert securitization.accountsOf(pool_id).dict()["recovered"] == due


def test_pool_calls_recourse_only_on_pieces_that_carry_it(securitization, settlement, receivables, registry,
                                                          alliance, pooled, rando):
    pool_id, _root, other = pooled
    default(settlement, receivables, registry, alliance, other, rando)
    with refused("NoRecourse", other, views=(lambda: settlement.recourseOf(other),)):
        securitization.callRecourse(pool_id, other, {"from": rando})
    with reverts("UnknownPool", pool_id + 1):
        securitization.callRecourse(pool_id + 1, other, {"from": rando})


def test_seller_cannot_escape_by_the_obligor_paying_later(securitization, settlement, receivables, registry,
                                                          alliance, cash, pooled, supplier1, core, rando):
    """The seller pays the pool, then the obligor repays: the repayment is the seller's (it holds
    the piece), the pool keeps exactly the recourse it was paid."""
    pool_id, root, _other = pooled
    default(settlement, receivables, registry, alliance, root, rando)
    securitization.callRecourse(pool_id, root, {"from": rando})
    due = settlement.payRecourse(root, {"from": supplier1}).events["RecourseSettled"]["amount"]
    settlement.repay(root, to_base(FACE), {"from": core})
    s1 = cash.balanceOf(supplier1)
    settlement.claim(root, {"from": rando})
    assert cash.balanceOf(supplier1) - s1 == to_base(FACE)
    assert securitization.collect(pool_id, root, {"from": rando}).return_value == due


def test_regression_seller_racing_the_keeper_does_not_fix_its_price(securitization, settlement, receivables,
                                                                    registry, alliance, cash, pooled, supplier1):
    """issue 10 follow-up: anyone may have the pool call a pooled piece's recourse, and the amount
    stopped growing at the call, so the seller called at the first second of default and owed
    the least interest however late it paid. Now interest runs until the seller pays: calling
    early changes nothing, and paying 20 days later costs exactly what a keeper's call then
    would have cost."""
    pool_id, root, _other = pooled
    default(settlement, receivables, registry, alliance, root, supplier1)
    raced = securitization.callRecourse(pool_id, root, {"from": supplier1})  # the seller calls first
    assert settlement.recourseOf(root)[2] == securitization
    paid_at = raced.timestamp + 20 * DAY
    keeper_price = settlement.recourseAmount(root, paid_at)  # what a keeper's call at paid_at would fix
    assert keeper_price > raced.return_value  # 20 days of interest at 100 % a year, below the cap
    before = cash.balanceOf(securitization)

    next_block_at(paid_at)
    tx = settlement.payRecourse(root, {"from": supplier1})

    assert tx.events["RecourseSettled"]["amount"] == keeper_price
    assert cash.balanceOf(securitization) - before == keeper_price
    assert securitization.collect(pool_id, root, {"from": supplier1}).return_value == keeper_price
