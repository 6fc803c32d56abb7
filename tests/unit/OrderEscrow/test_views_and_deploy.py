"""Views and constructor refusals."""

from eth_abi import encode
from eth_utils import keccak
from helpers import reverts
from loop_helpers import hx, invoice_of

from scf.onboarding import doc_hash


def test_invoice_hash_is_derived_from_the_order_document(escrow):
    po = doc_hash("PO-9")
    assert escrow.invoiceHashOf(po) == invoice_of(po)
    assert escrow.invoiceHashOf(po) != escrow.invoiceHashOf(doc_hash("PO-10"))


def test_delivery_hash_covers_the_three_milestone_documents(escrow, delivered_credit):
    o = escrow.orderInfo(delivered_credit)
    docs = [bytes.fromhex(hx(o[k])[2:]) for k in ("shippedDoc", "warehouseDoc", "deliveredDoc")]
    assert escrow.deliveryHashOf(delivered_credit) == hx(keccak(encode(["bytes32"] * 3, docs)))


def test_unknown_order_views_are_empty(escrow):
    assert escrow.orderInfo(12345)["status"] == 0
    assert escrow.orderOfHash(doc_hash("never")) == 0


def test_constructor_refuses_long_window_and_zero_operator(OrderEscrow, operator, registry, trades, receivables):
    with reverts("WindowTooLong", 91 * 86_400, 90 * 86_400):
        OrderEscrow.deploy(operator, registry, trades, receivables, 91 * 86_400, {"from": operator})
    with reverts("ZeroAddress"):
        OrderEscrow.deploy("0x" + "0" * 40, registry, trades, receivables, 86_400, {"from": operator})
