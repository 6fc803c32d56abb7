import pytest
from brownie import chain
from loop_helpers import CASH, CREDIT, deliver, give, place

from scf.onboarding import doc_hash


@pytest.fixture(scope="module")
def funded(cash, operator, core, escrow):
    """core holds 10,000,000 and has approved the escrow."""
    give(cash, operator, core, 10_000_000, escrow)


@pytest.fixture(scope="module")
def credit_order(escrow, alliance, core, supplier1, cash, funded):
    """100,000 on credit from supplier1, 60-day term, just placed."""
    return place(escrow, alliance, core, supplier1, cash, 100_000, CREDIT, "credit")


@pytest.fixture(scope="module")
def cash_order(escrow, alliance, core, supplier1, cash, funded):
    """100,000 in cash from supplier1, escrowed, just placed."""
    return place(escrow, alliance, core, supplier1, cash, 100_000, CASH, "cash")


@pytest.fixture(scope="module")
def delivered_credit(escrow, alliance, core, supplier1, cash, funded, logistics):
    order_id = place(escrow, alliance, core, supplier1, cash, 100_000, CREDIT, "delivered credit")
    deliver(escrow, order_id, logistics)
    return order_id


@pytest.fixture(scope="module")
def delivered_cash(escrow, alliance, core, supplier1, cash, funded, logistics):
    order_id = place(escrow, alliance, core, supplier1, cash, 100_000, CASH, "delivered cash")
    deliver(escrow, order_id, logistics, via_warehouse=False)
    return order_id


@pytest.fixture(scope="module")
def disputed_cash(escrow, alliance, core, supplier1, cash, funded, logistics):
    order_id = place(escrow, alliance, core, supplier1, cash, 100_000, CASH, "disputed cash")
    deliver(escrow, order_id, logistics)
    escrow.dispute(order_id, doc_hash("complaint"), {"from": core})
    return order_id


@pytest.fixture(scope="module")
def disputed_credit(escrow, alliance, core, supplier1, cash, funded, logistics):
    order_id = place(escrow, alliance, core, supplier1, cash, 100_000, CREDIT, "disputed credit")
    deliver(escrow, order_id, logistics)
    escrow.dispute(order_id, doc_hash("complaint"), {"from": core})
    return order_id


@pytest.fixture
def after_window(escrow):
    """Travel past the dispute window of everything delivered so far."""
    chain.sleep(escrow.disputeWindow() + 1)
    chain.mine()
