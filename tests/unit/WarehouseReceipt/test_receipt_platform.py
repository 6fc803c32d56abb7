"""Platform-contract entry points: lock, unlock, release, platformTransfer, platformSplit.
A lien names its locker: no other platform contract can lift, move or split it."""

import pytest
from helpers import refused
from loop_helpers import ZERO


@pytest.fixture
def views(receipts, receipt):
    return (lambda: receipts.ownerOf(receipt), lambda: receipts.receiptOf(receipt), receipts.lastReceiptId)


@pytest.fixture
def locked(receipts, receipt, custodian):
    receipts.lock(receipt, {"from": custodian})
    return receipt


def test_lock_and_unlock(receipts, receipt, custodian):
    tx = receipts.lock(receipt, {"from": custodian})
    assert receipts.receiptOf(receipt)["lockedBy"] == custodian
    assert tx.events["ReceiptLocked"].values() == [receipt, custodian]
    tx = receipts.unlock(receipt, {"from": custodian})
    assert receipts.receiptOf(receipt)["lockedBy"] == ZERO
    assert tx.events["ReceiptUnlocked"].values() == [receipt, custodian]


def test_lock_needs_platform_role(receipts, receipt, supplier1, views):
    with refused("AccessControlUnauthorizedAccount", supplier1, receipts.PLATFORM_ROLE(), views=views):
        receipts.lock(receipt, {"from": supplier1})


def test_lock_twice(receipts, locked, other_custodian, views):
    with refused("ReceiptIsLocked", locked, receipts.receiptOf(locked)["lockedBy"], views=views):
        receipts.lock(locked, {"from": other_custodian})


def test_lock_unknown(receipts, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.lock(999, {"from": custodian})


def test_unlock_needs_platform_role(receipts, locked, supplier1, views):
    with refused("AccessControlUnauthorizedAccount", supplier1, receipts.PLATFORM_ROLE(), views=views):
        receipts.unlock(locked, {"from": supplier1})


def test_unlock_free_receipt(receipts, receipt, custodian, views):
    with refused("ReceiptNotLocked", receipt, views=views):
        receipts.unlock(receipt, {"from": custodian})


def test_unlock_by_another_platform_contract(receipts, locked, custodian, other_custodian, views):
    with refused("NotLocker", locked, custodian, other_custodian, views=views):
        receipts.unlock(locked, {"from": other_custodian})


def test_unlock_unknown(receipts, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.unlock(999, {"from": custodian})


def test_release_unlocks_and_delivers(receipts, locked, custodian, bank_a):
    receipts.release(locked, bank_a, {"from": custodian})
    assert receipts.ownerOf(locked) == bank_a and receipts.receiptOf(locked)["lockedBy"] == ZERO


def test_release_needs_platform_role(receipts, locked, supplier1, bank_a, views):
    with refused("AccessControlUnauthorizedAccount", supplier1, receipts.PLATFORM_ROLE(), views=views):
        receipts.release(locked, bank_a, {"from": supplier1})


def test_release_free_receipt(receipts, receipt, custodian, bank_a, views):
    with refused("ReceiptNotLocked", receipt, views=views):
        receipts.release(receipt, bank_a, {"from": custodian})


def test_release_by_another_platform_contract(receipts, locked, custodian, other_custodian, bank_a, views):
    with refused("NotLocker", locked, custodian, other_custodian, views=views):
        receipts.release(locked, bank_a, {"from": other_custodian})


def test_release_to_zero(receipts, locked, custodian, views):
    with refused("ERC721InvalidReceiver", ZERO, views=views):
        receipts.release(locked, ZERO, {"from": custodian})


def test_platform_transfer_keeps_the_lock(receipts, locked, supplier1, bank_a, custodian):
    receipts.platformTransfer(supplier1, bank_a, locked, {"from": custodian})
    assert receipts.ownerOf(locked) == bank_a and receipts.receiptOf(locked)["lockedBy"] == custodian


def test_platform_transfer_of_a_free_receipt_ignores_membership(receipts, receipt, supplier1, outsider, custodian):
    receipts.platformTransfer(supplier1, outsider, receipt, {"from": custodian})
    assert receipts.ownerOf(receipt) == outsider


def test_platform_transfer_needs_platform_role(receipts, receipt, supplier1, bank_a, views):
    with refused("AccessControlUnauthorizedAccount", bank_a, receipts.PLATFORM_ROLE(), views=views):
        receipts.platformTransfer(supplier1, bank_a, receipt, {"from": bank_a})


def test_platform_transfer_by_another_platform_contract(receipts, locked, supplier1, bank_a, custodian,
                                                        other_custodian, views):
    with refused("NotLocker", locked, custodian, other_custodian, views=views):
        receipts.platformTransfer(supplier1, bank_a, locked, {"from": other_custodian})


def test_platform_transfer_wrong_from(receipts, receipt, supplier2, bank_a, custodian, supplier1, views):
    with refused("ERC721IncorrectOwner", supplier2, receipt, supplier1, views=views):
        receipts.platformTransfer(supplier2, bank_a, receipt, {"from": custodian})


def test_platform_transfer_unknown(receipts, supplier1, bank_a, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.platformTransfer(supplier1, bank_a, 999, {"from": custodian})


def test_platform_split_of_a_locked_receipt(receipts, locked, custodian, distributor):
    child = receipts.platformSplit(locked, 250, distributor, {"from": custodian}).return_value
    assert receipts.ownerOf(child) == distributor and receipts.receiptOf(child)["lockedBy"] == ZERO
    assert receipts.receiptOf(locked)["quantity"] == 750 and receipts.receiptOf(locked)["lockedBy"] == custodian


def test_platform_split_needs_platform_role(receipts, receipt, supplier1, views):
    with refused("AccessControlUnauthorizedAccount", supplier1, receipts.PLATFORM_ROLE(), views=views):
        receipts.platformSplit(receipt, 1, supplier1, {"from": supplier1})


def test_platform_split_to_zero(receipts, receipt, custodian, views):
    with refused("ZeroAddress", views=views):
        receipts.platformSplit(receipt, 1, ZERO, {"from": custodian})


def test_platform_split_by_another_platform_contract(receipts, locked, custodian, other_custodian, distributor, views):
    with refused("NotLocker", locked, custodian, other_custodian, views=views):
        receipts.platformSplit(locked, 1, distributor, {"from": other_custodian})


def test_platform_split_zero_quantity(receipts, receipt, custodian, distributor, views):
    with refused("ZeroQuantity", views=views):
        receipts.platformSplit(receipt, 0, distributor, {"from": custodian})


def test_platform_split_whole_receipt(receipts, receipt, custodian, distributor, views):
    with refused("SplitExhaustsReceipt", receipt, 1_000, 1_000, views=views):
        receipts.platformSplit(receipt, 1_000, distributor, {"from": custodian})


def test_platform_split_unknown(receipts, custodian, distributor):
    with refused("ERC721NonexistentToken", 999):
        receipts.platformSplit(999, 1, distributor, {"from": custodian})
