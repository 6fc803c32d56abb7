"""Securitization (ABS) on scf-chain, on brownie: the story the script and the integration test
share (the pool's terms and the waterfall's arithmetic are ``scf.securitization``).

The story: bank A buys five receivables from the suppliers of two core enterprises, packages
them into a pool and sells a senior and a junior tranche to two investors; four roots are repaid
at maturity (the keeper collects them in batches with ``collectMany``), one defaults and is
written down, and the junior tranche absorbs the loss while the senior tranche is paid its
principal and coupon in full. Every number is checked against the chain and against `Waterfall`
(the contract's arithmetic in Python); any mismatch raises ScenarioError.
"""

from dataclasses import dataclass, replace

from brownie import chain

from scf.brownie import accounts as cast
from scf.brownie.scenario import ScenarioError, Story, onboard
from scf.onboarding import audited_trade, form_alliance, join_alliance
from scf.roles import Role
from scf.securitization import Payout, PoolTerms, Waterfall
from scf.tables import Narrator
from scf.units import DAY, fmt, to_base


def tranche_token(address):
    """A TrancheToken handle (the tokens are created by the pool contract)."""
    from brownie import project

    return project.get_loaded_projects()[0].TrancheToken.at(address)


# ---------------------------------------------------------------------------- the story


@dataclass
class PooledRoot:
    label: str
    obligor: str
    seller: str
    units: int
    days: int
    rate_bps: int
    defaults: bool = False
    root: int = 0
    price: int = 0
    maturity: int = 0
    collected: int = 0
    written_down: int = 0


@dataclass
class SecuritizationResult:
    pool_id: int
    roots: list
    waterfall: Waterfall
    tranche_values: tuple
    received: dict
    raised: dict
    start_balances: dict
    end_balances: dict


class PoolStory(Story):
    """A Story that also follows the pool contract and its tranche tokens."""

    def __init__(self, platform, operator, actors: dict, say: Narrator | None = None) -> None:
        super().__init__(platform, operator, actors, say)
        self.pools = platform.securitization
        self.pool_id = 0
        self.senior = None
        self.junior = None
        self.waterfall: Waterfall | None = None
        self.pooled: list[PooledRoot] = [replace(r) for r in ROOTS]
        self.alliances: tuple[int, int] = (0, 0)
        self.start_time = 0

    def balances(self) -> dict:
        out = super().balances()
        cash = self.p.cash
        out["pool"] = int(cash.balanceOf(self.pools))
        out["senior token"] = int(cash.balanceOf(self.senior)) if self.senior else 0
        out["junior token"] = int(cash.balanceOf(self.junior)) if self.junior else 0
        return out

    def approve_pool(self, name: str) -> None:
        self.approve(name, self.pools)

    def join(self, alliance_id: int, core: str, name: str, roles: Role, label: str) -> None:
        join_alliance(self.p.registry, self.operator, alliance_id, self.actors[core], self.actors[name], roles, label)

    def issue(self, alliance_id: int, r: PooledRoot) -> int:
        a = self.actors
        trade_id = audited_trade(self.p.trades, alliance_id, a[r.seller], a[r.obligor], a["auditor"], self.p.cash,
                                 to_base(r.units), f"ABS-{r.label}")
        r.maturity = chain.time() + r.days * DAY
        tx = self.p.receivables.confirm(trade_id, to_base(r.units), r.maturity, {"from": a[r.obligor]})
        r.root = tx.events["ReceivableIssued"]["rootId"]
        self.roots[r.label] = r.root
        self.say.step(f"{r.obligor} confirms {fmt(to_base(r.units))} to {r.seller} due in {r.days} days: "
                      f"root #{r.root}")
        return r.root

    def collect_many(self, piece_ids: list[int], keeper: str = "operator") -> dict[int, int]:
        """Collect the pool's ``piece_ids`` in one ``collectMany``; returns the cash credited per piece."""
        tx = self.pools.collectMany(self.pool_id, piece_ids, {"from": self.actors[keeper]})
        for claimed in tx.events["Claimed"] if "Claimed" in tx.events else ():
            self.ledger.move("settlement", "pool", claimed["amount"])
        credited = {ev["pieceId"]: ev["amount"] for ev in tx.events["Collected"]}
        if list(credited) != list(piece_ids):
            raise ScenarioError(f"collectMany({piece_ids}) credited {credited}")
        for amount in credited.values():
            self.waterfall.collect(amount)
        pieces = "one repaid piece" if len(piece_ids) == 1 else f"{len(piece_ids)} repaid pieces"
        self.say.step(f"{keeper} collects {pieces} in one transaction (collectMany): {fmt(sum(credited.values()))}")
        return credited

    def distribute(self, keeper: str = "operator") -> Payout:
        tx = self.pools.distribute(self.pool_id, {"from": self.actors[keeper]})
        ev = tx.events["Distributed"]
        expected = self.waterfall.distribute(tx.timestamp)
        got = (ev["seniorInterest"], ev["seniorPrincipal"], ev["junior"])
        if got != (expected.senior_interest, expected.senior_principal, expected.junior):
            raise ScenarioError(f"waterfall paid {got}, the Python mirror says {expected}")
        self.ledger.move("pool", "senior token", expected.senior)
        self.ledger.move("pool", "junior token", expected.junior)
        self.say.step(f"distribute {fmt(expected.cash)}: senior interest {fmt(expected.senior_interest)}, "
                      f"senior principal {fmt(expected.senior_principal)}, junior {fmt(expected.junior)}")
        return expected

    def withdraw(self, name: str, token, label: str) -> int:
        tx = token.withdrawFunds({"from": self.actors[name]})
        amount = tx.events["FundsWithdrawn"]["amount"]
        self.ledger.move(label, name, amount)
        self.say.step(f"{name} withdraws {fmt(amount)} from the {label}")
        return amount


ROOTS = (
    PooledRoot("A", "core", "supplier1", 1_000_000, 60, 450),
    PooledRoot("B", "core2", "supplier2", 1_000_000, 75, 500),
    PooledRoot("C", "core2", "supplier3", 700_000, 90, 500, defaults=True),
    PooledRoot("D", "core", "supplier2", 800_000, 100, 450),
    PooledRoot("E", "core", "supplier3", 500_000, 120, 450),
)
TARGET_RAISE = 3_800_000
SENIOR_COUPON_BPS = 500
SENIOR_MAX_SHARE_BPS = 8_000
CONCENTRATION_CAP_BPS = 6_000


def setup(story: PoolStory) -> tuple[int, int]:
    """Onboarding: the seed's alliance (core), a second one (core2), two investors."""
    say, a = story.say, story.actors
    alliance = onboard(story)
    story.join(alliance, "core", "investor", Role.INVESTOR, "Senior Income Fund")
    story.join(alliance, "core", "investor2", Role.INVESTOR, "Junior Credit Partners")
    say.step(f"two investors join alliance #{alliance} in the investor role")
    members = [(a["supplier2"], Role.SUPPLIER, "Tier-2 Plastics Co"), (a["supplier3"], Role.SUPPLIER, "Tier-3 Moulds"),
               (a["bank_a"], Role.FINANCIER, "Bank A"), (a["auditor"], Role.AUDITOR, "Trade Auditor")]
    alliance2 = form_alliance(story.p.registry, story.operator, a["core2"], members, "Core Motors supply chain",
                              grace_period=10 * DAY, core_name="Core Motors (second core enterprise)")
    say.step(f"core2 forms alliance #{alliance2} with supplier2, supplier3, bank_a and the auditor")
    story.fund("core", 300_000)
    story.fund("core2", 1_000_000)
    story.fund("investor", 3_200_000)
    story.fund("investor2", 600_000)
    for name in ("investor", "investor2"):
        story.approve_pool(name)
    say.step("cash: core +300,000, core2 1,000,000, senior investor 3,200,000, junior investor 600,000 dCNY")
    return alliance, alliance2


def build_pool(story: PoolStory, alliance: int, alliance2: int) -> int:
    say, p, a = story.say, story.p, story.actors
    say.act("Origination: bank A finances five receivables of two core enterprises")
    story.start_time = chain.time()
    for r in story.pooled:
        story.issue(alliance if r.obligor == "core" else alliance2, r)
        r.price = story.discount_onchain(r.root, r.seller, "bank_a", r.rate_bps, recourse=False).price

    say.act("Packaging: bank A pools the pieces and offers two tranches")
    now = chain.time()
    terms = PoolTerms(p.cash, alliance, now + 30 * DAY, now + 180 * DAY, 10, to_base(5_000_000),
                      CONCENTRATION_CAP_BPS, SENIOR_COUPON_BPS, SENIOR_MAX_SHARE_BPS, (a["core"], a["core2"]))
    tx = story.pools.createPool(terms.as_tuple(), {"from": a["bank_a"]})
    story.pool_id = pool = tx.events["PoolCreated"]["poolId"]
    say.step(f"bank_a creates pool #{pool}: dCNY, obligors core and core2 only, each at most "
             f"{CONCENTRATION_CAP_BPS // 100}% of 5,000,000, maturities 30-180 days, senior coupon "
             f"{SENIOR_COUPON_BPS / 100:.2f}%, senior at most {SENIOR_MAX_SHARE_BPS // 100}% of the pool")
    for r in story.pooled:
        story.pools.addPiece(pool, r.root, {"from": a["bank_a"]})
    info = story.pools.poolInfo(pool).dict()
    say.step(f"bank_a moves pieces {', '.join('#' + str(r.root) for r in story.pooled)} in: the pool holds and locks "
             f"them; pool value {fmt(info['poolValue'])}")
    tx = story.pools.openOffering(pool, to_base(TARGET_RAISE), chain.time() + 7 * DAY, {"from": a["bank_a"]})
    ev = tx.events["OfferingOpened"]
    story.senior, story.junior = tranche_token(ev["seniorToken"]), tranche_token(ev["juniorToken"])
    say.step(f"bank_a opens the offering for {fmt(to_base(TARGET_RAISE))}: senior {fmt(ev['seniorCapacity'])} "
             f"({story.senior.symbol()}), junior {fmt(ev['juniorCapacity'])} ({story.junior.symbol()}), 7 days")
    story.pools.subscribe(pool, True, ev["seniorCapacity"], {"from": a["investor"]})
    story.ledger.move("investor", "pool", ev["seniorCapacity"])
    story.pools.subscribe(pool, False, ev["juniorCapacity"], {"from": a["investor2"]})
    story.ledger.move("investor2", "pool", ev["juniorCapacity"])
    say.step("investor subscribes the senior tranche, investor2 the junior tranche, at par")
    tx = story.pools.close(pool, {"from": a["bank_a"]})
    proceeds = tx.events["PoolClosed"]["proceeds"]
    story.ledger.move("pool", "bank_a", proceeds)
    say.step(f"closing: bank_a receives {fmt(proceeds)}, the pool keeps the pieces (one transaction)")
    story.waterfall = Waterfall(ev["seniorCapacity"], ev["juniorCapacity"], SENIOR_COUPON_BPS, tx.timestamp)
    return pool


def keeper_round(story: PoolStory, repaid: list[PooledRoot]) -> None:
    """What the keeper does on its round: collect the pieces repaid since its last round with one
    ``collectMany``, distribute, and the senior investor withdraws."""
    if not repaid:
        return
    credited = story.collect_many([r.root for r in repaid])
    for r in repaid:
        r.collected += credited[r.root]
    story.distribute()
    story.withdraw("investor", story.senior, "senior token")


def collections(story: PoolStory) -> None:
    say, p = story.say, story.p
    say.act("Collections: four roots repaid, one defaults and is written down; the keeper collects what "
            "was repaid on its rounds (when a root falls overdue or defaults, and at the end)")
    events = []
    for r in story.pooled:
        grace = p.registry.gracePeriodOf(story.alliances[r.obligor == "core2"])
        if r.defaults:
            events.append((r.maturity + grace + 1, "overdue", r))
            events.append((r.maturity + grace + p.settlement.defaultPeriod() + 2, "default", r))
        else:
            events.append((r.maturity, "repay", r))
    repaid: list[PooledRoot] = []
    for when, what, r in sorted(events, key=lambda e: e[0]):
        story.travel_to(when)
        if what == "repay":
            story.repay(r.root, r.obligor, to_base(r.units))
            repaid.append(r)
            continue
        keeper_round(story, repaid)
        repaid = []
        if what == "overdue":
            p.settlement.markOverdue(r.root, {"from": story.operator})
            say.step(f"root #{r.root} ({r.obligor}) is unpaid past maturity + grace: marked overdue")
        else:
            p.settlement.markDefaulted(r.root, {"from": story.operator})
            tx = story.pools.writeDown(story.pool_id, r.root, {"from": story.operator})
            ev = tx.events["WrittenDown"]
            r.written_down = ev["loss"]
            say.step(f"root #{r.root} marked defaulted; the pool writes down {fmt(ev['loss'])}: junior loss "
                     f"{fmt(ev['juniorLoss'])}, senior loss {fmt(ev['seniorLoss'])}")
    keeper_round(story, repaid)
    if story.pools.accountsOf(story.pool_id).dict()["collected"] > story.waterfall.distributed:
        story.distribute()
    for name, token, label in (("investor", story.senior, "senior token"), ("investor2", story.junior, "junior token")):
        if token.withdrawableFundsOf(story.actors[name]) > 0:
            story.withdraw(name, token, label)


def check(story: PoolStory, start: dict, end: dict) -> None:
    """Raise ScenarioError unless payouts equal collections, senior is whole and junior took the loss."""
    errors = []
    pools, pool, w = story.pools, story.pool_id, story.waterfall
    acc = pools.accountsOf(pool).dict()
    v = pools.trancheValues(pool).dict()
    for key, expected in (("collected", w.collected), ("distributed", w.distributed),
                          ("seniorInterestPaid", w.senior_interest_paid),
                          ("seniorPrincipalPaid", w.senior_principal_paid), ("juniorPaid", w.junior_paid)):
        if acc[key] != expected:
            errors.append(f"pool {key}: chain {acc[key]}, mirror {expected}")
    if acc["distributed"] != acc["collected"]:
        errors.append(f"collected {acc['collected']} but distributed {acc['distributed']}")
    repaid = sum(to_base(r.units) for r in story.pooled if not r.defaults)
    if acc["collected"] != repaid:
        errors.append(f"collected {acc['collected']}, the roots repaid {repaid}")
    for token, label, paid in ((story.senior, "senior", acc["seniorInterestPaid"] + acc["seniorPrincipalPaid"]),
                               (story.junior, "junior", acc["juniorPaid"])):
        if token.totalDistributed() != paid:
            errors.append(f"{label} token got {token.totalDistributed()}, the waterfall paid it {paid}")
        dust = token.totalDistributed() - token.totalWithdrawn()
        if not 0 <= dust <= len(w.payouts):
            errors.append(f"{label} token: {dust} base units left after every holder withdrew")
    # senior whole: all principal back, every unit of coupon accrued paid
    if acc["seniorPrincipalPaid"] != w.senior_raised or acc["seniorInterestDue"] != 0 or v["seniorLoss"] != 0:
        errors.append(f"senior not whole: {acc}, {v}")
    # junior took the loss
    loss = sum(r.written_down for r in story.pooled)
    defaulted = sum(to_base(r.units) for r in story.pooled if r.defaults)
    if loss != defaulted:
        errors.append(f"written down {loss}, defaulted {defaulted}")
    if not (acc["juniorPaid"] < w.junior_raised and v["juniorLoss"] == w.junior_raised - acc["juniorPaid"] > 0):
        errors.append(f"junior did not absorb the loss: paid {acc['juniorPaid']}, loss {v['juniorLoss']}")
    # every actor's cash against the ledger; the contracts end empty (but token dust)
    for name in list(story.actors) + ["pool", "settlement", "market"]:
        expected, actual = story.ledger.net(name), end[name] - start[name]
        if expected != actual:
            errors.append(f"{name}: ledger says {expected}, chain says {actual}")
    if end["pool"] != start["pool"]:
        errors.append(f"the pool contract still holds {end['pool'] - start['pool']}")
    if errors:
        raise ScenarioError("the securitization does not add up:\n  " + "\n  ".join(errors))


def report(story: PoolStory, start: dict, end: dict) -> dict:
    say, pools, pool, w = story.say, story.pools, story.pool_id, story.waterfall
    t0 = story.start_time
    say.act(f"Pool #{pool}: the pieces")
    rows = []
    for r in story.pooled:
        status = f"defaulted, written down {fmt(r.written_down)}" if r.defaults else "repaid and collected"
        rows.append((f"#{r.root}", r.obligor, r.seller, fmt(to_base(r.units)), fmt(r.price), r.days,
                     fmt(r.collected), status))
    say.table(["piece", "obligor", "sold by", "face value", "bank paid", "days", "collected", "outcome"], rows,
              "lllrrrrl")
    say.act("The waterfall, distribution by distribution")
    rows = [(f"day {round((p.time - t0) / DAY)}", fmt(p.cash), fmt(p.senior_interest), fmt(p.senior_principal),
             fmt(p.junior), fmt(p.senior_outstanding)) for p in w.payouts]
    rows.append(("total", fmt(w.distributed), fmt(w.senior_interest_paid), fmt(w.senior_principal_paid),
                 fmt(w.junior_paid), ""))
    say.table(["when", "cash in", "senior interest", "senior principal", "junior", "senior left"], rows, "lrrrrr")
    say.act("The tranches")
    v = pools.trancheValues(pool).dict()
    received = {"senior": w.senior_interest_paid + w.senior_principal_paid, "junior": w.junior_paid}
    raised = {"senior": w.senior_raised, "junior": w.junior_raised}
    rows = []
    for tranche, holder, token, loss in (("senior", "investor", story.senior, v["seniorLoss"]),
                                         ("junior", "investor2", story.junior, v["juniorLoss"])):
        gain = received[tranche] - raised[tranche]
        rows.append((f"{tranche} ({token.symbol()})", holder, fmt(raised[tranche]), fmt(received[tranche]),
                     ("+" if gain >= 0 else "-") + fmt(abs(gain)), f"{received[tranche] / raised[tranche] * 100:.2f}%",
                     fmt(loss)))
    say.table(["tranche", "investor", "paid in", "received", "gain / loss", "of par", "loss booked"], rows, "llrrrrr")
    over_collateral = pools.poolInfo(pool).dict()['poolValue'] - w.senior_raised - w.junior_raised
    say.note(f"senior coupon {SENIOR_COUPON_BPS / 100:.2f}%/yr, paid in full; the junior tranche absorbed the default "
             f"(over-collateralisation {fmt(over_collateral)} "
             f"cushioned part of it).")
    say.act("Cash in and out (dCNY)")
    rows = []
    for name in list(story.actors) + ["pool", "senior token", "junior token"]:
        cin, cout = story.ledger.cash_in[name], story.ledger.cash_out[name]
        if cin or cout:
            net = end[name] - start[name]
            rows.append((name, fmt(cin), fmt(cout), ("-" if net < 0 else "") + fmt(abs(net))))
    say.table(["actor", "cash in", "cash out", "net"], rows, "lrrr")
    say.note("cash in includes the opening mint; the pool contract ends empty, the tranche tokens keep at most "
             "one base unit of rounding per distribution.")
    return {"received": received, "raised": raised, "values": v}


def run(platform, operator, actors: dict, say: Narrator | None = None) -> SecuritizationResult:
    """Play the securitization story on a deployed platform; raises ScenarioError if it does not add up."""
    cast_ = dict(actors)
    if "investor2" not in cast_:
        cast_["investor2"] = cast.local_account("investor2")
        cast.fund({"investor2": cast_["investor2"]}, operator)
    story = PoolStory(platform, operator, cast_, say)
    start = story.balances()
    story.alliances = alliance, alliance2 = setup(story)
    build_pool(story, alliance, alliance2)
    collections(story)
    end = story.balances()
    check(story, start, end)
    out = report(story, start, end)
    story.say.act("All checks passed: payouts = collections, senior whole, junior absorbed the default")
    return SecuritizationResult(story.pool_id, story.pooled, story.waterfall, tuple(out["values"].values()),
                                out["received"], out["raised"], start, end)
