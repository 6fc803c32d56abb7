"""recordMilestone: shipped -> (in warehouse) -> delivered by a logistics member; refusals."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import CASH, DELIVERED, IN_WAREHOUSE, SHIPPED, OrderStatus, hx, join, place

from scf.onboarding import doc_hash
from scf.roles import Role

DOC = doc_hash("document")


@pytest.fixture
def views(escrow, credit_order):
    return (lambda: escrow.orderInfo(credit_order),)


def test_shipped_in_warehouse_delivered(escrow, credit_order, logistics):
    docs = [doc_hash("bill of lading"), doc_hash("warehouse entry"), doc_hash("delivery note")]
    for milestone, doc, status in zip((SHIPPED, IN_WAREHOUSE, DELIVERED), docs,
                                      (OrderStatus.SHIPPED, OrderStatus.IN_WAREHOUSE, OrderStatus.DELIVERED)):
        tx = escrow.recordMilestone(credit_order, milestone, doc, {"from": logistics})
        assert escrow.orderInfo(credit_order)["status"] == status
        assert tx.events["MilestoneRecorded"].values() == [credit_order, milestone, logistics, hx(doc)]
    o = escrow.orderInfo(credit_order)
    assert (o["shippedDoc"], o["warehouseDoc"], o["deliveredDoc"]) == tuple(hx(d) for d in docs)
    assert o["deliveredAt"] == tx.timestamp


def test_direct_delivery_skips_the_warehouse(escrow, credit_order, logistics):
    escrow.recordMilestone(credit_order, SHIPPED, DOC, {"from": logistics})
    escrow.recordMilestone(credit_order, DELIVERED, DOC, {"from": logistics})
    o = escrow.orderInfo(credit_order)
    assert o["status"] == OrderStatus.DELIVERED and int(o["warehouseDoc"].hex(), 16) == 0


def test_milestones_may_come_late_until_the_buyer_cancels(escrow, credit_order, logistics):
    chain.sleep(31 * 86_400)
    escrow.recordMilestone(credit_order, SHIPPED, DOC, {"from": logistics})
    assert escrow.orderInfo(credit_order)["status"] == OrderStatus.SHIPPED


def test_unknown_order(escrow, logistics):
    with refused("UnknownOrder", 999):
        escrow.recordMilestone(999, SHIPPED, DOC, {"from": logistics})


def test_zero_document(escrow, credit_order, logistics, views):
    with refused("ZeroDocument", views=views):
        escrow.recordMilestone(credit_order, SHIPPED, b"\x00" * 32, {"from": logistics})


@pytest.mark.parametrize("who", ["auditor", "supplier2", "outsider"])
def test_not_logistics(escrow, credit_order, alliance, actors, views, who):
    with refused("NotLogistics", alliance, actors[who], views=views):
        escrow.recordMilestone(credit_order, SHIPPED, DOC, {"from": actors[who]})


def test_logistics_is_party(escrow, registry, operator, core, alliance, cash, funded, rando, logistics):
    """A member that is both supplier and logistics operator cannot record its own order."""
    join(registry, operator, core, alliance, rando, int(Role.SUPPLIER | Role.LOGISTICS), "carrier-supplier")
    order_id = place(escrow, alliance, core, rando, cash, 1_000, CASH, "own goods")
    with refused("LogisticsIsParty", order_id, rando, views=(lambda: escrow.orderInfo(order_id),)):
        escrow.recordMilestone(order_id, SHIPPED, DOC, {"from": rando})


@pytest.mark.parametrize("milestone", [IN_WAREHOUSE, DELIVERED], ids=["warehouse", "delivered"])
def test_wrong_status_before_shipping(escrow, credit_order, logistics, views, milestone):
    with refused("WrongOrderStatus", credit_order, OrderStatus.PLACED, views=views):
        escrow.recordMilestone(credit_order, milestone, DOC, {"from": logistics})


@pytest.mark.parametrize("milestone", [SHIPPED, IN_WAREHOUSE, DELIVERED], ids=["shipped", "warehouse", "delivered"])
def test_wrong_status_after_delivery(escrow, delivered_credit, logistics, milestone):
    with refused("WrongOrderStatus", delivered_credit, OrderStatus.DELIVERED,
                 views=(lambda: escrow.orderInfo(delivered_credit),)):
        escrow.recordMilestone(delivered_credit, milestone, DOC, {"from": logistics})
