"""Indexing throughput on a chain with many platform events.

Starts its own Anvil, deploys, then plays rounds of platform activity until at least
``target_events`` events of the indexed contracts exist — per round: an audited trade, a
confirmed root, a 49-way split, a merge, a signed and an on-chain (partial, with recourse)
financing, an early repayment and claims — then indexes the chain from scratch and reports
events per second. Bounded (at most ``max_rounds`` rounds and ``max_seconds`` of generation)
and self-stopping: Anvil is stopped whatever happens.

    python scripts/many_events.py --events 10000      # or: python -m scf many-events
"""

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scf import api
from scf.deployment import COMPONENTS, Platform
from scf.devnode import ANVIL_FIRST_KEY, anvil
from scf.eip712 import sign_offer
from scf.indexer import INDEXED_CONTRACTS, IndexerConfig, ProgressPrinter, index_chain
from scf.live.deployer import deploy
from scf.live.sender import TxSender
from scf.live.signers import Signer, actor_signers
from scf.live.story import MEMBERS, STORY_ACTORS, fund_gas
from scf.onboarding import audited_trade, confirm_receivable, form_alliance
from scf.units import DAY, to_base

SPLIT_WAYS = 49          # ReceivableToken.MAX_BATCH is 50: the holder keeps the 50th piece
CLAIMS_PER_ROUND = 10
MAX_UINT = 2**256 - 1


@dataclass
class LoadResult:
    events: int
    transactions: int
    rounds: int
    seconds: float


class EventCounter:
    """Counts the logs of the indexed contracts in every receipt the sender confirms."""

    def __init__(self, platform: Platform) -> None:
        self.indexed = {getattr(platform, attr).address.lower() for _name, attr in COMPONENTS
                        if _name in INDEXED_CONTRACTS}
        self.count = 0

    def __call__(self, receipt: Any) -> None:
        self.count += sum(1 for log in receipt["logs"] if log["address"].lower() in self.indexed)


def _round(p: Platform, a: dict[str, Signer], alliance_id: int, n: int, now: int) -> None:
    face = to_base(500_000)
    trade_id = audited_trade(p.trades, alliance_id, a["supplier1"], a["core"], a["auditor"], p.cash, face, f"LOAD-{n}")
    root, _tx = confirm_receivable(p.receivables, trade_id, a["core"], face, now + 180 * DAY)
    # a 49-way split: the tier-1 supplier pays tier 2 and 3 and divides the rest for itself
    recipients = [a[("supplier1", "supplier2", "supplier3")[i % 3]] for i in range(SPLIT_WAYS)]
    split = p.receivables.split(root, recipients, [to_base(10_000)] * SPLIT_WAYS, {"from": a["supplier1"]})
    children = [e["childId"] for e in split.events["PieceSplit"]]
    p.receivables.merge([root, *children[0::3]], {"from": a["supplier1"]})    # its own pieces back into one
    paid_on = [c for i, c in enumerate(children) if i % 3]                    # pieces of tiers 2 and 3
    tier2, tier3 = paid_on[0], paid_on[1]
    # a signed offer for a whole tier-3 piece, an on-chain offer with recourse for part of a tier-2 piece
    terms, signature = sign_offer(p.market, a["bank_a"], p.cash, tier3, to_base(10_000), 450, now + 3 * DAY)
    price, _fee = p.market.quote(tier3, to_base(10_000), 450)
    p.market.acceptSignedOffer(terms.as_tuple(), signature, price, {"from": a["supplier3"]})
    posted = p.market.postOffer(tier2, to_base(4_000), 520, p.market.feeBps(), True, now + 3 * DAY,
                                {"from": a["bank_b"]})
    price, _fee = p.market.quote(tier2, to_base(4_000), 520)
    p.market.acceptOffer(posted.events["OfferPosted"]["offerId"], price, {"from": a["supplier2"]})
    # an early repayment freezes the root; some holders claim
    p.settlement.repay(root, face, {"from": a["core"]})
    for piece in paid_on[:CLAIMS_PER_ROUND]:
        p.settlement.claim(piece, {"from": a["auditor"]})


def generate(p: Platform, sender: TxSender, operator: Signer, target_events: int, max_rounds: int,
             max_seconds: float, say: Callable[[str], None]) -> LoadResult:
    started = time.monotonic()
    counter = EventCounter(p)
    sender.observers.append(counter)
    actors = actor_signers(STORY_ACTORS, allow_test_keys=True)
    fund_gas(sender, operator, actors, 10**20, lambda _: None)
    members = [(actors[name], roles, label) for name, roles, label in MEMBERS]
    alliance_id = form_alliance(p.registry, operator, actors["core"], members, "Load alliance")
    for name in ("core", "bank_a", "bank_b"):
        p.cash.mint(actors[name], to_base(500_000) * (max_rounds + 1), {"from": operator})
        for spender in (p.market, p.settlement):
            p.cash.approve(spender, MAX_UINT, {"from": actors[name]})
    now = sender.w3.eth.get_block("latest")["timestamp"]
    rounds = 0
    while counter.count < target_events and rounds < max_rounds and time.monotonic() - started < max_seconds:
        _round(p, actors, alliance_id, rounds, now)
        rounds += 1
        if rounds % 5 == 0:
            say(f"  {counter.count:,} platform events from {sender.sent:,} transactions in "
                f"{time.monotonic() - started:.0f}s")
    sender.observers.remove(counter)
    return LoadResult(counter.count, sender.sent, rounds, time.monotonic() - started)


def run_benchmark(target_events: int = 10_000, port: int = 8561, keep_db: Path | None = None,
                  batch_blocks: int = 5_000, say: Callable[[str], None] = print) -> float:
    """Start Anvil on ``port``, generate the events, index them; returns events per second."""
    max_rounds = target_events // 100 + 20
    with anvil(port) as url, tempfile.TemporaryDirectory() as tmp:
        w3 = api.connect(url)
        sender = TxSender(w3)
        operator = Signer.from_key("operator", ANVIL_FIRST_KEY)
        say(f"Anvil on port {port}: deploying, then generating at least {target_events:,} platform events")
        deployed = deploy(sender, operator, Path(tmp))
        load = generate(deployed.live_platform(), sender, operator, target_events, max_rounds, 1_800, say)
        say(f"generated {load.events:,} platform events ({load.rounds} rounds, {load.transactions:,} transactions, "
            f"{w3.eth.block_number:,} blocks) in {load.seconds:.0f}s")
        rates = {}
        for batch in (batch_blocks, 100):          # few large log queries, then many small ones
            db = keep_db if keep_db and batch == batch_blocks else Path(tmp) / f"bench-{batch}.sqlite"
            config = IndexerConfig(finality_depth=12, batch_blocks=batch)
            report = index_chain(w3, db, deployed.manifest, config, ProgressPrinter(), reset_on_mismatch=True)
            rates[batch] = report.events_per_second
            say(f"indexed {report.events:,} events from {report.last_block - report.first_block + 1:,} blocks of "
                f"{len(INDEXED_CONTRACTS)} contracts in {report.seconds:.2f}s ({report.batches} eth_getLogs ranges "
                f"of at most {batch:,} blocks): {report.events_per_second:,.0f} events/s")
        state = api.load_state(keep_db or Path(tmp) / f"bench-{batch_blocks}.sqlite")
        say(f"replayed into reports in memory: {state.events:,} events, {len(state.roots)} roots, "
            f"{len(state.pieces):,} pieces")
        return rates[batch_blocks]
