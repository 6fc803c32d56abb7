"""The story engine: the steps of the seed's story, written once, run on any chain through a driver.

The same steps serve the brownie scenario (``scf.brownie.scenario``, which travels in time), the
live scenario on any JSON-RPC node (``scf.live.story``, no time travel) and the load generator
(``scf.loadgen``). Contracts are brownie-style handles: brownie's own, or ``scf.live.contracts``
over web3.py (``contract.method(args, {"from": account})``, ``tx.events["Name"]["field"]``);
accounts are anything with an ``address`` (brownie accounts, ``scf.live.signers.Signer``).

What differs between chains is the ``ChainDriver``: the chain's time, whether it can travel in
time, when a transaction landed, and the web3 connection for log queries. ``RpcDriver`` works on
any node; ``scf.brownie.scenario.BrownieDriver`` on brownie's development chain.

Every money movement is recorded in a ``Ledger``; ``check`` compares it with the chain and raises
``ScenarioError`` on any mismatch.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Protocol

from web3 import Web3

from scf import pricing
from scf.eip712 import sign_offer
from scf.onboarding import audited_trade, form_alliance
from scf.pieces import PieceState, live_root_pieces
from scf.roles import Role
from scf.tables import Narrator
from scf.units import DAY, fmt, to_base

MAX_UINT = 2**256 - 1

# the seed's cast: the core enterprise, three tiers of suppliers, two banks and the auditor
STORY_ACTORS: tuple[str, ...] = ("core", "supplier1", "supplier2", "supplier3", "bank_a", "bank_b", "auditor")
MEMBERS: tuple[tuple[str, Role, str], ...] = (
    ("supplier1", Role.SUPPLIER, "Tier-1 Components Ltd"),
    ("supplier2", Role.SUPPLIER, "Tier-2 Plastics Co"),
    ("supplier3", Role.SUPPLIER, "Tier-3 Moulds (micro-firm)"),
    ("bank_a", Role.FINANCIER, "Bank A"),
    ("bank_b", Role.FINANCIER, "Bank B Factoring"),
    ("auditor", Role.AUDITOR, "Trade Auditor"),
)
ALLIANCE_NAME = "Core Electronics supply chain"
CORE_NAME = "Core Electronics (core enterprise)"
GRACE_PERIOD = 10 * DAY
# opening cash in whole units; the suppliers get none, only their allowances
SEED_CASH: dict[str, int] = {"core": 2_000_000, "bank_a": 5_000_000, "bank_b": 5_000_000}
SUPPLIERS: tuple[str, ...] = ("supplier1", "supplier2", "supplier3")


class ScenarioError(AssertionError):
    """The money did not add up, or the chain did not do what the story says."""


class ChainDriver(Protocol):
    """What the engine needs from a chain besides its contracts."""

    w3: Web3
    can_travel: bool                       # can time be moved forward (development chains)?

    def now(self) -> int:
        """The chain's current time (unix seconds)."""

    def travel_to(self, timestamp: int) -> None:
        """Make later transactions land at ``timestamp`` or later."""

    def tx_time(self, tx: Any) -> int:
        """The timestamp of the block that included ``tx``."""


class RpcDriver:
    """Any JSON-RPC node: the latest block's time, no time travel."""

    can_travel = False

    def __init__(self, w3: Web3) -> None:
        self.w3 = w3

    def now(self) -> int:
        return int(self.w3.eth.get_block("latest")["timestamp"])

    def travel_to(self, timestamp: int) -> None:
        raise ScenarioError(f"a real node cannot travel in time (asked for {timestamp})")

    def tx_time(self, tx: Any) -> int:
        return int(self.w3.eth.get_block(tx.block_number)["timestamp"])


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

    cash_in: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    cash_out: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def move(self, payer: str | None, payee: str | None, amount: int) -> None:
        if payer:
            self.cash_out[payer] += amount
        if payee:
            self.cash_in[payee] += amount

    def net(self, name: str) -> int:
        return self.cash_in[name] - self.cash_out[name]


class Story:
    """Holds the platform, the cast, the driver and the bookkeeping while the acts play."""

    def __init__(self, platform: Any, operator: Any, actors: dict[str, Any], say: Narrator | None = None, *,
                 driver: ChainDriver) -> None:
        self.p = platform
        self.operator = operator
        self.actors = {"operator": operator, **actors}
        self.say = say or Narrator(out=lambda *_: None)
        self.driver = driver
        self.ledger = Ledger()
        self.financings: list[Financing] = []
        self.roots: dict[str, int] = {}

    # -------------------------------------------------------------- helpers

    def name(self, address: Any) -> str:
        for n, acct in self.actors.items():
            if acct.address.lower() == str(address).lower():
                return n
        return str(address)

    def balances(self) -> dict[str, int]:
        cash = self.p.cash
        out = {n: int(cash.balanceOf(a)) for n, a in self.actors.items()}
        out["market"] = int(cash.balanceOf(self.p.market))
        out["settlement"] = int(cash.balanceOf(self.p.settlement))
        return out

    def now(self) -> int:
        return self.driver.now()

    def travel_to(self, timestamp: int) -> None:
        self.driver.travel_to(timestamp)

    # -------------------------------------------------------------- cash

    def fund(self, name: str, units: int) -> None:
        """Mint ``units`` of demo cash to ``name`` (recorded in the ledger; nothing for 0) and
        approve the market and settlement."""
        if units:
            self.p.cash.mint(self.actors[name], to_base(units), {"from": self.operator})
            self.ledger.move(None, name, to_base(units))
        self.approve(name, self.p.market, self.p.settlement)

    def approve(self, name: str, *spenders: Any) -> None:
        """Let each spender move ``name``'s cash (once: an unlimited allowance)."""
        for spender in spenders:
            if self.p.cash.allowance(self.actors[name], spender) < MAX_UINT // 2:
                self.p.cash.approve(spender, MAX_UINT, {"from": self.actors[name]})

    # -------------------------------------------------------------- receivables

    def issue(self, alliance_id: int, seller: str, obligor: str, units: int, days: int,
              invoice: str) -> tuple[int, int]:
        """An audited trade of ``units`` from ``seller`` to ``obligor``, confirmed by the obligor
        as a root due in ``days``; returns (root id, maturity)."""
        a, face = self.actors, to_base(units)
        trade_id = audited_trade(self.p.trades, alliance_id, a[seller], a[obligor], a["auditor"], self.p.cash, face,
                                 invoice)
        self.say.step(f"{seller} submits trade #{trade_id} (invoice, order, delivery note hashes); the auditor "
                      "verifies it")
        maturity = self.now() + days * DAY
        tx = self.p.receivables.confirm(trade_id, face, maturity, {"from": a[obligor]})
        root = tx.events["ReceivableIssued"]["rootId"]
        self.say.step(f"{obligor} confirms the payable: root #{root}, {fmt(face)} due in {days} days, held by "
                      f"{seller}")
        return root, maturity

    def pay_with_split(self, piece_id: int, payer: str, payee: str, units: int) -> int:
        tx = self.p.receivables.splitOff(piece_id, self.actors[payee], to_base(units), {"from": self.actors[payer]})
        child = tx.events["PieceSplit"]["childId"]
        _value, _root, parent, tier, _locked = self.p.receivables.pieceInfo(child)
        self.say.step(f"{payer} pays {payee} {units:,} with a split of piece #{parent}: new piece #{child}, "
                      f"tier {tier}")
        return child

    def split(self, piece_id: int, holder: str, payments: list[tuple[str, int]]) -> list[int]:
        """One batch split of ``holder``'s piece: ``(payee, units)`` each; returns the new piece ids."""
        payees = [self.actors[name] for name, _ in payments]
        tx = self.p.receivables.split(piece_id, payees, [to_base(units) for _, units in payments],
                                      {"from": self.actors[holder]})
        children = [e["childId"] for e in tx.events["PieceSplit"]]
        self.say.step(f"{holder} splits piece #{piece_id} {len(children)} ways")
        return children

    def merge(self, holder: str, piece_ids: list[int]) -> None:
        """``holder`` merges its pieces of one root into the first."""
        self.p.receivables.merge(piece_ids, {"from": self.actors[holder]})
        self.say.step(f"{holder} merges {len(piece_ids)} of its pieces into piece #{piece_ids[0]}")

    def root_pieces(self, root_id: int) -> list[PieceState]:
        """The root's live pieces with value, holder, ... (see scf.pieces)."""
        return live_root_pieces(self.driver.w3, self.p.receivables, root_id)

    def live_pieces(self, root_id: int) -> list[int]:
        return [piece.id for piece in self.root_pieces(root_id)]

    # -------------------------------------------------------------- financing

    def _record_sale(self, tx: Any, seller: str, recourse: bool) -> Financing:
        ev = tx.events["PieceFinanced"]
        maturity = self.p.receivables.rootState(self.p.receivables.pieceInfo(ev["boughtPieceId"])[1])[0]
        expected = pricing.quote(ev["amount"], ev["rateBps"], self.p.market.feeBps(), maturity,
                                 self.driver.tx_time(tx))
        if (expected.price, expected.fee) != (ev["price"], ev["fee"]):
            raise ScenarioError(f"contract priced {ev['price']}/{ev['fee']}, "
                                f"scf.pricing says {expected.price}/{expected.fee}")
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
        """``financier`` signs an EIP-712 offer off-chain for ``amount`` (default: the whole piece);
        ``seller`` submits it."""
        p = self.p
        value = amount or p.receivables.pieceInfo(piece_id)[0]
        root = p.receivables.rootInfo(p.receivables.pieceInfo(piece_id)[1])
        terms, sig = sign_offer(p.market, self.actors[financier], root[1], piece_id, value, rate_bps,
                                self.now() + 3 * DAY, recourse=recourse,
                                seller=self.actors[seller] if recourse else None)
        self.say.step(f"{financier} signs an EIP-712 offer for piece #{piece_id} off-chain; {seller} submits it")
        quoted_price, _fee = p.market.quote(piece_id, value, rate_bps)
        tx = p.market.acceptSignedOffer(terms.as_tuple(), sig, quoted_price, {"from": self.actors[seller]})
        return self._record_sale(tx, seller, recourse)

    def discount_onchain(self, piece_id: int, seller: str, financier: str, rate_bps: int, recourse: bool,
                         amount: int | None = None) -> Financing:
        """``financier`` posts an escrowed offer for ``amount`` (default: the whole piece); ``seller``
        accepts it. The escrow above the price goes straight back to the financier: no ledger effect."""
        p = self.p
        value = amount or p.receivables.pieceInfo(piece_id)[0]
        tx = p.market.postOffer(piece_id, value, rate_bps, p.market.feeBps(), recourse, self.now() + 3 * DAY,
                                {"from": self.actors[financier]})
        offer_id = tx.events["OfferPosted"]["offerId"]
        self.say.step(f"{financier} posts offer #{offer_id} on-chain for piece #{piece_id}, escrowing {fmt(value)}")
        quoted_price, _fee = p.market.quote(piece_id, value, rate_bps)
        tx = p.market.acceptOffer(offer_id, quoted_price, {"from": self.actors[seller]})
        return self._record_sale(tx, seller, recourse)

    # -------------------------------------------------------------- settlement

    def repay(self, root_id: int, payer: str, amount: int) -> None:
        self.p.settlement.repay(root_id, amount, {"from": self.actors[payer]})
        self.ledger.move(payer, "settlement", amount)
        self.say.step(f"{payer} repays {fmt(amount)} on root #{root_id}")

    def claim(self, piece_id: int, holder: str | None = None, keeper: str = "operator") -> int:
        """``keeper`` claims piece ``piece_id`` for its holder (read from the token unless named);
        returns the amount paid."""
        holder = holder or self.name(self.p.receivables.ownerOf(piece_id))
        tx = self.p.settlement.claim(piece_id, {"from": self.actors[keeper]})
        amount = tx.events["Claimed"]["amount"]
        self.ledger.move("settlement", holder, amount)
        self.say.step(f"claim on piece #{piece_id} pays {holder} {fmt(amount)}"
                      f"{' (piece closed and burned)' if tx.events['Claimed']['closed'] else ''}")
        return amount

    def claim_all(self, root_id: int, keeper: str = "operator") -> int:
        """Claim every live piece of the root; returns the total paid."""
        return sum(self.claim(piece.id, self.name(piece.holder), keeper) for piece in self.root_pieces(root_id))


# ------------------------------------------------------------------ acts


def onboard(story: Story, alliance_name: str = ALLIANCE_NAME, cash: dict[str, int] | None = None) -> int:
    """Certify the cast, form and start the alliance led by the core, give out the opening cash
    (``SEED_CASH`` unless given) and the suppliers' allowances. Returns the alliance id."""
    say, p, a = story.say, story.p, story.actors
    cash = SEED_CASH if cash is None else cash
    say.act("Onboarding: the alliance chain")
    members = [(a[name], roles, label) for name, roles, label in MEMBERS]
    alliance_id = form_alliance(p.registry, story.operator, a["core"], members, alliance_name,
                                grace_period=GRACE_PERIOD, core_name=CORE_NAME)
    say.step(f"operator certifies {len(members) + 1} enterprises; core creates alliance #{alliance_id}, invites "
             f"{len(members)}, all accept, starts it")
    for name, units in cash.items():
        story.fund(name, units)
    for name in SUPPLIERS:
        story.fund(name, 0)  # approvals only
    say.step("cash: " + ", ".join(f"{name} {units:,}" for name, units in cash.items()) + " dCNY")
    return alliance_id


def credit_penetration(story: Story, alliance_id: int, invoice: str = "INV-2026-0001") -> int:
    """Act 1 of the seed's story; returns the root id.

    The core confirms 1,000,000 to tier 1; tier 1 pays tier 2 with a 400,000 split, tier 2 pays
    tier 3 with 150,000; tier 3 discounts at bank A through a signed offer, tier 1 discounts its
    rest at bank B with recourse through an escrowed on-chain offer. A chain that can travel in
    time goes to maturity and the core repays in two parts; on a real node the core repays in
    full early (before maturity only the obligor may; it freezes the pieces). Then every piece
    is claimed."""
    say = story.say
    say.act("Act 1 - a payable flows up the chain and is financed at the core enterprise's rate")
    root, maturity = story.issue(alliance_id, "supplier1", "core", 1_000_000, 120, invoice)
    story.roots["act1"] = root
    tier2 = story.pay_with_split(root, "supplier1", "supplier2", 400_000)
    tier3 = story.pay_with_split(tier2, "supplier2", "supplier3", 150_000)
    story.discount_signed(tier3, "supplier3", "bank_a", 450, recourse=False)
    story.discount_onchain(root, "supplier1", "bank_b", 520, recourse=True)
    say.step("supplier2 keeps its 250,000 piece to maturity")
    if story.driver.can_travel:
        story.travel_to(maturity + 1)
        say.step("... 120 days later: maturity")
        story.repay(root, "core", to_base(600_000))
        story.repay(root, "core", to_base(400_000))
    else:
        story.repay(root, "core", to_base(1_000_000))
        say.note("repaid early: the pieces freeze and can be claimed")
    story.claim_all(root)
    return root


def check(story: Story, start: dict[str, int], end: dict[str, int]) -> None:
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


def report(story: Story, start: dict[str, int], end: dict[str, int]) -> None:
    say = story.say
    say.act("Who financed what")
    say.table(
        ["seller", "financier", "piece", "value", "price", "fee", "seller got", "days early", "annual cost",
         "recourse"],
        [(f.seller, f.financier, f"#{f.piece_id}", fmt(f.value), fmt(f.price), fmt(f.fee), fmt(f.net), f.days_early,
          f"{f.annual_cost * 100:.2f}%", "yes" if f.recourse else "no") for f in story.financings],
        "lllrrrrrrl",
    )
    say.act("Cash in and out (dCNY)")
    rows = []
    for name in story.actors:
        if name == "operator" or story.ledger.cash_in[name] or story.ledger.cash_out[name]:
            net = end[name] - start[name]
            rows.append((name, fmt(story.ledger.cash_in[name]), fmt(story.ledger.cash_out[name]),
                         fmt(net) if net >= 0 else "-" + fmt(-net), fmt(end[name])))
    say.table(["actor", "cash in", "cash out", "net", "balance"], rows, "lrrrr")
    say.note("cash in includes the opening mint; market and settlement end holding nothing.")
