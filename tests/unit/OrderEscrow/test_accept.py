"""accept: a credit order becomes an audited trade and a confirmed receivable for the supplier,
a cash order's escrow goes to the supplier; deemed acceptance after the window; refusals."""

import pytest
from helpers import refused
from loop_helpers import OrderStatus, invoice_of

from scf.roles import TradeStatus
from scf.units import DAY, to_base

AMOUNT = to_base(100_000)


def test_credit_acceptance_records_trade_and_issues_receivable(escrow, trades, receivables, delivered_credit, core,
                                                             supplier1, alliance, cash):
    tx = escrow.accept(delivered_credit, {"from": core})
    o = escrow.orderInfo(delivered_credit)
    trade_id, root = o["tradeId"], o["rootId"]
    assert o["status"] == OrderStatus.ACCEPTED and o["settledAmount"] == AMOUNT
    t = trades.tradeInfo(trade_id)
    assert (t["seller"], t["buyer"], t["status"], t["auditor"], t["amount"], t["currency"], t["rootId"]) == (
        supplier1, core, TradeStatus.CONFIRMED, escrow, AMOUNT, cash, root)
    assert t["invoiceHash"] == invoice_of(o["orderHash"]) == escrow.invoiceHashOf(o["orderHash"])
    assert t["orderHash"] == o["orderHash"] and t["deliveryHash"] == escrow.deliveryHashOf(delivered_credit)
    assert trades.tradeOfInvoice(t["invoiceHash"]) == trade_id
    assert receivables.ownerOf(root) == supplier1
    root_info = receivables.rootInfo(root)
    assert (root_info["obligor"], root_info["faceValue"], root_info["maturity"]) == (core, AMOUNT,
                                                                                     tx.timestamp + 60 * DAY)
    assert tx.events["OrderAccepted"].values() == [delivered_credit, core, False]
    assert tx.events["OrderSettled"].values() == [delivered_credit, AMOUNT, 0, trade_id, root]
    assert escrow.orderOfHash(o["orderHash"]) == delivered_credit  # the document stays used


def test_cash_acceptance_pays_the_supplier(escrow, cash, delivered_cash, core, supplier1):
    before, held = cash.balanceOf(supplier1), cash.balanceOf(escrow)
    tx = escrow.accept(delivered_cash, {"from": core})
    assert cash.balanceOf(supplier1) == before + AMOUNT
    assert cash.balanceOf(escrow) == held - AMOUNT
    o = escrow.orderInfo(delivered_cash)
    assert o["status"] == OrderStatus.ACCEPTED and o["tradeId"] == 0 and o["rootId"] == 0
    assert tx.events["OrderSettled"].values() == [delivered_cash, AMOUNT, 0, 0, 0]


def test_deemed_acceptance_by_anyone_after_the_window(escrow, receivables, delivered_credit, supplier1, after_window):
    tx = escrow.accept(delivered_credit, {"from": supplier1})
    assert tx.events["OrderAccepted"].values() == [delivered_credit, supplier1, True]
    assert receivables.ownerOf(escrow.orderInfo(delivered_credit)["rootId"]) == supplier1


def test_buyer_may_accept_after_the_window_too(escrow, delivered_cash, core, after_window):
    tx = escrow.accept(delivered_cash, {"from": core})
    assert tx.events["OrderAccepted"]["deemed"] is False


def test_unknown_order(escrow, core):
    with refused("UnknownOrder", 42):
        escrow.accept(42, {"from": core})


@pytest.mark.parametrize("fixture,status", [("credit_order", OrderStatus.PLACED),
                                            ("disputed_cash", OrderStatus.DISPUTED)])
def test_not_delivered(escrow, core, request, fixture, status, cash):
    order_id = request.getfixturevalue(fixture)
    with refused("WrongOrderStatus", order_id, status,
                 views=(lambda: escrow.orderInfo(order_id), lambda: cash.balanceOf(escrow))):
        escrow.accept(order_id, {"from": core})


def test_accepted_twice(escrow, delivered_cash, core):
    escrow.accept(delivered_cash, {"from": core})
    with refused("WrongOrderStatus", delivered_cash, OrderStatus.ACCEPTED):
        escrow.accept(delivered_cash, {"from": core})


def test_others_must_wait_for_the_window(escrow, delivered_cash, supplier1, cash):
    o = escrow.orderInfo(delivered_cash)
    ends = o["deliveredAt"] + escrow.disputeWindow()
    with refused("DisputeWindowOpen", delivered_cash, ends,
                 views=(lambda: escrow.orderInfo(delivered_cash), lambda: cash.balanceOf(escrow))):
        escrow.accept(delivered_cash, {"from": supplier1})


def test_invoice_already_bound_blocks_acceptance(escrow, trades, delivered_credit, core, supplier1, cash, alliance):
    """The derived invoice is bound platform-wide: if it already backs a trade, acceptance is
    refused (an auditor's rejection of the squatting trade frees it)."""
    o = escrow.orderInfo(delivered_credit)
    invoice = invoice_of(o["orderHash"])
    squat = trades.submitTrade(alliance, core, cash, 1, invoice, b"\x01" * 32, b"\x02" * 32,
                               {"from": supplier1}).return_value
    with refused("InvoiceAlreadyUsed", invoice, squat,
                 views=(lambda: escrow.orderInfo(delivered_credit), trades.tradeCount)):
        escrow.accept(delivered_credit, {"from": core})


def test_supplier_suspended_blocks_credit_acceptance(escrow, registry, delivered_credit, core, supplier1, alliance):
    registry.suspend(alliance, supplier1, {"from": core})
    with refused("SellerNotMember", alliance, supplier1, views=(lambda: escrow.orderInfo(delivered_credit),)):
        escrow.accept(delivered_credit, {"from": core})
