"""merge: pieces of one root held by the caller go back into the first one; the others are burned.

The merged piece keeps the first piece's id and parent and takes the highest tier.
"""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.units import to_base


def test_merge_back_into_root(receivables, root, supplier1, face_value, split_to_self, ledger):
    a = split_to_self(root, supplier1, to_base(100_000))
    b = split_to_self(root, supplier1, to_base(200_000))
    assert receivables.balanceOf(supplier1) == 3

    tx = receivables.merge([root, a, b], {"from": supplier1})

    assert [(e["intoId"], e["mergedId"], e["value"]) for e in tx.events["PiecesMerged"]] == [
        (root, a, to_base(100_000)), (root, b, to_base(200_000))]
    assert [(e["from"], e["to"], e["tokenId"]) for e in tx.events["Transfer"]] == [
        (supplier1, ZERO_ADDRESS, a), (supplier1, ZERO_ADDRESS, b)]
    assert receivables.pieceInfo(root) == (face_value, root, 0, 1, False)
    for gone in (a, b):
        assert ledger.owner(gone) is None
        assert receivables.pieceInfo(gone) == (0, 0, 0, 0, False)
    assert receivables.balanceOf(supplier1) == 1
    assert ledger.assert_conserved(root, face_value).keys() == {root}


def test_merge_into_a_child(receivables, root, supplier1, face_value, split_to_self, ledger):
    """The first piece receives the value even when it is not the root piece."""
    a = split_to_self(root, supplier1, to_base(100_000))
    receivables.merge([a, root], {"from": supplier1})
    assert receivables.pieceInfo(a) == (face_value, root, root, 1, False)  # keeps its own parent
    assert ledger.owner(root) is None
    assert receivables.rootState(root)["faceValue"] == face_value  # the root record outlives its first piece
    ledger.assert_conserved(root, face_value)


def test_merge_takes_the_highest_tier(receivables, root, supplier1, supplier2, supplier3, face_value, ledger):
    """A piece that went supplier1 -> supplier2 -> supplier3 -> supplier1 is at tier 4."""
    back = receivables.splitOff(root, supplier2, to_base(10), {"from": supplier1}).events["PieceSplit"]["childId"]
    receivables.transferFrom(supplier2, supplier3, back, {"from": supplier2})
    receivables.transferFrom(supplier3, supplier1, back, {"from": supplier3})
    assert receivables.pieceInfo(back)["tier"] == 4

    receivables.merge([root, back], {"from": supplier1})
    assert receivables.pieceInfo(root) == (face_value, root, 0, 4, False)
    ledger.assert_conserved(root, face_value)


def test_merge_by_operator(receivables, root, supplier1, bank_a, split_to_self, face_value, ledger):
    a = split_to_self(root, supplier1, 10)
    receivables.setApprovalForAll(bank_a, True, {"from": supplier1})
    receivables.merge([root, a], {"from": bank_a})
    assert receivables.pieceInfo(root)["value"] == face_value
    assert receivables.ownerOf(root) == supplier1
    ledger.assert_conserved(root, face_value)


def test_merge_at_max_batch(receivables, root, supplier1, face_value, ledger):
    n = receivables.MAX_BATCH()
    tx = receivables.split(root, [supplier1] * (n - 1), [1] * (n - 1), {"from": supplier1})
    pieces = [root] + [e["childId"] for e in tx.events["PieceSplit"]]
    receivables.merge(pieces, {"from": supplier1})
    assert receivables.balanceOf(supplier1) == 1
    assert ledger.assert_conserved(root, face_value).keys() == {root}


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("length", [0, 1, 51])
def test_bad_merge_list(receivables, root, supplier1, ledger, length):
    with refused("BadMergeList", length, 50, views=ledger.views(root, roots=(root,))):
        receivables.merge([root] * length, {"from": supplier1})


def test_duplicate_of_first_piece(receivables, root, supplier1, split_to_self, ledger):
    a = split_to_self(root, supplier1, 10)
    with refused("DuplicatePiece", root, views=ledger.views(root, a, roots=(root,))):
        receivables.merge([root, a, root], {"from": supplier1})


def test_duplicate_of_a_later_piece(receivables, root, supplier1, split_to_self, ledger):
    """A later duplicate is met after its first copy was burned: refused as a missing token, and
    the whole merge rolls back (no value is counted twice)."""
    a = split_to_self(root, supplier1, 10)
    with refused("ERC721NonexistentToken", a, views=ledger.views(root, a, roots=(root,))):
        receivables.merge([root, a, a], {"from": supplier1})


def test_different_roots(receivables, root, other_root, supplier1, supplier2, ledger):
    receivables.transferFrom(supplier2, supplier1, other_root, {"from": supplier2})
    views = ledger.views(root, other_root, roots=(root, other_root))
    with refused("DifferentRoots", other_root, other_root, root, views=views):
        receivables.merge([root, other_root], {"from": supplier1})


def test_merge_with_someone_elses_piece(receivables, root, supplier1, supplier2, ledger):
    theirs = receivables.splitOff(root, supplier2, 10, {"from": supplier1}).events["PieceSplit"]["childId"]
    views = ledger.views(root, theirs, roots=(root,))
    with refused("NotPieceHolder", theirs, supplier1, views=views):
        receivables.merge([root, theirs], {"from": supplier1})
    with refused("NotPieceHolder", root, supplier2, views=views):
        receivables.merge([root, theirs], {"from": supplier2})


def test_operator_cannot_merge_across_holders(receivables, root, alliance, core, registry, supplier1, supplier2,
                                              bank_a, ledger):
    """An operator approved by two holders must not move value between them by merging: here it
    would pay supplier2's piece into the piece of supplier1, who is suspended and may not receive."""
    theirs = receivables.splitOff(root, supplier2, 10, {"from": supplier1}).events["PieceSplit"]["childId"]
    receivables.setApprovalForAll(bank_a, True, {"from": supplier1})
    receivables.setApprovalForAll(bank_a, True, {"from": supplier2})
    registry.suspend(alliance, supplier1, {"from": core})
    views = ledger.views(root, theirs, roots=(root,), holders=(supplier1, supplier2))
    with refused("NotPieceHolder", theirs, supplier1, views=views):
        receivables.merge([root, theirs], {"from": bank_a})
    with refused("NotPieceHolder", root, supplier2, views=views):
        receivables.merge([theirs, root], {"from": bank_a})


NEVER_MINTED, LIVE, MERGED, BURNED = range(4)


def test_regression_merge_keeps_lineage(receivables, root, supplier1, split_to_self, ledger, face_value):
    """issue 12 item "Merging breaks lineage": merge([#b, #a]) kept #b with parentId = #a while #a
    was burned and read as all zeros; #a's root, parent and value now stay readable, with the
    piece it went into, and a merged piece is told apart from an id never minted."""
    a = split_to_self(root, supplier1, to_base(100_000))
    b = split_to_self(a, supplier1, to_base(40_000))
    assert receivables.pieceLineage(a) == (LIVE, root, root, to_base(100_000) - to_base(40_000), 0)

    receivables.merge([b, a], {"from": supplier1})

    assert receivables.pieceInfo(b) == (to_base(100_000), root, a, 1, False)
    assert receivables.pieceInfo(a) == (0, 0, 0, 0, False)  # pieceInfo: live pieces only, as before
    assert receivables.pieceLineage(a) == (MERGED, root, root, to_base(60_000), b)
    assert receivables.pieceLineage(b) == (LIVE, root, a, to_base(100_000), 0)
    never = int(receivables.lastPieceId()) + 1
    assert receivables.pieceLineage(never) == (NEVER_MINTED, 0, 0, 0, 0)
    assert receivables.pieceLineage(0) == (NEVER_MINTED, 0, 0, 0, 0)
    ledger.assert_conserved(root, face_value)


def test_merge_chain_stays_followable(receivables, root, supplier1, split_to_self):
    """A piece merged into one that is merged in turn: follow mergedInto to the live piece."""
    a = split_to_self(root, supplier1, 10)
    b = split_to_self(root, supplier1, 20)
    receivables.merge([a, b], {"from": supplier1})
    receivables.merge([root, a], {"from": supplier1})
    assert receivables.pieceLineage(b) == (MERGED, root, root, 20, a)
    assert receivables.pieceLineage(a) == (MERGED, root, root, 30, root)
    assert receivables.pieceLineage(root)[0] == LIVE


def test_burned_piece_keeps_lineage(receivables, root, supplier1, supplier2, custodian):
    """A piece burned by a platform contract (settlement) reads Burned, with its value when burned."""
    child = receivables.splitOff(root, supplier2, 25, {"from": supplier1}).events["PieceSplit"]["childId"]
    tx = receivables.burn(child, {"from": custodian})
    assert tx.events["PieceBurned"][0]["value"] == 25
    assert receivables.pieceLineage(child) == (BURNED, root, root, 25, 0)
    assert receivables.pieceInfo(child) == (0, 0, 0, 0, False)
