"""leave: a member (not the core) quits once it holds no live receivable piece."""


from helpers import refused

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


def test_leave_refuses_while_holding_a_piece(registry, receivables, alliance, root, supplier1):
    assert receivables.balanceOf(supplier1) == 1
    with refused("StillHoldsPieces", supplier1, 1,
                 views=(member(registry, alliance, supplier1), info(registry, alliance))):
        registry.leave(alliance, {"from": supplier1})


def test_leave_refuses_while_suspended_and_holding(registry, receivables, alliance, root, core, supplier1):
    registry.suspend(alliance, supplier1, {"from": core})
    with refused("StillHoldsPieces", supplier1, 1,
                 views=(member(registry, alliance, supplier1), info(registry, alliance))):
        registry.leave(alliance, {"from": supplier1})


def test_leave_refuses_with_every_piece_counted(registry, receivables, alliance, root, face_value, supplier1):
    # split a piece off to itself: two pieces held
    receivables.splitOff(root, supplier1, face_value // 4, {"from": supplier1})
    assert receivables.balanceOf(supplier1) == 2
    with refused("StillHoldsPieces", supplier1, 2, views=(member(registry, alliance, supplier1),)):
        registry.leave(alliance, {"from": supplier1})


def test_pieces_from_any_alliance_block_leaving(registry, receivables, alliance, forming, root, core2, supplier1):
    # supplier1's piece comes from `alliance`; it still cannot leave `forming`
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    with refused("StillHoldsPieces", supplier1, 1,
                 views=(member(registry, forming, supplier1), info(registry, forming))):
        registry.leave(forming, {"from": supplier1})


def test_leave_after_passing_the_piece_on_whole(registry, receivables, alliance, root, supplier1, supplier2):
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier2
    assert receivables.balanceOf(supplier1) == 0

    tx = registry.leave(alliance, {"from": supplier1})

    assert registry.membershipOf(alliance, supplier1)["status"] == MemberStatus.LEFT
    assert tx.events["MemberLeft"]["member"] == supplier1
    # and the new holder is now the one held back
    with refused("StillHoldsPieces", supplier2, 1, views=(member(registry, alliance, supplier2),)):
        registry.leave(alliance, {"from": supplier2})


def test_leave_without_holdings_source(AllianceRegistry, platform, operator, core, supplier1):
    """A registry not wired to the receivable token lets members leave unchecked.

    (``platform`` is requested for the gas money it gives the actors.)
    """
    from scf.onboarding import form_alliance

    fresh = AllianceRegistry.deploy(operator, {"from": operator})
    assert fresh.holdingsSource() == "0x" + "00" * 20
    alliance_id = form_alliance(fresh, operator, core, [(supplier1, Role.SUPPLIER, "s1")], "bare")
    fresh.leave(alliance_id, {"from": supplier1})
    assert fresh.membershipOf(alliance_id, supplier1)["status"] == MemberStatus.LEFT
