"""The closed loop of trade, on brownie: the story the script and the integration test share
(the loop's arithmetic and goods accounting are ``scf.closed_loop``).

Act 1 - purchase order on credit: the core enterprise orders from supplier1; the logistics
operator records shipped, in warehouse, delivered; the core accepts and the audited trade and the
confirmed receivable appear with no further step; supplier1 discounts it, the core repays.
Act 2 - cash orders in escrow: one accepted by the buyer's silence once the dispute window
passed, one disputed and settled by the auditor, one cancelled after a missed deadline.
Act 3 - inventory financing: warehouse receipts pledged for loans; one repaid (the goods are
released), one foreclosed (the bank takes the receipt and the goods).
Act 4 - advance payment: a bank pays the core enterprise up front for a distributor's order;
instalments release goods pro rata; one deal is repaid in full, the other defaults and the core
enterprise buys the unreleased goods back.

Every money movement is recorded in the scenario's ledger and checked against the chain (with
``scf.brownie.scenario.check``), plus each act's own numbers; any mismatch raises ScenarioError.
"""

from dataclasses import dataclass, field

from brownie import chain, web3

from scf import pricing
from scf.brownie.scenario import ScenarioError, Story, check, onboard, report
from scf.closed_loop import CASH, CREDIT, buyback_price, goods_problems, live_receipts, released_quantity
from scf.enums import Milestone, OrderStatus, TradeStatus
from scf.onboarding import doc_hash, join_alliance
from scf.roles import Role
from scf.tables import Narrator
from scf.units import DAY, fmt, to_base


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise ScenarioError(message)


@dataclass
class ClosedLoopResult:
    orders: list = field(default_factory=list)     # (order id, summary dict)
    loans: list = field(default_factory=list)
    deals: list = field(default_factory=list)
    roots: dict = field(default_factory=dict)
    start_balances: dict = field(default_factory=dict)
    end_balances: dict = field(default_factory=dict)


class Loop:
    """Closed-loop helpers on top of a scenario Story (same cast, ledger and narrator)."""

    def __init__(self, story: Story) -> None:
        self.story, self.p, self.a, self.say = story, story.p, story.actors, story.say
        self.result = ClosedLoopResult()
        self._docs = 0
        self.issued: dict[int, int] = {}      # lot -> units taken into the warehouse
        self.redeemed: dict[int, int] = {}    # lot -> units released by the warehouse

    # -------------------------------------------------------------- set-up

    def join(self, alliance_id: int, name: str, roles: Role, display: str) -> None:
        """Certify an actor and have the core invite it into the running alliance."""
        join_alliance(self.p.registry, self.story.operator, alliance_id, self.a["core"], self.a[name], roles, display)

    def fund(self, name: str, units: int) -> None:
        """Mint cash (recorded in the ledger) and approve the closed-loop contracts too."""
        self.story.fund(name, units)
        self.story.approve(name, self.p.escrow, self.p.pledges, self.p.advances)

    def doc(self, label: str) -> bytes:
        self._docs += 1
        return doc_hash(f"{label} #{self._docs}")

    def balances(self) -> dict:
        out = self.story.balances()
        out["escrow"] = int(self.p.cash.balanceOf(self.p.escrow))
        return out

    # -------------------------------------------------------------- orders

    def place(self, alliance_id: int, supplier: str, units: int, credit: bool, term_days: int = 0,
              deadline_days: int = 30, label: str = "") -> int:
        p, a = self.p, self.a
        amount = to_base(units)
        tx = p.escrow.placeOrder(alliance_id, a[supplier], p.cash, amount, chain.time() + deadline_days * DAY,
                                 term_days, credit, self.doc(f"purchase order {label}"), {"from": a["core"]})
        order_id = tx.events["OrderPlaced"]["orderId"]
        if credit:
            self.say.step(f"core orders {label} from {supplier}: order #{order_id}, {fmt(amount)} on credit, "
                          f"delivery within {deadline_days} days, payment {term_days} days after acceptance")
        else:
            self.story.ledger.move("core", "escrow", amount)
            self.say.step(f"core orders {label} from {supplier}: order #{order_id}, {fmt(amount)} in cash, "
                          f"escrowed now; delivery within {deadline_days} days")
        return order_id

    def milestone(self, order_id: int, milestone: int, document: str) -> None:
        self.p.escrow.recordMilestone(order_id, int(milestone), self.doc(document), {"from": self.a["logistics"]})
        status = OrderStatus(self.p.escrow.orderInfo(order_id)[4]).label
        self.say.step(f"logistics records order #{order_id} {status} ({document} hash anchored)")

    def deliver(self, order_id: int, via_warehouse: bool = True) -> None:
        self.milestone(order_id, Milestone.SHIPPED, "bill of lading")
        if via_warehouse:
            self.milestone(order_id, Milestone.IN_WAREHOUSE, "warehouse entry")
        self.milestone(order_id, Milestone.DELIVERED, "signed delivery note")

    def settled(self, tx, order_id: int, outcome: str) -> dict:
        """Book an order's settlement event in the ledger and the result."""
        ev = tx.events["OrderSettled"]
        o = self.p.escrow.orderInfo(order_id)
        supplier, credit = self.story.name(o[5]), o[3]
        if not credit:
            self.story.ledger.move("escrow", supplier, ev["supplierAmount"])
            self.story.ledger.move("escrow", "core", ev["buyerRefund"])
        summary = {"supplier": supplier, "mode": "credit" if credit else "cash", "amount": int(o[6]),
                   "outcome": outcome, "supplier_got": int(ev["supplierAmount"]), "refund": int(ev["buyerRefund"]),
                   "root": int(ev["rootId"])}
        self.result.orders.append((order_id, summary))
        return summary

    # -------------------------------------------------------------- receipts

    def issue_receipt(self, alliance_id: int, holder: str, goods: str, quantity: int, units: int) -> int:
        tx = self.p.receipts.issue(alliance_id, self.a[holder], doc_hash(goods), quantity, to_base(units), self.p.cash,
                                   {"from": self.a["logistics"]})
        receipt_id = tx.events["ReceiptIssued"]["receiptId"]
        self.issued[receipt_id] = quantity
        self.say.step(f"the warehouse takes in {quantity:,} units of {goods} for {holder}: receipt #{receipt_id}, "
                      f"valued {fmt(to_base(units))}")
        return receipt_id

    def redeem(self, receipt_id: int) -> None:
        rc, warehouse = self.p.receipts, self.a["logistics"]
        holder = self.story.name(rc.ownerOf(receipt_id))
        _locked, lot, _parent, quantity, _value = rc.receiptOf(receipt_id)
        self.redeemed[lot] = self.redeemed.get(lot, 0) + quantity
        rc.approve(warehouse, receipt_id, {"from": self.a[holder]})
        rc.redeem(receipt_id, {"from": warehouse})
        self.say.step(f"{holder} surrenders receipt #{receipt_id}; the warehouse releases {quantity:,} units to it")


# ------------------------------------------------------------------ acts


def onboard_closed_loop(loop: Loop) -> int:
    """The scenario's alliance plus a logistics operator and a distributor, with cash."""
    alliance_id = onboard(loop.story)
    loop.join(alliance_id, "logistics", Role.LOGISTICS, "Harbour Logistics & Warehousing")
    loop.join(alliance_id, "distributor", Role.DISTRIBUTOR, "Metro Distribution Co")
    loop.say.step("core invites a logistics / warehouse operator and a distributor; both accept")
    loop.fund("core", 0)
    loop.fund("distributor", 1_000_000)
    for name in ("supplier1", "supplier2", "supplier3", "bank_a", "bank_b"):
        loop.fund(name, 0)  # approvals only
    loop.say.step("cash: distributor 1,000,000 dCNY; everyone approves the closed-loop contracts")
    return alliance_id


def act_credit_order(loop: Loop, alliance_id: int) -> int:
    say, p, a, story = loop.say, loop.p, loop.a, loop.story
    say.act("Act 1 - a purchase order on credit becomes a confirmed receivable, no manual step")
    order_id = loop.place(alliance_id, "supplier1", 500_000, CREDIT, term_days=90, label="5,000 display panels")
    loop.deliver(order_id)
    tx = p.escrow.accept(order_id, {"from": a["core"]})
    summary = loop.settled(tx, order_id, "accepted")
    root, trade_id = summary["root"], tx.events["OrderSettled"]["tradeId"]
    trade = p.trades.tradeInfo(trade_id)
    maturity = p.receivables.rootState(root)[0]
    order = p.escrow.orderInfo(order_id)
    expect(p.receivables.ownerOf(root) == a["supplier1"], "the receivable did not go to the supplier")
    expect(p.receivables.pieceInfo(root)[0] == to_base(500_000), "receivable face value != order amount")
    expect(maturity == tx.timestamp + 90 * DAY, "maturity is not acceptance + payment term")
    expect(trade["status"] == TradeStatus.CONFIRMED and trade["auditor"] == p.escrow.address and trade["recorded"],
           "trade not confirmed / not audited by the escrow")
    expect(trade["invoiceHash"] == p.escrow.invoiceHashOf(order["orderHash"]),
           "invoice hash not derived from the order")
    expect(p.trades.tradeOfInvoice(p.escrow, a["core"], trade["invoiceHash"]) == trade_id,
           "the derived invoice is not bound in the escrow's namespace")
    expect(trade["deliveryHash"] == p.escrow.deliveryHashOf(order_id), "delivery hash is not the milestones' documents")
    say.step(f"core accepts the goods: trade #{trade_id} recorded, audited by the escrow (order, milestone and "
             f"derived invoice hashes), root #{root} of {fmt(to_base(500_000))} issued to supplier1, due in 90 days")
    story.roots["credit order"] = root
    story.discount_signed(root, "supplier1", "bank_a", 480, recourse=False, amount=to_base(300_000))
    story.travel_to(maturity + 1)
    say.step("... 90 days later: maturity")
    story.repay(root, "core", to_base(500_000))
    story.claim_all(root)
    return order_id


def act_cash_orders(loop: Loop, alliance_id: int) -> None:
    say, p, a, story = loop.say, loop.p, loop.a, loop.story
    say.act("Act 2 - cash orders in escrow: silence, a dispute and a missed deadline")
    window = p.escrow.disputeWindow()
    # 2a: delivered, buyer silent, acceptance deemed after the window
    o1 = loop.place(alliance_id, "supplier2", 200_000, CASH, label="20 t of resin")
    loop.deliver(o1, via_warehouse=False)
    story.travel_to(chain.time() + window + 1)
    tx = p.escrow.accept(o1, {"from": a["supplier2"]})
    s1 = loop.settled(tx, o1, "deemed accepted")
    expect(s1["supplier_got"] == to_base(200_000) and s1["refund"] == 0, "deemed acceptance did not pay in full")
    say.step(f"the core stays silent for {window // DAY} days: supplier2 triggers the deemed acceptance and "
             f"receives {fmt(s1['supplier_got'])} from escrow")
    # 2b: delivered, disputed, resolved by the auditor
    o2 = loop.place(alliance_id, "supplier3", 120_000, CASH, label="3,000 moulded housings")
    loop.deliver(o2)
    p.escrow.dispute(o2, doc_hash("complaint: 500 housings cracked"), {"from": a["core"]})
    say.step(f"core disputes order #{o2} within the window (500 of 3,000 housings cracked)")
    tx = p.escrow.resolveDispute(o2, to_base(100_000), doc_hash("auditor's resolution"), {"from": a["auditor"]})
    s2 = loop.settled(tx, o2, "resolved by auditor")
    expect(s2["supplier_got"] + s2["refund"] == to_base(120_000), "resolution did not split the escrow exactly")
    say.step(f"the auditor resolves: supplier3 gets {fmt(s2['supplier_got'])}, core gets {fmt(s2['refund'])} back")
    # 2c: shipped but not delivered by the deadline, cancelled
    o3 = loop.place(alliance_id, "supplier1", 50_000, CASH, deadline_days=10, label="spare parts")
    loop.milestone(o3, Milestone.SHIPPED, "bill of lading")
    story.travel_to(p.escrow.orderInfo(o3)[1] + 1)
    tx = p.escrow.cancel(o3, {"from": a["core"]})
    refund = tx.events["OrderCancelled"]["refund"]
    story.ledger.move("escrow", "core", refund)
    loop.result.orders.append((o3, {"supplier": "supplier1", "mode": "cash", "amount": to_base(50_000),
                                    "outcome": "cancelled (deadline missed)", "supplier_got": 0, "refund": refund,
                                    "root": 0}))
    expect(refund == to_base(50_000), "cancellation did not refund the whole escrow")
    say.step(f"the deadline passes without delivery: core cancels order #{o3} and takes its {fmt(refund)} back")
    expect(p.cash.balanceOf(p.escrow) == 0, "the escrow still holds cash")


def act_inventory_financing(loop: Loop, alliance_id: int) -> None:
    say, p, a, story = loop.say, loop.p, loop.a, loop.story
    say.act("Act 3 - inventory financing: warehouse receipts pledged for loans")
    rc, pledges = p.receipts, p.pledges
    r1 = loop.issue_receipt(alliance_id, "supplier2", "copper cathode, grade A", 1_000, 300_000)
    loan1 = pledges.requestLoan(r1, a["bank_a"], to_base(200_000), 600, 60, {"from": a["supplier2"]}).return_value
    tx = pledges.fund(loan1, {"from": a["bank_a"]})
    story.ledger.move("bank_a", "supplier2", to_base(200_000))
    expect(rc.receiptOf(r1)[0] == pledges.address, "the pledged receipt is not locked")
    say.step(f"supplier2 pledges receipt #{r1} to bank_a for a 200,000.00 loan at 6.00%/yr, 60 days: "
             f"cash paid, receipt locked")
    funded_at = tx.timestamp
    story.travel_to(funded_at + 45 * DAY)
    tx = pledges.repay(loan1, {"from": a["supplier2"]})
    ev = tx.events["LoanRepaid"]
    expected = pricing.interest(to_base(200_000), 600, funded_at, tx.timestamp)
    expect(ev["interest"] == expected, f"interest {ev['interest']} != scf.pricing {expected}")
    story.ledger.move("supplier2", "bank_a", ev["principal"] + ev["interest"])
    say.step(f"45 days later supplier2 repays {fmt(ev['principal'])} + {fmt(ev['interest'])} interest: "
             f"receipt unlocked")
    loop.redeem(r1)
    loop.result.loans.append((loan1, "supplier2", "bank_a", to_base(200_000), int(ev["interest"]),
                              "repaid, goods released"))

    r2 = loop.issue_receipt(alliance_id, "supplier3", "polymer granulate", 500, 100_000)
    loan2 = pledges.requestLoan(r2, a["bank_b"], to_base(60_000), 900, 30, {"from": a["supplier3"]}).return_value
    pledges.fund(loan2, {"from": a["bank_b"]})
    story.ledger.move("bank_b", "supplier3", to_base(60_000))
    say.step(f"supplier3 pledges receipt #{r2} to bank_b for 60,000.00 at 9.00%/yr, 30 days")
    story.travel_to(pledges.loanInfo(loan2)[2] + 1)
    pledges.foreclose(loan2, {"from": a["bank_b"]})
    expect(rc.ownerOf(r2) == a["bank_b"] and rc.receiptOf(r2)[0] == "0x" + "0" * 40,
           "foreclosure did not hand the free receipt to the bank")
    say.step(f"the loan is not repaid by its due date: bank_b forecloses and now holds receipt #{r2}")
    loop.redeem(r2)
    loop.result.loans.append((loan2, "supplier3", "bank_b", to_base(60_000), 0, "foreclosed, goods to the bank"))


def act_advance_payment(loop: Loop, alliance_id: int) -> None:
    say, p, a, story = loop.say, loop.p, loop.a, loop.story
    say.act("Act 4 - advance payment: the bank pays the core up front, instalments release the goods")
    adv, rc = p.advances, p.receipts
    say.note("buy-back terms the core accepts with each order: if the distributor has not repaid everything by the")
    say.note("due date + the alliance's grace period, the bank may call the guarantee; the core then pays the unpaid")
    say.note("balance (no penalty, no fee) and receives the receipt for every unreleased unit; instalments paid stay")
    say.note("paid and the goods released for them stay with the distributor.")
    grace = p.registry.gracePeriodOf(alliance_id)

    def deal(quantity: int, units: int, rate_bps: int, term_days: int, goods: str) -> tuple[int, int]:
        terms = (alliance_id, a["core"], a["bank_b"], p.cash, doc_hash(goods), quantity, to_base(units), rate_bps,
                 term_days)
        deal_id = adv.propose(terms, {"from": a["distributor"]}).return_value
        owed = adv.dealInfo(deal_id)[8]
        expect(owed == to_base(units) + pricing.interest(to_base(units), rate_bps, 0, term_days * DAY),
               "owed != price + interest for the term")
        say.step(f"distributor orders {quantity:,} {goods} from core for {fmt(to_base(units))}, financed by bank_b at "
                 f"{rate_bps / 100:.2f}%/yr for {term_days} days: deal #{deal_id}, owes {fmt(owed)}")
        receipt = loop.issue_receipt(alliance_id, "core", goods, quantity, units)
        adv.acceptOrder(deal_id, receipt, {"from": a["core"]})
        say.step(f"core accepts the order and the buy-back guarantee, putting receipt #{receipt} under the deal")
        adv.fund(deal_id, receipt, {"from": a["bank_b"]})
        story.ledger.move("bank_b", "core", to_base(units))
        say.step(f"bank_b pays core {fmt(to_base(units))} up front; receipt #{receipt} now held by bank_b, locked")
        return deal_id, receipt

    def instalment(deal_id: int, units: int | None = None) -> int:
        d = adv.dealInfo(deal_id)
        amount = to_base(units) if units is not None else d[8] - d[10]
        tx = adv.repay(deal_id, amount, {"from": a["distributor"]})
        story.ledger.move("distributor", "bank_b", amount)
        ev = tx.events["InstalmentPaid"]
        d = adv.dealInfo(deal_id)
        expect(d[12] == released_quantity(d[11], d[10], d[8]),
               "released quantity is not floor(quantity x repaid / owed)")
        expect(d[12] * d[8] <= d[11] * d[10], "more goods released than paid for")
        say.step(f"distributor pays {fmt(amount)} (total {fmt(ev['totalRepaid'])} of {fmt(d[8])}): "
                 f"{ev['releasedQuantity']:,} units released as receipt #{ev['releasedReceiptId']} "
                 f"({d[12]:,} of {d[11]:,} so far)")
        return ev["releasedReceiptId"]

    d1, receipt1 = deal(10_000, 800_000, 800, 90, "55-inch televisions")
    released = instalment(d1, 300_000)
    instalment(d1, 200_000)
    loop.redeem(released)
    instalment(d1)
    expect(rc.ownerOf(receipt1) == a["distributor"] and adv.dealInfo(d1)[12] == 10_000,
           "full repayment did not release every unit")
    loop.result.deals.append((d1, 10_000, to_base(800_000), int(adv.dealInfo(d1)[8]), int(adv.dealInfo(d1)[10]),
                              10_000, "repaid"))

    d2, receipt2 = deal(4_000, 400_000, 800, 60, "washing machines")
    instalment(d2, 150_000)
    due = adv.dealInfo(d2)[2]
    story.travel_to(due + grace + 1)
    tx = adv.callBuyback(d2, {"from": a["bank_b"]})
    ev = tx.events["BuybackCalled"]
    say.step(f"the distributor pays nothing more: {grace // DAY} days after the due date bank_b calls the buy-back "
             f"({fmt(ev['price'])} for {ev['quantity']:,} units)")
    tx = adv.payBuyback(d2, {"from": a["core"]})
    story.ledger.move("core", "bank_b", ev["price"])
    d = adv.dealInfo(d2)
    expect(ev["price"] == buyback_price(d[8], d[10]), "buy-back price is not the unpaid balance")
    expect(rc.ownerOf(receipt2) == a["core"] and rc.receiptOf(receipt2)[3] == d[11] - d[12],
           "core did not receive the unreleased goods")
    say.step(f"core pays {fmt(ev['price'])} and takes back receipt #{receipt2} for {d[11] - d[12]:,} units")
    loop.result.deals.append((d2, 4_000, to_base(400_000), int(d[8]), int(d[10]), int(d[12]), "bought back by core"))


def check_goods(loop: Loop) -> None:
    """Every lot's live receipts plus the units released by the warehouse add up to the units
    taken in; no receipt is left locked once its financing is closed."""
    problems = goods_problems(live_receipts(web3, loop.p.receipts.address), loop.issued, loop.redeemed)
    expect(not problems, "; ".join(problems))


def tables(loop: Loop) -> None:
    say = loop.say
    say.act("Orders")
    say.table(["order", "supplier", "mode", "amount", "outcome", "supplier got", "buyer refund", "receivable"],
              [(f"#{oid}", s["supplier"], s["mode"], fmt(s["amount"]), s["outcome"], fmt(s["supplier_got"]),
                fmt(s["refund"]), f"root #{s['root']}" if s["root"] else "") for oid, s in loop.result.orders],
              "lllrlrrl")
    say.act("Pledge loans and advance payments")
    say.table(["loan", "borrower", "financier", "principal", "interest", "outcome"],
              [(f"#{i}", b, f, fmt(pr), fmt(it), o) for i, b, f, pr, it, o in loop.result.loans], "lllrrl")
    say.table(["deal", "units", "price", "owed", "repaid", "units released", "outcome"],
              [(f"#{i}", f"{q:,}", fmt(pr), fmt(ow), fmt(rp), f"{rel:,}", o) for i, q, pr, ow, rp, rel, o in
               loop.result.deals], "lrrrrrl")


def run(platform, operator, actors: dict, say: Narrator | None = None) -> ClosedLoopResult:
    story = Story(platform, operator, actors, say)
    loop = Loop(story)
    start = loop.balances()
    alliance_id = onboard_closed_loop(loop)
    act_credit_order(loop, alliance_id)
    act_cash_orders(loop, alliance_id)
    act_inventory_financing(loop, alliance_id)
    act_advance_payment(loop, alliance_id)
    end = loop.balances()
    check(story, start, end)
    expect(end["escrow"] == start["escrow"], "the order escrow still holds cash")
    check_goods(loop)
    tables(loop)
    report(story, start, end)
    story.say.act("All checks passed: orders paid or refunded, receipts and goods accounted for, cash conserved")
    loop.result.roots, loop.result.start_balances, loop.result.end_balances = story.roots, start, end
    return loop.result


# ------------------------------------------------------------------ gas


def bench(platform, operator, actors, progress=lambda _: None) -> list:
    """Gas of the closed loop's steps on ``platform`` (a fresh alliance of its own), after one
    warm-up round so one-time storage costs do not show. Returns scf.brownie.benchmark.Measure rows."""
    from scf.brownie.benchmark import Measure

    loop = Loop(Story(platform, operator, actors))
    p, a = loop.p, loop.a
    out: list = []

    def record(operation: str, tx, note: str = "") -> None:
        out.append(Measure(operation, int(tx.gas_used), None, note))

    progress("closed loop: onboarding ...")
    alliance_id = onboard_closed_loop(loop)
    loop.fund("core", 5_000_000)
    loop.fund("bank_b", 5_000_000)
    loop.fund("distributor", 2_000_000)

    def order_round(measure: bool) -> None:
        say = record if measure else (lambda *_args, **_kw: None)
        credit = loop.place(alliance_id, "supplier1", 100_000, CREDIT, term_days=60, label="bench credit")
        say("order: place on credit", _last())
        cash = loop.place(alliance_id, "supplier2", 100_000, CASH, label="bench cash")
        say("order: place in cash (escrows the amount)", _last())
        for milestone, name in ((m, m.label) for m in Milestone):
            tx = p.escrow.recordMilestone(credit, int(milestone), loop.doc(name), {"from": a["logistics"]})
            say(f"milestone: {name}", tx, "stores the document hash")
            p.escrow.recordMilestone(cash, int(milestone), loop.doc(name), {"from": a["logistics"]})
        tx = p.escrow.accept(credit, {"from": a["core"]})
        say("accept a credit order (records the audited trade + issues the receivable)", tx,
            "supplier already holds pieces" if measure else "")
        tx = p.escrow.accept(cash, {"from": a["core"]})
        say("accept a cash order (releases the escrow)", tx, "supplier already has cash")

    progress("closed loop: orders ...")
    order_round(False)
    order_round(True)

    progress("closed loop: warehouse receipts and pledge loans ...")
    for measure in (False, True):
        say = record if measure else (lambda *_args, **_kw: None)
        tx = p.receipts.issue(alliance_id, a["supplier2"], doc_hash("bench goods"), 1_000, to_base(100_000), p.cash,
                              {"from": a["logistics"]})
        say("warehouse receipt: issue", tx)
        rid = tx.events["ReceiptIssued"]["receiptId"]
        tx = p.pledges.requestLoan(rid, a["bank_b"], to_base(50_000), 600, 30, {"from": a["supplier2"]})
        say("pledge loan: request", tx)
        loan = tx.events["LoanRequested"]["loanId"]
        tx = p.pledges.fund(loan, {"from": a["bank_b"]})
        say("pledge loan: fund (pledging: locks the receipt, pays the holder)", tx, "holder already has cash")
        loop.story.travel_to(chain.time() + 20 * DAY)
        tx = p.pledges.repay(loan, {"from": a["supplier2"]})
        say("pledge loan: repay with interest (unlocks the receipt)", tx)
        tx = p.receipts.split(rid, 400, a["supplier3"], {"from": a["supplier2"]})
        say("warehouse receipt: split by quantity to another member", tx)
        p.receipts.approve(a["logistics"], rid, {"from": a["supplier2"]})
        tx = p.receipts.redeem(rid, {"from": a["logistics"]})
        say("warehouse receipt: redeem (goods released)", tx)

    progress("closed loop: advance payment ...")
    for measure in (False, True):
        say = record if measure else (lambda *_args, **_kw: None)
        goods = doc_hash("bench televisions")
        terms = (alliance_id, a["core"], a["bank_b"], p.cash, goods, 10_000, to_base(800_000), 800, 90)
        tx = p.advances.propose(terms, {"from": a["distributor"]})
        say("advance payment: propose", tx)
        deal = tx.events["DealProposed"]["dealId"]
        rid = p.receipts.issue(alliance_id, a["core"], goods, 10_000, to_base(800_000), p.cash,
                               {"from": a["logistics"]}).events["ReceiptIssued"]["receiptId"]
        tx = p.advances.acceptOrder(deal, rid, {"from": a["core"]})
        say("advance payment: core accepts (locks the receipt)", tx)
        tx = p.advances.fund(deal, rid, {"from": a["bank_b"]})
        say("advance payment: fund (pays the core, receipt to the financier)", tx)
        tx = p.advances.repay(deal, to_base(200_000), {"from": a["distributor"]})
        say("advance payment: instalment with a partial release (splits the receipt)", tx,
            "distributor already holds receipts" if measure else "")
        tx = p.advances.repay(deal, to_base(200_000), {"from": a["distributor"]})
        say("advance payment: another partial release", tx)
        d = p.advances.dealInfo(deal)
        tx = p.advances.repay(deal, d["owed"] - d["repaid"], {"from": a["distributor"]})
        say("advance payment: last instalment (releases the rest)", tx)
    return out


def _last():
    """The last transaction sent (brownie's history)."""
    from brownie import history

    return history[-1]
