"""issue (warehouse operators only), views, constructor."""

import pytest
from helpers import refused, reverts
from loop_helpers import ZERO, hx

from scf.onboarding import doc_hash
from scf.units import to_base

GOODS = doc_hash("copper cathode, grade A")


@pytest.fixture
def views(receipts, supplier1):
    return (receipts.lastReceiptId, lambda: receipts.balanceOf(supplier1))


def test_warehouse_issues_a_receipt(receipts, alliance, logistics, supplier1, cash):
    tx = receipts.issue(alliance, supplier1, GOODS, 1_000, to_base(100_000), cash, {"from": logistics})
    rid = tx.return_value
    assert receipts.ownerOf(rid) == supplier1
    v = receipts.receiptInfo(rid)
    assert (v["holder"], v["warehouse"], v["allianceId"], v["currency"], v["goodsHash"], v["quantity"], v["value"],
            v["lotId"], v["parentId"], v["lockedBy"]) == (supplier1, logistics, alliance, cash, hx(GOODS), 1_000,
                                                          to_base(100_000), rid, 0, ZERO)
    assert receipts.lotOf(rid) == (logistics, alliance, cash, hx(GOODS))
    assert receipts.receiptOf(rid) == (ZERO, rid, 0, 1_000, to_base(100_000))
    assert tx.events["ReceiptIssued"].values() == [rid, logistics, supplier1, alliance, hx(GOODS), 1_000,
                                                   to_base(100_000), cash]


def test_zero_goods_hash(receipts, alliance, logistics, supplier1, cash, views):
    with refused("ZeroGoodsHash", views=views):
        receipts.issue(alliance, supplier1, b"\x00" * 32, 1, 1, cash, {"from": logistics})


def test_zero_quantity(receipts, alliance, logistics, supplier1, cash, views):
    with refused("ZeroQuantity", views=views):
        receipts.issue(alliance, supplier1, GOODS, 0, 1, cash, {"from": logistics})


def test_zero_value(receipts, alliance, logistics, supplier1, cash, views):
    with refused("ZeroValue", views=views):
        receipts.issue(alliance, supplier1, GOODS, 1, 0, cash, {"from": logistics})


@pytest.mark.parametrize("quantity,value", [(2**128, 1), (1, 2**128)], ids=["quantity", "value"])
def test_too_large(receipts, alliance, logistics, supplier1, cash, views, quantity, value):
    with refused("TooLarge", 2**128, views=views):
        receipts.issue(alliance, supplier1, GOODS, quantity, value, cash, {"from": logistics})


def test_currency_not_a_contract(receipts, alliance, logistics, supplier1, rando, views):
    with refused("InvalidCurrency", rando, views=views):
        receipts.issue(alliance, supplier1, GOODS, 1, 1, rando, {"from": logistics})


@pytest.mark.parametrize("who", ["supplier2", "auditor", "outsider"])
def test_not_warehouse(receipts, alliance, supplier1, cash, actors, views, who):
    with refused("NotWarehouse", alliance, actors[who], views=views):
        receipts.issue(alliance, supplier1, GOODS, 1, 1, cash, {"from": actors[who]})


def test_holder_must_be_member(receipts, alliance, logistics, outsider, cash, views):
    with refused("RecipientNotMember", alliance, outsider, views=views):
        receipts.issue(alliance, outsider, GOODS, 1, 1, cash, {"from": logistics})


def test_unknown_receipt_views_are_empty(receipts):
    assert receipts.receiptInfo(999)["holder"] == ZERO
    assert receipts.receiptOf(999)["lotId"] == 0


def test_supports_erc721_and_access_control(receipts):
    assert receipts.supportsInterface("0x80ac58cd") and receipts.supportsInterface("0x7965db0b")


def test_constructor_refuses_zero_operator(WarehouseReceipt, registry, operator):
    with reverts("ZeroAddress"):
        WarehouseReceipt.deploy(ZERO, registry, {"from": operator})


def test_constructor_refuses_zero_registry(WarehouseReceipt, operator):
    with reverts("ZeroAddress"):
        WarehouseReceipt.deploy(operator, ZERO, {"from": operator})
