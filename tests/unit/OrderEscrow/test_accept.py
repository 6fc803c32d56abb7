"""accept: a credit order becomes an audited trade and a confirmed receivable for the supplier,
a cash order's escrow goes to the supplier; deemed acceptance after the window; refusals."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import ZERO, OrderStatus, invoice_of

from scf.enums import MemberStatus, TradeStatus
from scf.onboarding import certify, doc_hash, form_alliance
from scf.roles import Role
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
    assert trades.tradeOfInvoice(escrow, core, t["invoiceHash"]) == trade_id  # the escrow's namespace
    assert trades.tradeOfInvoice(ZERO, core, t["invoiceHash"]) == 0
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


@pytest.fixture(scope="module")
def other_chain(registry, operator, core2, supplier2, accounts):
    """An alliance led by core2 with supplier2 and a (colluding) auditor, accounts[4]."""
    certify(registry, operator, accounts[4], Role.AUDITOR, "colluding auditor")
    alliance_id = form_alliance(registry, operator, core2, [(supplier2, Role.SUPPLIER, "attacker"),
                                                            (accounts[4], Role.AUDITOR, "colluding auditor")],
                                "attacker's chain", core_name="colluding core")
    return alliance_id, accounts[4]


def squat(trades, receivables, invoice, alliance_id, seller, buyer, auditor, currency):
    """The attack: a trade with the order's derived invoice hash, verified and confirmed (1 unit)."""
    trade_id = trades.submitTrade(alliance_id, buyer, currency, 1, invoice, doc_hash("fake PO"), doc_hash("fake DN"),
                                  {"from": seller}).return_value
    trades.verifyTrade(trade_id, {"from": auditor})
    receivables.confirm(trade_id, 1, chain.time() + 30 * DAY, {"from": buyer})
    return trade_id


def settle(escrow, order_id, how, core, supplier1, auditor):
    if how == "deemed":
        chain.sleep(escrow.disputeWindow() + 1)
        return escrow.accept(order_id, {"from": supplier1})
    if how == "resolved":
        escrow.dispute(order_id, doc_hash("complaint"), {"from": core})
        return escrow.resolveDispute(order_id, AMOUNT // 2, doc_hash("resolution"), {"from": auditor})
    return escrow.accept(order_id, {"from": core})


@pytest.mark.parametrize("how", ["accepted", "deemed", "resolved"])
def test_regression_squatted_derived_invoice_cannot_block_settlement(escrow, trades, receivables, delivered_credit,
                                                                      core, supplier1, supplier2, auditor, cash,
                                                                      alliance, how):
    """issue 10 item 3: the escrow's invoice hash is derived from the public order hash. A trade
    submitted with it first - here even verified and confirmed by the buyer itself, trying to
    escape its credit order - used to make acceptance, deemed acceptance and dispute resolution
    revert for ever (InvoiceAlreadyUsed); the supplier who delivered got nothing. The escrow's
    invoice keys are its own now."""
    invoice = invoice_of(escrow.orderInfo(delivered_credit)["orderHash"])
    fake = squat(trades, receivables, invoice, alliance, supplier2, core, auditor, cash)
    tx = settle(escrow, delivered_credit, how, core, supplier1, auditor)
    o = escrow.orderInfo(delivered_credit)
    assert receivables.ownerOf(o["rootId"]) == supplier1
    assert tx.events["OrderSettled"]["rootId"] == o["rootId"] != 0
    assert trades.tradeOfInvoice(escrow, core, invoice) == o["tradeId"]
    assert trades.tradeOfInvoice(ZERO, core, invoice) == fake  # the squat bound only its own key


def test_regression_squat_from_another_alliance_cannot_block_acceptance(escrow, trades, receivables, delivered_credit,
                                                                         core, core2, supplier1, supplier2, cash,
                                                                         other_chain):
    """issue 10 item 3: the same squat by an attacker, a colluding auditor and a colluding core
    enterprise of another alliance."""
    alliance_id, colluding_auditor = other_chain
    invoice = invoice_of(escrow.orderInfo(delivered_credit)["orderHash"])
    squat(trades, receivables, invoice, alliance_id, supplier2, core2, colluding_auditor, cash)
    escrow.accept(delivered_credit, {"from": core})
    assert receivables.ownerOf(escrow.orderInfo(delivered_credit)["rootId"]) == supplier1


def test_credit_order_still_settles_after_the_operator_withdraws_its_currency(escrow, trades, receivables,
                                                                              delivered_credit, core, supplier1,
                                                                              operator, cash):
    """The currency was approved when the buyer placed the order: withdrawing it later stops new
    trades, not the payable the buyer committed to."""
    trades.setCurrencyAllowed(cash, False, {"from": operator})
    escrow.accept(delivered_credit, {"from": core})
    root = escrow.orderInfo(delivered_credit)["rootId"]
    assert receivables.ownerOf(root) == supplier1 and receivables.rootInfo(root)["currency"] == cash


@pytest.mark.parametrize("route", ["accept", "deemed accept", "resolve dispute"])
def test_regression_suspending_the_supplier_cannot_block_settlement(route, escrow, registry, receivables, trades,
                                                                     delivered_credit, disputed_credit, core,
                                                                     supplier1, supplier2, auditor, rando, alliance):
    """issue 10 item 3 (promise: a delivered credit order can always be settled). The buyer used to suspend the
    supplier before accepting: accept, deemed accept and the dispute resolution then reverted
    (SellerNotMember) until it reinstated it. Now the receivable for the delivered goods goes to
    the suspended supplier; suspension still keeps pieces from reaching it."""
    registry.suspend(alliance, supplier1, {"from": core})
    if route == "accept":
        order, face = delivered_credit, AMOUNT
        escrow.accept(order, {"from": core})
    elif route == "deemed accept":
        order, face = delivered_credit, AMOUNT
        chain.sleep(escrow.disputeWindow() + 1)
        escrow.accept(order, {"from": rando})
    else:
        order, face = disputed_credit, AMOUNT // 2
        escrow.resolveDispute(order, face, doc_hash("half"), {"from": auditor})
    o = escrow.orderInfo(order)
    assert o["settledAmount"] == face and trades.tradeInfo(o["tradeId"])["seller"] == supplier1
    root = o["rootId"]
    assert receivables.ownerOf(root) == supplier1 and receivables.pieceInfo(root)["value"] == face
    assert registry.membershipOf(alliance, supplier1)["status"] == MemberStatus.SUSPENDED
    # it can pay on with it, but no member can pay it with a piece
    piece = receivables.splitOff(root, supplier2, face // 4, {"from": supplier1}).return_value
    with refused("RecipientNotMember", alliance, supplier1,
                 views=(lambda: receivables.ownerOf(piece), lambda: receivables.pieceInfo(piece))):
        receivables.transferFrom(supplier2, supplier1, piece, {"from": supplier2})
