"""start: the core opens the alliance for business once no invitation is pending."""

import pytest
from helpers import refused

from scf.enums import AllianceStatus
from scf.roles import Role


@pytest.fixture
def with_member(registry, forming, core2, supplier1):
    """forming, with supplier1 invited and accepted: ready to start (per test: not every test wants it)."""
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    return forming


def info(registry, alliance_id):
    return lambda: registry.allianceInfo(alliance_id)


def test_start(registry, with_member, core2, supplier1):
    assert not registry.isActiveMember(with_member, supplier1, 0)
    tx = registry.start(with_member, {"from": core2})

    assert registry.allianceInfo(with_member)["status"] == AllianceStatus.ACTIVE
    assert tx.events["AllianceStarted"]["allianceId"] == with_member
    assert registry.isActiveMember(with_member, supplier1, int(Role.SUPPLIER))
    assert registry.isActiveMember(with_member, core2, int(Role.CORE))


def test_start_with_the_core_alone(registry, forming, core2):
    registry.start(forming, {"from": core2})
    a = registry.allianceInfo(forming).dict()
    assert a["status"] == AllianceStatus.ACTIVE
    assert a["activeMembers"] == 1


def test_start_after_every_invitation_is_answered(registry, forming, core2, supplier1, supplier2, auditor):
    for account, role in ((supplier1, Role.SUPPLIER), (supplier2, Role.SUPPLIER), (auditor, Role.AUDITOR)):
        registry.invite(forming, account, int(role), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    registry.declineInvitation(forming, {"from": supplier2})
    registry.cancelInvitation(forming, auditor, {"from": core2})
    registry.start(forming, {"from": core2})
    a = registry.allianceInfo(forming).dict()
    assert a["status"] == AllianceStatus.ACTIVE
    assert a["activeMembers"] == 2
    assert a["pendingInvitations"] == 0


def test_start_refuses_unknown_alliance(registry, unknown_alliance, core2):
    with refused("UnknownAlliance", unknown_alliance, views=(info(registry, unknown_alliance),)):
        registry.start(unknown_alliance, {"from": core2})


def test_start_refuses_non_core(registry, with_member, supplier1, operator, core):
    for caller in (supplier1, operator, core):
        with refused("NotAllianceCore", with_member, caller, views=(info(registry, with_member),)):
            registry.start(with_member, {"from": caller})


def test_start_refuses_pending_invitations(registry, with_member, core2, supplier2, auditor):
    registry.invite(with_member, supplier2, int(Role.SUPPLIER), {"from": core2})
    registry.invite(with_member, auditor, int(Role.AUDITOR), {"from": core2})
    with refused("InvitationsPending", with_member, 2, views=(info(registry, with_member),)):
        registry.start(with_member, {"from": core2})
    registry.acceptInvitation(with_member, {"from": supplier2})
    with refused("InvitationsPending", with_member, 1, views=(info(registry, with_member),)):
        registry.start(with_member, {"from": core2})


def test_start_refuses_started_alliance(registry, alliance, core):
    with refused("AllianceAlreadyStarted", alliance, views=(info(registry, alliance),)):
        registry.start(alliance, {"from": core})


def test_started_alliance_checked_before_pending(registry, alliance, core, outsider):
    # an invitation made after the start does not matter: the alliance is already running
    registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    with refused("AllianceAlreadyStarted", alliance, views=(info(registry, alliance),)):
        registry.start(alliance, {"from": core})
