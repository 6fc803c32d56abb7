"""register: an account applies with its identity-document hash and the roles it wants."""

import pytest
from brownie import chain
from helpers import refused

from scf.enums import EnterpriseStatus
from scf.onboarding import doc_hash
from scf.roles import Role


def hex32(label):
    return "0x" + doc_hash(label).hex()


def test_register_records_pending_application(registry, newcomer, id_hash):
    roles = int(Role.SUPPLIER | Role.DISTRIBUTOR)
    tx = registry.register(id_hash, roles, "Newcomer Ltd", {"from": newcomer})

    e = registry.enterpriseOf(newcomer).dict()
    assert e["status"] == EnterpriseStatus.PENDING
    assert e["appliedRoles"] == roles
    assert e["certifiedRoles"] == 0
    assert e["registeredAt"] == chain[tx.block_number].timestamp
    assert e["idHash"] == id_hash
    assert e["name"] == "Newcomer Ltd"

    ev = tx.events["EnterpriseRegistered"]
    assert ev["account"] == newcomer
    assert ev["idHash"] == id_hash
    assert ev["roles"] == roles
    assert ev["name"] == "Newcomer Ltd"


def test_register_every_role_at_once(registry, newcomer, id_hash):
    registry.register(id_hash, int(Role.all()), "conglomerate", {"from": newcomer})
    assert registry.enterpriseOf(newcomer)["appliedRoles"] == int(Role.all()) == 127


def test_register_again_after_rejection_replaces_application(registry, operator, newcomer, id_hash):
    registry.register(id_hash, int(Role.FINANCIER), "first try", {"from": newcomer})
    registry.reject(newcomer, hex32("licence expired"), {"from": operator})
    corrected = hex32("renewed licence")

    tx = registry.register(corrected, int(Role.SUPPLIER), "second try", {"from": newcomer})

    e = registry.enterpriseOf(newcomer).dict()
    assert e["status"] == EnterpriseStatus.PENDING
    assert e["idHash"] == corrected
    assert e["appliedRoles"] == int(Role.SUPPLIER)
    assert e["name"] == "second try"
    assert tx.events["EnterpriseRegistered"]["idHash"] == corrected


def test_register_refuses_zero_id_hash(registry, newcomer):
    with refused("ZeroIdHash", views=(lambda: registry.enterpriseOf(newcomer),)):
        registry.register(b"\x00" * 32, int(Role.SUPPLIER), "no papers", {"from": newcomer})


def test_register_refuses_empty_role_mask(registry, newcomer, id_hash):
    with refused("InvalidRoles", 0, views=(lambda: registry.enterpriseOf(newcomer),)):
        registry.register(id_hash, 0, "no role", {"from": newcomer})


@pytest.mark.parametrize("roles", [128, 127 | 256, 0x8000])
def test_register_refuses_unknown_role_bits(registry, newcomer, id_hash, roles):
    with refused("InvalidRoles", roles, views=(lambda: registry.enterpriseOf(newcomer),)):
        registry.register(id_hash, roles, "bad mask", {"from": newcomer})


def test_register_refuses_while_pending(registry, newcomer, id_hash):
    registry.register(id_hash, int(Role.SUPPLIER), "once", {"from": newcomer})
    with refused("AlreadyRegistered", newcomer, EnterpriseStatus.PENDING,
                 views=(lambda: registry.enterpriseOf(newcomer),)):
        registry.register(hex32("other papers"), int(Role.FINANCIER), "twice", {"from": newcomer})


def test_register_refuses_once_certified(registry, alliance, supplier1):
    with refused("AlreadyRegistered", supplier1, EnterpriseStatus.CERTIFIED,
                 views=(lambda: registry.enterpriseOf(supplier1),)):
        registry.register(hex32("new papers"), int(Role.FINANCIER), "upgrade", {"from": supplier1})
