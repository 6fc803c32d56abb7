"""A contract holder that re-enters the receivable token when it receives a piece by safe transfer."""

import pytest
from helpers import refused

from scf.roles import Role
from scf.units import to_base


@pytest.fixture(scope="module")
def member_receiver(receiver, registry, operator, core, alliance):
    """The receiver contract registered, certified and admitted as a supplier."""
    receiver.execute(registry, registry.register.encode_input(b"\x07" * 32, int(Role.SUPPLIER), "contract holder"),
                     {"from": operator})
    registry.certify(receiver, int(Role.SUPPLIER), {"from": operator})
    registry.invite(alliance, receiver, int(Role.SUPPLIER), {"from": core})
    receiver.execute(registry, registry.acceptInvitation.encode_input(alliance), {"from": operator})
    return receiver


def live_total(receivables, root):
    total = 0
    for piece in range(root, receivables.lastPieceId() + 1):
        value, rid, *_ = receivables.pieceInfo(piece)
        if rid == root:
            total += value
    return total


def test_reentry_on_receipt_keeps_the_root_whole(member_receiver, receivables, root, supplier1, supplier2, face_value):
    child = receivables.splitOff(root, supplier1, to_base(100_000), {"from": supplier1}).return_value
    # on receipt, the receiver immediately splits the piece it is receiving to supplier2
    member_receiver.arm(receivables, receivables.splitOff.encode_input(child, supplier2, to_base(40_000)), True)
    receivables.safeTransferFrom(supplier1, member_receiver, child, {"from": supplier1})
    assert member_receiver.attackSucceeded()
    assert receivables.ownerOf(child) == member_receiver
    assert receivables.pieceInfo(child)[0] == to_base(60_000)
    assert live_total(receivables, root) == face_value


def test_reentry_cannot_move_a_piece_it_does_not_hold(member_receiver, receivables, root, supplier1, supplier2):
    child = receivables.splitOff(root, supplier1, to_base(100_000), {"from": supplier1}).return_value
    # the receiver tries to take the sender's remaining root piece while receiving
    member_receiver.arm(receivables, receivables.transferFrom.encode_input(supplier1, supplier2, root), True)
    with refused("NotPieceHolder", root, member_receiver,
                 views=(lambda: receivables.ownerOf(child), lambda: receivables.ownerOf(root))):
        receivables.safeTransferFrom(supplier1, member_receiver, child, {"from": supplier1})
