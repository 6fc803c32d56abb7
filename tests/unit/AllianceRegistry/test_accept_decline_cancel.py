"""acceptInvitation / declineInvitation (by the invitee) and cancelInvitation (by the core)."""

import pytest
from helpers import refused

from scf.enums import MemberStatus
from scf.roles import Role


@pytest.fixture(scope="module")
def invited(registry, forming, core2, supplier1):
    """supplier1 invited to the forming alliance as a supplier."""
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    return supplier1


def member(registry, alliance_id, account):
    return lambda: registry.membershipOf(alliance_id, account)


def info(registry, alliance_id):
    return lambda: registry.allianceInfo(alliance_id)


# ---------------------------------------------------------------- accept


def test_accept_invitation(registry, forming, invited):
    tx = registry.acceptInvitation(forming, {"from": invited})

    assert registry.membershipOf(forming, invited).dict() == {
        "status": MemberStatus.ACTIVE, "roles": int(Role.SUPPLIER)}
    a = registry.allianceInfo(forming).dict()
    assert a["pendingInvitations"] == 0
    assert a["activeMembers"] == 2
    ev = tx.events["InvitationAccepted"]
    assert ev["allianceId"] == forming
    assert ev["member"] == invited
    assert ev["roles"] == int(Role.SUPPLIER)


def test_accept_into_started_alliance_makes_an_active_member(registry, alliance, core, outsider):
    registry.invite(alliance, outsider, int(Role.SUPPLIER), {"from": core})
    before = registry.allianceInfo(alliance)["activeMembers"]
    registry.acceptInvitation(alliance, {"from": outsider})
    assert registry.isActiveMember(alliance, outsider, int(Role.SUPPLIER))
    assert registry.allianceInfo(alliance)["activeMembers"] == before + 1


def test_accept_refuses_unknown_alliance(registry, unknown_alliance, invited):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, invited),)):
        registry.acceptInvitation(unknown_alliance, {"from": invited})


def test_accept_refuses_without_invitation(registry, forming, supplier2):
    with refused("NoInvitation", forming, supplier2,
                 views=(member(registry, forming, supplier2), info(registry, forming))):
        registry.acceptInvitation(forming, {"from": supplier2})


def test_accept_refuses_invitation_to_another_alliance(registry, alliance, invited):
    # supplier1 is invited to `forming`, and already active in `alliance`: nothing to accept there
    with refused("NoInvitation", alliance, invited,
                 views=(member(registry, alliance, invited), info(registry, alliance))):
        registry.acceptInvitation(alliance, {"from": invited})


def test_accept_refuses_twice(registry, forming, invited):
    registry.acceptInvitation(forming, {"from": invited})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.acceptInvitation(forming, {"from": invited})


def test_accept_refuses_cancelled_invitation(registry, forming, core2, invited):
    registry.cancelInvitation(forming, invited, {"from": core2})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.acceptInvitation(forming, {"from": invited})


def test_accept_refuses_declined_invitation(registry, forming, invited):
    registry.declineInvitation(forming, {"from": invited})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.acceptInvitation(forming, {"from": invited})


# ---------------------------------------------------------------- decline


def test_decline_invitation(registry, forming, invited):
    tx = registry.declineInvitation(forming, {"from": invited})

    assert registry.membershipOf(forming, invited)["status"] == MemberStatus.DECLINED
    a = registry.allianceInfo(forming).dict()
    assert a["pendingInvitations"] == 0
    assert a["activeMembers"] == 1
    ev = tx.events["InvitationDeclined"]
    assert ev["allianceId"] == forming
    assert ev["member"] == invited


def test_decline_refuses_unknown_alliance(registry, unknown_alliance, invited):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, invited),)):
        registry.declineInvitation(unknown_alliance, {"from": invited})


def test_decline_refuses_without_invitation(registry, forming, supplier2):
    with refused("NoInvitation", forming, supplier2,
                 views=(member(registry, forming, supplier2), info(registry, forming))):
        registry.declineInvitation(forming, {"from": supplier2})


def test_decline_refuses_active_member(registry, alliance, supplier1):
    with refused("NoInvitation", alliance, supplier1,
                 views=(member(registry, alliance, supplier1), info(registry, alliance))):
        registry.declineInvitation(alliance, {"from": supplier1})


def test_decline_refuses_twice(registry, forming, invited):
    registry.declineInvitation(forming, {"from": invited})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.declineInvitation(forming, {"from": invited})


# ---------------------------------------------------------------- cancel


def test_cancel_invitation(registry, forming, core2, invited):
    tx = registry.cancelInvitation(forming, invited, {"from": core2})

    assert registry.membershipOf(forming, invited)["status"] == MemberStatus.DECLINED
    assert registry.allianceInfo(forming)["pendingInvitations"] == 0
    ev = tx.events["InvitationCancelled"]
    assert ev["allianceId"] == forming
    assert ev["member"] == invited


def test_cancel_unblocks_start(registry, forming, core2, invited):
    registry.cancelInvitation(forming, invited, {"from": core2})
    registry.start(forming, {"from": core2})
    assert registry.isActiveMember(forming, core2, int(Role.CORE))
    assert not registry.isActiveMember(forming, invited, 0)


def test_cancel_refuses_unknown_alliance(registry, unknown_alliance, core2, invited):
    with refused("UnknownAlliance", unknown_alliance, views=(member(registry, unknown_alliance, invited),)):
        registry.cancelInvitation(unknown_alliance, invited, {"from": core2})


def test_cancel_refuses_non_core(registry, forming, operator, invited):
    views = (member(registry, forming, invited), info(registry, forming))
    with refused("NotAllianceCore", forming, invited, views=views):
        registry.cancelInvitation(forming, invited, {"from": invited})
    with refused("NotAllianceCore", forming, operator, views=views):
        registry.cancelInvitation(forming, invited, {"from": operator})


def test_cancel_refuses_without_invitation(registry, forming, core2, supplier2):
    with refused("NoInvitation", forming, supplier2,
                 views=(member(registry, forming, supplier2), info(registry, forming))):
        registry.cancelInvitation(forming, supplier2, {"from": core2})


def test_cancel_refuses_accepted_invitation(registry, forming, core2, invited):
    registry.acceptInvitation(forming, {"from": invited})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.cancelInvitation(forming, invited, {"from": core2})


def test_cancel_refuses_twice(registry, forming, core2, invited):
    registry.cancelInvitation(forming, invited, {"from": core2})
    with refused("NoInvitation", forming, invited, views=(member(registry, forming, invited), info(registry, forming))):
        registry.cancelInvitation(forming, invited, {"from": core2})
