"""The closed-loop script's story, run as a test: it checks its own numbers (raises
ScenarioError otherwise); here a few headline facts on top."""

from brownie import ZERO_ADDRESS
from replay import replay

from scf.brownie import closed_loop
from scf.enums import DealStatus, LoanStatus, OrderStatus
from scf.units import to_base


def test_closed_loop_adds_up(platform, operator, actors, tmp_path):
    result = closed_loop.run(platform, operator, actors)

    orders = dict(result.orders)
    credit = [s for s in orders.values() if s["mode"] == "credit"]
    assert len(credit) == 1 and credit[0]["root"] and credit[0]["supplier_got"] == to_base(500_000)
    assert sorted(s["outcome"] for s in orders.values() if s["mode"] == "cash") == [
        "cancelled (deadline missed)", "deemed accepted", "resolved by auditor"]
    # every escrowed unit went to a supplier or back to the buyer
    assert all(s["supplier_got"] + s["refund"] == s["amount"] for s in orders.values() if s["mode"] == "cash")
    assert result.end_balances["escrow"] == result.start_balances["escrow"]
    # advance payment: one deal repaid in full, one bought back by the core
    outcomes = [d[-1] for d in result.deals]
    assert outcomes == ["repaid", "bought back by core"]
    assert result.deals[0][5] == result.deals[0][1]        # every unit released
    assert result.deals[1][5] < result.deals[1][1]         # the rest went back to the core
    assert [loan[-1] for loan in result.loans] == ["repaid, goods released", "foreclosed, goods to the bank"]
    assert platform.settlement.statusOf(result.roots["credit order"])[1]  # the receivable was repaid
    assert_replayed_closed_loop_matches(platform, tmp_path)


def assert_replayed_closed_loop_matches(platform, tmp_path) -> None:
    """The index, replayed, agrees with the contracts' views of every order, receipt, loan and deal
    (issue 12: the index sees every contract)."""
    act = replay(platform, tmp_path).activity
    assert act.orders and act.receipts and act.loans and act.deals
    for order in act.orders.values():
        info = platform.escrow.orderInfo(order.id).dict()
        assert (order.status, order.buyer, order.supplier, order.amount, order.credit) == (
            OrderStatus(info["status"]).key, info["buyer"], info["supplier"], info["amount"], info["credit"])
    for receipt in act.receipts.values():
        if receipt.redeemed:
            continue
        info = platform.receipts.receiptOf(receipt.id).dict()
        assert (receipt.holder, receipt.quantity, receipt.value, receipt.parent_id, receipt.locked) == (
            platform.receipts.ownerOf(receipt.id), info["quantity"], info["value"], info["parentId"],
            info["lockedBy"] != ZERO_ADDRESS)
    for loan in act.loans.values():
        info = platform.pledges.loanInfo(loan.id).dict()
        assert (loan.status, loan.borrower, loan.financier, loan.principal, loan.quantity, loan.collateral_value) == (
            LoanStatus(info["status"]).key, info["borrower"], info["financier"], info["principal"], info["quantity"],
            info["value"])
    for deal in act.deals.values():
        info = platform.advances.dealInfo(deal.id).dict()
        assert (deal.status, deal.owed, deal.repaid, deal.released_quantity, deal.quantity) == (
            DealStatus(info["status"]).key, info["owed"], info["repaid"], info["released"], info["quantity"])
