"""The seed's story, end to end, as a function the script and the integration test share.

Act 1 - credit penetration: a core enterprise confirms a 1,000,000 payable to its tier-1
supplier; tier 1 pays tier 2 with a 400,000 split, tier 2 pays tier 3 with 150,000; tier 3
discounts at bank A through a signed offer, tier 1 discounts its rest at bank B with recourse;
at maturity the core repays and every holder claims.
Act 2 - default and recourse: another root is confirmed by signature, sold with recourse, not
paid; it goes overdue, then defaulted; the bank calls recourse, the seller pays and gets the
piece back; when the core finally pays, the seller collects.

Every money movement is recorded in a ledger and checked against the chain at the end; any
mismatch raises ScenarioError.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from brownie import chain

from scf import pricing
from scf.clock import travel_to
from scf.eip712 import sign_confirmation, sign_offer
from scf.onboarding import audited_trade, form_alliance
from scf.pieces import PieceState, live_root_pieces
from scf.roles import Role
from scf.tables import Narrator
from scf.units import DAY, fmt, to_base

MAX_UINT = 2**256 - 1


class ScenarioError(AssertionError):
    """The money did not add up."""


@dataclass
class Financing:
    seller: str
    financier: str
    piece_id: int
    value: int
    price: int
    fee: int
    days_early: int
    recourse: bool

    @property
    def net(self) -> int:
        return self.price - self.fee

    @property
    def annual_cost(self) -> float:
        return pricing.Quote(self.value, self.price, self.fee, self.days_early).effective_annual_cost


@dataclass
class Ledger:
    """Cash in and out per actor, as the story says it should be."""

    cash_in: dict = field(default_factory=lambda: defaultdict(int))
    cash_out: dict = field(default_factory=lambda: defaultdict(int))

    def move(self, payer: str | None, payee: str | None, amount: int) -> None:
        if payer:
            self.cash_out[payer] += amount
        if payee:
            self.cash_in[payee] += amount

    def net(self, name: str) -> int:
        return self.cash_in[name] - self.cash_out[name]


@dataclass
class ScenarioResult:
    ledger: Ledger
    financings: list
    start_balances: dict
    end_balances: dict
    roots: dict


class Story:
    """Holds the platform, the cast and the bookkeeping while the acts play."""

    def __init__(self, platform, operator, actors: dict, say: Narrator | None = None) -> None:
        self.p = platform
        self.operator = operator
        self.actors = {"operator": operator, **actors}
        self.say = say or Narrator(out=lambda *_: None)
        self.ledger = Ledger()
        self.financings: list[Financing] = []
        self.roots: dict[str, int] = {}

    # -------------------------------------------------------------- helpers

    def name(self, address) -> str:
        for n, acct in self.actors.items():
            if acct.address == str(address):
                return n
        return str(address)

    def balances(self) -> dict:
        cash = self.p.cash
        out = {n: int(cash.balanceOf(a)) for n, a in self.actors.items()}
        out["market"] = int(cash.balanceOf(self.p.market))
        out["settlement"] = int(cash.balanceOf(self.p.settlement))
        return out

    def fund(self, name: str, units: int) -> None:
        """Mint cash to ``name`` (recorded in the ledger) and approve the market and settlement."""
        self.p.cash.mint(self.actors[name], to_base(units), {"from": self.operator})
        self.ledger.move(None, name, to_base(units))
        self.approve(name, self.p.market, self.p.settlement)

    def approve(self, name: str, *spenders) -> None:
        """Let each spender move ``name``'s cash (once: an unlimited allowance)."""
        for spender in spenders:
            if self.p.cash.allowance(self.actors[name], spender) < MAX_UINT // 2:
                self.p.cash.approve(spender, MAX_UINT, {"from": self.actors[name]})

    def pay_with_split(self, piece_id: int, payer: str, payee: str, units: int) -> int:
        tx = self.p.receivables.splitOff(piece_id, self.actors[payee], to_base(units), {"from": self.actors[payer]})
        child = tx.return_value
        value, _root, parent, tier, _locked = self.p.receivables.pieceInfo(child)
        self.say.step(f"{payer} pays {payee} {units:,} with a split of piece #{parent}: new piece #{child}, tier {tier}")
        return child

    def _record_sale(self, tx, seller: str, recourse: bool) -> Financing:
        ev = tx.events["PieceFinanced"]
        maturity = self.p.receivables.rootState(self.p.receivables.pieceInfo(ev["boughtPieceId"])[1])[0]
        expected = pricing.quote(ev["amount"], ev["rateBps"], self.p.market.feeBps(), maturity, tx.timestamp)
        if (expected.price, expected.fee) != (ev["price"], ev["fee"]):
            raise ScenarioError(f"contract priced {ev['price']}/{ev['fee']}, scf.pricing says {expected.price}/{expected.fee}")
        financier = self.name(ev["financier"])
        self.ledger.move(financier, seller, ev["price"] - ev["fee"])
        self.ledger.move(financier, "operator", ev["fee"])
        deal = Financing(seller, financier, ev["boughtPieceId"], ev["amount"], ev["price"], ev["fee"],
                         expected.days, recourse)
        self.financings.append(deal)
        self.say.step(
            f"{seller} discounts {fmt(deal.value)} at {financier} ({ev['rateBps'] / 100:.2f}%/yr, "
            f"{deal.days_early} days early{', with recourse' if recourse else ''}): price {fmt(deal.price)}, "
            f"fee {fmt(deal.fee)}, receives {fmt(deal.net)}; {financier} holds piece #{deal.piece_id}"
        )
        return deal

    def discount_signed(self, piece_id: int, seller: str, financier: str, rate_bps: int, recourse: bool,
                        amount: int | None = None) -> Financing:
        p = self.p
        value = amount or p.receivables.pieceInfo(piece_id)[0]
        root = p.receivables.rootInfo(p.receivables.pieceInfo(piece_id)[1])
        terms, sig = sign_offer(p.market, self.actors[financier], root[1], piece_id, value, rate_bps,
                                chain.time() + 3 * DAY, recourse=recourse,
                                seller=self.actors[seller] if recourse else None)
        self.say.step(f"{financier} signs an EIP-712 offer for piece #{piece_id} off-chain; {seller} submits it")
        quoted_price, _fee = p.market.quote(piece_id, value, rate_bps)
        tx = p.market.acceptSignedOffer(terms.as_tuple(), sig, quoted_price, {"from": self.actors[seller]})
        return self._record_sale(tx, seller, recourse)

    def discount_onchain(self, piece_id: int, seller: str, financier: str, rate_bps: int, recourse: bool) -> Financing:
        p = self.p
        value = p.receivables.pieceInfo(piece_id)[0]
        tx = p.market.postOffer(piece_id, value, rate_bps, p.market.feeBps(), recourse, chain.time() + 3 * DAY,
                                {"from": self.actors[financier]})
        offer_id = tx.return_value
        self.say.step(f"{financier} posts offer #{offer_id} on-chain for piece #{piece_id}, escrowing {fmt(value)}")
        quoted_price, _fee = p.market.quote(piece_id, value, rate_bps)
        tx = p.market.acceptOffer(offer_id, quoted_price, {"from": self.actors[seller]})
        deal = self._record_sale(tx, seller, recourse)
        # the escrow above the price went straight back to the financier: no ledger effect
        return deal

    def live_pieces(self, root_id: int) -> list[int]:
        return [piece.id for piece in self.root_pieces(root_id)]

    def root_pieces(self, root_id: int) -> list[PieceState]:
        """The root's live pieces with value, holder, ... (see scf.pieces)."""
        return live_root_pieces(self.p.receivables, root_id)

    def claim_all(self, root_id: int, keeper: str = "operator") -> None:
        for piece in self.root_pieces(root_id):
            holder = self.name(piece.holder)
            tx = self.p.settlement.claim(piece.id, {"from": self.actors[keeper]})
            amount = tx.events["Claimed"]["amount"]
            self.ledger.move("settlement", holder, amount)
            self.say.step(f"claim on piece #{piece.id} pays {holder} {fmt(amount)}"
                          f"{' (piece closed and burned)' if tx.events['Claimed']['closed'] else ''}")

    def repay(self, root_id: int, payer: str, amount: int) -> None:
        self.p.settlement.repay(root_id, amount, {"from": self.actors[payer]})
        self.ledger.move(payer, "settlement", amount)
        self.say.step(f"{payer} repays {fmt(amount)} on root #{root_id}")

    def travel_to(self, timestamp: int) -> None:
        travel_to(timestamp)


def onboard(story: Story) -> int:
    say, p = story.say, story.p
    a = story.actors
    say.act("Onboarding: the alliance chain")
    members = [
        (a["supplier1"], Role.SUPPLIER, "Tier-1 Components Ltd"),
        (a["supplier2"], Role.SUPPLIER, "Tier-2 Plastics Co"),
        (a["supplier3"], Role.SUPPLIER, "Tier-3 Moulds (micro-firm)"),
        (a["bank_a"], Role.FINANCIER, "Bank A"),
        (a["bank_b"], Role.FINANCIER, "Bank B Factoring"),
        (a["auditor"], Role.AUDITOR, "Trade Auditor"),
    ]
    alliance_id = form_alliance(p.registry, story.operator, a["core"], members, "Core Electronics supply chain",
                                grace_period=10 * DAY, core_name="Core Electronics (core enterprise)")
    say.step(f"operator certifies 7 enterprises; core creates alliance #{alliance_id}, invites 6, all accept, starts it")
    for name, units in (("core", 2_000_000), ("bank_a", 5_000_000), ("bank_b", 5_000_000)):
        story.fund(name, units)
    for name in ("supplier1", "supplier2", "supplier3"):
        story.fund(name, 0)  # approvals only
    say.step("cash: core 2,000,000, bank A 5,000,000, bank B 5,000,000 dCNY")
    return alliance_id


def act_one(story: Story, alliance_id: int) -> int:
    say, p, a = story.say, story.p, story.actors
    say.act("Act 1 - a payable flows up the chain and is financed at the core enterprise's rate")
    face = to_base(1_000_000)
    trade_id = audited_trade(p.trades, alliance_id, a["supplier1"], a["core"], a["auditor"], p.cash, face, "INV-2026-0001")
    say.step(f"supplier1 submits trade #{trade_id} (invoice, order, delivery note hashes); the auditor verifies it")
    maturity = chain.time() + 120 * DAY
    tx = p.receivables.confirm(trade_id, face, maturity, {"from": a["core"]})
    root = tx.events["ReceivableIssued"]["rootId"]
    story.roots["act1"] = root
    say.step(f"core confirms the payable: root #{root}, {fmt(face)} due in 120 days, held by supplier1 (tier 1)")
    t2 = story.pay_with_split(root, "supplier1", "supplier2", 400_000)
    t3 = story.pay_with_split(t2, "supplier2", "supplier3", 150_000)
    story.discount_signed(t3, "supplier3", "bank_a", 450, recourse=False)
    story.discount_onchain(root, "supplier1", "bank_b", 520, recourse=True)
    say.step("supplier2 keeps its 250,000 piece to maturity")
    story.travel_to(maturity + 1)
    say.step("... 120 days later: maturity")
    story.repay(root, "core", to_base(600_000))
    story.repay(root, "core", to_base(400_000))
    story.claim_all(root)
    return root


def act_two(story: Story, alliance_id: int) -> int:
    say, p, a = story.say, story.p, story.actors
    say.act("Act 2 - a root defaults and recourse runs")
    face = to_base(300_000)
    trade_id = audited_trade(p.trades, alliance_id, a["supplier1"], a["core"], a["auditor"], p.cash, face, "INV-2026-0002")
    maturity, deadline = chain.time() + 60 * DAY, chain.time() + DAY
    nonce, sig = sign_confirmation(p.receivables, a["core"], trade_id, face, maturity, deadline)
    tx = p.receivables.confirmWithSignature(trade_id, face, maturity, nonce, deadline, sig, {"from": a["supplier1"]})
    root = tx.events["ReceivableIssued"]["rootId"]
    story.roots["act2"] = root
    say.step(f"core signs an EIP-712 confirmation off-chain; supplier1 submits it: root #{root}, {fmt(face)}, 60 days")
    deal = story.discount_signed(root, "supplier1", "bank_b", 600, recourse=True)
    grace = p.registry.gracePeriodOf(alliance_id)
    story.travel_to(maturity + grace + 1)
    p.settlement.markOverdue(root, {"from": story.operator})
    say.step(f"maturity + {grace // DAY} days' grace pass unpaid: the operator marks root #{root} overdue")
    story.travel_to(maturity + grace + p.settlement.defaultPeriod() + 1)
    p.settlement.markDefaulted(root, {"from": story.operator})
    say.step(f"{p.settlement.defaultPeriod() // DAY} more days: marked defaulted")
    tx = p.settlement.callRecourse(deal.piece_id, {"from": a["bank_b"]})
    owed = tx.events["RecourseCalled"]["amount"]
    say.step(f"bank_b calls recourse on piece #{deal.piece_id}: supplier1 owes {fmt(owed)} (price + interest, capped at value)")
    tx = p.settlement.payRecourse(deal.piece_id, {"from": a["supplier1"]})
    paid = tx.events["RecourseSettled"]["amount"]  # interest runs until the payment (capped at the value)
    story.ledger.move("supplier1", "bank_b", paid)
    say.step(f"supplier1 pays {fmt(paid)} to bank_b and gets piece #{deal.piece_id} back")
    story.repay(root, "core", face)
    say.note("the core enterprise finally pays, late: whoever holds the piece collects")
    story.claim_all(root)
    return root


def check(story: Story, start: dict, end: dict) -> None:
    """Raise ScenarioError unless the chain agrees with the ledger, cash is conserved and
    nothing is left behind in the contracts."""
    errors = []
    for name in story.actors:
        expected = story.ledger.net(name)
        actual = end[name] - start[name]
        if expected != actual:
            errors.append(f"{name}: ledger says {expected}, chain says {actual}")
    minted = sum(story.ledger.cash_in[n] for n in story.actors) - sum(
        story.ledger.cash_out[n] for n in story.actors) + story.ledger.net("settlement") + story.ledger.net("market")
    if sum(end.values()) - sum(start.values()) != minted:
        errors.append("cash was created or destroyed outside mint")
    for contract in ("market", "settlement"):
        if end[contract] != start[contract]:
            errors.append(f"{contract} still holds {end[contract] - start[contract]} base units")
    for act, root in story.roots.items():
        left = story.live_pieces(root)
        if left:
            errors.append(f"{act}: root #{root} still has live pieces {left}")
    if errors:
        raise ScenarioError("the money does not add up:\n  " + "\n  ".join(errors))


def report(story: Story, start: dict, end: dict) -> None:
    say = story.say
    say.act("Who financed what")
    say.table(
        ["seller", "financier", "piece", "value", "price", "fee", "seller got", "days early", "annual cost", "recourse"],
        [(f.seller, f.financier, f"#{f.piece_id}", fmt(f.value), fmt(f.price), fmt(f.fee), fmt(f.net), f.days_early,
          f"{f.annual_cost * 100:.2f}%", "yes" if f.recourse else "no") for f in story.financings],
        "lllrrrrrrl",
    )
    say.act("Cash in and out (dCNY)")
    rows = []
    for name in story.actors:
        if name == "operator" or story.ledger.cash_in[name] or story.ledger.cash_out[name]:
            rows.append((name, fmt(story.ledger.cash_in[name]), fmt(story.ledger.cash_out[name]),
                         fmt(end[name] - start[name]) if end[name] >= start[name] else "-" + fmt(start[name] - end[name]),
                         fmt(end[name])))
    say.table(["actor", "cash in", "cash out", "net", "balance"], rows, "lrrrr")
    say.note("cash in includes the opening mint; market and settlement end holding nothing.")


def run(platform, operator, actors: dict, say: Narrator | None = None) -> ScenarioResult:
    story = Story(platform, operator, actors, say)
    start = story.balances()
    alliance_id = onboard(story)
    act_one(story, alliance_id)
    act_two(story, alliance_id)
    end = story.balances()
    check(story, start, end)
    report(story, start, end)
    story.say.act("All checks passed: every claim traced to an audited trade, cash conserved, nothing left behind")
    return ScenarioResult(story.ledger, story.financings, start, end, story.roots)
