"""The offering: openOffering sizes and deploys the tranches; investors subscribe at par; a fully
subscribed offering closes (proceeds to the originator, pieces stay in the pool, atomically); an
undersubscribed one is cancelled after its deadline and investors take their cash back."""

import pytest
from brownie import chain
from helpers import refused, travel_to

from scf.brownie.securitization import tranche_token
from scf.enums import Phase
from scf.securitization import tranche_sizes
from scf.units import DAY, to_base

BUILDING, OFFERING, ACTIVE, CANCELLED = Phase.BUILDING, Phase.OFFERING, Phase.ACTIVE, Phase.CANCELLED
TARGET = to_base(1_900_000)   # pool value 2,000,000: senior 1,600,000 (80%), junior 300,000


@pytest.fixture(scope="module")
def offering(securitization, make_pool, bank_a, investors):
    """Factory: a pool in its offering (7 days); returns (pool id, pieces, senior, junior)."""

    def make(target=TARGET, **kw):
        pool_id, pieces = make_pool(**kw)
        tx = securitization.openOffering(pool_id, target, chain.time() + 7 * DAY, {"from": bank_a})
        ev = tx.events["OfferingOpened"]
        return pool_id, pieces, tranche_token(ev["seniorToken"]), tranche_token(ev["juniorToken"])

    return make


def state(securitization, pool_id):
    return (lambda: securitization.poolInfo(pool_id), lambda: securitization.offeringOf(pool_id),
            lambda: securitization.accountsOf(pool_id))


# ---------------------------------------------------------------- openOffering


def test_open_offering_sizes_and_deploys_tranches(securitization, make_pool, bank_a, cash):
    pool_id, _ = make_pool()
    deadline = chain.time() + 7 * DAY
    tx = securitization.openOffering(pool_id, TARGET, deadline, {"from": bank_a})

    o = securitization.offeringOf(pool_id).dict()
    assert (o["seniorCapacity"], o["juniorCapacity"]) == tranche_sizes(to_base(2_000_000), TARGET, 8_000)
    assert (o["seniorCapacity"], o["juniorCapacity"]) == (to_base(1_600_000), to_base(300_000))
    assert o["seniorSold"] == o["juniorSold"] == 0 and o["deadline"] == deadline
    assert securitization.poolInfo(pool_id).dict()["phase"] == OFFERING
    senior, junior = tranche_token(o["seniorToken"]), tranche_token(o["juniorToken"])
    assert (senior.name(), senior.symbol()) == (f"scf-chain ABS pool {pool_id} senior", f"SCF{pool_id}S")
    assert (junior.name(), junior.symbol()) == (f"scf-chain ABS pool {pool_id} junior", f"SCF{pool_id}J")
    for token, is_senior in ((senior, True), (junior, False)):
        assert token.decimals() == cash.decimals() == 6
        assert token.pool() == securitization and token.poolId() == pool_id
        assert token.currency() == cash and token.senior() == is_senior and token.totalSupply() == 0
    ev = tx.events["OfferingOpened"]
    assert (ev["seniorToken"], ev["juniorToken"], ev["deadline"]) == (senior, junior, deadline)


def test_target_below_senior_share_refused(securitization, make_pool, bank_a):
    pool_id, _ = make_pool()
    with refused("EmptyTranche", to_base(1_600_000), 0, views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, to_base(1_600_000), chain.time() + DAY, {"from": bank_a})


def test_whole_pool_value_can_be_raised(securitization, make_pool, bank_a):
    pool_id, _ = make_pool()
    securitization.openOffering(pool_id, to_base(2_000_000), chain.time() + DAY, {"from": bank_a})
    o = securitization.offeringOf(pool_id).dict()
    assert (o["seniorCapacity"], o["juniorCapacity"]) == (to_base(1_600_000), to_base(400_000))


@pytest.mark.parametrize("target", [0, to_base(2_000_000) + 1])
def test_bad_target_refused(securitization, make_pool, bank_a, target):
    pool_id, _ = make_pool()
    with refused("BadTarget", target, to_base(2_000_000), views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, target, chain.time() + DAY, {"from": bank_a})


@pytest.mark.parametrize("offset", [-1, 91 * DAY])
def test_bad_deadline_refused(securitization, make_pool, bank_a, offset):
    pool_id, _ = make_pool()
    with refused("BadDeadline", views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, TARGET, chain.time() + offset, {"from": bank_a})


def test_empty_pool_refused(securitization, pool_terms, bank_a):
    pool_id = securitization.createPool(pool_terms(), {"from": bank_a}).events["PoolCreated"]["poolId"]
    with refused("EmptyPool", pool_id, views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, TARGET, chain.time() + DAY, {"from": bank_a})


def test_open_offering_only_by_originator(securitization, make_pool, bank_b):
    pool_id, _ = make_pool()
    with refused("NotOriginator", pool_id, bank_b, views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, TARGET, chain.time() + DAY, {"from": bank_b})


def test_open_offering_once(securitization, offering, bank_a):
    pool_id, *_ = offering()
    with refused("WrongPhase", pool_id, OFFERING, BUILDING, views=state(securitization, pool_id)):
        securitization.openOffering(pool_id, TARGET, chain.time() + DAY, {"from": bank_a})


def test_open_offering_unknown_pool(securitization, bank_a):
    with refused("UnknownPool", 7):
        securitization.openOffering(7, TARGET, chain.time() + DAY, {"from": bank_a})


# ---------------------------------------------------------------- subscribe


def test_subscribe_at_par(securitization, offering, investors, cash):
    investor, investor2 = investors
    pool_id, _, senior, junior = offering()
    before = cash.balanceOf(investor), cash.balanceOf(securitization)

    tx = securitization.subscribe(pool_id, True, to_base(1_000_000), {"from": investor})
    securitization.subscribe(pool_id, False, to_base(100_000), {"from": investor2})
    securitization.subscribe(pool_id, True, to_base(600_000), {"from": investor2})

    assert senior.balanceOf(investor) == to_base(1_000_000) and senior.balanceOf(investor2) == to_base(600_000)
    assert junior.balanceOf(investor2) == to_base(100_000) and junior.totalSupply() == to_base(100_000)
    assert cash.balanceOf(investor) == before[0] - to_base(1_000_000)
    assert cash.balanceOf(securitization) == before[1] + to_base(1_700_000)
    o = securitization.offeringOf(pool_id).dict()
    assert (o["seniorSold"], o["juniorSold"]) == (to_base(1_600_000), to_base(100_000))
    ev = tx.events["Subscribed"]
    assert (ev["poolId"], ev["investor"], ev["senior"], ev["amount"]) == (pool_id, investor, True, to_base(1_000_000))


def test_subscribe_only_investors(securitization, offering, bank_b, alliance):
    pool_id, *_ = offering()
    with refused("NotInvestor", alliance, bank_b, views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, True, to_base(1), {"from": bank_b})


def test_suspended_investor_refused(securitization, offering, investors, registry, core, alliance):
    investor, _ = investors
    pool_id, *_ = offering()
    registry.suspend(alliance, investor, {"from": core})
    with refused("NotInvestor", alliance, investor, views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, True, to_base(1), {"from": investor})


def test_subscribe_zero_refused(securitization, offering, investors):
    pool_id, *_ = offering()
    with refused("ZeroAmount", views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, False, 0, {"from": investors[0]})


@pytest.mark.parametrize("senior,capacity", [(True, 1_600_000), (False, 300_000)])
def test_subscribe_above_capacity_refused(securitization, offering, investors, senior, capacity):
    investor, investor2 = investors
    pool_id, *_ = offering()
    securitization.subscribe(pool_id, senior, to_base(capacity) - 1, {"from": investor})
    with refused("ExceedsCapacity", senior, 2, 1, views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, senior, 2, {"from": investor2})


def test_subscribe_after_deadline_refused(securitization, offering, investors):
    pool_id, *_ = offering()
    deadline = securitization.offeringOf(pool_id).dict()["deadline"]
    chain.sleep(7 * DAY + 1)
    chain.mine()
    with refused("OfferingEnded", deadline, views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, True, to_base(1), {"from": investors[0]})


def test_subscribe_before_offering_refused(securitization, make_pool, investors):
    pool_id, _ = make_pool()
    with refused("WrongPhase", pool_id, BUILDING, OFFERING, views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, True, to_base(1), {"from": investors[0]})


def test_fee_on_transfer_currency_refused(securitization, make_root, pool_terms, bank_a, investors, operator):
    from brownie import FeeOnTransferToken, TradeRegistry

    fee_token = FeeOnTransferToken.deploy({"from": operator})
    # a careless operator allowed it: the pool still refuses what arrives short
    TradeRegistry.at(securitization.trades()).setCurrencyAllowed(fee_token, True, {"from": operator})
    tx = securitization.createPool(pool_terms(currency=fee_token), {"from": bank_a})
    pool_id = tx.events["PoolCreated"]["poolId"]
    for units in (1_000_000, 500_000):
        securitization.addPiece(pool_id, make_root(units, holder=bank_a, currency=fee_token), {"from": bank_a})
    securitization.openOffering(pool_id, to_base(1_400_000), chain.time() + DAY, {"from": bank_a})
    investor = investors[0]
    fee_token.mint(investor, to_base(1_000), {"from": investor})
    fee_token.approve(securitization, 2**256 - 1, {"from": investor})
    with refused("UnsupportedCurrency", fee_token, to_base(1_000), to_base(990), views=state(securitization, pool_id)):
        securitization.subscribe(pool_id, True, to_base(1_000), {"from": investor})


# ---------------------------------------------------------------- close


def test_close_pays_originator_and_keeps_pieces(securitization, offering, investors, bank_a, rando, cash, receivables):
    investor, investor2 = investors
    pool_id, pieces, senior, junior = offering()
    securitization.subscribe(pool_id, True, to_base(1_600_000), {"from": investor})
    securitization.subscribe(pool_id, False, to_base(300_000), {"from": investor2})
    bank_before, pool_before = cash.balanceOf(bank_a), cash.balanceOf(securitization)

    tx = securitization.close(pool_id, {"from": rando})  # anyone may close a full offering

    assert cash.balanceOf(bank_a) == bank_before + TARGET
    assert cash.balanceOf(securitization) == pool_before - TARGET
    assert securitization.poolInfo(pool_id).dict()["phase"] == ACTIVE
    assert securitization.accountsOf(pool_id).dict()["lastAccrual"] == tx.timestamp
    assert all(receivables.ownerOf(p) == securitization for p in pieces)
    assert tx.events["PoolClosed"]["proceeds"] == TARGET and tx.events["PoolClosed"]["originator"] == bank_a
    assert senior.totalSupply() == to_base(1_600_000) and junior.totalSupply() == to_base(300_000)


def test_full_offering_closes_after_its_deadline(securitization, offering, investors, bank_a):
    pool_id, *_ = offering()
    securitization.subscribe(pool_id, True, to_base(1_600_000), {"from": investors[0]})
    securitization.subscribe(pool_id, False, to_base(300_000), {"from": investors[1]})
    chain.sleep(8 * DAY)
    securitization.close(pool_id, {"from": bank_a})
    assert securitization.poolInfo(pool_id).dict()["phase"] == ACTIVE


def test_undersubscribed_cannot_close(securitization, offering, investors, bank_a):
    pool_id, *_ = offering()
    securitization.subscribe(pool_id, True, to_base(1_600_000), {"from": investors[0]})
    securitization.subscribe(pool_id, False, to_base(299_999), {"from": investors[1]})
    with refused("NotFullySubscribed", to_base(1_600_000), to_base(1_600_000), to_base(299_999), to_base(300_000),
                 views=state(securitization, pool_id)):
        securitization.close(pool_id, {"from": bank_a})


def test_close_needs_an_offering(securitization, make_pool, bank_a):
    pool_id, _ = make_pool()
    with refused("WrongPhase", pool_id, BUILDING, OFFERING, views=state(securitization, pool_id)):
        securitization.close(pool_id, {"from": bank_a})


def test_close_twice_refused(securitization, active_pool, bank_a):
    pool_id = active_pool[0]
    with refused("WrongPhase", pool_id, ACTIVE, OFFERING, views=state(securitization, pool_id)):
        securitization.close(pool_id, {"from": bank_a})


# ---------------------------------------------------------------- cancel and refund


def test_originator_cancels_while_building(securitization, make_pool, bank_a, receivables):
    pool_id, pieces = make_pool()
    tx = securitization.cancel(pool_id, {"from": bank_a})
    assert securitization.poolInfo(pool_id).dict()["phase"] == CANCELLED
    for piece in pieces:
        assert receivables.ownerOf(piece) == bank_a and not receivables.pieceInfo(piece)[4]
        assert securitization.pooledPiece(piece) == (0, 0, 0, False)
    assert [e["pieceId"] for e in tx.events["PieceReturned"]] == pieces
    assert tx.events["PoolCancelled"]["piecesReturned"] == 3 and tx.events["PoolCancelled"]["cashReturned"] == 0
    # the returned pieces move freely again and can go into another pool
    receivables.transferFrom(bank_a, bank_a, pieces[0], {"from": bank_a})


def test_cancel_returns_cash_settlement_already_paid(securitization, make_pool, bank_a, receivables, settlement, cash,
                                                     core, operator, rando):
    cash.mint(core, to_base(2_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})
    pool_id, (p1, p2, p3) = make_pool()
    travel_to(max(receivables.rootState(p)[0] for p in (p1, p2, p3)))  # part-payments from maturity
    settlement.repay(p1, to_base(1_000_000), {"from": core})   # fully repaid ...
    settlement.claim(p1, {"from": rando})                       # ... claimed to the pool and burned
    settlement.repay(p2, to_base(150_000), {"from": core})      # a quarter repaid and claimed
    settlement.claim(p2, {"from": rando})
    settlement.repay(p3, to_base(100_000), {"from": core})      # a quarter repaid, not claimed
    bank_before = cash.balanceOf(bank_a)

    tx = securitization.cancel(pool_id, {"from": bank_a})

    assert cash.balanceOf(bank_a) == bank_before + to_base(1_150_000)
    assert tx.events["PoolCancelled"]["cashReturned"] == to_base(1_150_000)
    assert [e["live"] for e in tx.events["PieceReturned"]] == [False, True, True]
    assert receivables.ownerOf(p2) == bank_a and receivables.ownerOf(p3) == bank_a
    assert settlement.claimable(p3) == to_base(100_000)          # the bank claims it itself


def test_undersubscribed_offering_cancelled_after_deadline(securitization, offering, investors, bank_a, rando,
                                                           receivables, cash):
    investor, investor2 = investors
    pool_id, pieces, senior, junior = offering()
    securitization.subscribe(pool_id, True, to_base(1_000_000), {"from": investor})
    securitization.subscribe(pool_id, False, to_base(100_000), {"from": investor2})
    securitization.subscribe(pool_id, True, to_base(200_000), {"from": investor2})
    chain.sleep(7 * DAY + 1)

    securitization.cancel(pool_id, {"from": rando})

    assert securitization.poolInfo(pool_id).dict()["phase"] == CANCELLED
    assert all(receivables.ownerOf(p) == bank_a and not receivables.pieceInfo(p)[4] for p in pieces)
    before = cash.balanceOf(investor2)
    tx = securitization.refund(pool_id, {"from": investor2})
    assert cash.balanceOf(investor2) == before + to_base(300_000)
    assert senior.balanceOf(investor2) == junior.balanceOf(investor2) == 0
    ev = tx.events["Refunded"]
    assert (ev["seniorAmount"], ev["juniorAmount"]) == (to_base(200_000), to_base(100_000))
    securitization.refund(pool_id, {"from": investor})
    assert senior.totalSupply() == junior.totalSupply() == 0
    assert cash.balanceOf(securitization) == 0


def test_refunds_follow_the_tokens(securitization, offering, investors, rando, cash):
    investor, investor2 = investors
    pool_id, _, senior, _ = offering()
    securitization.subscribe(pool_id, True, to_base(1_000), {"from": investor})
    senior.transfer(investor2, to_base(400), {"from": investor})
    chain.sleep(7 * DAY + 1)
    securitization.cancel(pool_id, {"from": rando})
    before = cash.balanceOf(investor2)
    securitization.refund(pool_id, {"from": investor2})
    assert cash.balanceOf(investor2) == before + to_base(400)


def test_cancel_building_only_by_originator(securitization, make_pool, rando):
    pool_id, _ = make_pool()
    with refused("NotOriginator", pool_id, rando, views=state(securitization, pool_id)):
        securitization.cancel(pool_id, {"from": rando})


def test_cancel_before_deadline_refused(securitization, offering, bank_a):
    pool_id, *_ = offering()
    deadline = securitization.offeringOf(pool_id).dict()["deadline"]
    with refused("OfferingStillOpen", deadline, views=state(securitization, pool_id)):
        securitization.cancel(pool_id, {"from": bank_a})


def test_full_offering_cannot_be_cancelled(securitization, offering, investors, bank_a):
    pool_id, *_ = offering()
    securitization.subscribe(pool_id, True, to_base(1_600_000), {"from": investors[0]})
    securitization.subscribe(pool_id, False, to_base(300_000), {"from": investors[1]})
    chain.sleep(7 * DAY + 1)
    with refused("FullySubscribed", pool_id, views=state(securitization, pool_id)):
        securitization.cancel(pool_id, {"from": bank_a})


def test_active_pool_cannot_be_cancelled(securitization, active_pool, bank_a):
    pool_id = active_pool[0]
    with refused("WrongPhase", pool_id, ACTIVE, OFFERING, views=state(securitization, pool_id)):
        securitization.cancel(pool_id, {"from": bank_a})


def test_cancel_twice_refused(securitization, make_pool, bank_a):
    pool_id, _ = make_pool()
    securitization.cancel(pool_id, {"from": bank_a})
    with refused("WrongPhase", pool_id, CANCELLED, OFFERING, views=state(securitization, pool_id)):
        securitization.cancel(pool_id, {"from": bank_a})


def test_cancel_unknown_pool(securitization, bank_a):
    with refused("UnknownPool", 9):
        securitization.cancel(9, {"from": bank_a})


def test_refund_only_after_cancel(securitization, offering, investors):
    pool_id, *_ = offering()
    securitization.subscribe(pool_id, True, to_base(1_000), {"from": investors[0]})
    with refused("WrongPhase", pool_id, OFFERING, CANCELLED, views=state(securitization, pool_id)):
        securitization.refund(pool_id, {"from": investors[0]})


def test_refund_needs_tokens(securitization, offering, investors, rando, bank_a, make_pool):
    pool_id, *_ = offering()
    chain.sleep(7 * DAY + 1)
    securitization.cancel(pool_id, {"from": rando})
    with refused("NothingToRefund", pool_id, rando):
        securitization.refund(pool_id, {"from": rando})
    building, _ = make_pool()
    securitization.cancel(building, {"from": bank_a})
    with refused("NothingToRefund", building, investors[0]):
        securitization.refund(building, {"from": investors[0]})
