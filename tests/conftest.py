"""Shared fixtures: role-named actors, module-scoped deployments, an onboarded alliance.

Style of curve-dao-contracts / yearn-vaults: actors by role, contracts deployed once per module,
every test isolated by brownie's ``fn_isolation`` (snapshot before, revert after).
"""

import pytest
from brownie import chain

from scf import actors as cast
from scf.deployment import deploy_platform
from scf.onboarding import audited_trade, form_alliance
from scf.roles import Role
from scf.units import DAY, to_base


@pytest.fixture(autouse=True)
def isolation(fn_isolation):
    pass


# ---------------------------------------------------------------- actors


@pytest.fixture(scope="session")
def operator(accounts):
    """The platform operator: deploys, certifies, never finances (brownie's first account)."""
    return accounts[0]


@pytest.fixture(scope="session")
def actors():
    """Every named actor as a local account (with a private key, for EIP-712 signatures)."""
    return cast.load_cast()


@pytest.fixture(scope="session")
def core(actors):
    return actors["core"]


@pytest.fixture(scope="session")
def core2(actors):
    return actors["core2"]


@pytest.fixture(scope="session")
def supplier1(actors):
    return actors["supplier1"]


@pytest.fixture(scope="session")
def supplier2(actors):
    return actors["supplier2"]


@pytest.fixture(scope="session")
def supplier3(actors):
    return actors["supplier3"]


@pytest.fixture(scope="session")
def bank_a(actors):
    return actors["bank_a"]


@pytest.fixture(scope="session")
def bank_b(actors):
    return actors["bank_b"]


@pytest.fixture(scope="session")
def auditor(actors):
    return actors["auditor"]


@pytest.fixture(scope="session")
def logistics(actors):
    return actors["logistics"]


@pytest.fixture(scope="session")
def investor(actors):
    return actors["investor"]


@pytest.fixture(scope="session")
def distributor(actors):
    return actors["distributor"]


@pytest.fixture(scope="session")
def outsider(actors):
    """Certified as a supplier but never invited to the alliance."""
    return actors["outsider"]


@pytest.fixture(scope="session")
def rando(accounts):
    """An account nobody registered."""
    return accounts[9]


# ---------------------------------------------------------------- contracts


@pytest.fixture(scope="module")
def platform(operator, actors):
    # brownie's module_isolation resets the chain before each module: fund gas money here
    cast.fund(actors, operator)
    deployed, _ = deploy_platform(operator)
    return deployed


@pytest.fixture(scope="module")
def registry(platform):
    return platform.registry


@pytest.fixture(scope="module")
def trades(platform):
    return platform.trades


@pytest.fixture(scope="module")
def receivables(platform):
    return platform.receivables


@pytest.fixture(scope="module")
def cash(platform):
    return platform.cash


@pytest.fixture(scope="module")
def market(platform):
    return platform.market


@pytest.fixture(scope="module")
def settlement(platform):
    return platform.settlement


@pytest.fixture(scope="module")
def escrow(platform):
    return platform.escrow


@pytest.fixture(scope="module")
def receipts(platform):
    return platform.receipts


@pytest.fixture(scope="module")
def pledges(platform):
    return platform.pledges


@pytest.fixture(scope="module")
def advances(platform):
    return platform.advances


# ---------------------------------------------------------------- onboarded world


@pytest.fixture(scope="module")
def members(supplier1, supplier2, supplier3, bank_a, bank_b, auditor, logistics, investor, distributor):
    return [
        (supplier1, Role.SUPPLIER, "tier-1 supplier"),
        (supplier2, Role.SUPPLIER, "tier-2 supplier"),
        (supplier3, Role.SUPPLIER, "tier-3 micro-firm"),
        (bank_a, Role.FINANCIER, "bank A"),
        (bank_b, Role.FINANCIER, "bank B"),
        (auditor, Role.AUDITOR, "auditor"),
        (logistics, Role.LOGISTICS, "logistics"),
        (investor, Role.INVESTOR, "investor"),
        (distributor, Role.DISTRIBUTOR, "distributor"),
    ]


@pytest.fixture(scope="module")
def alliance(registry, operator, core, members, outsider):
    """A started alliance led by ``core`` with every role; ``outsider`` certified, not a member."""
    alliance_id = form_alliance(registry, operator, core, members, "Core Electronics supply chain")
    registry.register(b"\x01" * 32, int(Role.SUPPLIER), "outsider", {"from": outsider})
    registry.certify(outsider, int(Role.SUPPLIER), {"from": operator})
    return alliance_id


@pytest.fixture(scope="module")
def face_value():
    return to_base(1_000_000)


@pytest.fixture(scope="module")
def maturity():
    return chain.time() + 120 * DAY


@pytest.fixture(scope="module")
def trade(trades, alliance, supplier1, core, auditor, cash, face_value):
    """A verified trade: supplier1 sold goods to core."""
    return audited_trade(trades, alliance, supplier1, core, auditor, cash, face_value, "INV-0001")


@pytest.fixture(scope="module")
def root(receivables, trade, core, face_value, maturity):
    """A 1,000,000 receivable confirmed by core, held by supplier1, due in 120 days."""
    tx = receivables.confirm(trade, face_value, maturity, {"from": core})
    return tx.events["ReceivableIssued"]["rootId"]
