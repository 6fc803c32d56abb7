"""repay (instalments release goods pro rata), callBuyback, payBuyback, views; refusals."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import TV, ZERO, DealStatus, give

from scf import pricing
from scf.units import DAY, to_base

OWED = TV.PRICE + pricing.interest(TV.PRICE, TV.RATE, 0, TV.TERM * DAY)


@pytest.fixture
def views(advances, receipts, cash, distributor, bank_b, core):
    def make(deal_id, receipt_id):
        return (lambda: advances.dealInfo(deal_id), lambda: receipts.receiptOf(receipt_id),
                lambda: receipts.ownerOf(receipt_id), receipts.lastReceiptId, lambda: cash.balanceOf(distributor),
                lambda: cash.balanceOf(bank_b), lambda: cash.balanceOf(core))
    return make


def released_for(repaid: int) -> int:
    return TV.QUANTITY if repaid == OWED else TV.QUANTITY * repaid // OWED


# ---------------------------------------------------------------- repay

def test_instalment_releases_a_proportional_quantity(advances, receipts, cash, active, distributor, bank_b):
    deal, rid = active
    d_before, b_before = cash.balanceOf(distributor), cash.balanceOf(bank_b)
    tx = advances.repay(deal, to_base(300_000), {"from": distributor})
    child = tx.return_value
    expected = released_for(to_base(300_000))
    assert expected == 3_677
    assert receipts.ownerOf(child) == distributor and receipts.receiptOf(child)["quantity"] == expected
    assert receipts.receiptOf(child)["lockedBy"] == ZERO
    assert receipts.receiptOf(rid)["quantity"] == TV.QUANTITY - expected
    assert receipts.receiptOf(rid)["lockedBy"] == advances and receipts.ownerOf(rid) == bank_b
    assert cash.balanceOf(bank_b) == b_before + to_base(300_000)
    assert cash.balanceOf(distributor) == d_before - to_base(300_000)
    d = advances.dealInfo(deal)
    assert (d["repaid"], d["released"], d["status"]) == (to_base(300_000), expected, DealStatus.ACTIVE)
    assert tx.events["InstalmentPaid"].values() == [deal, distributor, to_base(300_000), to_base(300_000), expected,
                                                    child]


def test_instalments_then_the_last_one_hands_over_the_rest(advances, receipts, active, distributor):
    deal, rid = active
    released = 0
    for units in (100_000, 250_000, 50_000):
        advances.repay(deal, to_base(units), {"from": distributor})
        total = advances.dealInfo(deal)["repaid"]
        assert advances.dealInfo(deal)["released"] == released_for(total)
        released = released_for(total)
    tx = advances.repay(deal, OWED - advances.dealInfo(deal)["repaid"], {"from": distributor})
    assert tx.return_value == rid
    assert receipts.ownerOf(rid) == distributor and receipts.receiptOf(rid)["lockedBy"] == ZERO
    assert receipts.receiptOf(rid)["quantity"] == TV.QUANTITY - released
    d = advances.dealInfo(deal)
    assert (d["status"], d["released"], d["repaid"]) == (DealStatus.REPAID, TV.QUANTITY, OWED)


def test_tiny_instalment_releases_nothing(advances, receipts, active, distributor):
    deal, rid = active
    count = receipts.lastReceiptId()
    tx = advances.repay(deal, 1, {"from": distributor})
    assert tx.return_value == 0 and receipts.lastReceiptId() == count
    assert advances.dealInfo(deal)["released"] == 0


def test_anyone_may_pay_for_the_distributor(advances, receipts, cash, active, operator, supplier1, distributor):
    deal, _rid = active
    give(cash, operator, supplier1, 100_000, advances)
    child = advances.repay(deal, to_base(100_000), {"from": supplier1}).return_value
    assert receipts.ownerOf(child) == distributor


def test_repay_unknown(advances, distributor):
    with refused("UnknownDeal", 99):
        advances.repay(99, 1, {"from": distributor})


def test_repay_before_funding(advances, accepted, distributor, views):
    deal, rid = accepted
    with refused("WrongDealStatus", deal, DealStatus.ACCEPTED, DealStatus.ACTIVE, views=views(deal, rid)):
        advances.repay(deal, 1, {"from": distributor})


def test_repay_zero(advances, active, distributor, views):
    deal, rid = active
    with refused("ZeroAmount", views=views(deal, rid)):
        advances.repay(deal, 0, {"from": distributor})


def test_repay_more_than_owed(advances, active, distributor, views):
    deal, rid = active
    advances.repay(deal, to_base(100_000), {"from": distributor})
    balance = OWED - to_base(100_000)
    with refused("RepaymentExceedsBalance", balance + 1, balance, views=views(deal, rid)):
        advances.repay(deal, balance + 1, {"from": distributor})


def test_repay_after_buyback_called(advances, active, distributor, bank_b, alliance, registry, views):
    deal, rid = active
    chain.sleep(TV.TERM * DAY + registry.gracePeriodOf(alliance) + 1)
    advances.callBuyback(deal, {"from": bank_b})
    with refused("WrongDealStatus", deal, DealStatus.DEFAULTED, DealStatus.ACTIVE, views=views(deal, rid)):
        advances.repay(deal, 1, {"from": distributor})


def test_repay_cannot_be_reentered(advances, receipts, alliance, logistics, core, distributor, bank_b, terms,
                                   ReenteringCash, operator):
    from loop_helpers import issue_receipt, propose
    bad = ReenteringCash.deploy({"from": operator})
    for who in (bank_b, distributor):
        give(bad, operator, who, 1_000_000, advances)
    deal = propose(advances, {**terms, "currency": bad}, distributor)
    rid = issue_receipt(receipts, alliance, logistics, core, bad, TV.QUANTITY, 800_000, goods=TV.GOODS)
    advances.acceptOrder(deal, rid, {"from": core})
    advances.fund(deal, rid, {"from": bank_b})
    bad.arm(advances, advances.repay.encode_input(deal, 1), {"from": operator})
    with refused("ReentrancyGuardReentrantCall", views=(lambda: advances.dealInfo(deal), receipts.lastReceiptId)):
        advances.repay(deal, to_base(100_000), {"from": distributor})


# ---------------------------------------------------------------- callBuyback / payBuyback

@pytest.fixture
def defaulted(advances, active, distributor, bank_b, alliance, registry):
    deal, rid = active
    advances.repay(deal, to_base(150_000), {"from": distributor})
    chain.sleep(TV.TERM * DAY + registry.gracePeriodOf(alliance) + 1)
    advances.callBuyback(deal, {"from": bank_b})
    return deal, rid


def test_call_buyback_after_due_date_and_grace(advances, active, distributor, bank_b, alliance, registry):
    deal, _rid = active
    advances.repay(deal, to_base(150_000), {"from": distributor})
    chain.sleep(TV.TERM * DAY + registry.gracePeriodOf(alliance) + 1)
    tx = advances.callBuyback(deal, {"from": bank_b})
    d = advances.dealInfo(deal)
    assert d["status"] == DealStatus.DEFAULTED
    assert tx.events["BuybackCalled"].values() == [deal, bank_b, OWED - to_base(150_000),
                                                   TV.QUANTITY - released_for(to_base(150_000))]


def test_call_buyback_unknown(advances, bank_b):
    with refused("UnknownDeal", 99):
        advances.callBuyback(99, {"from": bank_b})


def test_call_buyback_on_repaid_deal(advances, active, distributor, bank_b, views):
    deal, rid = active
    advances.repay(deal, OWED, {"from": distributor})
    chain.sleep(200 * DAY)
    with refused("WrongDealStatus", deal, DealStatus.REPAID, DealStatus.ACTIVE, views=views(deal, rid)):
        advances.callBuyback(deal, {"from": bank_b})


def test_call_buyback_not_financier(advances, active, core, views):
    deal, rid = active
    chain.sleep(200 * DAY)
    with refused("NotFinancier", deal, core, views=views(deal, rid)):
        advances.callBuyback(deal, {"from": core})


def test_call_buyback_too_early(advances, active, bank_b, alliance, registry, views):
    deal, rid = active
    not_before = advances.dealInfo(deal)["dueAt"] + registry.gracePeriodOf(alliance)
    chain.sleep(TV.TERM * DAY)  # due, but still in the grace period
    with refused("TooEarly", deal, not_before, views=views(deal, rid)):
        advances.callBuyback(deal, {"from": bank_b})


def test_core_buys_back_the_unreleased_goods(advances, receipts, cash, defaulted, core, bank_b):
    deal, rid = defaulted
    price = OWED - to_base(150_000)
    c_before, b_before = cash.balanceOf(core), cash.balanceOf(bank_b)
    tx = advances.payBuyback(deal, {"from": core})
    assert cash.balanceOf(core) == c_before - price and cash.balanceOf(bank_b) == b_before + price
    assert receipts.ownerOf(rid) == core and receipts.receiptOf(rid)["lockedBy"] == ZERO
    assert receipts.receiptOf(rid)["quantity"] == TV.QUANTITY - released_for(to_base(150_000))
    assert advances.dealInfo(deal)["status"] == DealStatus.BOUGHT_BACK
    assert tx.events["BoughtBack"].values() == [deal, core, price, rid]


def test_pay_buyback_unknown(advances, core):
    with refused("UnknownDeal", 99):
        advances.payBuyback(99, {"from": core})


def test_pay_buyback_not_called(advances, active, core, views):
    deal, rid = active
    with refused("WrongDealStatus", deal, DealStatus.ACTIVE, DealStatus.DEFAULTED, views=views(deal, rid)):
        advances.payBuyback(deal, {"from": core})


def test_pay_buyback_without_allowance(advances, cash, defaulted, core, views):
    deal, rid = defaulted
    cash.approve(advances, 0, {"from": core})
    price = OWED - to_base(150_000)
    with refused("ERC20InsufficientAllowance", advances, 0, price, views=views(deal, rid)):
        advances.payBuyback(deal, {"from": core})


# ---------------------------------------------------------------- views

def test_releasable_at(advances, active):
    deal, _rid = active
    assert advances.releasableAt(deal, 0) == 0
    assert advances.releasableAt(deal, to_base(300_000)) == 3_677
    assert advances.releasableAt(deal, OWED) == TV.QUANTITY
    assert advances.releasableAt(deal, OWED + 1) == 0
    assert advances.releasableAt(999, 1) == 0
