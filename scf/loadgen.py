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
from scf.indexer import INDEXED_CONTRACTS, IndexerConfig, ProgressPrinter, index_chain
from scf.live.deployer import deploy
from scf.live.sender import TxSender
from scf.live.signers import Signer, actor_signers
from scf.live.story import fund_gas
from scf.story import STORY_ACTORS, RpcDriver, Story, onboard
from scf.units import to_base

SPLIT_WAYS = 49          # ReceivableToken.MAX_BATCH is 50: the holder keeps the 50th piece
CLAIMS_PER_ROUND = 10


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


def _round(story: Story, alliance_id: int, n: int) -> None:
    """One round of the seed's steps at volume (``scf.story``: the scenario's own steps)."""
    root, _maturity = story.issue(alliance_id, "supplier1", "core", 500_000, 180, f"LOAD-{n}")
    # a 49-way split: the tier-1 supplier pays tier 2 and 3 and divides the rest for itself
    payees = [("supplier1", "supplier2", "supplier3")[i % 3] for i in range(SPLIT_WAYS)]
    children = story.split(root, "supplier1", [(payee, 10_000) for payee in payees])
    story.merge("supplier1", [root, *children[0::3]])                        # its own pieces back into one
    paid_on = [c for i, c in enumerate(children) if i % 3]                  # pieces of tiers 2 and 3
    tier2, tier3 = paid_on[0], paid_on[1]
    # a signed offer for a whole tier-3 piece, an on-chain offer with recourse for part of a tier-2 piece
    story.discount_signed(tier3, "supplier3", "bank_a", 450, recourse=False)
    story.discount_onchain(tier2, "supplier2", "bank_b", 520, recourse=True, amount=to_base(4_000))
    # an early repayment freezes the root; some holders claim
    story.repay(root, "core", to_base(500_000))
    for piece in paid_on[:CLAIMS_PER_ROUND]:
        story.claim(piece, keeper="auditor")


def generate(p: Platform, sender: TxSender, operator: Signer, target_events: int, max_rounds: int,
             max_seconds: float, say: Callable[[str], None]) -> LoadResult:
    started = time.monotonic()
    counter = EventCounter(p)
    sender.observers.append(counter)
    actors = actor_signers(STORY_ACTORS, allow_test_keys=True)
    fund_gas(sender, operator, actors, 10**20, lambda _: None)
    story = Story(p, operator, actors, driver=RpcDriver(sender.w3))
    cash = {name: 500_000 * (max_rounds + 1) for name in ("core", "bank_a", "bank_b")}
    alliance_id = onboard(story, "Load alliance", cash)
    rounds = 0
    while counter.count < target_events and rounds < max_rounds and time.monotonic() - started < max_seconds:
        _round(story, alliance_id, rounds)
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
