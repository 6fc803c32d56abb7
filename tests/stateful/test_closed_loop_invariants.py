"""Stateful test of the closed loop: random sequences of orders (placed, delivered, accepted,
disputed, resolved, cancelled, time passing), warehouse receipts pledged and re-pledged,
loans repaid and foreclosed, advance-payment deals paid in instalments and bought back.

Invariants after every step:
  * escrowed cash is conserved: the escrow holds exactly the cash orders still open;
  * goods released never exceed goods paid for: released x owed <= quantity x repaid, and the
    receipts released to the distributor plus the locked rest add up to the deal's quantity;
  * no receipt is pledged twice: at most one active loan per receipt, every active loan's and
    every open deal's receipt locked by exactly that contract;
  * a funded loan's collateral is what the financier agreed to: the receipt's quantity and value
    recorded at the request, although holders split their receipts at any time (issue 10 item 1);
  * a delivered credit order can always be settled, although an attacker (with the auditor and
    even the buyer colluding) confirms trades carrying the order's derived invoice hash first
    (issue 10 item 3): acceptance and resolution never revert;
  * no cash is created or destroyed.
"""

import brownie
import pytest
from brownie import chain
from brownie.test import strategy
from helpers import next_block_at, now, stateful_settings
from loop_helpers import CASH, CREDIT, DELIVERED, IN_WAREHOUSE, SHIPPED, ZERO, DealStatus, LoanStatus, OrderStatus, give
from stateful_tools import ChainView, Reader, finish_confirmations

from scf.onboarding import doc_hash
from scf.units import DAY, to_base

OPEN_CASH = (OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.IN_WAREHOUSE, OrderStatus.DELIVERED,
             OrderStatus.DISPUTED)
UNDELIVERED = (OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.IN_WAREHOUSE)
DEAL_LOCKED = (DealStatus.ACCEPTED, DealStatus.ACTIVE, DealStatus.DEFAULTED)


class ClosedLoop(ChainView):
    st_index = strategy("uint8")
    st_units = strategy("uint32", min_value=1, max_value=500_000)
    st_days = strategy("uint8", min_value=1, max_value=45)
    st_bps = strategy("uint16", max_value=10_000)
    st_credit = strategy("bool")
    st_quantity = strategy("uint16", min_value=2, max_value=5_000)

    def __init__(self, p, a, alliance):
        """Runs once, before the chain snapshot every example starts from: build a world with
        open orders in every status, receipts, a requested and an active loan, and two funded
        deals, so that the few steps of each example act on something."""
        self.p, self.a, self.alliance = p, a, alliance
        self.suppliers = [a["supplier1"], a["supplier2"], a["supplier3"]]
        self.banks = [a["bank_a"], a["bank_b"]]
        self.holders = [*self.suppliers, *self.banks, a["core"], a["distributor"], p.escrow]
        self.read = Reader()
        self.supply = p.cash.totalSupply()
        w = object.__new__(self)  # a bare instance of the machine, to play the rules on
        w.setup()
        for i, credit in enumerate((CASH, CASH, CASH, CREDIT, CASH, CREDIT)):
            w.rule_place_order(10_000 * (i + 1), i, credit)
        for order, steps in zip(w.orders, (0, 1, 2, 3, 3, 1)):
            for milestone in (SHIPPED, IN_WAREHOUSE, DELIVERED)[:steps]:
                p.escrow.recordMilestone(order, milestone, w._doc("doc"), {"from": a["logistics"]})
        p.escrow.dispute(w.orders[4], w._doc("complaint"), {"from": a["core"]})
        for i in range(3):
            w.rule_issue_receipt(1_000 * (i + 1), i)
        w.rule_request_loan(0, 5_000)
        w.rule_request_loan(1, 2_000)
        w.rule_request_loan(1, 3_000)  # a second request on the same receipt ...
        w.rule_fund_loan(1)            # ... which the first one's funding pledges
        w.rule_open_deal(1_000, 300_000)
        w.rule_open_deal(777, 50_000)
        w.rule_instalment(0, 400_000)
        self.initial = (w.orders, w.receipts, w.loans, w.deals, w.released, w.n)

    def setup(self):
        finish_confirmations()
        if hasattr(self, "initial"):
            orders, receipts, loans, deals, released, n = self.initial
            self.orders, self.receipts, self.loans, self.deals = list(orders), list(receipts), list(loans), list(deals)
            self.released, self.n = {k: list(v) for k, v in released.items()}, n
        else:
            self.orders, self.receipts, self.loans, self.deals, self.released, self.n = [], [], [], [], {}, 0

    def _doc(self, label):
        self.n += 1
        return doc_hash(f"{label} {self.n} {len(self.orders)}")

    @staticmethod
    def _pick(items, index):  # noqa: D401 - index modulo the list
        return items[index % len(items)] if items else None

    # ---------------------------------------------------------- orders

    def rule_place_order(self, st_units, st_index, st_credit):
        supplier = self._pick(self.suppliers, st_index)
        tx = self.p.escrow.placeOrder(self.alliance, supplier, self.p.cash, to_base(st_units),
                                      chain.time() + 20 * DAY, 30 if st_credit else 0, st_credit,
                                      self._doc("PO"), {"from": self.a["core"]})
        self.orders.append(tx.events["OrderPlaced"]["orderId"])

    def _orders_in(self, statuses):
        infos = self.read([(self.p.escrow.orderInfo, o) for o in self.orders])
        return [o for o, info in zip(self.orders, infos) if info["status"] in statuses]

    def rule_milestone(self, st_index):
        order = self._pick(self._orders_in(UNDELIVERED), st_index)
        if order is None:
            return
        status = self.p.escrow.orderInfo(order)["status"]
        if status == OrderStatus.PLACED:
            milestone = SHIPPED
        elif status == OrderStatus.SHIPPED and st_index % 2:
            milestone = IN_WAREHOUSE
        else:
            milestone = DELIVERED
        self.p.escrow.recordMilestone(order, milestone, self._doc("doc"), {"from": self.a["logistics"]})

    def rule_accept(self, st_index):
        order = self._pick(self._orders_in((OrderStatus.DELIVERED,)), st_index)
        if order is not None:
            self.p.escrow.accept(order, {"from": self.a["core"]})

    def rule_dispute(self, st_index):
        order = self._pick(self._orders_in((OrderStatus.DELIVERED,)), st_index)
        if order is None:
            return
        ends = self.p.escrow.orderInfo(order)["deliveredAt"] + self.p.escrow.disputeWindow()
        # the dispute's own block time decides (refused after `ends`): pin it instead of guessing
        # from brownie's clock, which can drift from the node's after earlier modules' reverts
        if next_block_at(now() + 1) <= ends:
            self.p.escrow.dispute(order, self._doc("complaint"), {"from": self.a["core"]})
        else:
            with brownie.reverts():
                self.p.escrow.dispute(order, self._doc("complaint"), {"from": self.a["core"]})

    def rule_resolve(self, st_index, st_bps):
        order = self._pick(self._orders_in((OrderStatus.DISPUTED,)), st_index)
        if order is not None:
            share = self.p.escrow.orderInfo(order)["amount"] * st_bps // 10_000
            self.p.escrow.resolveDispute(order, share, self._doc("resolution"), {"from": self.a["auditor"]})

    def rule_cancel(self, st_index):
        order = self._pick(self._orders_in(UNDELIVERED), st_index)
        if order is None:
            return
        if chain.time() > self.p.escrow.orderInfo(order)["deadline"] + 5:
            self.p.escrow.cancel(order, {"from": self.a["core"]})
        else:
            with brownie.reverts():
                self.p.escrow.cancel(order, {"from": self.a["core"]})

    def rule_squat_order_invoice(self, st_index):
        """The attack on a credit order: a seller submits a 1-unit trade with the order's derived
        invoice hash, the auditor verifies it and the buyer itself confirms it."""
        credit = [o for o in self._orders_in(OPEN_CASH) if self.p.escrow.orderInfo(o)["credit"]]
        order = self._pick(credit, st_index)
        if order is None:
            return
        p, a = self.p, self.a
        invoice = p.escrow.invoiceHashOf(p.escrow.orderInfo(order)["orderHash"])
        seller = self._pick(self.suppliers, st_index + 1)
        submit = (self.alliance, a["core"], p.cash, 1, invoice, self._doc("fake PO"), self._doc("fake DN"),
                  {"from": seller})
        if p.trades.tradeOfInvoice(ZERO, a["core"], invoice) != 0:
            with brownie.reverts():
                p.trades.submitTrade(*submit)
            return
        trade_id = p.trades.submitTrade(*submit).events["TradeSubmitted"]["tradeId"]
        p.trades.verifyTrade(trade_id, {"from": a["auditor"]})
        p.receivables.confirm(trade_id, 1, chain.time() + 30 * DAY, {"from": a["core"]})

    def rule_time_passes(self, st_days):
        chain.sleep(st_days * DAY)
        chain.mine()

    # ---------------------------------------------------------- receipts and pledges

    def rule_issue_receipt(self, st_quantity, st_index):
        holder = self._pick(self.suppliers, st_index)
        tx = self.p.receipts.issue(self.alliance, holder, self._doc("goods"), st_quantity, to_base(st_quantity * 100),
                                   self.p.cash, {"from": self.a["logistics"]})
        self.receipts.append(tx.events["ReceiptIssued"]["receiptId"])

    def _live_receipts(self):
        records = self.read([(self.p.receipts.receiptOf, r) for r in self.receipts])
        return [r for r, record in zip(self.receipts, records) if record["lotId"] != 0]

    def rule_request_loan(self, st_index, st_bps):
        receipt = self._pick(self._live_receipts(), st_index)
        if receipt is None:
            return
        info = self.p.receipts.receiptInfo(receipt)
        holder, bank = info["holder"], self._pick(self.banks, st_index // 3)
        principal = max(1, info["value"] * st_bps // 10_000)
        if info["value"] == 0:
            return
        if info["lockedBy"] != "0x" + "0" * 40:
            with brownie.reverts("ReceiptAlreadyLocked: " + f"{receipt}, {info['lockedBy'].lower()}"):
                self.p.pledges.requestLoan(receipt, bank, principal, 500, 30, {"from": holder})
            return
        tx = self.p.pledges.requestLoan(receipt, bank, principal, 500, 30, {"from": holder})
        self.loans.append(tx.events["LoanRequested"]["loanId"])

    def _loans_in(self, status):
        infos = self.read([(self.p.pledges.loanInfo, loan) for loan in self.loans])
        return [loan for loan, info in zip(self.loans, infos) if info["status"] == status]

    def rule_fund_loan(self, st_index):
        """Funding a request whose receipt is already pledged, gone or shrunk must fail and change nothing."""
        loan = self._pick(self._loans_in(LoanStatus.REQUESTED), st_index)
        if loan is None:
            return
        info = self.p.pledges.loanInfo(loan)
        receipt = self.p.receipts.receiptInfo(info["receiptId"])
        if (receipt["lockedBy"] != ZERO or receipt["holder"] != info["borrower"]
                or (receipt["quantity"], receipt["value"]) != (info["quantity"], info["value"])):
            with brownie.reverts():
                self.p.pledges.fund(loan, {"from": info["financier"]})
        else:
            self.p.pledges.fund(loan, {"from": info["financier"]})

    def rule_split_receipt(self, st_index, st_bps):
        """A holder splits part of a receipt off to itself, e.g. just before a requested loan is funded."""
        receipt = self._pick(self._live_receipts(), st_index)
        if receipt is None:
            return
        info = self.p.receipts.receiptInfo(receipt)
        if info["holder"] not in self.suppliers or info["quantity"] < 2:
            return
        quantity = max(1, min(info["quantity"] - 1, info["quantity"] * st_bps // 10_000))
        if info["lockedBy"] != ZERO:
            with brownie.reverts():
                self.p.receipts.split(receipt, quantity, info["holder"], {"from": info["holder"]})
            return
        tx = self.p.receipts.split(receipt, quantity, info["holder"], {"from": info["holder"]})
        self.receipts.append(tx.events["ReceiptSplit"]["childId"])

    def rule_repay_loan(self, st_index):
        loan = self._pick(self._loans_in(LoanStatus.ACTIVE), st_index)
        if loan is not None:
            self.p.pledges.repay(loan, {"from": self.p.pledges.loanInfo(loan)["borrower"]})

    def rule_foreclose(self, st_index):
        loan = self._pick(self._loans_in(LoanStatus.ACTIVE), st_index)
        if loan is None:
            return
        info = self.p.pledges.loanInfo(loan)
        if chain.time() > info["dueAt"] + 5:
            self.p.pledges.foreclose(loan, {"from": info["financier"]})

    def rule_pass_receipt_on(self, st_index):
        """Holders try to move receipts; a locked one must not move."""
        receipt = self._pick(self._live_receipts(), st_index)
        if receipt is None:
            return
        info = self.p.receipts.receiptInfo(receipt)
        if info["holder"] not in self.suppliers:
            return
        to = self._pick(self.suppliers, st_index + 1)
        if info["lockedBy"] != "0x" + "0" * 40:
            with brownie.reverts():
                self.p.receipts.transferFrom(info["holder"], to, receipt, {"from": info["holder"]})
        else:
            self.p.receipts.transferFrom(info["holder"], to, receipt, {"from": info["holder"]})

    # ---------------------------------------------------------- advance payment

    def rule_open_deal(self, st_quantity, st_units):
        a, p = self.a, self.p
        goods = self._doc("televisions")
        terms = (self.alliance, a["core"], a["bank_b"], p.cash, goods, st_quantity, to_base(st_units), 800, 60)
        deal = p.advances.propose(terms, {"from": a["distributor"]}).events["DealProposed"]["dealId"]
        receipt = p.receipts.issue(self.alliance, a["core"], goods, st_quantity, to_base(st_units), p.cash,
                                   {"from": a["logistics"]}).events["ReceiptIssued"]["receiptId"]
        self.receipts.append(receipt)
        p.advances.acceptOrder(deal, receipt, {"from": a["core"]})
        p.advances.fund(deal, receipt, {"from": a["bank_b"]})
        self.deals.append(deal)
        self.released[deal] = []

    def _deals_in(self, status):
        infos = self.read([(self.p.advances.dealInfo, d) for d in self.deals])
        return [d for d, info in zip(self.deals, infos) if info["status"] == status]

    def rule_instalment(self, st_index, st_units):
        deal = self._pick(self._deals_in(DealStatus.ACTIVE), st_index)
        if deal is None:
            return
        d = self.p.advances.dealInfo(deal)
        amount = min(to_base(st_units) // 7 + 1, d["owed"] - d["repaid"])
        tx = self.p.advances.repay(deal, amount, {"from": self.a["distributor"]})
        released = tx.events["InstalmentPaid"]["releasedReceiptId"]
        if released and released != d["receiptId"]:
            self.released[deal].append(released)

    def rule_buyback(self, st_index):
        deal = self._pick(self._deals_in(DealStatus.ACTIVE), st_index)
        if deal is None:
            return
        d = self.p.advances.dealInfo(deal)
        if chain.time() > d["dueAt"] + self.p.registry.gracePeriodOf(self.alliance) + 5:
            self.p.advances.callBuyback(deal, {"from": self.a["bank_b"]})
            self.p.advances.payBuyback(deal, {"from": self.a["core"]})

    # ---------------------------------------------------------- invariants
    # (read in one JSON-RPC batch per step: ``reads_closed_loop``, then ``self.seen``)

    def reads_closed_loop(self):
        p = self.p
        released = [r for deal in self.deals for r in self.released[deal]]
        return {
            "supply": [(p.cash.totalSupply,)],
            "cash": [(p.cash.balanceOf, h) for h in self.holders],
            "order": [(p.escrow.orderInfo, o) for o in self.orders],
            "loan": [(p.pledges.loanInfo, loan) for loan in self.loans],
            "deal": [(p.advances.dealInfo, d) for d in self.deals],
            "receipt": [(p.receipts.receiptOf, r) for r in self.receipts],
            "released": [(p.receipts.receiptOf, r) for r in released],
        }

    def _receipt(self, receipt_id):
        return dict(zip(self.receipts, self.seen["receipt"]))[receipt_id]

    def invariant_escrowed_cash_is_conserved(self):
        open_cash = sum(o["amount"] for o in self.seen["order"] if not o["credit"] and o["status"] in OPEN_CASH)
        assert self.seen["cash"][self.holders.index(self.p.escrow)] == open_cash

    def invariant_goods_released_never_exceed_goods_paid_for(self):
        released = iter(self.seen["released"])
        repaid_deals = []
        for deal, d in zip(self.deals, self.seen["deal"]):
            assert d["released"] * d["owed"] <= d["quantity"] * d["repaid"]
            out = sum(next(released)["quantity"] for _ in self.released[deal])
            if d["status"] in (DealStatus.ACTIVE, DealStatus.DEFAULTED):
                assert out == d["released"]
                assert self._receipt(d["receiptId"])["quantity"] + out == d["quantity"]
            elif d["status"] == DealStatus.REPAID:
                assert d["released"] == d["quantity"]
                repaid_deals.append(d["receiptId"])
        owners = self.read([(self.p.receipts.ownerOf, r) for r in repaid_deals])
        assert owners == [self.a["distributor"]] * len(repaid_deals)

    def invariant_no_receipt_is_pledged_twice(self):
        active = {}
        for loan, info in zip(self.loans, self.seen["loan"]):
            if info["status"] == LoanStatus.ACTIVE:
                assert info["receiptId"] not in active, f"receipt #{info['receiptId']} backs two loans"
                active[info["receiptId"]] = loan
                assert self._receipt(info["receiptId"])["lockedBy"] == self.p.pledges
        for d in self.seen["deal"]:
            if d["status"] in DEAL_LOCKED:
                assert d["receiptId"] not in active
                assert self._receipt(d["receiptId"])["lockedBy"] == self.p.advances
        for receipt, record in zip(self.receipts, self.seen["receipt"]):
            if record["lockedBy"] == self.p.pledges:
                assert receipt in active

    def invariant_funded_collateral_is_what_was_agreed(self):
        for info in self.seen["loan"]:
            if info["status"] == LoanStatus.ACTIVE:
                r = self._receipt(info["receiptId"])
                assert (r["quantity"], r["value"]) == (info["quantity"], info["value"])

    def invariant_no_cash_created_or_destroyed(self):
        assert self.seen["supply"][0] == self.supply
        assert sum(self.seen["cash"]) == self.supply


@pytest.fixture
def funded(platform, operator, actors, alliance):
    p, a = platform, actors
    spenders = (p.escrow, p.pledges, p.advances)
    for name in ("core", "distributor", "bank_a", "bank_b", "supplier1", "supplier2", "supplier3"):
        give(p.cash, operator, a[name], 50_000_000, *spenders)


def test_closed_loop_invariants(state_machine, platform, actors, alliance, funded):
    state_machine(ClosedLoop, platform, actors, alliance,
                  settings=stateful_settings())
