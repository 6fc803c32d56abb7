"""createAlliance: a certified core enterprise opens a supply chain and is its first member."""

import pytest
from helpers import refused

from scf.enums import AllianceStatus, MemberStatus
from scf.onboarding import certify, doc_hash
from scf.roles import Role

DAY = 86_400


def hex32(label):
    return "0x" + doc_hash(label).hex()


@pytest.fixture(scope="module")
def certified_core2(registry, operator, alliance, core2):
    certify(registry, operator, core2, Role.CORE | Role.AUDITOR, "second core enterprise")
    return core2


def test_create_alliance(registry, certified_core2):
    count = registry.allianceCount()
    tx = registry.createAlliance("core2 chain", 45 * DAY, {"from": certified_core2})

    alliance_id = tx.return_value
    assert alliance_id == count + 1 == registry.allianceCount()
    a = registry.allianceInfo(alliance_id).dict()
    assert a["core"] == certified_core2
    assert a["status"] == AllianceStatus.FORMING
    assert a["pendingInvitations"] == 0
    assert a["activeMembers"] == 1
    assert a["gracePeriod"] == 45 * DAY
    assert a["name"] == "core2 chain"
    assert registry.coreOf(alliance_id) == certified_core2
    assert registry.gracePeriodOf(alliance_id) == 45 * DAY
    # the core joins with every role it is certified in
    m = registry.membershipOf(alliance_id, certified_core2).dict()
    assert m == {"status": MemberStatus.ACTIVE, "roles": int(Role.CORE | Role.AUDITOR)}

    created = tx.events["AllianceCreated"]
    assert created["allianceId"] == alliance_id
    assert created["core"] == certified_core2
    assert created["name"] == "core2 chain"
    assert created["gracePeriod"] == 45 * DAY
    accepted = tx.events["InvitationAccepted"]
    assert accepted["allianceId"] == alliance_id
    assert accepted["member"] == certified_core2
    assert accepted["roles"] == int(Role.CORE | Role.AUDITOR)


def test_ids_are_sequential_and_one_core_may_lead_several(registry, certified_core2):
    first = registry.createAlliance("a", 0, {"from": certified_core2}).return_value
    second = registry.createAlliance("b", 0, {"from": certified_core2}).return_value
    assert second == first + 1
    assert registry.coreOf(first) == registry.coreOf(second) == certified_core2


def test_first_alliance_id_is_one(AllianceRegistry, platform, operator, core):
    # a registry of its own, so no other alliance exists (platform: the actors' gas money)
    fresh = AllianceRegistry.deploy(operator, {"from": operator})
    certify(fresh, operator, core, Role.CORE, "core")
    assert fresh.allianceCount() == 0
    assert fresh.createAlliance("first", 0, {"from": core}).return_value == 1
    assert fresh.allianceCount() == 1


def test_create_alliance_with_zero_and_maximum_grace(registry, certified_core2, max_grace):
    none = registry.createAlliance("no grace", 0, {"from": certified_core2}).return_value
    most = registry.createAlliance("max grace", max_grace, {"from": certified_core2}).return_value
    assert registry.gracePeriodOf(none) == 0
    assert registry.gracePeriodOf(most) == max_grace == 365 * DAY


def test_create_alliance_refuses_unregistered(registry, rando):
    with refused("NotCertified", rando, views=(registry.allianceCount,)):
        registry.createAlliance("nope", 0, {"from": rando})


def test_create_alliance_refuses_pending(registry, newcomer, id_hash):
    registry.register(id_hash, int(Role.CORE), "pending core", {"from": newcomer})
    with refused("NotCertified", newcomer, views=(registry.allianceCount,)):
        registry.createAlliance("too early", 0, {"from": newcomer})


def test_create_alliance_refuses_rejected(registry, operator, newcomer, id_hash):
    registry.register(id_hash, int(Role.CORE), "rejected core", {"from": newcomer})
    registry.reject(newcomer, hex32("no"), {"from": operator})
    with refused("NotCertified", newcomer, views=(registry.allianceCount,)):
        registry.createAlliance("refused", 0, {"from": newcomer})


def test_create_alliance_refuses_certified_non_core(registry, alliance, supplier1):
    with refused("MissingRoles", supplier1, int(Role.CORE), int(Role.SUPPLIER),
                 views=(registry.allianceCount, lambda: registry.allianceInfo(registry.allianceCount() + 1))):
        registry.createAlliance("supplier chain", 0, {"from": supplier1})


def test_create_alliance_refuses_too_long_grace(registry, certified_core2, max_grace):
    with refused("GracePeriodTooLong", max_grace + 1, max_grace, views=(registry.allianceCount,)):
        registry.createAlliance("forever", max_grace + 1, {"from": certified_core2})
