"""dispute (buyer, within the window), resolveDispute (auditor or operator, supplier's share),
cancel (buyer, missed deadline): happy paths and one test per refusal."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import CASH, SHIPPED, ZERO, OrderStatus, give, hx, join, place

from scf.onboarding import doc_hash
from scf.roles import Role
from scf.units import DAY, to_base

AMOUNT = to_base(100_000)
REASON = doc_hash("500 housings cracked")


# ---------------------------------------------------------------- dispute

def test_buyer_disputes_within_the_window(escrow, delivered_cash, core):
    chain.sleep(escrow.disputeWindow() - 60)
    tx = escrow.dispute(delivered_cash, REASON, {"from": core})
    assert escrow.orderInfo(delivered_cash)["status"] == OrderStatus.DISPUTED
    assert tx.events["OrderDisputed"].values() == [delivered_cash, hx(REASON)]


def test_dispute_unknown_order(escrow, core):
    with refused("UnknownOrder", 77):
        escrow.dispute(77, REASON, {"from": core})


def test_dispute_not_buyer(escrow, delivered_cash, supplier1):
    with refused("NotBuyer", delivered_cash, supplier1, views=(lambda: escrow.orderInfo(delivered_cash),)):
        escrow.dispute(delivered_cash, REASON, {"from": supplier1})


def test_dispute_before_delivery(escrow, cash_order, core):
    with refused("WrongOrderStatus", cash_order, OrderStatus.PLACED, views=(lambda: escrow.orderInfo(cash_order),)):
        escrow.dispute(cash_order, REASON, {"from": core})


def test_dispute_after_the_window(escrow, delivered_cash, core, after_window):
    ends = escrow.orderInfo(delivered_cash)["deliveredAt"] + escrow.disputeWindow()
    with refused("DisputeWindowClosed", delivered_cash, ends, views=(lambda: escrow.orderInfo(delivered_cash),)):
        escrow.dispute(delivered_cash, REASON, {"from": core})


def test_dispute_needs_a_reason(escrow, delivered_cash, core):
    with refused("ZeroDocument", views=(lambda: escrow.orderInfo(delivered_cash),)):
        escrow.dispute(delivered_cash, b"\x00" * 32, {"from": core})


# ---------------------------------------------------------------- resolveDispute

def test_auditor_splits_a_cash_escrow(escrow, cash, disputed_cash, auditor, core, supplier1):
    core_before, supplier_before, held = cash.balanceOf(core), cash.balanceOf(supplier1), cash.balanceOf(escrow)
    tx = escrow.resolveDispute(disputed_cash, to_base(80_000), doc_hash("resolution"), {"from": auditor})
    assert cash.balanceOf(supplier1) == supplier_before + to_base(80_000)
    assert cash.balanceOf(core) == core_before + to_base(20_000)
    assert cash.balanceOf(escrow) == held - AMOUNT
    o = escrow.orderInfo(disputed_cash)
    assert o["status"] == OrderStatus.RESOLVED and o["settledAmount"] == to_base(80_000)
    assert tx.events["DisputeResolved"].values() == [disputed_cash, auditor, to_base(80_000),
                                                     hx(doc_hash("resolution"))]
    assert tx.events["OrderSettled"].values() == [disputed_cash, to_base(80_000), to_base(20_000), 0, 0]


def test_operator_resolves_a_credit_order_for_part_of_the_amount(escrow, receivables, trades, disputed_credit,
                                                                  operator, supplier1):
    escrow.resolveDispute(disputed_credit, to_base(90_000), doc_hash("resolution"), {"from": operator})
    o = escrow.orderInfo(disputed_credit)
    assert receivables.ownerOf(o["rootId"]) == supplier1
    assert receivables.pieceInfo(o["rootId"])["value"] == to_base(90_000)
    assert trades.tradeInfo(o["tradeId"])["amount"] == to_base(90_000)


def test_resolution_for_the_buyer_frees_the_order_document(escrow, trades, disputed_credit, auditor):
    count = trades.tradeCount()
    tx = escrow.resolveDispute(disputed_credit, 0, doc_hash("resolution"), {"from": auditor})
    o = escrow.orderInfo(disputed_credit)
    assert o["tradeId"] == 0 and o["rootId"] == 0 and trades.tradeCount() == count
    assert escrow.orderOfHash(o["orderHash"]) == 0
    assert tx.events["OrderSettled"].values() == [disputed_credit, 0, 0, 0, 0]


def test_resolve_unknown_order(escrow, auditor):
    with refused("UnknownOrder", 5):
        escrow.resolveDispute(5, 0, REASON, {"from": auditor})


def test_resolve_undisputed(escrow, delivered_cash, auditor, cash):
    with refused("WrongOrderStatus", delivered_cash, OrderStatus.DELIVERED,
                 views=(lambda: escrow.orderInfo(delivered_cash), lambda: cash.balanceOf(escrow))):
        escrow.resolveDispute(delivered_cash, 0, REASON, {"from": auditor})


@pytest.mark.parametrize("who", ["supplier1", "core", "bank_a"])
def test_resolve_not_arbiter(escrow, disputed_cash, actors, alliance, cash, who):
    with refused("NotArbiter", alliance, actors[who],
                 views=(lambda: escrow.orderInfo(disputed_cash), lambda: cash.balanceOf(escrow))):
        escrow.resolveDispute(disputed_cash, 0, REASON, {"from": actors[who]})


def test_resolve_auditor_that_is_a_party(escrow, registry, operator, core, alliance, cash, funded, rando, logistics):
    join(registry, operator, core, alliance, rando, int(Role.SUPPLIER | Role.AUDITOR), "auditing supplier")
    order_id = place(escrow, alliance, core, rando, cash, 1_000, CASH, "audited by itself")
    escrow.recordMilestone(order_id, SHIPPED, REASON, {"from": logistics})
    escrow.recordMilestone(order_id, 2, REASON, {"from": logistics})
    escrow.dispute(order_id, REASON, {"from": core})
    with refused("NotArbiter", alliance, rando, views=(lambda: escrow.orderInfo(order_id),)):
        escrow.resolveDispute(order_id, to_base(1_000), REASON, {"from": rando})


def test_resolve_share_above_amount(escrow, disputed_cash, auditor, cash):
    with refused("ResolutionExceedsAmount", AMOUNT + 1, AMOUNT,
                 views=(lambda: escrow.orderInfo(disputed_cash), lambda: cash.balanceOf(escrow))):
        escrow.resolveDispute(disputed_cash, AMOUNT + 1, REASON, {"from": auditor})


def test_resolve_needs_a_written_resolution(escrow, disputed_cash, auditor):
    with refused("ZeroDocument", views=(lambda: escrow.orderInfo(disputed_cash),)):
        escrow.resolveDispute(disputed_cash, 0, b"\x00" * 32, {"from": auditor})


# ---------------------------------------------------------------- cancel

@pytest.mark.parametrize("shipped", [False, True], ids=["placed", "shipped"])
def test_cancel_cash_order_after_missed_deadline(escrow, cash, cash_order, core, logistics, shipped):
    if shipped:
        escrow.recordMilestone(cash_order, SHIPPED, REASON, {"from": logistics})
    before, held = cash.balanceOf(core), cash.balanceOf(escrow)
    chain.sleep(31 * DAY)
    tx = escrow.cancel(cash_order, {"from": core})
    assert cash.balanceOf(core) == before + AMOUNT and cash.balanceOf(escrow) == held - AMOUNT
    o = escrow.orderInfo(cash_order)
    assert o["status"] == OrderStatus.CANCELLED and escrow.orderOfHash(o["orderHash"]) == 0
    assert tx.events["OrderCancelled"].values() == [cash_order, AMOUNT]


def test_cancel_credit_order_refunds_nothing(escrow, cash, credit_order, core):
    before = cash.balanceOf(core)
    chain.sleep(31 * DAY)
    tx = escrow.cancel(credit_order, {"from": core})
    assert cash.balanceOf(core) == before and tx.events["OrderCancelled"]["refund"] == 0


def test_cancel_unknown_order(escrow, core):
    with refused("UnknownOrder", 8):
        escrow.cancel(8, {"from": core})


def test_cancel_not_buyer(escrow, cash_order, supplier1, cash):
    chain.sleep(31 * DAY)
    with refused("NotBuyer", cash_order, supplier1, views=(lambda: escrow.orderInfo(cash_order),
                                                           lambda: cash.balanceOf(escrow))):
        escrow.cancel(cash_order, {"from": supplier1})


def test_cancel_after_delivery(escrow, delivered_cash, core, cash):
    chain.sleep(31 * DAY)
    with refused("WrongOrderStatus", delivered_cash, OrderStatus.DELIVERED,
                 views=(lambda: escrow.orderInfo(delivered_cash), lambda: cash.balanceOf(escrow))):
        escrow.cancel(delivered_cash, {"from": core})


def test_cancel_before_deadline(escrow, cash_order, core, cash):
    deadline = escrow.orderInfo(cash_order)["deadline"]
    with refused("DeadlineNotPassed", cash_order, deadline,
                 views=(lambda: escrow.orderInfo(cash_order), lambda: cash.balanceOf(escrow))):
        escrow.cancel(cash_order, {"from": core})


def test_cancel_cannot_be_reentered(escrow, trades, alliance, core, supplier1, ReenteringCash, operator):
    bad = ReenteringCash.deploy({"from": operator})
    trades.setCurrencyAllowed(bad, True, {"from": operator})  # approved by mistake
    give(bad, operator, core, 1_000, escrow)
    first = place(escrow, alliance, core, supplier1, bad, 500, CASH, "first bad")
    second = place(escrow, alliance, core, supplier1, bad, 500, CASH, "second bad")
    chain.sleep(31 * DAY)
    bad.arm(escrow, escrow.cancel.encode_input(second), {"from": operator})
    with refused("ReentrancyGuardReentrantCall",
                 views=(lambda: escrow.orderInfo(first), lambda: escrow.orderInfo(second),
                        lambda: bad.balanceOf(escrow))):
        escrow.cancel(first, {"from": core})
    assert bad.target() != ZERO
