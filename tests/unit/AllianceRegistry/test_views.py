"""Views: isActiveMember semantics and the records of unknown ids and accounts."""

import pytest

from scf.enums import AllianceStatus, EnterpriseStatus, MemberStatus
from scf.roles import Role

ZERO = "0x" + "00" * 20


# ---------------------------------------------------------------- isActiveMember


def test_active_member_with_role_mask_zero_means_any_role(registry, alliance, supplier1, bank_a, auditor, core):
    for account in (supplier1, bank_a, auditor, core):
        assert registry.isActiveMember(alliance, account, 0)


@pytest.mark.parametrize("name, role", [
    ("core", Role.CORE), ("supplier1", Role.SUPPLIER), ("distributor", Role.DISTRIBUTOR),
    ("bank_a", Role.FINANCIER), ("auditor", Role.AUDITOR), ("logistics", Role.LOGISTICS),
    ("investor", Role.INVESTOR),
])
def test_active_member_matches_only_its_roles(registry, alliance, name, role, request):
    account = request.getfixturevalue(name)
    assert registry.isActiveMember(alliance, account, int(role))
    for other in Role:
        if other != role:
            assert not registry.isActiveMember(alliance, account, int(other)), other.name


def test_role_mask_with_several_bits_means_any_of_them(registry, alliance, supplier1, bank_a, auditor):
    sellers = int(Role.SUPPLIER | Role.DISTRIBUTOR | Role.CORE)
    assert registry.isActiveMember(alliance, supplier1, sellers)
    assert not registry.isActiveMember(alliance, bank_a, sellers)
    assert registry.isActiveMember(alliance, bank_a, int(Role.all()))
    assert registry.isActiveMember(alliance, auditor, int(Role.AUDITOR | Role.FINANCIER))


def test_member_roles_are_those_invited_not_all_certified(registry, operator, alliance, core, newcomer):
    registry.register("0x" + "11" * 32, int(Role.SUPPLIER | Role.FINANCIER), "both", {"from": newcomer})
    registry.certify(newcomer, int(Role.SUPPLIER | Role.FINANCIER), {"from": operator})
    registry.invite(alliance, newcomer, int(Role.SUPPLIER), {"from": core})
    registry.acceptInvitation(alliance, {"from": newcomer})
    assert registry.isActiveMember(alliance, newcomer, int(Role.SUPPLIER))
    assert not registry.isActiveMember(alliance, newcomer, int(Role.FINANCIER))


def test_no_one_is_active_before_the_alliance_starts(registry, forming, core2, supplier1):
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    assert registry.membershipOf(forming, supplier1)["status"] == MemberStatus.ACTIVE
    assert registry.allianceInfo(forming)["status"] == AllianceStatus.FORMING
    assert not registry.isActiveMember(forming, supplier1, 0)
    assert not registry.isActiveMember(forming, core2, int(Role.CORE))
    registry.start(forming, {"from": core2})
    assert registry.isActiveMember(forming, supplier1, 0)
    assert registry.isActiveMember(forming, core2, int(Role.CORE))


def test_suspended_member_is_not_active(registry, alliance, core, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    assert not registry.isActiveMember(alliance, supplier2, 0)
    assert not registry.isActiveMember(alliance, supplier2, int(Role.SUPPLIER))
    registry.reinstate(alliance, supplier2, {"from": core})
    assert registry.isActiveMember(alliance, supplier2, int(Role.SUPPLIER))


def test_invited_declined_and_left_are_not_active(registry, alliance, core, outsider, logistics, bank_b):
    registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    assert not registry.isActiveMember(alliance, outsider, 0)
    registry.declineInvitation(alliance, {"from": outsider})
    assert not registry.isActiveMember(alliance, outsider, 0)
    registry.leave(alliance, {"from": logistics})
    assert not registry.isActiveMember(alliance, logistics, 0)
    assert registry.isActiveMember(alliance, bank_b, 0)  # the others are untouched


def test_strangers_and_unknown_alliances_are_not_active(registry, alliance, unknown_alliance, rando, outsider, core):
    assert not registry.isActiveMember(alliance, rando, 0)
    assert not registry.isActiveMember(alliance, outsider, 0)
    assert not registry.isActiveMember(unknown_alliance, core, 0)
    assert not registry.isActiveMember(0, core, 0)


def test_membership_is_per_alliance(registry, alliance, forming, core2, supplier1):
    registry.start(forming, {"from": core2})
    assert registry.isActiveMember(alliance, supplier1, 0)
    assert not registry.isActiveMember(forming, supplier1, 0)
    assert not registry.isActiveMember(alliance, core2, 0)


# ---------------------------------------------------------------- records


def test_alliance_records(registry, alliance, core, members):
    a = registry.allianceInfo(alliance).dict()
    assert a["core"] == core == registry.coreOf(alliance)
    assert a["status"] == AllianceStatus.ACTIVE
    assert a["pendingInvitations"] == 0
    assert a["activeMembers"] == len(members) + 1
    assert a["name"] == "Core Electronics supply chain"
    assert a["gracePeriod"] == registry.gracePeriodOf(alliance) == 30 * 86_400


def test_unknown_records_are_empty(registry, alliance, unknown_alliance, rando, outsider):
    a = registry.allianceInfo(unknown_alliance).dict()
    assert a["core"] == ZERO and a["status"] == AllianceStatus.NONE and a["name"] == ""
    assert registry.coreOf(unknown_alliance) == ZERO
    assert registry.gracePeriodOf(unknown_alliance) == 0
    assert registry.membershipOf(alliance, outsider).dict() == {"status": MemberStatus.NONE, "roles": 0}
    e = registry.enterpriseOf(rando).dict()
    assert e["status"] == EnterpriseStatus.NONE
    assert e["appliedRoles"] == e["certifiedRoles"] == e["registeredAt"] == 0
    assert e["name"] == ""


def test_outsider_is_certified_but_not_a_member(registry, alliance, outsider):
    e = registry.enterpriseOf(outsider).dict()
    assert e["status"] == EnterpriseStatus.CERTIFIED
    assert e["certifiedRoles"] == int(Role.SUPPLIER)
    assert registry.membershipOf(alliance, outsider)["status"] == MemberStatus.NONE
