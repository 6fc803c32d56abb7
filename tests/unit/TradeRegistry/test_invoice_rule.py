"""The invoice rule: one invoice backs at most one receivable, ever, on the whole platform.

Rejection and withdrawal release the invoice (the trade never backed anything), so a corrected
resubmission works; once verified, and once confirmed, the invoice is refused everywhere.
"""

import pytest

from helpers import refused
from scf.roles import TradeStatus


@pytest.fixture(scope="module")
def invoice(docs):
    return docs("INV-S").invoice


def test_rejection_releases_the_invoice_for_a_corrected_resubmission(trades, receivables, submit, submitted, invoice,
                                                                     docs, auditor, core, face_value, maturity):
    trades.rejectTrade(submitted, "0x" + "0d" * 32, {"from": auditor})
    assert trades.tradeOfInvoice(invoice) == 0

    corrected = docs("INV-S corrected")
    tx = submit("INV-S", delivery=corrected.delivery)
    again = tx.return_value
    assert again != submitted
    assert trades.tradeOfInvoice(invoice) == again
    assert tx.events["TradeSubmitted"]["invoiceHash"] == invoice
    assert trades.tradeInfo(submitted)["status"] == TradeStatus.REJECTED  # history is kept

    # the corrected trade goes all the way
    trades.verifyTrade(again, {"from": auditor})
    receivables.confirm(again, face_value, maturity, {"from": core})
    assert trades.tradeInfo(again)["status"] == TradeStatus.CONFIRMED


def test_withdrawal_releases_the_invoice_for_a_resubmission(trades, submit, submitted, invoice, supplier1):
    trades.withdrawTrade(submitted, {"from": supplier1})
    assert trades.tradeOfInvoice(invoice) == 0
    again = submit("INV-S", amount=1234).return_value
    assert trades.tradeOfInvoice(invoice) == again
    assert trades.tradeInfo(again)["amount"] == 1234


def test_released_invoice_may_be_used_in_another_alliance(trades, submit, submitted, invoice, auditor, alliance2,
                                                          core2, supplier2):
    trades.rejectTrade(submitted, "0x" + "0d" * 32, {"from": auditor})
    elsewhere = submit("INV-S", alliance_id=alliance2, buyer=core2, seller=supplier2).return_value
    assert trades.tradeOfInvoice(invoice) == elsewhere
    assert trades.terms(elsewhere)[3] == alliance2


def test_pending_invoice_is_refused_in_another_alliance(trades, submit, submitted, invoice, alliance2, core2,
                                                        supplier2, state):
    with refused("InvoiceAlreadyUsed", invoice, submitted, views=state(submitted, invoice)):
        submit("INV-S", alliance_id=alliance2, buyer=core2, seller=supplier2)


def test_verified_invoice_is_refused_to_anyone(trades, submit, submitted, invoice, auditor, supplier1, supplier2,
                                               distributor, state):
    trades.verifyTrade(submitted, {"from": auditor})
    for seller in (supplier1, supplier2, distributor):
        with refused("InvoiceAlreadyUsed", invoice, submitted, views=state(submitted, invoice)):
            submit("INV-S resubmitted", invoice=invoice, seller=seller)


def test_verified_invoice_is_refused_in_another_alliance(trades, submit, submitted, invoice, auditor, alliance2,
                                                         core2, supplier2, state):
    trades.verifyTrade(submitted, {"from": auditor})
    with refused("InvoiceAlreadyUsed", invoice, submitted, views=state(submitted, invoice)):
        submit("INV-S", alliance_id=alliance2, buyer=core2, seller=supplier2)


def test_verified_invoice_can_no_longer_be_released(trades, submitted, invoice, auditor, supplier1):
    trades.verifyTrade(submitted, {"from": auditor})
    views = (lambda: trades.tradeOfInvoice(invoice), lambda: trades.tradeInfo(submitted))
    with refused("WrongTradeStatus", submitted, TradeStatus.VERIFIED, TradeStatus.SUBMITTED, views=views):
        trades.withdrawTrade(submitted, {"from": supplier1})
    with refused("WrongTradeStatus", submitted, TradeStatus.VERIFIED, TradeStatus.SUBMITTED, views=views):
        trades.rejectTrade(submitted, "0x" + "0d" * 32, {"from": auditor})


def test_confirmed_invoice_is_refused_everywhere(trades, submit, trade, confirmed, docs, alliance2, core2, supplier1,
                                                 supplier2, state):
    invoice = docs("INV-0001").invoice
    assert trades.tradeInfo(trade)["status"] == TradeStatus.CONFIRMED
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-0001 again", invoice=invoice, seller=supplier1)
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-0001", alliance_id=alliance2, buyer=core2, seller=supplier2)


def test_confirmed_invoice_stays_bound_after_the_seller_leaves(trades, registry, receivables, submit, trade, confirmed,
                                                               docs, alliance, supplier1, supplier2, state):
    receivables.transferFrom(supplier1, supplier2, confirmed, {"from": supplier1})
    registry.leave(alliance, {"from": supplier1})
    invoice = docs("INV-0001").invoice
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-0001", seller=supplier2)
