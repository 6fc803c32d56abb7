"""Gas per user-facing operation, measured on a fresh platform (not timed: gas is exact).

Run with ``make bench`` (scripts/benchmark.py). Prints a table with each target and whether it
is met, and writes the same table to docs/gas.md.
"""

from dataclasses import dataclass
from pathlib import Path

from brownie import chain

from scf.brownie.scenario import Story, onboard
from scf.eip712 import sign_confirmation, sign_offer
from scf.onboarding import audited_trade
from scf.tables import table
from scf.units import DAY, to_base

DOC = Path(__file__).resolve().parents[2] / "docs" / "gas.md"


@dataclass
class Measure:
    operation: str
    gas: int
    target: int | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "met" if self.gas <= self.target else "MISSED"


class GasBench:
    def __init__(self, platform, operator, actors, progress=print) -> None:
        self.story = Story(platform, operator, actors)
        self.p = platform
        self.a = self.story.actors
        self.results: list[Measure] = []
        self.progress = progress
        self._invoice = 0

    def record(self, operation: str, tx, target: int | None = None, note: str = "") -> None:
        self.results.append(Measure(operation, int(tx.gas_used), target, note))

    def new_root(self, seller: str = "supplier1", units: int = 1_000_000, days: int = 120):
        self._invoice += 1
        trade_id = audited_trade(self.p.trades, self.alliance, self.a[seller], self.a["core"], self.a["auditor"],
                                 self.p.cash, to_base(units), f"BENCH-{self._invoice}")
        tx = self.p.receivables.confirm(trade_id, to_base(units), chain.time() + days * DAY, {"from": self.a["core"]})
        return tx.events["ReceivableIssued"]["rootId"], tx

    def root_with_pieces(self, pieces: int) -> int:
        """A 1,000 root split into ``pieces`` (1,000 base units each but the first)."""
        root, _ = self.new_root("supplier2", 1_000)
        holders = [self.a[n] for n in ("supplier1", "supplier3", "bank_a", "bank_b")]
        made = 1
        while made < pieces:
            batch = min(50, pieces - made)
            recipients = [holders[(made + i) % len(holders)] for i in range(batch)]
            self.p.receivables.split(root, recipients, [1_000] * batch, {"from": self.a["supplier2"]})
            made += batch
        return root

    def run(self) -> list[Measure]:
        rc, market, settlement, a = self.p.receivables, self.p.market, self.p.settlement, self.a
        self.progress("onboarding an alliance ...")
        self.alliance = onboard(self.story)

        self.progress("warming up one-time storage (first root ever, first signature, first repayment) ...")
        self._warm_up()

        self.progress("issuance ...")
        root, tx = self.new_root("supplier1")
        self.record("issue: confirm (seller holds no piece yet)", tx, 150_000)
        _, tx = self.new_root("supplier1")
        self.record("issue: confirm (seller already holds pieces)", tx, 150_000)
        self._invoice += 1
        trade_id = audited_trade(self.p.trades, self.alliance, a["supplier1"], a["core"], a["auditor"], self.p.cash,
                                 to_base(1000), f"BENCH-{self._invoice}")
        maturity, deadline = chain.time() + 90 * DAY, chain.time() + DAY
        nonce, sig = sign_confirmation(rc, a["core"], trade_id, to_base(1000), maturity, deadline)
        tx = rc.confirmWithSignature(trade_id, to_base(1000), maturity, nonce, deadline, sig, {"from": a["supplier1"]})
        self.record("issue: confirmWithSignature (EIP-712)", tx, 150_000, "obligor signed before")

        self.progress("circulation ...")
        tx = rc.splitOff(root, a["supplier2"], to_base(100_000), {"from": a["supplier1"]})
        self.record("split one piece off to a new holder (splitOff)", tx, 100_000, "recipient held no piece")
        tx = rc.splitOff(root, a["supplier2"], to_base(1_000), {"from": a["supplier1"]})
        self.record("split one piece off to an existing holder (splitOff)", tx, 100_000, "recipient already a holder")
        tx = rc.split(root, [a["supplier3"], a["bank_a"]], [to_base(1_000)] * 2, {"from": a["supplier1"]})
        self.record("split into 2 (two new holders)", tx)
        names = ["supplier2", "supplier3", "bank_a", "bank_b", "auditor"]
        tx = rc.split(root, [a[n] for n in names], [to_base(1_000)] * 5, {"from": a["supplier1"]})
        self.record("split into 5", tx)
        child = tx.return_value[0]
        tx = rc.transferFrom(a["supplier2"], a["core"], child, {"from": a["supplier2"]})
        self.record("whole transfer (recipient held no piece)", tx, 75_000)
        tx = rc.transferFrom(a["core"], a["supplier2"], child, {"from": a["core"]})
        self.record("whole transfer (recipient already a holder)", tx, 75_000)
        mine = rc.split(root, [a["supplier1"]] * 4, [to_base(1_000)] * 4, {"from": a["supplier1"]}).return_value
        tx = rc.merge([root, mine[0]], {"from": a["supplier1"]})
        self.record("merge 2 pieces", tx)
        tx = rc.merge([root, *mine[1:]], {"from": a["supplier1"]})
        self.record("merge 4 pieces", tx)

        self.progress("financing ...")
        piece = rc.splitOff(root, a["supplier3"], to_base(50_000), {"from": a["supplier1"]}).return_value
        expiry = chain.time() + 3 * DAY
        tx = market.postOffer(piece, to_base(50_000), 500, market.feeBps(), False, expiry, {"from": a["bank_a"]})
        self.record("post an on-chain offer (escrow)", tx)
        tx = market.acceptOffer(tx.return_value, 0, {"from": a["supplier3"]})
        self.record("accept an on-chain offer (whole piece, no recourse)", tx, 150_000, "seller new to cash")
        piece = rc.splitOff(root, a["supplier3"], to_base(50_000), {"from": a["supplier1"]}).return_value
        offer_id = market.postOffer(piece, to_base(50_000), 500, market.feeBps(), True, expiry,
                                    {"from": a["bank_a"]}).return_value
        tx = market.acceptOffer(offer_id, 0, {"from": a["supplier3"]})
        self.record("accept an on-chain offer (whole piece, with recourse)", tx, 150_000, "stores the sale")
        offer_id = market.postOffer(root, to_base(20_000), 500, market.feeBps(), False, expiry,
                                    {"from": a["bank_b"]}).return_value
        tx = market.acceptOffer(offer_id, 0, {"from": a["supplier1"]})
        self.record("accept an on-chain offer for part of a piece (split inside)", tx, None)
        piece = rc.splitOff(root, a["supplier3"], to_base(50_000), {"from": a["supplier1"]}).return_value
        terms, sig = sign_offer(market, a["bank_b"], self.p.cash, piece, to_base(50_000), 450, expiry)
        tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": a["supplier3"]})
        self.record("accept a signed offer (whole piece)", tx, 150_000)

        self.progress("settlement: building roots with 1, 10, 100 and 1,000 pieces ...")
        for pieces in (1, 10, 100, 1000):
            big = self.root_with_pieces(pieces)
            tx = settlement.repay(big, to_base(1_000), {"from": a["core"]})  # early, so in full
            self.record(f"repay, root with {pieces:,} piece{'s' if pieces > 1 else ''} (first payment)", tx, None,
                        "freezes the root")
        self.progress("claims ...")
        self.story.travel_to(chain.time() + 121 * DAY)
        settlement.repay(root, to_base(400_000), {"from": a["core"]})
        outstanding = settlement.statusOf(root)[2]
        tx = settlement.repay(root, outstanding, {"from": a["core"]})
        self.record("repay, a later payment (root already frozen)", tx)
        by_holder = {self.story.name(p.holder): p.id for p in self.story.root_pieces(root)}
        tx = settlement.claim(by_holder["supplier1"], {"from": a["operator"]})
        self.record("claim a fully repaid piece (pays and burns it)", tx, 60_000, "holder already has cash")
        tx = settlement.claim(by_holder["supplier2"], {"from": a["operator"]})
        self.record("claim a fully repaid piece (pays and burns it)", tx, 60_000, "holder new to cash")
        return self.results

    def securitization(self) -> list[Measure]:
        """Gas of the ABS pool (SecuritizationPool + TrancheToken); run after ``run()`` (it needs the
        onboarded alliance). Rows are appended to ``self.results``."""
        from scf.brownie import accounts as cast
        from scf.brownie.securitization import tranche_token
        from scf.onboarding import join_alliance
        from scf.roles import Role
        from scf.securitization import PoolTerms

        p, a, rc, pools = self.p, self.a, self.p.receivables, self.p.securitization
        self.progress("securitization: investors join, a pool is built, sold, collected and paid ...")
        a["investor2"] = cast.local_account("investor2")
        cast.fund({"investor2": a["investor2"]}, a["operator"])
        for name in ("investor", "investor2"):
            join_alliance(p.registry, a["operator"], self.alliance, a["core"], a[name], Role.INVESTOR, name)
            self.story.fund(name, 5_000_000)
            self.story.approve(name, pools)
        self.story.fund("core", 5_000_000)

        def bank_root(units: int = 1_000_000, days: int = 90) -> int:
            root, _ = self.new_root("supplier1", units, days)
            rc.transferFrom(a["supplier1"], a["bank_a"], root, {"from": a["supplier1"]})
            return root

        def new_pool(max_pieces: int = 10) -> int:
            now = chain.time()
            terms = PoolTerms(p.cash, self.alliance, now, now + 200 * DAY, max_pieces, to_base(100_000_000),
                              5_000, 500, 8_000, (a["core"],))
            return pools.createPool(terms.as_tuple(), {"from": a["bank_a"]})

        tx = new_pool()
        pool = tx.events["PoolCreated"]["poolId"]
        self.record("ABS: create a pool (allow-list of one obligor)", tx)
        roots = [bank_root() for _ in range(3)]
        tx = pools.addPiece(pool, roots[0], {"from": a["bank_a"]})
        self.record("ABS: move a piece into the pool (first of its obligor)", tx, None, "transfer to the pool")
        tx = pools.addPiece(pool, roots[1], {"from": a["bank_a"]})
        self.record("ABS: move a piece into the pool (obligor already in it)", tx, None, "transfer to the pool")
        pools.addPiece(pool, roots[2], {"from": a["bank_a"]})
        tx = pools.openOffering(pool, to_base(2_850_000), chain.time() + 7 * DAY, {"from": a["bank_a"]})
        self.record("ABS: open the offering (deploys two tranche tokens)", tx)
        senior, junior = (tranche_token(tx.events["OfferingOpened"][k]) for k in ("seniorToken", "juniorToken"))
        tx = pools.subscribe(pool, True, to_base(1_200_000), {"from": a["investor"]})
        self.record("ABS: subscribe (first subscriber of the tranche)", tx)
        tx = pools.subscribe(pool, True, to_base(1_200_000), {"from": a["investor2"]})
        self.record("ABS: subscribe (tranche already has holders)", tx)
        pools.subscribe(pool, False, to_base(450_000), {"from": a["investor2"]})
        tx = pools.close(pool, {"from": a["bank_a"]})
        self.record("ABS: close (proceeds to the originator)", tx)

        self.story.travel_to(max(rc.rootState(r)[0] for r in roots))  # part-payments from maturity on
        p.settlement.repay(roots[0], to_base(1_000_000), {"from": a["core"]})
        p.settlement.repay(roots[1], to_base(500_000), {"from": a["core"]})
        tx = pools.collect(pool, roots[0], {"from": a["operator"]})
        self.record("ABS: collect one piece (fully repaid: claim and burn)", tx)
        tx = pools.collect(pool, roots[1], {"from": a["operator"]})
        self.record("ABS: collect one piece (partly repaid)", tx)
        tx = pools.distribute(pool, {"from": a["operator"]})
        self.record("ABS: distribute (senior interest and principal)", tx)
        tx = senior.withdrawFunds({"from": a["investor"]})
        self.record("ABS: an investor's claim (first withdrawal)", tx, None, "pulls its pro-rata payout")
        p.settlement.repay(roots[1], to_base(500_000), {"from": a["core"]})
        p.settlement.repay(roots[2], to_base(1_000_000), {"from": a["core"]})
        pools.collect(pool, roots[1], {"from": a["operator"]})
        pools.collect(pool, roots[2], {"from": a["operator"]})
        tx = pools.distribute(pool, {"from": a["operator"]})
        self.record("ABS: distribute (senior paid off, rest to junior)", tx)
        tx = senior.withdrawFunds({"from": a["investor"]})
        self.record("ABS: an investor's claim (later withdrawal)", tx)
        tx = junior.withdrawFunds({"from": a["investor2"]})
        self.record("ABS: an investor's claim (first junior withdrawal)", tx)

        self.progress("securitization: collecting 3 and 10 repaid pieces with one collectMany each ...")
        pool = new_pool(13).events["PoolCreated"]["poolId"]
        roots = [bank_root(10_000, 90) for _ in range(13)]
        for root in roots:
            pools.addPiece(pool, root, {"from": a["bank_a"]})
        pools.openOffering(pool, to_base(123_500), chain.time() + 7 * DAY, {"from": a["bank_a"]})
        pools.subscribe(pool, True, to_base(104_000), {"from": a["investor"]})
        pools.subscribe(pool, False, to_base(19_500), {"from": a["investor2"]})
        pools.close(pool, {"from": a["bank_a"]})
        self.story.travel_to(max(rc.rootState(r)[0] for r in roots))
        for root in roots:
            p.settlement.repay(root, to_base(10_000), {"from": a["core"]})
        for batch in (roots[:3], roots[3:]):
            tx = pools.collectMany(pool, batch, {"from": a["operator"]})
            self.record(f"ABS: collect {len(batch)} pieces in one collectMany (fully repaid)", tx, None,
                        f"{tx.gas_used // len(batch):,} a piece")

        self.progress("securitization: cancelling a pool of 50 pieces (the maximum) ...")
        pool = new_pool(50).events["PoolCreated"]["poolId"]
        for _ in range(50):
            pools.addPiece(pool, bank_root(10_000, 120), {"from": a["bank_a"]})
        tx = pools.cancel(pool, {"from": a["bank_a"]})
        self.record("ABS: cancel a pool of 50 pieces (the bounded loop)", tx, None, "50 pieces back to the originator")
        return self.results

    def _warm_up(self) -> None:
        """Pay the platform's one-time storage costs so the table shows steady-state gas."""
        a, p = self.a, self.p
        self._invoice += 1
        trade_id = audited_trade(p.trades, self.alliance, a["supplier3"], a["core"], a["auditor"], p.cash,
                                 to_base(10), f"BENCH-{self._invoice}")
        maturity, deadline = chain.time() + 30 * DAY, chain.time() + DAY
        nonce, sig = sign_confirmation(p.receivables, a["core"], trade_id, to_base(10), maturity, deadline)
        root = p.receivables.confirmWithSignature(trade_id, to_base(10), maturity, nonce, deadline, sig,
                                                  {"from": a["supplier3"]}).return_value
        p.settlement.repay(root, to_base(10), {"from": a["core"]})


def render(results: list[Measure]) -> str:
    rows = [(m.operation, f"{m.gas:,}", f"{m.target:,}" if m.target else "", m.verdict, m.note) for m in results]
    return table(["operation", "gas", "target", "", "note"], rows, "lrrll")


def write_markdown(results: list[Measure], chain_name: str, path: Path = DOC) -> Path:
    lines = [
        "# Gas per operation",
        "",
        f"Measured by `make bench` (scripts/benchmark.py) on {chain_name}, shanghai rules, solc 0.8.37,",
        "optimizer 200 runs. Regenerate with `make bench`. Cash transfers to an account that holds no",
        "cash yet (or a first ERC-721 piece) cost about 17,000 more than to one that does: the note says which.",
        "",
        "| operation | gas | target | verdict | note |",
        "|---|---:|---:|---|---|",
    ]
    for m in results:
        target = f"{m.target:,}" if m.target else ""
        lines.append(f"| {m.operation} | {m.gas:,} | {target} | {m.verdict} | {m.note} |")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path
