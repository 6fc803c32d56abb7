"""invite: the core asks a certified enterprise into its alliance in given roles."""

from helpers import refused

from scf.enums import MemberStatus
from scf.roles import Role


def member(registry, alliance_id, account):
    return lambda: registry.membershipOf(alliance_id, account)


def info(registry, alliance_id):
    return lambda: registry.allianceInfo(alliance_id)


def test_invite_into_forming_alliance(registry, forming, core2, supplier1):
    tx = registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})

    assert registry.membershipOf(forming, supplier1).dict() == {
        "status": MemberStatus.INVITED, "roles": int(Role.SUPPLIER)}
    a = registry.allianceInfo(forming).dict()
    assert a["pendingInvitations"] == 1
    assert a["activeMembers"] == 1
    ev = tx.events["MemberInvited"]
    assert ev["allianceId"] == forming
    assert ev["member"] == supplier1
    assert ev["roles"] == int(Role.SUPPLIER)


def test_invite_counts_each_pending_invitation(registry, forming, core2, supplier1, auditor, bank_a):
    for account, role in ((supplier1, Role.SUPPLIER), (auditor, Role.AUDITOR), (bank_a, Role.FINANCIER)):
        registry.invite(forming, account, int(role), {"from": core2})
    assert registry.allianceInfo(forming)["pendingInvitations"] == 3


def test_invite_into_started_alliance(registry, alliance, core, outsider):
    tx = registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    assert registry.membershipOf(alliance, outsider)["status"] == MemberStatus.INVITED
    assert registry.allianceInfo(alliance)["pendingInvitations"] == 1
    assert not registry.isActiveMember(alliance, outsider, 0)
    assert tx.events["MemberInvited"]["member"] == outsider


def test_invite_in_a_subset_of_certified_roles(registry, operator, forming, core2, newcomer, id_hash):
    registry.register(id_hash, int(Role.SUPPLIER | Role.LOGISTICS), "two hats", {"from": newcomer})
    registry.certify(newcomer, int(Role.SUPPLIER | Role.LOGISTICS), {"from": operator})
    registry.invite(forming, newcomer, int(Role.LOGISTICS), {"from": core2})
    assert registry.membershipOf(forming, newcomer)["roles"] == int(Role.LOGISTICS)


def test_invite_again_after_decline(registry, forming, core2, supplier1):
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.declineInvitation(forming, {"from": supplier1})
    tx = registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    assert registry.membershipOf(forming, supplier1)["status"] == MemberStatus.INVITED
    assert registry.allianceInfo(forming)["pendingInvitations"] == 1
    assert "MemberInvited" in tx.events


def test_invite_again_after_leaving(registry, alliance, core, logistics):
    registry.leave(alliance, {"from": logistics})
    registry.invite(alliance, logistics, int(Role.LOGISTICS), {"from": core})
    registry.acceptInvitation(alliance, {"from": logistics})
    assert registry.isActiveMember(alliance, logistics, int(Role.LOGISTICS))


def test_invite_refuses_unknown_alliance(registry, unknown_alliance, core, supplier1):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, supplier1),)):
        registry.invite(unknown_alliance, supplier1, int(Role.SUPPLIER), {"from": core})


def test_invite_refuses_non_core(registry, forming, core, operator, supplier1):
    views = (member(registry, forming, supplier1), info(registry, forming))
    with refused("NotAllianceCore", forming, core, views=views):
        registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core})
    with refused("NotAllianceCore", forming, operator, views=views):
        registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": operator})


def test_invite_refuses_empty_roles(registry, forming, core2, supplier1):
    views = (member(registry, forming, supplier1), info(registry, forming))
    with refused("InvalidRoles", 0, views=views):
        registry.invite(forming, supplier1, 0, {"from": core2})


def test_invite_refuses_unknown_role_bits(registry, forming, core2, supplier1):
    views = (member(registry, forming, supplier1), info(registry, forming))
    with refused("InvalidRoles", 0x102, views=views):
        registry.invite(forming, supplier1, 0x102, {"from": core2})


def test_invite_refuses_unregistered(registry, forming, core2, rando):
    views = (member(registry, forming, rando), info(registry, forming))
    with refused("NotCertified", rando, views=views):
        registry.invite(forming, rando, int(Role.SUPPLIER), {"from": core2})


def test_invite_refuses_pending_registration(registry, forming, core2, newcomer, id_hash):
    registry.register(id_hash, int(Role.SUPPLIER), "pending", {"from": newcomer})
    views = (member(registry, forming, newcomer), info(registry, forming))
    with refused("NotCertified", newcomer, views=views):
        registry.invite(forming, newcomer, int(Role.SUPPLIER), {"from": core2})


def test_invite_refuses_roles_not_certified(registry, forming, core2, supplier1):
    asked = int(Role.SUPPLIER | Role.FINANCIER)
    views = (member(registry, forming, supplier1), info(registry, forming))
    with refused("MissingRoles", supplier1, asked, int(Role.SUPPLIER), views=views):
        registry.invite(forming, supplier1, asked, {"from": core2})


def test_invite_refuses_already_invited(registry, forming, core2, supplier1):
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    views = (member(registry, forming, supplier1), info(registry, forming))
    with refused("AlreadyMember", forming, supplier1, MemberStatus.INVITED, views=views):
        registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})


def test_invite_refuses_active_member(registry, alliance, core, supplier1):
    views = (member(registry, alliance, supplier1), info(registry, alliance))
    with refused("AlreadyMember", alliance, supplier1, MemberStatus.ACTIVE, views=views):
        registry.invite(alliance, supplier1, int(Role.SUPPLIER), {"from": core})


def test_invite_refuses_the_core_itself(registry, alliance, core):
    views = (member(registry, alliance, core), info(registry, alliance))
    with refused("AlreadyMember", alliance, core, MemberStatus.ACTIVE, views=views):
        registry.invite(alliance, core, int(Role.CORE), {"from": core})


def test_invite_refuses_suspended_member(registry, alliance, core, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    views = (member(registry, alliance, supplier2), info(registry, alliance))
    with refused("AlreadyMember", alliance, supplier2, MemberStatus.SUSPENDED, views=views):
        registry.invite(alliance, supplier2, int(Role.SUPPLIER), {"from": core})
