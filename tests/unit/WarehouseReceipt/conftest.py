import pytest
from helpers import stand_in
from loop_helpers import issue_receipt


@pytest.fixture(scope="module")
def receipt(receipts, alliance, logistics, supplier1, cash):
    """1,000 units of copper cathode valued 100,000, held by supplier1."""
    return issue_receipt(receipts, alliance, logistics, supplier1, cash, 1_000, 100_000)


@pytest.fixture(scope="module")
def custodian(operator):
    """A contract standing in for a platform contract (PLATFORM_ROLE wired at deployment)."""
    return stand_in(operator)


@pytest.fixture(scope="module")
def other_custodian(operator):
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(custodian, other_custodian):
    return (("receipts", "PLATFORM_ROLE", custodian), ("receipts", "PLATFORM_ROLE", other_custodian))
