"""The invoice rule: an invoice backs at most one receivable of its obligor, ever, on the whole
platform - and nobody can use that rule against someone else's invoice.

The key (namespace, obligor, invoice hash) is bound when the obligor confirms a trade; submitting
or verifying binds nothing, so a pending, verified, rejected or withdrawn trade blocks nobody.
An attacker who copies an honest seller's public invoice hash (front-running the submission, with
a colluding auditor or even a colluding core enterprise of its own alliance) gets a trade of its
own and nothing else.
"""

import pytest
from helpers import refused

from scf.enums import TradeStatus
from scf.onboarding import certify, form_alliance
from scf.roles import Role


@pytest.fixture(scope="module")
def invoice(docs):
    return docs("INV-S").invoice


@pytest.fixture(scope="module")
def core_second_chain(registry, operator, core, alliance, supplier2, auditor2):
    """A second alliance led by the same core (supplier2 and auditor2 in it): the same obligor
    reached through another alliance."""
    certify(registry, operator, auditor2, Role.AUDITOR, "second auditor")
    return form_alliance(registry, operator, core,
                         [(supplier2, Role.SUPPLIER, "tier-2 supplier"), (auditor2, Role.AUDITOR, "second auditor")],
                         "core's second chain")


def confirm(receivables, trade_id, obligor, face_value, maturity):
    return receivables.confirm(trade_id, face_value, maturity, {"from": obligor}).events["ReceivableIssued"]["rootId"]


# ---------------------------------------------------------------- regressions (issue 10 item 3)


def test_regression_front_running_a_submission_does_not_block_it(trades, receivables, submit, invoice, docs, alliance2,
                                                                   core2, supplier2, auditor, core, face_value,
                                                                   maturity, bound_trade):
    """issue 10 item 3: an attacker who sees supplier1's pending submission submits the same
    invoice hash first (here from its own alliance, and again naming supplier1's buyer). The
    honest submission used to revert (InvoiceAlreadyUsed) for ever; now it goes through and
    becomes supplier1's receivable."""
    squat_elsewhere = submit("squat", invoice=invoice, alliance_id=alliance2, buyer=core2,
                             seller=supplier2).return_value
    honest = submit("INV-S").return_value  # used to revert: InvoiceAlreadyUsed
    squat_same_buyer = submit("squat 2", invoice=invoice, seller=supplier2).return_value
    assert len({squat_elsewhere, squat_same_buyer, honest}) == 3
    trades.verifyTrade(honest, {"from": auditor})
    root = confirm(receivables, honest, core, face_value, maturity)
    assert receivables.ownerOf(root) == trades.tradeInfo(honest)["seller"]
    assert bound_trade(invoice) == honest


def test_regression_colluding_auditor_and_core_cannot_squat_an_invoice(trades, receivables, submit, invoice,
                                                                       alliance2, core2, supplier2, auditor2, auditor,
                                                                       core, face_value, maturity, bound_trade):
    """issue 10 item 3: the attacker's trade with supplier1's invoice hash is verified by a
    colluding auditor of the attacker's alliance before the honest auditor acts, and even
    confirmed by a colluding core enterprise there. Once verified it used to bind the hash for
    good, so supplier1's invoice could never be submitted; now only core's own confirmation
    binds core's invoice."""
    squat = submit("squat", invoice=invoice, alliance_id=alliance2, buyer=core2, seller=supplier2).return_value
    trades.verifyTrade(squat, {"from": auditor2})
    confirm(receivables, squat, core2, 1, maturity)  # a 1-unit debt of the attacker's accomplice

    honest = submit("INV-S").return_value
    trades.verifyTrade(honest, {"from": auditor})
    confirm(receivables, honest, core, face_value, maturity)
    assert trades.tradeInfo(honest)["status"] == TradeStatus.CONFIRMED
    assert (bound_trade(invoice), bound_trade(invoice, core2)) == (honest, squat)


def test_a_copy_verified_first_does_not_take_the_invoice(trades, receivables, submit, submitted, invoice, auditor,
                                                      supplier2, core, face_value, maturity, bound_trade, state):
    """A copy naming the same buyer, verified first, does not take the invoice (issue 10 item 3):
    the obligor confirms the trade it owes; the copy can then never become a receivable."""
    squat = submit("squat", invoice=invoice, seller=supplier2).return_value
    trades.verifyTrade(squat, {"from": auditor})
    trades.verifyTrade(submitted, {"from": auditor})
    confirm(receivables, submitted, core, face_value, maturity)
    with refused("InvoiceAlreadyUsed", invoice, submitted, views=state(squat, invoice) + (receivables.lastPieceId,)):
        receivables.confirm(squat, 1, maturity, {"from": core})


# ---------------------------------------------------------------- one receivable per invoice and obligor


def test_same_invoice_cannot_back_two_receivables_of_its_obligor_across_alliances(trades, receivables, submit,
                                                                                   submitted, invoice, auditor,
                                                                                   auditor2, core_second_chain,
                                                                                   supplier2, core, face_value,
                                                                                   maturity, state):
    """Double financing through the obligor's other alliance (by another seller, too) fails."""
    twin = submit("INV-S twin", invoice=invoice, alliance_id=core_second_chain, seller=supplier2).return_value
    trades.verifyTrade(submitted, {"from": auditor})
    trades.verifyTrade(twin, {"from": auditor2})
    confirm(receivables, submitted, core, face_value, maturity)
    with refused("InvoiceAlreadyUsed", invoice, submitted, views=state(twin, invoice) + (receivables.lastPieceId,)):
        receivables.confirm(twin, face_value, maturity, {"from": core})


def test_confirmed_invoice_is_refused_to_anyone_in_any_alliance_of_its_obligor(trades, submit, trade, confirmed, docs,
                                                                                core_second_chain, supplier1,
                                                                                supplier2, distributor, state):
    invoice = docs("INV-0001").invoice
    assert trades.tradeInfo(trade)["status"] == TradeStatus.CONFIRMED
    for seller in (supplier1, supplier2, distributor):
        with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
            submit("INV-0001 again", invoice=invoice, seller=seller)
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-0001", alliance_id=core_second_chain, seller=supplier2)


def test_pending_and_verified_trades_bind_nothing(trades, submit, submitted, invoice, auditor, supplier2, bound_trade):
    assert bound_trade(invoice) == 0
    trades.verifyTrade(submitted, {"from": auditor})
    assert bound_trade(invoice) == 0
    other = submit("INV-S copy", invoice=invoice, seller=supplier2).return_value
    assert trades.tradeInfo(other)["status"] == TradeStatus.SUBMITTED


def test_a_rejected_trade_leaves_the_invoice_free_for_a_corrected_resubmission(trades, receivables, submit,
                                                                                submitted, invoice, docs, auditor,
                                                                                core, face_value, maturity,
                                                                                bound_trade):
    trades.rejectTrade(submitted, "0x" + "0d" * 32, {"from": auditor})
    corrected = docs("INV-S corrected")
    tx = submit("INV-S", delivery=corrected.delivery)
    again = tx.return_value
    assert again != submitted and tx.events["TradeSubmitted"]["invoiceHash"] == invoice
    assert trades.tradeInfo(submitted)["status"] == TradeStatus.REJECTED  # history is kept
    trades.verifyTrade(again, {"from": auditor})
    receivables.confirm(again, face_value, maturity, {"from": core})
    assert bound_trade(invoice) == again


def test_a_withdrawn_trade_leaves_the_invoice_free(trades, submit, submitted, invoice, supplier1):
    trades.withdrawTrade(submitted, {"from": supplier1})
    again = submit("INV-S", amount=1234).return_value
    assert trades.tradeInfo(again)["amount"] == 1234


def test_another_obligor_is_another_invoice(trades, receivables, submit, trade, confirmed, docs, alliance2, core2,
                                            supplier2, auditor2, face_value, maturity, bound_trade):
    """The same hash addressed to another obligor is that obligor's own debt if it confirms it; it
    takes nothing from core's receivable (see ITradeRegistry's invoice rule)."""
    invoice = docs("INV-0001").invoice
    other = submit("INV-0001", alliance_id=alliance2, buyer=core2, seller=supplier2).return_value
    trades.verifyTrade(other, {"from": auditor2})
    confirm(receivables, other, core2, face_value, maturity)
    assert (bound_trade(invoice), bound_trade(invoice, core2)) == (trade, other)


def test_confirmed_invoice_stays_bound_after_the_seller_leaves(trades, registry, receivables, submit, trade, confirmed,
                                                               docs, alliance, supplier1, supplier2, state):
    receivables.transferFrom(supplier1, supplier2, confirmed, {"from": supplier1})
    registry.leave(alliance, {"from": supplier1})
    invoice = docs("INV-0001").invoice
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-0001", seller=supplier2)


def test_invoice_key_is_the_documented_hash(trades, core, invoice):
    from eth_abi import encode
    from eth_utils import keccak
    from loop_helpers import ZERO, hx

    expected = keccak(encode(["address", "address", "bytes32"], [ZERO, core.address, bytes.fromhex(invoice[2:])]))
    assert hx(trades.invoiceKey(ZERO, core, invoice)) == hx(expected)
