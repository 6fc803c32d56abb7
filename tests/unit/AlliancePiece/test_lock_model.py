"""One lock model for both piece tokens (AlliancePiece, issue 13): a platform contract locks a
piece and is named its locker; only the locker may unlock, release, move, split or burn it; the
holder cannot move, split or surrender it; every other platform contract is refused with an
error naming the locker. Each test runs on a receivable (ReceivableToken) and on a warehouse
receipt (WarehouseReceipt): see conftest.py."""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

PLATFORM_CALLS = ("lock", "unlock", "release", "platformTransfer", "platformSplit")


def _platform_call(subject, name, sender, to):
    piece = subject.piece
    args = {
        "lock": (piece,),
        "unlock": (piece,),
        "release": (piece, to),
        "platformTransfer": (subject.holder, to, piece),
        "platformSplit": (piece, subject.amount, to),
    }[name]
    return getattr(subject.token, name)(*args, {"from": sender})


# ---------------------------------------------------------------- lock and unlock


def test_lock_names_the_locker(subject, custodian):
    tx = subject.token.lock(subject.piece, {"from": custodian})
    assert tx.events["PieceLocked"] == {"pieceId": subject.piece, "by": custodian}
    assert subject.token.lockerOf(subject.piece) == custodian
    assert subject.owner(subject.piece) == subject.holder  # the piece stays with its holder

    tx = subject.token.unlock(subject.piece, {"from": custodian})
    assert tx.events["PieceUnlocked"] == {"pieceId": subject.piece, "by": custodian}
    assert subject.token.lockerOf(subject.piece) == ZERO_ADDRESS
    assert subject.owner(subject.piece) == subject.holder


@pytest.mark.parametrize("who", ["custodian", "other_custodian"], ids=["locker", "another"])
def test_a_locked_piece_is_not_locked_again(locked, who, custodian, other_custodian):
    """Not even by its own locker: a lien is never doubled."""
    sender = custodian if who == "custodian" else other_custodian
    with refused("PieceLockedBy", locked.piece, custodian, views=locked.views()):
        locked.token.lock(locked.piece, {"from": sender})


def test_unlock_a_free_piece(subject, custodian):
    with refused("PieceNotLocked", subject.piece, views=subject.views()):
        subject.token.unlock(subject.piece, {"from": custodian})


def test_release_a_free_piece(subject, custodian, supplier2):
    with refused("PieceNotLocked", subject.piece, views=subject.views(supplier2)):
        subject.token.release(subject.piece, supplier2, {"from": custodian})


@pytest.mark.parametrize("name", PLATFORM_CALLS)
def test_platform_contracts_only(subject, name, supplier1, supplier2):
    """Not even the holder: only accounts with PLATFORM_ROLE."""
    with refused("AccessControlUnauthorizedAccount", supplier1, subject.token.PLATFORM_ROLE(),
                 views=subject.views(supplier2)):
        _platform_call(subject, name, supplier1, supplier2)


# ---------------------------------------------------------------- only the locker


@pytest.mark.parametrize("name", ["unlock", "release", "platformTransfer", "platformSplit"])
def test_only_the_locker_unlocks_moves_or_splits(locked, name, custodian, other_custodian, supplier2):
    """Another platform contract is refused, with the locker named."""
    with refused("NotLocker", locked.piece, custodian, other_custodian, views=locked.views(supplier2)):
        _platform_call(locked, name, other_custodian, supplier2)


def test_the_locker_releases(locked, custodian, supplier2):
    tx = locked.token.release(locked.piece, supplier2, {"from": custodian})
    assert tx.events["PieceUnlocked"] == {"pieceId": locked.piece, "by": custodian}
    assert locked.owner(locked.piece) == supplier2
    assert locked.token.lockerOf(locked.piece) == ZERO_ADDRESS


def test_the_locker_moves_and_the_lock_stays(locked, custodian, supplier1, supplier2):
    locked.token.platformTransfer(supplier1, supplier2, locked.piece, {"from": custodian})
    assert locked.owner(locked.piece) == supplier2
    assert locked.token.lockerOf(locked.piece) == custodian


def test_the_locker_splits_and_the_child_is_free(locked, custodian, supplier2):
    before = locked.record(locked.piece)
    child = locked.token.platformSplit(locked.piece, locked.amount, supplier2, {"from": custodian}).return_value
    assert locked.owner(child) == supplier2
    assert locked.token.lockerOf(child) == ZERO_ADDRESS
    assert locked.token.lockerOf(locked.piece) == custodian
    assert locked.record(locked.piece) != before  # the amount left the locked piece


@pytest.mark.parametrize("name", ["platformTransfer", "platformSplit"])
def test_any_platform_contract_moves_a_free_piece(subject, name, other_custodian, supplier2):
    tx = _platform_call(subject, name, other_custodian, supplier2)
    moved = subject.piece if name == "platformTransfer" else tx.return_value
    assert subject.owner(moved) == supplier2


# ---------------------------------------------------------------- the holder


def test_holder_cannot_transfer_a_locked_piece(locked, custodian, supplier1, supplier2):
    with refused("PieceLockedBy", locked.piece, custodian, views=locked.views(supplier2)):
        locked.token.transferFrom(supplier1, supplier2, locked.piece, {"from": supplier1})
    with refused("PieceLockedBy", locked.piece, custodian, views=locked.views(supplier2)):
        locked.token.safeTransferFrom(supplier1, supplier2, locked.piece, {"from": supplier1})


def test_holder_cannot_split_a_locked_piece(locked, custodian, supplier1, supplier2):
    with refused("PieceLockedBy", locked.piece, custodian, views=locked.views(supplier2)):
        locked.holder_split(supplier1, supplier2, locked.amount)


def test_approved_operator_cannot_move_a_locked_piece(locked, custodian, supplier1, supplier2, supplier3):
    locked.token.approve(supplier3, locked.piece, {"from": supplier1})
    with refused("PieceLockedBy", locked.piece, custodian, views=locked.views(supplier2)):
        locked.token.transferFrom(supplier1, supplier2, locked.piece, {"from": supplier3})


def test_holder_moves_again_once_unlocked(locked, custodian, supplier1, supplier2):
    locked.token.unlock(locked.piece, {"from": custodian})
    locked.token.transferFrom(supplier1, supplier2, locked.piece, {"from": supplier1})
    assert locked.owner(locked.piece) == supplier2


def test_holder_cannot_send_a_piece_to_a_platform_contract(subject, alliance, supplier1, custodian):
    """Issue 10 item 10: a piece sent to a platform contract by a holder would be stranded."""
    with refused("RecipientNotMember", alliance, custodian, views=subject.views()):
        subject.token.transferFrom(supplier1, custodian, subject.piece, {"from": supplier1})
    with refused("RecipientNotMember", alliance, custodian, views=subject.views()):
        subject.holder_split(supplier1, custodian, subject.amount)


# ---------------------------------------------------------------- burning


def test_only_the_locker_burns_a_receivable(receivables, root, custodian, other_custodian):
    """Settlement burns paid pieces: a locked one only if it is the locker."""
    receivables.lock(root, {"from": custodian})
    with refused("NotLocker", root, custodian, other_custodian,
                 views=(lambda: receivables.ownerOf(root), lambda: receivables.lockerOf(root))):
        receivables.burn(root, {"from": other_custodian})
    tx = receivables.burn(root, {"from": custodian})
    assert tx.events["PieceBurned"]["pieceId"] == root
    assert receivables.lockerOf(root) == ZERO_ADDRESS  # the lock goes with the piece
    assert receivables.pieceInfo(root) == (0, 0, 0, 0, False)


def test_a_locked_receipt_is_not_redeemed(receipts, receipt, custodian, logistics, supplier1):
    """The warehouse burns a receipt when it releases the goods: never while a lien is on it."""
    receipts.approve(logistics, receipt, {"from": supplier1})
    receipts.lock(receipt, {"from": custodian})
    with refused("PieceLockedBy", receipt, custodian,
                 views=(lambda: receipts.ownerOf(receipt), lambda: receipts.lockerOf(receipt))):
        receipts.redeem(receipt, {"from": logistics})
    receipts.unlock(receipt, {"from": custodian})
    receipts.redeem(receipt, {"from": logistics})
    assert receipts.balanceOf(supplier1) == 0


# ---------------------------------------------------------------- regressions (receivable token)


def test_regression_another_platform_contract_cannot_unlock_a_receivable(receivables, root, custodian,
                                                                         other_custodian):
    """Issue 13: the receivable token's lock was a flag: any platform contract could lift the lock
    another one had put on a piece. Now the locker is named and only it may unlock."""
    receivables.lock(root, {"from": custodian})
    with refused("NotLocker", root, custodian, other_custodian,
                 views=(lambda: receivables.lockerOf(root), lambda: tuple(receivables.pieceInfo(root)))):
        receivables.unlock(root, {"from": other_custodian})
    assert receivables.pieceInfo(root)["locked"]


def test_regression_another_platform_contract_cannot_move_a_locked_receivable(receivables, root, custodian,
                                                                              other_custodian, supplier1,
                                                                              supplier2):
    """Issue 13: any platform contract could move or split a piece another one had locked."""
    receivables.lock(root, {"from": custodian})
    views = (lambda: receivables.ownerOf(root), lambda: tuple(receivables.pieceInfo(root)),
             receivables.lastPieceId)
    with refused("NotLocker", root, custodian, other_custodian, views=views):
        receivables.platformTransfer(supplier1, supplier2, root, {"from": other_custodian})
    with refused("NotLocker", root, custodian, other_custodian, views=views):
        receivables.platformSplit(root, 100, supplier2, {"from": other_custodian})
