"""Platform-contract entry points: lock, unlock, release, platformTransfer, platformSplit: what is
particular to receipts. A lien names its locker: who may lock, unlock, release, move or split a
locked receipt is tested for both piece tokens in tests/unit/AlliancePiece/test_lock_model.py."""

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


def test_lock_unknown(receipts, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.lock(999, {"from": custodian})


def test_unlock_unknown(receipts, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.unlock(999, {"from": custodian})


def test_release_to_zero(receipts, locked, custodian, views):
    with refused("ERC721InvalidReceiver", ZERO, views=views):
        receipts.release(locked, ZERO, {"from": custodian})


def test_platform_transfer_of_a_free_receipt_ignores_membership(receipts, receipt, supplier1, outsider, custodian):
    receipts.platformTransfer(supplier1, outsider, receipt, {"from": custodian})
    assert receipts.ownerOf(receipt) == outsider


def test_platform_transfer_wrong_from(receipts, receipt, supplier2, bank_a, custodian, supplier1, views):
    with refused("ERC721IncorrectOwner", supplier2, receipt, supplier1, views=views):
        receipts.platformTransfer(supplier2, bank_a, receipt, {"from": custodian})


def test_platform_transfer_unknown(receipts, supplier1, bank_a, custodian):
    with refused("ERC721NonexistentToken", 999):
        receipts.platformTransfer(supplier1, bank_a, 999, {"from": custodian})


def test_platform_split_to_zero(receipts, receipt, custodian, views):
    with refused("ZeroAddress", views=views):
        receipts.platformSplit(receipt, 1, ZERO, {"from": custodian})


def test_platform_split_zero_quantity(receipts, receipt, custodian, distributor, views):
    with refused("ZeroQuantity", views=views):
        receipts.platformSplit(receipt, 0, distributor, {"from": custodian})


def test_platform_split_whole_receipt(receipts, receipt, custodian, distributor, views):
    with refused("SplitExhaustsReceipt", receipt, 1_000, 1_000, views=views):
        receipts.platformSplit(receipt, 1_000, distributor, {"from": custodian})


def test_platform_split_unknown(receipts, custodian, distributor):
    with refused("ERC721NonexistentToken", 999):
        receipts.platformSplit(999, 1, distributor, {"from": custodian})
