"""Pools and the closed loop replayed from a hand-written event history (issue 12: "the index sees
half the platform"), and their reports in text, CSV and JSON."""

import json

import pytest

from scf.indexer.decoding import Event
from scf.reporting.activity import ClosedLoopReport, PoolsReport
from scf.reporting.export import render_csv, render_json
from scf.reporting.model import PlatformState
from scf.reporting.totals import totals

T0 = 1_780_000_000
ZERO = "0x" + "00" * 20
CORE, SUPPLIER, BANK, WAREHOUSE, INVESTOR = ("0x" + c * 40 for c in "abcde")
CASH = "0x" + "f" * 40


class History:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, contract: str, event: str, **args) -> None:
        n = len(self.events)
        self.events.append(Event(n + 1, 0, f"0x{n:064x}", f"0x{n:064x}", contract, event, args, T0 + n))

    def state(self) -> PlatformState:
        return PlatformState.from_events(self.events)


@pytest.fixture
def history() -> History:
    h = History()
    for address, name in ((CORE, "Core Co"), (SUPPLIER, "Supplier"), (BANK, "Bank"), (WAREHOUSE, "Depot"),
                          (INVESTOR, "Fund")):
        h.add("AllianceRegistry", "EnterpriseRegistered", account=address, idHash="0x", roles=1, name=name)
    # a piece of the receivable token: WarehouseReceipt's Transfer must not touch it
    h.add("ReceivableToken", "Transfer", **{"from": ZERO, "to": SUPPLIER, "tokenId": 1})
    # pool 1: two pieces, an offering, subscriptions, a refund, closing, collections, a loss, a distribution
    h.add("SecuritizationPool", "PoolCreated", poolId=1, originator=BANK, currency=CASH, allianceId=1,
          maxPieces=10, maxTotalValue=10_000)
    h.add("SecuritizationPool", "PieceAdded", poolId=1, pieceId=1, obligor=CORE, value=600, maturity=T0 + 90)
    h.add("SecuritizationPool", "PieceAdded", poolId=1, pieceId=2, obligor=CORE, value=400, maturity=T0 + 90)
    h.add("SecuritizationPool", "OfferingOpened", poolId=1, seniorToken=CASH, juniorToken=CASH,
          seniorCapacity=700, juniorCapacity=200, deadline=T0 + 10)
    h.add("SecuritizationPool", "Subscribed", poolId=1, investor=INVESTOR, senior=True, amount=700)
    h.add("SecuritizationPool", "Subscribed", poolId=1, investor=BANK, senior=False, amount=250)
    h.add("SecuritizationPool", "Refunded", poolId=1, holder=BANK, seniorAmount=0, juniorAmount=50)
    h.add("SecuritizationPool", "PoolClosed", poolId=1, originator=BANK, proceeds=900)
    h.add("SecuritizationPool", "Collected", poolId=1, pieceId=1, amount=600, recovery=False)
    h.add("SecuritizationPool", "WrittenDown", poolId=1, pieceId=2, loss=400, seniorLoss=200, juniorLoss=200)
    h.add("SecuritizationPool", "Collected", poolId=1, pieceId=2, amount=150, recovery=True)
    h.add("SecuritizationPool", "Distributed", poolId=1, seniorInterest=20, seniorPrincipal=500, junior=0)
    # pool 2: cancelled while building
    h.add("SecuritizationPool", "PoolCreated", poolId=2, originator=BANK, currency=CASH, allianceId=1,
          maxPieces=10, maxTotalValue=10_000)
    h.add("SecuritizationPool", "PoolCancelled", poolId=2, by=BANK, piecesReturned=0, cashReturned=0)
    # an order through its milestones to acceptance and settlement
    h.add("OrderEscrow", "OrderPlaced", orderId=1, buyer=CORE, supplier=SUPPLIER, allianceId=1, currency=CASH,
          amount=1_000, deadline=T0 + 30, paymentTermDays=0, credit=False, orderHash="0x")
    for milestone in (0, 1, 2):
        h.add("OrderEscrow", "MilestoneRecorded", orderId=1, milestone=milestone, logistics=WAREHOUSE, docHash="0x")
    h.add("OrderEscrow", "OrderAccepted", orderId=1, by=CORE, deemed=False)
    h.add("OrderEscrow", "OrderSettled", orderId=1, supplierAmount=1_000, buyerRefund=0, tradeId=0, rootId=0)
    h.add("OrderEscrow", "OrderPlaced", orderId=2, buyer=CORE, supplier=SUPPLIER, allianceId=1, currency=CASH,
          amount=500, deadline=T0 + 30, paymentTermDays=60, credit=True, orderHash="0x")
    h.add("OrderEscrow", "OrderDisputed", orderId=2, reasonHash="0x")
    # receipts: issued, split, transferred, locked by a loan
    h.add("WarehouseReceipt", "Transfer", **{"from": ZERO, "to": SUPPLIER, "tokenId": 1})
    h.add("WarehouseReceipt", "ReceiptIssued", receiptId=1, warehouse=WAREHOUSE, holder=SUPPLIER, allianceId=1,
          goodsHash="0x", quantity=100, value=5_000, currency=CASH)
    h.add("WarehouseReceipt", "ReceiptSplit", parentId=1, childId=2, to=CORE, quantity=40, value=2_000)
    h.add("WarehouseReceipt", "Transfer", **{"from": SUPPLIER, "to": BANK, "tokenId": 1})
    h.add("WarehouseReceipt", "PieceLocked", pieceId=1, by=BANK)
    # a pledge loan funded and repaid; another requested then cancelled
    h.add("InventoryFinancing", "LoanRequested", loanId=1, receiptId=1, borrower=SUPPLIER, financier=BANK,
          principal=2_400, rateBps=800, durationDays=90, quantity=60, value=3_000)
    h.add("InventoryFinancing", "LoanFunded", loanId=1, receiptId=1, financier=BANK, principal=2_400, dueAt=T0 + 90)
    h.add("InventoryFinancing", "LoanRepaid", loanId=1, payer=SUPPLIER, principal=2_400, interest=47)
    h.add("InventoryFinancing", "LoanRequested", loanId=2, receiptId=2, borrower=CORE, financier=BANK,
          principal=1_000, rateBps=800, durationDays=90, quantity=40, value=2_000)
    h.add("InventoryFinancing", "LoanCancelled", loanId=2)
    # an advance-payment deal: proposed, accepted, funded, one instalment paid
    h.add("AdvancePayment", "DealProposed", dealId=1, distributor=SUPPLIER, core=CORE, financier=BANK, quantity=10,
          price=1_000, owed=1_050, termDays=60)
    h.add("AdvancePayment", "DealAccepted", dealId=1, core=CORE, receiptId=2)
    h.add("AdvancePayment", "DealFunded", dealId=1, financier=BANK, price=1_000, dueAt=T0 + 60)
    h.add("AdvancePayment", "InstalmentPaid", dealId=1, payer=SUPPLIER, amount=300, totalRepaid=300,
          releasedQuantity=3, releasedReceiptId=3)
    return h


def test_pools_replay_pieces_phase_raise_collections_distributions_and_losses(history):
    state = history.state()
    pool, cancelled = state.activity.pools[1], state.activity.pools[2]
    assert (pool.phase, pool.pieces, pool.pieces_value) == ("active", [1, 2], 1_000)
    assert (pool.senior_raised, pool.junior_raised, pool.refunded, pool.proceeds) == (700, 250, 50, 900)
    assert (pool.collected, pool.recovered) == (750, 150)
    assert (pool.written_down, pool.senior_loss, pool.junior_loss) == (400, 200, 200)
    assert (pool.senior_interest_paid, pool.senior_principal_paid, pool.distributed) == (20, 500, 520)
    assert pool.subscriptions == {(INVESTOR, True): 700, (BANK, False): 200}
    assert cancelled.phase == "cancelled"


def test_orders_receipts_loans_and_deals_replay(history):
    act = history.state().activity
    assert (act.orders[1].status, act.orders[1].milestones) == ("accepted", ["shipped", "inWarehouse", "delivered"])
    assert act.orders[1].supplier_amount == 1_000
    assert (act.orders[2].status, act.orders[2].credit) == ("disputed", True)
    parent, child = act.receipts[1], act.receipts[2]
    assert (parent.holder, parent.quantity, parent.value, parent.locked) == (BANK, 60, 3_000, True)
    assert (child.holder, child.quantity, child.parent_id, child.locked) == (CORE, 40, 1, False)
    assert (act.loans[1].status, act.loans[1].principal, act.loans[1].interest_paid) == ("repaid", 2_400, 47)
    assert (act.loans[1].quantity, act.loans[1].collateral_value) == (60, 3_000)
    assert act.loans[2].status == "cancelled"
    deal = act.deals[1]
    assert (deal.status, deal.owed, deal.repaid, deal.outstanding, deal.released_quantity) == (
        "active", 1_050, 300, 750, 3)


def test_a_warehouse_receipt_transfer_leaves_receivable_pieces_alone(history):
    state = history.state()
    assert set(state.pieces) == {1}
    assert [h.holder for h in state.pieces[1].holders] == [SUPPLIER]


def test_deals_end_repaid_defaulted_or_bought_back(history):
    history.add("AdvancePayment", "InstalmentPaid", dealId=1, payer=SUPPLIER, amount=750, totalRepaid=1_050,
                releasedQuantity=7, releasedReceiptId=4)
    assert history.state().activity.deals[1].status == "repaid"
    h = History()
    h.add("AdvancePayment", "DealProposed", dealId=1, distributor=SUPPLIER, core=CORE, financier=BANK, quantity=10,
          price=1_000, owed=1_050, termDays=60)
    h.add("AdvancePayment", "DealFunded", dealId=1, financier=BANK, price=1_000, dueAt=T0 + 60)
    h.add("AdvancePayment", "BuybackCalled", dealId=1, financier=BANK, price=1_050, quantity=10)
    assert h.state().activity.deals[1].status == "defaulted"
    h.add("AdvancePayment", "BoughtBack", dealId=1, payer=CORE, price=1_050, receiptId=1)
    assert h.state().activity.deals[1].status == "boughtBack"


def test_reports_in_text_csv_and_json(history):
    state = history.state()
    pools, loop = PoolsReport(state), ClosedLoopReport(state)
    text = pools.text()
    assert "Pools" in text and "cancelled" in text and "Fund" in text
    text = loop.text()
    for title in ("Orders", "Warehouse receipts", "Pledge loans", "Advance-payment deals"):
        assert title in text
    document = json.loads(render_json(pools, "pools"))
    assert document["pools"][0]["senior_raised"] == 700 and document["pools"][1]["phase"] == "cancelled"
    assert sorted((r["investor"], r["investor_name"], r["tranche"], r["subscribed"])
                  for r in document["subscriptions"]) == [(BANK, "Bank", "junior", 200),
                                                          (INVESTOR, "Fund", "senior", 700)]
    document = json.loads(render_json(loop, "closed-loop"))
    assert document["deals"][0]["outstanding"] == 750
    assert document["loans"][1]["status"] == "cancelled"
    csv = render_csv(loop).splitlines()
    assert csv[0].startswith("section,order,buyer,buyer_name,supplier,supplier_name,amount")
    assert f"receipts,2,1,{WAREHOUSE},Depot,{CORE},Core Co,40,2000,False,False" in csv


def test_totals_count_pools_and_the_closed_loop(history):
    board = totals(history.state())
    assert board.value("pools created") == "2" and board.value("raised from investors") == "0.000900"
    assert board.value("written down") == "0.000400" and board.value("orders placed") == "2"
    assert board.value("pledge loans funded") == "1" and board.value("advance-payment deals funded") == "1"
    assert board.value("advance payments outstanding") == "0.000750"


@pytest.mark.parametrize("command, tables", [("pools", {"pools", "subscriptions"}),
                                             ("closed-loop", {"orders", "receipts", "loans", "deals"})])
def test_cli_commands_in_every_format(history, monkeypatch, capsys, command, tables):
    from scf import cli

    monkeypatch.setattr(cli, "_state", lambda args: history.state())
    assert cli.main([command]) == 0
    assert "Bank" in capsys.readouterr().out
    assert cli.main([command, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["report"] == command and tables <= set(document)
    assert cli.main([command, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("section,")
