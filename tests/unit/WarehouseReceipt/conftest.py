import pytest
from loop_helpers import issue_receipt


@pytest.fixture(scope="module")
def receipt(receipts, alliance, logistics, supplier1, cash):
    """1,000 units of copper cathode valued 100,000, held by supplier1."""
    return issue_receipt(receipts, alliance, logistics, supplier1, cash, 1_000, 100_000)


@pytest.fixture(scope="module")
def custodian(receipts, operator, accounts):
    """An account standing in for a platform contract (PLATFORM_ROLE)."""
    receipts.grantRole(receipts.PLATFORM_ROLE(), accounts[8], {"from": operator})
    return accounts[8]


@pytest.fixture(scope="module")
def other_custodian(receipts, operator, accounts):
    receipts.grantRole(receipts.PLATFORM_ROLE(), accounts[7], {"from": operator})
    return accounts[7]
