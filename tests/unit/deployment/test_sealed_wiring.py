"""issue 10 item 12: the operator key cannot fabricate obligations. Contract roles go only to
contracts, only while the deployer wires the platform, then the wiring is sealed; the admin moves
only in two steps with a delay (IPlatformAccess)."""

import pytest
from brownie import chain
from helpers import refused

from scf.brownie.deployment import deploy_platform
from scf.deployment import SEALED, is_sealed
from scf.units import DAY

# (Platform attribute, contract role) the operator could use to fabricate an obligation
FABRICATING = [("receivables", "OBLIGOR_PROXY_ROLE"), ("receivables", "PLATFORM_ROLE"),
               ("trades", "AUDITING_CONTRACT_ROLE"), ("trades", "ISSUER_ROLE"), ("receipts", "PLATFORM_ROLE")]


def test_the_deployer_seals_every_contract_with_an_admin(platform, operator):
    assert is_sealed(platform)
    for attr in SEALED:
        contract = getattr(platform, attr)
        assert contract.defaultAdmin() == operator
        assert contract.defaultAdminDelay() == 2 * DAY
        with refused("WiringIsSealed", b"\x00" * 32, "0x" + "00" * 20):
            contract.sealWiring({"from": operator})


@pytest.mark.parametrize("attr,role_name", FABRICATING)
def test_regression_operator_cannot_grant_itself_a_contract_role(platform, operator, attr, role_name):
    """issue 10 item 12: the admin could grant itself OBLIGOR_PROXY_ROLE, PLATFORM_ROLE,
    AUDITING_CONTRACT_ROLE or ISSUER_ROLE and issue debts in an obligor's name, invent verified
    trades or move any piece."""
    contract = getattr(platform, attr)
    role = getattr(contract, role_name)()
    with refused("WiringIsSealed", role, operator, views=(lambda: contract.hasRole(role, operator),)):
        contract.grantRole(role, operator, {"from": operator})
    assert not contract.hasRole(role, operator)


def test_regression_operator_cannot_issue_a_debt_in_the_obligors_name(platform, receivables, trade, core,
                                                                        operator, face_value):
    """issue 10 item 12, end to end: what the operator key would do with OBLIGOR_PROXY_ROLE."""
    role = receivables.OBLIGOR_PROXY_ROLE()
    with refused("WiringIsSealed", role, operator, views=(receivables.lastPieceId,)):
        receivables.grantRole(role, operator, {"from": operator})
    with refused("AccessControlUnauthorizedAccount", operator, role, views=(receivables.lastPieceId,)):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + 30 * DAY, core, {"from": operator})


def test_sealed_roles_cannot_be_revoked_or_renounced(platform, operator):
    receivables, market = platform.receivables, platform.market
    role = receivables.PLATFORM_ROLE()
    with refused("WiringIsSealed", role, market, views=(lambda: receivables.hasRole(role, market),)):
        receivables.revokeRole(role, market, {"from": operator})


def test_before_the_seal_contract_roles_go_to_contracts_only(ReceivableToken, platform, operator):
    """Even while wiring, no key gets a contract role (only accounts with code)."""
    fresh = ReceivableToken.deploy(operator, platform.registry, platform.trades, {"from": operator})
    role = fresh.PLATFORM_ROLE()
    with refused("GranteeNotContract", role, operator, views=(lambda: fresh.hasRole(role, operator),)):
        fresh.grantRole(role, operator, {"from": operator})
    fresh.grantRole(role, platform.market, {"from": operator})
    assert fresh.hasRole(role, platform.market)
    fresh.sealWiring({"from": operator})
    assert fresh.wiringSealed()
    with refused("WiringIsSealed", role, platform.settlement):
        fresh.grantRole(role, platform.settlement, {"from": operator})


def test_staff_roles_stay_with_people(registry, cash, operator, bank_a):
    """AllianceRegistry's OPERATOR_ROLE and the cash token's MINTER_ROLE belong to people."""
    registry.grantRole(registry.OPERATOR_ROLE(), bank_a, {"from": operator})
    assert registry.hasRole(registry.OPERATOR_ROLE(), bank_a)
    cash.grantRole(cash.MINTER_ROLE(), bank_a, {"from": operator})
    assert not registry.isContractRole(registry.OPERATOR_ROLE())
    assert cash.hasRole(cash.MINTER_ROLE(), bank_a)
    assert registry.isContractRole("0x" + "11" * 32)          # any other role is a sealed contract role


def test_regression_admin_moves_in_two_steps_with_a_delay(platform, operator, bank_a):
    """issue 10 item 12: the admin could hand its powers over (grantRole) in one transaction."""
    receivables = platform.receivables
    admin = receivables.DEFAULT_ADMIN_ROLE()
    with refused("AccessControlEnforcedDefaultAdminRules", views=(receivables.defaultAdmin,)):
        receivables.grantRole(admin, bank_a, {"from": operator})
    receivables.beginDefaultAdminTransfer(bank_a, {"from": operator})
    _new, schedule = receivables.pendingDefaultAdmin()
    assert schedule >= chain.time() + 2 * DAY - 60
    with refused("AccessControlEnforcedDefaultAdminDelay", schedule, views=(receivables.defaultAdmin,)):
        receivables.acceptDefaultAdminTransfer({"from": bank_a})
    chain.sleep(2 * DAY + 60)
    chain.mine()
    receivables.acceptDefaultAdminTransfer({"from": bank_a})
    assert receivables.defaultAdmin() == bank_a
    # the new admin inherits no more power than the old one: the wiring stays sealed
    role = receivables.PLATFORM_ROLE()
    with refused("WiringIsSealed", role, bank_a):
        receivables.grantRole(role, bank_a, {"from": bank_a})


def test_extra_grants_are_wired_before_the_seal(operator):
    """How tests wire a stand-in: at deployment, like the real contracts; never afterwards."""
    from helpers import stand_in
    standin = stand_in(operator)
    deployed, _ = deploy_platform(operator, extra_grants=(("receivables", "PLATFORM_ROLE", standin),))
    assert deployed.receivables.hasRole(deployed.receivables.PLATFORM_ROLE(), standin)
    assert is_sealed(deployed)
