"""Holder moves: transferFrom / safeTransferFrom (alliance members only), split by quantity,
redeem by the issuing warehouse; locked receipts do not move."""

import pytest
from helpers import refused
from loop_helpers import ZERO

from scf.units import to_base


@pytest.fixture
def views(receipts, receipt, supplier1):
    return (lambda: receipts.ownerOf(receipt), lambda: receipts.receiptOf(receipt), receipts.lastReceiptId,
            lambda: receipts.balanceOf(supplier1))


# ---------------------------------------------------------------- transfer

@pytest.mark.parametrize("method", ["transferFrom", "safeTransferFrom"])
def test_transfer_to_a_member(receipts, receipt, supplier1, supplier2, method):
    getattr(receipts, method)(supplier1, supplier2, receipt, {"from": supplier1})
    assert receipts.ownerOf(receipt) == supplier2


def test_approved_operator_may_transfer(receipts, receipt, supplier1, supplier2, bank_a):
    receipts.approve(bank_a, receipt, {"from": supplier1})
    receipts.transferFrom(supplier1, supplier2, receipt, {"from": bank_a})
    assert receipts.ownerOf(receipt) == supplier2


def test_transfer_not_holder(receipts, receipt, supplier1, supplier2, views):
    with refused("NotPieceHolder", receipt, supplier2, views=views):
        receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier2})


def test_transfer_locked(receipts, receipt, supplier1, supplier2, custodian, views):
    receipts.lock(receipt, {"from": custodian})
    with refused("PieceLockedBy", receipt, custodian, views=views):
        receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier1})


def test_transfer_to_non_member(receipts, receipt, supplier1, outsider, alliance, views):
    with refused("RecipientNotMember", alliance, outsider, views=views):
        receipts.safeTransferFrom(supplier1, outsider, receipt, {"from": supplier1})


def test_transfer_to_suspended_member(receipts, registry, receipt, supplier1, supplier2, alliance, core, views):
    registry.suspend(alliance, supplier2, {"from": core})
    with refused("RecipientNotMember", alliance, supplier2, views=views):
        receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier1})


def test_transfer_unknown_receipt(receipts, supplier1, supplier2):
    with refused("ERC721NonexistentToken", 999):
        receipts.transferFrom(supplier1, supplier2, 999, {"from": supplier1})


# ---------------------------------------------------------------- split

def test_split_by_quantity_pro_rata_value(receipts, receipt, supplier1, supplier2):
    tx = receipts.split(receipt, 333, supplier2, {"from": supplier1})
    child = tx.return_value
    assert receipts.ownerOf(child) == supplier2
    child_value = to_base(100_000) * 333 // 1_000
    assert receipts.receiptOf(child) == (ZERO, receipt, receipt, 333, child_value)
    assert receipts.receiptOf(receipt) == (ZERO, receipt, 0, 667, to_base(100_000) - child_value)
    assert tx.events["ReceiptSplit"].values() == [receipt, child, supplier2, 333, child_value]
    assert receipts.receiptInfo(child)["warehouse"] == receipts.receiptInfo(receipt)["warehouse"]


def test_split_to_self_rounds_value_down(receipts, alliance, logistics, supplier1, cash):
    rid = receipts.issue(alliance, supplier1, b"\x09" * 32, 3, 10, cash, {"from": logistics}).return_value
    child = receipts.split(rid, 1, supplier1, {"from": supplier1}).return_value
    assert receipts.receiptOf(child)["value"] == 3 and receipts.receiptOf(rid)["value"] == 7


def test_split_not_holder(receipts, receipt, supplier2, views):
    with refused("NotPieceHolder", receipt, supplier2, views=views):
        receipts.split(receipt, 1, supplier2, {"from": supplier2})


def test_split_locked(receipts, receipt, supplier1, supplier2, custodian, views):
    receipts.lock(receipt, {"from": custodian})
    with refused("PieceLockedBy", receipt, custodian, views=views):
        receipts.split(receipt, 1, supplier2, {"from": supplier1})


def test_split_to_non_member(receipts, receipt, supplier1, outsider, alliance, views):
    with refused("RecipientNotMember", alliance, outsider, views=views):
        receipts.split(receipt, 1, outsider, {"from": supplier1})


def test_split_zero_quantity(receipts, receipt, supplier1, supplier2, views):
    with refused("ZeroQuantity", views=views):
        receipts.split(receipt, 0, supplier2, {"from": supplier1})


@pytest.mark.parametrize("quantity", [1_000, 1_001])
def test_split_exhausting_the_receipt(receipts, receipt, supplier1, supplier2, views, quantity):
    with refused("SplitExhaustsReceipt", receipt, 1_000, quantity, views=views):
        receipts.split(receipt, quantity, supplier2, {"from": supplier1})


def test_split_unknown_receipt(receipts, supplier1, supplier2):
    with refused("ERC721NonexistentToken", 999):
        receipts.split(999, 1, supplier2, {"from": supplier1})


# ---------------------------------------------------------------- redeem

def test_warehouse_redeems_a_surrendered_receipt(receipts, receipt, supplier1, logistics):
    receipts.approve(logistics, receipt, {"from": supplier1})
    tx = receipts.redeem(receipt, {"from": logistics})
    assert receipts.balanceOf(supplier1) == 0 and receipts.receiptOf(receipt)["lotId"] == 0
    assert tx.events["ReceiptRedeemed"].values() == [receipt, logistics, supplier1, 1_000]


def test_redeem_not_issuing_warehouse(receipts, receipt, supplier1, auditor, views):
    receipts.approve(auditor, receipt, {"from": supplier1})
    with refused("NotIssuingWarehouse", receipt, auditor, views=views):
        receipts.redeem(receipt, {"from": auditor})


def test_redeem_locked(receipts, receipt, supplier1, logistics, custodian, views):
    receipts.approve(logistics, receipt, {"from": supplier1})
    receipts.lock(receipt, {"from": custodian})
    with refused("PieceLockedBy", receipt, custodian, views=views):
        receipts.redeem(receipt, {"from": logistics})


def test_redeem_not_surrendered(receipts, receipt, supplier1, logistics, views):
    with refused("NotSurrendered", receipt, supplier1, views=views):
        receipts.redeem(receipt, {"from": logistics})


def test_redeem_unknown_receipt(receipts, logistics):
    with refused("ERC721NonexistentToken", 999):
        receipts.redeem(999, {"from": logistics})


# ---------------------------------------------------------------- nothing stranded in a platform contract

@pytest.mark.parametrize("method", ["transferFrom", "safeTransferFrom", "split"])
def test_regression_platform_contract_is_not_a_recipient(receipts, receipt, supplier1, custodian, alliance, views,
                                                         method):
    """issue 10 item 10: a holder could send a receipt straight into a platform contract (inventory
    financing, advance payment: allowed recipients), where nothing moves it out again. Only active
    members receive from a holder; platform contracts only through their own paths."""
    with refused("RecipientNotMember", alliance, custodian, views=views + (lambda: receipts.balanceOf(custodian),)):
        if method == "split":
            receipts.split(receipt, 10, custodian, {"from": supplier1})
        else:
            getattr(receipts, method)(supplier1, custodian, receipt, {"from": supplier1})
    assert receipts.balanceOf(custodian) == 0


def test_regression_warehouse_cannot_issue_to_a_platform_contract(receipts, alliance, logistics, custodian, cash):
    """issue 10 item 10: nor can the warehouse issue a receipt into a platform contract."""
    last = receipts.lastReceiptId()
    with refused("RecipientNotMember", alliance, custodian, views=(receipts.lastReceiptId,
                                                                  lambda: receipts.balanceOf(custodian))):
        receipts.issue(alliance, custodian, b"\x11" * 32, 1, 1, cash, {"from": logistics})
    assert receipts.lastReceiptId() == last


def test_platform_paths_still_deliver_to_anyone_they_choose(receipts, receipt, supplier1, custodian):
    """The platform contract's own paths are unaffected (it enforces its rules)."""
    receipts.platformTransfer(supplier1, custodian, receipt, {"from": custodian})
    assert receipts.ownerOf(receipt) == custodian
    receipts.platformTransfer(custodian, supplier1, receipt, {"from": custodian})
    assert receipts.ownerOf(receipt) == supplier1
