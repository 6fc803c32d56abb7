"""suspend / reinstate: the core or the operator takes a member out of business and back."""

import pytest
from helpers import refused

from scf.enums import MemberStatus
from scf.roles import Role


def member(registry, alliance_id, account):
    return lambda: registry.membershipOf(alliance_id, account)


def info(registry, alliance_id):
    return lambda: registry.allianceInfo(alliance_id)


# ---------------------------------------------------------------- suspend


@pytest.mark.parametrize("by", ["core", "operator"])
def test_suspend(registry, alliance, supplier2, by, request):
    caller = request.getfixturevalue(by)
    before = registry.allianceInfo(alliance)["activeMembers"]
    tx = registry.suspend(alliance, supplier2, {"from": caller})

    assert registry.membershipOf(alliance, supplier2).dict() == {
        "status": MemberStatus.SUSPENDED, "roles": int(Role.SUPPLIER)}
    assert registry.allianceInfo(alliance)["activeMembers"] == before - 1
    assert not registry.isActiveMember(alliance, supplier2, 0)
    ev = tx.events["MemberSuspended"]
    assert ev["allianceId"] == alliance
    assert ev["member"] == supplier2
    assert ev["by"] == caller


def test_suspend_in_forming_alliance(registry, forming, core2, supplier1):
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    registry.suspend(forming, supplier1, {"from": core2})
    assert registry.membershipOf(forming, supplier1)["status"] == MemberStatus.SUSPENDED
    assert registry.allianceInfo(forming)["activeMembers"] == 1


def test_suspend_refuses_unknown_alliance(registry, unknown_alliance, operator, supplier2):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, supplier2),)):
        registry.suspend(unknown_alliance, supplier2, {"from": operator})


def test_suspend_refuses_other_members(registry, alliance, supplier1, supplier2, bank_a):
    views = (member(registry, alliance, supplier2), info(registry, alliance))
    for caller in (supplier1, bank_a):
        with refused("NotCoreOrOperator", alliance, caller, views=views):
            registry.suspend(alliance, supplier2, {"from": caller})


def test_suspend_refuses_core_of_another_alliance(registry, alliance, forming, core2, supplier2):
    with refused("NotCoreOrOperator", alliance, core2,
                 views=(member(registry, alliance, supplier2), info(registry, alliance))):
        registry.suspend(alliance, supplier2, {"from": core2})


@pytest.mark.parametrize("by", ["core", "operator"])
def test_suspend_refuses_the_core(registry, alliance, core, by, request):
    caller = request.getfixturevalue(by)
    with refused("CoreEnterpriseIsPermanent", alliance, core,
                 views=(member(registry, alliance, core), info(registry, alliance))):
        registry.suspend(alliance, core, {"from": caller})


def test_suspend_refuses_non_member(registry, alliance, core, outsider):
    with refused("NotActiveMember", alliance, outsider,
                 views=(member(registry, alliance, outsider), info(registry, alliance))):
        registry.suspend(alliance, outsider, {"from": core})


def test_suspend_refuses_invited_member(registry, alliance, core, outsider):
    registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    with refused("NotActiveMember", alliance, outsider,
                 views=(member(registry, alliance, outsider), info(registry, alliance))):
        registry.suspend(alliance, outsider, {"from": core})


def test_suspend_refuses_already_suspended(registry, alliance, core, operator, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    with refused("NotActiveMember", alliance, supplier2,
                 views=(member(registry, alliance, supplier2), info(registry, alliance))):
        registry.suspend(alliance, supplier2, {"from": operator})


def test_suspend_refuses_member_who_left(registry, alliance, core, logistics):
    registry.leave(alliance, {"from": logistics})
    with refused("NotActiveMember", alliance, logistics,
                 views=(member(registry, alliance, logistics), info(registry, alliance))):
        registry.suspend(alliance, logistics, {"from": core})


# ---------------------------------------------------------------- reinstate


@pytest.mark.parametrize("suspender, reinstater", [("core", "core"), ("operator", "core"), ("core", "operator")])
def test_reinstate(registry, alliance, supplier2, suspender, reinstater, request):
    registry.suspend(alliance, supplier2, {"from": request.getfixturevalue(suspender)})
    caller = request.getfixturevalue(reinstater)
    suspended_count = registry.allianceInfo(alliance)["activeMembers"]

    tx = registry.reinstate(alliance, supplier2, {"from": caller})

    assert registry.membershipOf(alliance, supplier2).dict() == {
        "status": MemberStatus.ACTIVE, "roles": int(Role.SUPPLIER)}
    assert registry.allianceInfo(alliance)["activeMembers"] == suspended_count + 1
    assert registry.isActiveMember(alliance, supplier2, int(Role.SUPPLIER))
    ev = tx.events["MemberReinstated"]
    assert ev["allianceId"] == alliance
    assert ev["member"] == supplier2
    assert ev["by"] == caller


def test_reinstate_refuses_unknown_alliance(registry, unknown_alliance, operator, supplier2):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, supplier2),)):
        registry.reinstate(unknown_alliance, supplier2, {"from": operator})


def test_reinstate_refuses_non_core_non_operator(registry, alliance, core, supplier1, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    views = (member(registry, alliance, supplier2), info(registry, alliance))
    with refused("NotCoreOrOperator", alliance, supplier1, views=views):
        registry.reinstate(alliance, supplier2, {"from": supplier1})
    with refused("NotCoreOrOperator", alliance, supplier2, views=views):
        registry.reinstate(alliance, supplier2, {"from": supplier2})


def test_reinstate_refuses_active_member(registry, alliance, core, supplier2):
    with refused("NotSuspended", alliance, supplier2,
                 views=(member(registry, alliance, supplier2), info(registry, alliance))):
        registry.reinstate(alliance, supplier2, {"from": core})


def test_reinstate_refuses_non_member(registry, alliance, operator, outsider):
    with refused("NotSuspended", alliance, outsider,
                 views=(member(registry, alliance, outsider), info(registry, alliance))):
        registry.reinstate(alliance, outsider, {"from": operator})


def test_reinstate_refuses_member_who_left_while_suspended(registry, alliance, core, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    registry.leave(alliance, {"from": supplier2})
    with refused("NotSuspended", alliance, supplier2,
                 views=(member(registry, alliance, supplier2), info(registry, alliance))):
        registry.reinstate(alliance, supplier2, {"from": core})
