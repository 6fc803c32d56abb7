import pytest
from loop_helpers import give, issue_receipt

from scf.units import to_base

PRINCIPAL = to_base(60_000)


@pytest.fixture(scope="module")
def funded(cash, operator, pledges, bank_a, supplier1):
    give(cash, operator, bank_a, 1_000_000, pledges)
    give(cash, operator, supplier1, 100_000, pledges)


@pytest.fixture(scope="module")
def receipt(receipts, alliance, logistics, supplier1, cash):
    """1,000 units valued 100,000, held by supplier1."""
    return issue_receipt(receipts, alliance, logistics, supplier1, cash, 1_000, 100_000)


@pytest.fixture(scope="module")
def requested(pledges, receipt, bank_a, supplier1, funded):
    """supplier1 asks bank_a for 60,000 at 6 % for 30 days against the receipt."""
    return pledges.requestLoan(receipt, bank_a, PRINCIPAL, 600, 30, {"from": supplier1}).return_value


@pytest.fixture(scope="module")
def active(pledges, receipts, alliance, logistics, supplier1, cash, bank_a, funded):
    """A funded loan on its own receipt: returns (loan id, receipt id)."""
    rid = issue_receipt(receipts, alliance, logistics, supplier1, cash, 500, 80_000, goods="polymer")
    loan = pledges.requestLoan(rid, bank_a, PRINCIPAL, 600, 30, {"from": supplier1}).return_value
    pledges.fund(loan, {"from": bank_a})
    return loan, rid
