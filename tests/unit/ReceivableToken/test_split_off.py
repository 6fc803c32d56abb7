"""splitOff: the everyday "pay my supplier with part of my receivable" (one recipient)."""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.units import to_base


@pytest.fixture
def split_views(ledger, root, supplier1, supplier2):
    return ledger.views(root, root + 1, roots=(root,), holders=(supplier1, supplier2))


def test_split_off_to_supplier(receivables, root, supplier1, supplier2, face_value, ledger):
    amount = to_base(250_000)
    tx = receivables.splitOff(root, supplier2, amount, {"from": supplier1})

    child = tx.events["PieceSplit"]["childId"]
    assert child == root + 1 == receivables.lastPieceId()
    assert tx.return_value == child
    assert tx.events["PieceSplit"] == {"parentId": root, "childId": child, "to": supplier2, "value": amount, "tier": 2}
    assert tx.events["Transfer"] == {"from": ZERO_ADDRESS, "to": supplier2, "tokenId": child}
    assert receivables.ownerOf(child) == supplier2
    assert receivables.pieceInfo(child) == (amount, root, root, 2, False)
    assert receivables.pieceInfo(root) == (face_value - amount, root, 0, 1, False)
    assert ledger.assert_conserved(root, face_value).keys() == {root, child}


def test_split_off_to_self_keeps_tier(receivables, root, supplier1, face_value, ledger):
    tx = receivables.splitOff(root, supplier1, 7, {"from": supplier1})
    child = tx.events["PieceSplit"]["childId"]
    assert receivables.pieceInfo(child) == (7, root, root, 1, False)
    assert receivables.ownerOf(child) == supplier1
    ledger.assert_conserved(root, face_value)


def test_three_tiers_deep(receivables, root, supplier1, supplier2, supplier3, bank_a, face_value, ledger):
    """Tier is the supply-chain tier: supplier1 (1) pays supplier2 (2), who pays supplier3 (3); the bank
    that takes part of it (custody, not payment) holds a tier-3 piece."""
    t2 = receivables.splitOff(root, supplier2, to_base(500_000), {"from": supplier1}).events["PieceSplit"]["childId"]
    t3 = receivables.splitOff(t2, supplier3, to_base(200_000), {"from": supplier2}).events["PieceSplit"]["childId"]
    t4 = receivables.splitOff(t3, bank_a, to_base(50_000), {"from": supplier3}).events["PieceSplit"]["childId"]
    assert [receivables.pieceInfo(p)["tier"] for p in (root, t2, t3, t4)] == [1, 2, 3, 3]
    assert [receivables.pieceInfo(p)["parentId"] for p in (root, t2, t3, t4)] == [0, root, t2, t3]
    assert {receivables.pieceInfo(p)["rootId"] for p in (root, t2, t3, t4)} == {root}
    assert [receivables.pieceInfo(p)["value"] for p in (root, t2, t3, t4)] == [
        to_base(500_000), to_base(300_000), to_base(150_000), to_base(50_000)]
    ledger.assert_conserved(root, face_value)


def test_largest_possible_split(receivables, root, supplier1, supplier2, face_value, ledger):
    child = receivables.splitOff(root, supplier2, face_value - 1, {"from": supplier1}).events["PieceSplit"]["childId"]
    assert receivables.pieceInfo(root)["value"] == 1
    assert receivables.pieceInfo(child)["value"] == face_value - 1
    ledger.assert_conserved(root, face_value)


# ---------------------------------------------------------------- refusals


def test_zero_value(receivables, root, supplier1, supplier2, split_views):
    with refused("ZeroValue", views=split_views):
        receivables.splitOff(root, supplier2, 0, {"from": supplier1})


@pytest.mark.parametrize("extra", [0, 1], ids=["whole value", "more than the value"])
def test_split_must_leave_a_remainder(receivables, root, supplier1, supplier2, face_value, split_views, extra):
    with refused("SplitExhaustsPiece", root, face_value, face_value + extra, views=split_views):
        receivables.splitOff(root, supplier2, face_value + extra, {"from": supplier1})


def test_split_off_by_a_stranger(receivables, root, supplier2, bank_a, split_views):
    with refused("NotPieceHolder", root, bank_a, views=split_views):
        receivables.splitOff(root, supplier2, 10, {"from": bank_a})


def test_former_holder_cannot_split(receivables, root, supplier1, supplier2, ledger):
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    with refused("NotPieceHolder", root, supplier1, views=ledger.views(root, root + 1, roots=(root,))):
        receivables.splitOff(root, supplier1, 10, {"from": supplier1})
