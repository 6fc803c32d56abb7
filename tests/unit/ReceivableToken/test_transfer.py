"""transferFrom / safeTransferFrom: passing a whole piece on (one tier up when paid to another
enterprise, the same tier to or from a financier), and approved operators."""

import pytest
from helpers import refused

from scf.units import to_base

SAFE = "address,address,uint256"
SAFE_DATA = "address,address,uint256,bytes"


@pytest.fixture
def moved_views(ledger, root, supplier1, supplier2):
    return ledger.views(root, roots=(root,), holders=(supplier1, supplier2))


def test_transfer_whole_piece(receivables, root, supplier1, supplier2, face_value, ledger):
    tx = receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    assert tx.events["Transfer"] == {"from": supplier1, "to": supplier2, "tokenId": root}
    assert receivables.ownerOf(root) == supplier2
    assert receivables.pieceInfo(root) == (face_value, root, 0, 2, False)  # tier 1 -> 2, nothing else
    assert (receivables.balanceOf(supplier1), receivables.balanceOf(supplier2)) == (0, 1)
    assert receivables.lastPieceId() == root
    ledger.assert_conserved(root, face_value)


def test_regression_tier_is_the_supply_chain_tier(receivables, root, supplier1, supplier2, supplier3, bank_a,
                                                   bank_b):
    """issue 10 item 13 / issue 12: the tier counted every hand (a bank buying made it "tier 4" of a
    three-tier chain). Now: each payment between enterprises is one tier up; moves to or from a
    financier keep it."""
    tx = receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    assert tx.events["PieceTierRaised"] == {"pieceId": root, "to": supplier2, "tier": 2}
    receivables.transferFrom(supplier2, supplier3, root, {"from": supplier2})
    assert receivables.pieceInfo(root)["tier"] == 3
    tx = receivables.transferFrom(supplier3, bank_a, root, {"from": supplier3})
    assert receivables.pieceInfo(root)["tier"] == 3 and "PieceTierRaised" not in tx.events
    receivables.transferFrom(bank_a, bank_b, root, {"from": bank_a})
    assert receivables.pieceInfo(root)["tier"] == 3
    receivables.transferFrom(bank_b, supplier1, root, {"from": bank_b})
    assert receivables.pieceInfo(root)["tier"] == 3


def test_transfer_to_self_keeps_tier(receivables, root, supplier1, face_value):
    receivables.transferFrom(supplier1, supplier1, root, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root) == (face_value, root, 0, 1, False)


def test_transfer_of_a_child(receivables, root, supplier1, supplier2, supplier3, face_value, ledger):
    child = receivables.splitOff(root, supplier2, to_base(100), {"from": supplier1}).events["PieceSplit"]["childId"]
    receivables.transferFrom(supplier2, supplier3, child, {"from": supplier2})
    assert receivables.ownerOf(child) == supplier3
    assert receivables.pieceInfo(child) == (to_base(100), root, root, 3, False)
    ledger.assert_conserved(root, face_value)


@pytest.mark.parametrize("signature", [SAFE, SAFE_DATA])
def test_safe_transfer(receivables, root, supplier1, supplier2, face_value, signature):
    args = (supplier1, supplier2, root) + ((b"invoice INV-0001",) if signature == SAFE_DATA else ())
    receivables.safeTransferFrom[signature](*args, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier2
    assert receivables.pieceInfo(root) == (face_value, root, 0, 2, False)


@pytest.mark.parametrize("signature", [SAFE, SAFE_DATA])
def test_safe_transfer_checks_membership(receivables, root, alliance, supplier1, outsider, moved_views, signature):
    args = (supplier1, outsider, root) + ((b"",) if signature == SAFE_DATA else ())
    with refused("RecipientNotMember", alliance, outsider, views=moved_views):
        receivables.safeTransferFrom[signature](*args, {"from": supplier1})


def test_regression_platform_contract_may_not_receive(receivables, root, alliance, supplier1, custodian, face_value,
                                                     ledger):
    """issue 10 item 10: platform contracts (market, pool) used to be allowed recipients of a
    holder's transfer, and a piece sent there by mistake stayed there for ever. Now refused."""
    views = ledger.views(root, root + 1, roots=(root,), holders=(supplier1, custodian))
    with refused("RecipientNotMember", alliance, custodian, views=views):
        receivables.transferFrom(supplier1, custodian, root, {"from": supplier1})
    with refused("RecipientNotMember", alliance, custodian, views=views):
        receivables.safeTransferFrom(supplier1, custodian, root, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier1
    ledger.assert_conserved(root, face_value)


# ---------------------------------------------------------------- approved operators


def test_operator_transfers_for_holder(receivables, root, supplier1, supplier2, bank_a):
    receivables.setApprovalForAll(bank_a, True, {"from": supplier1})
    receivables.transferFrom(supplier1, supplier2, root, {"from": bank_a})
    assert receivables.ownerOf(root) == supplier2
    assert receivables.pieceInfo(root)["tier"] == 2


def test_operator_splits_for_holder(receivables, root, supplier1, supplier2, bank_a, face_value, ledger):
    """The tier follows the holder, not the operator: a child for the holder keeps its tier."""
    receivables.setApprovalForAll(bank_a, True, {"from": supplier1})
    tx = receivables.split(root, [supplier2, supplier1], [10, 20], {"from": bank_a})
    to_supplier2, to_holder = (e["childId"] for e in tx.events["PieceSplit"])
    assert receivables.ownerOf(to_holder) == supplier1
    assert receivables.pieceInfo(to_holder)["tier"] == 1
    assert receivables.pieceInfo(to_supplier2)["tier"] == 2

    child = receivables.splitOff(root, bank_a, 30, {"from": bank_a}).events["PieceSplit"]["childId"]
    assert receivables.ownerOf(child) == bank_a
    assert receivables.pieceInfo(child)["tier"] == 1         # to a financier: custody
    ledger.assert_conserved(root, face_value)


def test_token_approval_allows_one_transfer(receivables, root, supplier1, supplier2, supplier3, bank_a, ledger):
    receivables.approve(bank_a, root, {"from": supplier1})
    receivables.transferFrom(supplier1, supplier2, root, {"from": bank_a})
    assert receivables.ownerOf(root) == supplier2
    assert receivables.getApproved(root) == "0x" + "0" * 40  # cleared by the transfer
    with refused("NotPieceHolder", root, bank_a, views=ledger.views(root)):
        receivables.transferFrom(supplier2, supplier3, root, {"from": bank_a})


def test_revoked_operator(receivables, root, supplier1, supplier2, bank_a, moved_views):
    receivables.setApprovalForAll(bank_a, True, {"from": supplier1})
    receivables.setApprovalForAll(bank_a, False, {"from": supplier1})
    with refused("NotPieceHolder", root, bank_a, views=moved_views):
        receivables.transferFrom(supplier1, supplier2, root, {"from": bank_a})


def test_operator_of_someone_else(receivables, root, supplier1, supplier2, supplier3, bank_a, moved_views):
    receivables.setApprovalForAll(bank_a, True, {"from": supplier3})
    with refused("NotPieceHolder", root, bank_a, views=moved_views):
        receivables.splitOff(root, supplier2, 1, {"from": bank_a})


# ---------------------------------------------------------------- refusals


def test_transfer_by_a_stranger(receivables, root, supplier1, supplier2, moved_views):
    with refused("NotPieceHolder", root, supplier2, views=moved_views):
        receivables.transferFrom(supplier1, supplier2, root, {"from": supplier2})


def test_wrong_from(receivables, root, supplier1, supplier2, supplier3, moved_views):
    """The holder names someone else as the sender: ERC-721's owner check still applies."""
    with refused("ERC721IncorrectOwner", supplier2, root, supplier1, views=moved_views):
        receivables.transferFrom(supplier2, supplier3, root, {"from": supplier1})
