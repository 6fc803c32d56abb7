"""Construction: operator roles."""

from helpers import refused

ZERO = "0x" + "00" * 20


def test_constructor_grants_operator_both_roles(registry, operator, operator_role, admin_role, core):
    assert registry.hasRole(admin_role, operator)
    assert registry.hasRole(operator_role, operator)
    assert not registry.hasRole(operator_role, core)
    assert registry.allianceCount() == 0


def test_constructor_refuses_zero_operator(AllianceRegistry, operator):
    with refused("ZeroAddress"):
        AllianceRegistry.deploy(ZERO, {"from": operator})
