"""certify / reject: the operator's verdict on a pending registration."""

import pytest
from helpers import refused

from scf.enums import EnterpriseStatus
from scf.onboarding import doc_hash
from scf.roles import Role

APPLIED = int(Role.SUPPLIER | Role.DISTRIBUTOR | Role.LOGISTICS)


def hex32(label):
    return "0x" + doc_hash(label).hex()


@pytest.fixture(scope="module")
def applicant(registry, newcomer, id_hash):
    registry.register(id_hash, APPLIED, "applicant", {"from": newcomer})
    return newcomer


def enterprise(registry, account):
    return lambda: registry.enterpriseOf(account)


# ---------------------------------------------------------------- certify


def test_certify_all_applied_roles(registry, operator, applicant, id_hash):
    tx = registry.certify(applicant, APPLIED, {"from": operator})

    e = registry.enterpriseOf(applicant).dict()
    assert e["status"] == EnterpriseStatus.CERTIFIED
    assert e["certifiedRoles"] == APPLIED
    assert e["appliedRoles"] == APPLIED
    assert e["idHash"] == id_hash
    ev = tx.events["EnterpriseCertified"]
    assert ev["account"] == applicant
    assert ev["roles"] == APPLIED


def test_certify_a_subset_of_applied_roles(registry, operator, applicant):
    tx = registry.certify(applicant, int(Role.SUPPLIER), {"from": operator})
    assert registry.enterpriseOf(applicant)["certifiedRoles"] == int(Role.SUPPLIER)
    assert tx.events["EnterpriseCertified"]["roles"] == int(Role.SUPPLIER)


def test_certify_by_a_second_operator(registry, operator, operator_role, applicant, newcomer2):
    registry.grantRole(operator_role, newcomer2, {"from": operator})
    registry.certify(applicant, APPLIED, {"from": newcomer2})
    assert registry.enterpriseOf(applicant)["status"] == EnterpriseStatus.CERTIFIED


def test_certify_refuses_non_operator(registry, applicant, operator_role, core):
    with refused("AccessControlUnauthorizedAccount", applicant, operator_role,
                 views=(enterprise(registry, applicant),)):
        registry.certify(applicant, APPLIED, {"from": applicant})
    with refused("AccessControlUnauthorizedAccount", core, operator_role, views=(enterprise(registry, applicant),)):
        registry.certify(applicant, APPLIED, {"from": core})


def test_certify_refuses_unregistered_account(registry, operator, rando):
    with refused("NotPendingRegistration", rando, EnterpriseStatus.NONE, views=(enterprise(registry, rando),)):
        registry.certify(rando, int(Role.SUPPLIER), {"from": operator})


def test_certify_refuses_already_certified(registry, operator, alliance, supplier1):
    with refused("NotPendingRegistration", supplier1, EnterpriseStatus.CERTIFIED,
                 views=(enterprise(registry, supplier1),)):
        registry.certify(supplier1, int(Role.SUPPLIER), {"from": operator})


def test_certify_refuses_rejected(registry, operator, applicant):
    registry.reject(applicant, hex32("forged"), {"from": operator})
    with refused("NotPendingRegistration", applicant, EnterpriseStatus.REJECTED,
                 views=(enterprise(registry, applicant),)):
        registry.certify(applicant, APPLIED, {"from": operator})


def test_certify_refuses_empty_roles(registry, operator, applicant):
    with refused("InvalidRoles", 0, views=(enterprise(registry, applicant),)):
        registry.certify(applicant, 0, {"from": operator})


def test_certify_refuses_unknown_role_bits(registry, operator, applicant):
    with refused("InvalidRoles", APPLIED | 128, views=(enterprise(registry, applicant),)):
        registry.certify(applicant, APPLIED | 128, {"from": operator})


def test_certify_refuses_roles_not_applied(registry, operator, applicant):
    asked = int(Role.SUPPLIER | Role.FINANCIER)
    with refused("RolesNotApplied", applicant, asked, APPLIED, views=(enterprise(registry, applicant),)):
        registry.certify(applicant, asked, {"from": operator})


# ---------------------------------------------------------------- reject


def test_reject_pending_registration(registry, operator, applicant):
    reason = hex32("licence does not match the company register")
    tx = registry.reject(applicant, reason, {"from": operator})

    e = registry.enterpriseOf(applicant).dict()
    assert e["status"] == EnterpriseStatus.REJECTED
    assert e["certifiedRoles"] == 0
    ev = tx.events["EnterpriseRejected"]
    assert ev["account"] == applicant
    assert ev["reasonHash"] == reason


def test_rejected_enterprise_cannot_be_invited(registry, operator, applicant, alliance, core):
    registry.reject(applicant, hex32("no"), {"from": operator})
    with refused("NotCertified", applicant):
        registry.invite(alliance, applicant, int(Role.SUPPLIER), {"from": core})


def test_reject_refuses_non_operator(registry, applicant, operator_role, core):
    with refused("AccessControlUnauthorizedAccount", core, operator_role, views=(enterprise(registry, applicant),)):
        registry.reject(applicant, hex32("x"), {"from": core})


def test_reject_refuses_unregistered_account(registry, operator, rando):
    with refused("NotPendingRegistration", rando, EnterpriseStatus.NONE, views=(enterprise(registry, rando),)):
        registry.reject(rando, hex32("x"), {"from": operator})


def test_reject_refuses_certified_enterprise(registry, operator, alliance, supplier1):
    with refused("NotPendingRegistration", supplier1, EnterpriseStatus.CERTIFIED,
                 views=(enterprise(registry, supplier1),)):
        registry.reject(supplier1, hex32("changed our mind"), {"from": operator})


def test_reject_refuses_already_rejected(registry, operator, applicant):
    registry.reject(applicant, hex32("first"), {"from": operator})
    with refused("NotPendingRegistration", applicant, EnterpriseStatus.REJECTED,
                 views=(enterprise(registry, applicant),)):
        registry.reject(applicant, hex32("second"), {"from": operator})
