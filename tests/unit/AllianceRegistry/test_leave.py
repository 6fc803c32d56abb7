"""leave: a member (not the core) quits whatever it holds, keeping its pieces and their rights."""


from helpers import refused

from scf.brownie import clock
from scf.enums import MemberStatus
from scf.roles import Role


def member(registry, alliance_id, account):
    return lambda: registry.membershipOf(alliance_id, account)


def info(registry, alliance_id):
    return lambda: registry.allianceInfo(alliance_id)


def test_leave_as_active_member(registry, alliance, logistics):
    before = registry.allianceInfo(alliance)["activeMembers"]
    tx = registry.leave(alliance, {"from": logistics})

    m = registry.membershipOf(alliance, logistics).dict()
    assert m["status"] == MemberStatus.LEFT
    assert registry.allianceInfo(alliance)["activeMembers"] == before - 1
    assert not registry.isActiveMember(alliance, logistics, 0)
    ev = tx.events["MemberLeft"]
    assert ev["allianceId"] == alliance
    assert ev["member"] == logistics


def test_leave_while_suspended_does_not_count_twice(registry, alliance, core, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    suspended_count = registry.allianceInfo(alliance)["activeMembers"]
    tx = registry.leave(alliance, {"from": supplier2})
    assert registry.membershipOf(alliance, supplier2)["status"] == MemberStatus.LEFT
    assert registry.allianceInfo(alliance)["activeMembers"] == suspended_count
    assert tx.events["MemberLeft"]["member"] == supplier2


def test_leave_forming_alliance(registry, forming, core2, supplier3):
    registry.invite(forming, supplier3, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier3})
    registry.leave(forming, {"from": supplier3})
    assert registry.membershipOf(forming, supplier3)["status"] == MemberStatus.LEFT
    assert registry.allianceInfo(forming)["activeMembers"] == 1


def test_leave_refuses_unknown_alliance(registry, unknown_alliance, logistics):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, logistics),)):
        registry.leave(unknown_alliance, {"from": logistics})


def test_leave_refuses_the_core(registry, alliance, core):
    with refused("CoreEnterpriseIsPermanent", alliance, core,
                 views=(member(registry, alliance, core), info(registry, alliance))):
        registry.leave(alliance, {"from": core})


def test_leave_refuses_non_member(registry, alliance, outsider):
    with refused("NotActiveMember", alliance, outsider,
                 views=(member(registry, alliance, outsider), info(registry, alliance))):
        registry.leave(alliance, {"from": outsider})


def test_leave_refuses_invited_member(registry, alliance, core, outsider):
    registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    with refused("NotActiveMember", alliance, outsider,
                 views=(member(registry, alliance, outsider), info(registry, alliance))):
        registry.leave(alliance, {"from": outsider})


def test_leave_refuses_twice(registry, alliance, logistics):
    registry.leave(alliance, {"from": logistics})
    with refused("NotActiveMember", alliance, logistics,
                 views=(member(registry, alliance, logistics), info(registry, alliance))):
        registry.leave(alliance, {"from": logistics})


# ---------------------------------------------------------------- live pieces


def test_leave_while_holding_a_piece_keeps_it_and_its_rights(registry, receivables, alliance, root, face_value,
                                                             supplier1, supplier2):
    """A member leaves whatever it holds; it keeps its pieces, may still pass them on to an active
    member, and receives nothing more (not even a part of its own piece)."""
    receivables.splitOff(root, supplier1, face_value // 4, {"from": supplier1})
    assert receivables.balanceOf(supplier1) == 2

    tx = registry.leave(alliance, {"from": supplier1})

    assert tx.events["MemberLeft"]["member"] == supplier1
    assert registry.membershipOf(alliance, supplier1)["status"] == MemberStatus.LEFT
    assert receivables.balanceOf(supplier1) == 2 and receivables.ownerOf(root) == supplier1
    with refused("RecipientNotMember", alliance, supplier1, views=(lambda: receivables.pieceInfo(root),)):
        receivables.splitOff(root, supplier1, 1, {"from": supplier1})
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier2


def test_leave_while_suspended_and_holding(registry, receivables, alliance, root, core, supplier1):
    registry.suspend(alliance, supplier1, {"from": core})
    active = registry.allianceInfo(alliance)["activeMembers"]
    registry.leave(alliance, {"from": supplier1})
    assert registry.membershipOf(alliance, supplier1)["status"] == MemberStatus.LEFT
    assert registry.allianceInfo(alliance)["activeMembers"] == active
    assert receivables.ownerOf(root) == supplier1


def test_pieces_of_one_alliance_do_not_hold_a_member_in_another(registry, receivables, alliance, forming, root, core2,
                                                                supplier1):
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    registry.leave(forming, {"from": supplier1})
    assert registry.membershipOf(forming, supplier1)["status"] == MemberStatus.LEFT
    assert registry.membershipOf(alliance, supplier1)["status"] == MemberStatus.ACTIVE
    assert receivables.ownerOf(root) == supplier1


def test_regression_a_piece_sent_before_maturity_cannot_keep_a_member_from_leaving(
        registry, receivables, settlement, cash, operator, alliance, root, core, supplier1, supplier2, face_value):
    """issue 10 follow-up: a member can be kept from leaving. Pieces are received without
    consent and stop moving at maturity, so a 1-unit piece sent in the last block before maturity
    (of a root never repaid in full) used to keep its recipient in the alliance for ever
    (StillHoldsPieces). Leaving no longer looks at holdings, and the member that left keeps the
    piece and what it is worth: it claims the piece's value once the root is repaid."""
    maturity = receivables.rootState(root)[0]
    clock.next_block_at(maturity - 1)
    dust = receivables.splitOff(root, supplier2, 1, {"from": supplier1}).events["PieceSplit"]["childId"]
    clock.travel_to(maturity)
    with refused("RootMatured", root, maturity):  # the victim cannot pass it on any more
        receivables.transferFrom(supplier2, core, dust, {"from": supplier2})

    tx = registry.leave(alliance, {"from": supplier2})

    assert tx.events["MemberLeft"]["member"] == supplier2
    assert registry.membershipOf(alliance, supplier2)["status"] == MemberStatus.LEFT
    assert receivables.ownerOf(dust) == supplier2
    assert receivables.pieceInfo(dust)["value"] == 1
    # what the piece is worth stays the leaver's: the root repaid, it claims its unit
    cash.mint(core, face_value, {"from": operator})
    cash.approve(settlement, face_value, {"from": core})
    settlement.repay(root, face_value, {"from": core})
    before = cash.balanceOf(supplier2)
    assert settlement.claim(dust, {"from": supplier2}).events["Claimed"]["amount"] == 1
    assert cash.balanceOf(supplier2) == before + 1
    assert receivables.balanceOf(supplier2) == 0
