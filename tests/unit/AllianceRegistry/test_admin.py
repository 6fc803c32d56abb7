"""Construction and wiring: operator roles, setHoldingsSource."""

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


def test_platform_is_wired_to_the_receivable_token(registry, receivables):
    assert registry.holdingsSource() == receivables


def test_set_holdings_source_while_wiring(AllianceRegistry, operator, cash):
    fresh = AllianceRegistry.deploy(operator, {"from": operator})
    tx = fresh.setHoldingsSource(cash, {"from": operator})
    assert fresh.holdingsSource() == cash
    assert tx.events["HoldingsSourceSet"]["source"] == cash


def test_holdings_source_is_sealed_with_the_wiring(registry, operator, receivables, cash):
    """After deployment the operator can no longer point the registry at another contract (one
    that would let members leave while holding pieces, or never let them leave)."""
    assert registry.wiringSealed()
    with refused("WiringIsSealed", b"\x00" * 32, cash, views=(registry.holdingsSource,)):
        registry.setHoldingsSource(cash, {"from": operator})
    assert registry.holdingsSource() == receivables


def test_set_holdings_source_refuses_zero(AllianceRegistry, operator):
    fresh = AllianceRegistry.deploy(operator, {"from": operator})
    with refused("ZeroAddress", views=(fresh.holdingsSource,)):
        fresh.setHoldingsSource(ZERO, {"from": operator})


def test_set_holdings_source_refuses_non_admin(registry, operator, operator_role, admin_role, core, newcomer, cash):
    with refused("AccessControlUnauthorizedAccount", core, admin_role, views=(registry.holdingsSource,)):
        registry.setHoldingsSource(cash, {"from": core})
    # the operator role alone is not enough
    registry.grantRole(operator_role, newcomer, {"from": operator})
    with refused("AccessControlUnauthorizedAccount", newcomer, admin_role, views=(registry.holdingsSource,)):
        registry.setHoldingsSource(cash, {"from": newcomer})
