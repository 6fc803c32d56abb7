"""split: values go off a piece to several recipients in one transaction; the piece keeps the rest.

Provenance: a child's parent is the split piece, its root the piece's root, its tier the piece's
tier + 1 when paid to another enterprise (the holder's own children and a financier's keep the tier).
"""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.units import to_base


@pytest.fixture
def split_views(ledger, root, supplier1, supplier2):
    return ledger.views(root, root + 1, roots=(root,), holders=(supplier1, supplier2))


def test_split_to_several_recipients(receivables, root, supplier1, supplier2, supplier3, bank_a, face_value, ledger):
    amounts = [to_base(300_000), to_base(200_000), to_base(100_000)]
    tx = receivables.split(root, [supplier2, bank_a, supplier3], amounts, {"from": supplier1})

    children = [e["childId"] for e in tx.events["PieceSplit"]]
    assert children == [root + 1, root + 2, root + 3]
    assert tx.return_value == children
    assert receivables.lastPieceId() == root + 3

    for child, holder, amount in zip(children, [supplier2, bank_a, supplier3], amounts):
        assert receivables.ownerOf(child) == holder
        tier = 1 if holder == bank_a else 2          # to a financier: custody, not payment
        assert receivables.pieceInfo(child) == (amount, root, root, tier, False)
    assert receivables.pieceInfo(root) == (face_value - sum(amounts), root, 0, 1, False)
    assert receivables.ownerOf(root) == supplier1

    assert [dict(e) for e in tx.events["PieceSplit"]] == [
        {"parentId": root, "childId": c, "to": h, "value": a, "tier": t}
        for c, h, a, t in zip(children, [supplier2.address, bank_a.address, supplier3.address], amounts, [2, 1, 2])
    ]
    assert [(e["from"], e["to"], e["tokenId"]) for e in tx.events["Transfer"]] == [
        (ZERO_ADDRESS, h, c) for c, h in zip(children, [supplier2, bank_a, supplier3])
    ]
    live = ledger.assert_conserved(root, face_value)
    assert set(live) == {root, *children}


def test_split_to_self_keeps_tier(receivables, root, supplier1, supplier2, face_value, ledger):
    """Dividing for later: the holder's own child stays at its tier; others go one tier down."""
    tx = receivables.split(root, [supplier1, supplier2, supplier1], [10, 20, 30], {"from": supplier1})
    mine, theirs, mine_too = (e["childId"] for e in tx.events["PieceSplit"])
    assert receivables.pieceInfo(mine)["tier"] == receivables.pieceInfo(mine_too)["tier"] == 1
    assert receivables.pieceInfo(theirs)["tier"] == 2
    assert receivables.balanceOf(supplier1) == 3
    ledger.assert_conserved(root, face_value)


def test_split_down_the_chain(receivables, root, supplier1, supplier2, supplier3, bank_a, face_value, ledger):
    """A tier-2 holder splits on: the grandchildren record their parent and the original root."""
    tx = receivables.split(root, [supplier2], [to_base(400_000)], {"from": supplier1})
    child = tx.events["PieceSplit"]["childId"]
    tx = receivables.split(child, [supplier3, bank_a], [to_base(100_000), to_base(50_000)], {"from": supplier2})
    grand = [e["childId"] for e in tx.events["PieceSplit"]]
    for g, tier in zip(grand, (3, 2)):               # supplier3 is paid (tier 3); the bank holds tier 2's
        info = receivables.pieceInfo(g)
        assert (info["rootId"], info["parentId"], info["tier"]) == (root, child, tier)
    assert receivables.pieceInfo(child)["value"] == to_base(250_000)
    ledger.assert_conserved(root, face_value)


def test_split_at_max_batch(receivables, root, supplier1, supplier2, face_value, ledger):
    n = receivables.MAX_BATCH()
    assert n == 50
    tx = receivables.split(root, [supplier2] * n, [1] * n, {"from": supplier1})
    assert len(tx.events["PieceSplit"]) == n
    assert receivables.balanceOf(supplier2) == n
    assert receivables.pieceInfo(root)["value"] == face_value - n
    ledger.assert_conserved(root, face_value)


def test_split_leaving_one_unit(receivables, root, supplier1, supplier2, face_value, ledger):
    receivables.split(root, [supplier2, supplier2], [face_value - 2, 1], {"from": supplier1})
    assert receivables.pieceInfo(root)["value"] == 1
    ledger.assert_conserved(root, face_value)


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("n_recipients, n_amounts", [(0, 0), (2, 1), (1, 2), (0, 1), (51, 51)],
                         ids=["empty", "fewer amounts", "fewer recipients", "no recipients", "over max batch"])
def test_bad_split_list(receivables, root, supplier1, supplier2, split_views, n_recipients, n_amounts):
    with refused("BadSplitList", n_recipients, n_amounts, 50, views=split_views):
        receivables.split(root, [supplier2] * n_recipients, [1] * n_amounts, {"from": supplier1})


def test_zero_amount(receivables, root, supplier1, supplier2, split_views):
    with refused("ZeroValue", views=split_views):
        receivables.split(root, [supplier2, supplier2], [5, 0], {"from": supplier1})


@pytest.mark.parametrize("extra", [0, 1], ids=["whole value", "more than the value"])
def test_split_must_leave_a_remainder(receivables, root, supplier1, supplier2, face_value, split_views, extra):
    amounts = [face_value // 2, face_value - face_value // 2 + extra]
    with refused("SplitExhaustsPiece", root, face_value, face_value + extra, views=split_views):
        receivables.split(root, [supplier2, supplier2], amounts, {"from": supplier1})


@pytest.mark.parametrize("stranger", ["outsider", "rando", "core2"])
def test_one_non_member_spoils_the_batch(receivables, root, alliance, supplier1, supplier2, split_views, actors,
                                         rando, stranger):
    """Every recipient is checked; nothing is issued when one of them is not a member."""
    account = rando if stranger == "rando" else actors[stranger]
    with refused("RecipientNotMember", alliance, account, views=split_views):
        receivables.split(root, [supplier2, account], [10, 10], {"from": supplier1})


def test_split_by_a_stranger(receivables, root, supplier2, split_views):
    with refused("NotPieceHolder", root, supplier2, views=split_views):
        receivables.split(root, [supplier2], [10], {"from": supplier2})
