"""Fixtures for the AllianceRegistry unit tests.

``newcomer``/``newcomer2`` are brownie's unlocked accounts nobody registered (unlike ``rando``,
free for each test to register). ``forming`` is a second alliance led by ``core2`` that has not
started yet; every member of ``alliance`` is certified, so they can be invited to it.
"""

import pytest

from scf.onboarding import certify, doc_hash
from scf.roles import Role

DAY = 86_400


def hex32(label: str) -> str:
    """doc_hash as a 0x-string, which compares equal to the bytes32 values brownie returns."""
    return "0x" + doc_hash(label).hex()


@pytest.fixture(scope="session")
def newcomer(accounts):
    return accounts[1]


@pytest.fixture(scope="session")
def newcomer2(accounts):
    return accounts[2]


@pytest.fixture(scope="module")
def id_hash():
    return hex32("identity documents of the newcomer")


@pytest.fixture(scope="module")
def operator_role(registry):
    return registry.OPERATOR_ROLE()


@pytest.fixture(scope="module")
def admin_role(registry):
    return registry.DEFAULT_ADMIN_ROLE()


@pytest.fixture(scope="module")
def max_grace(registry):
    return registry.MAX_GRACE_PERIOD()


@pytest.fixture(scope="module")
def forming(registry, operator, alliance, core2):
    """A second alliance, led by core2, still forming (only core2 in it, nothing pending)."""
    certify(registry, operator, core2, Role.CORE, "second core enterprise")
    tx = registry.createAlliance("core2 chain", 7 * DAY, {"from": core2})
    return tx.events["AllianceCreated"]["allianceId"]


@pytest.fixture(scope="module")
def unknown_alliance(registry, alliance):
    return 999
