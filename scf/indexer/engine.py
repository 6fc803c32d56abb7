"""The indexer: platform events from the deployment block to the head, into a Store.

* **Batched**: ``eth_getLogs`` over block ranges for all platform contracts at once; a range
  the node refuses as too large is halved (and the batch size stays smaller for a while).
* **Resumable**: each range is committed with the new tip in one transaction; the next run
  starts at tip + 1.
* **Reorg-safe**: blocks deeper than ``finality_depth`` below the head are final. Hashes of the
  indexed blocks above that (and of the newest final one, the anchor) are kept. Each sync first
  compares them with the chain, newest first, and rolls back to the newest block that still
  matches; the logs of each range are checked against the block hashes fetched with them, and
  the first block of a range against the hash of the tip it continues. A reorganisation below
  the anchor raises ``DeepReorg``.
* **Contracts found on the way**: a pool's tranche tokens are deployed by the pool while the
  chain runs (``DISCOVERIES``). Their addresses are read from the indexed events that announce
  them, and their logs are fetched from the announcing block on, within the same range; after a
  rollback the addresses come from the events that are left.
* **Logged**: batches, reorganisations and progress go to the ``scf.indexer`` logger (the
  command line shows them with ``-v``).
"""

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eth_abi import decode as abi_decode

from scf.errors import DataError, NodeError
from scf.indexer.decoding import Event, EventDecoder
from scf.indexer.progress import Progress, ProgressCallback
from scf.indexer.source import BlockHeader, ChainSource, LogRangeTooLarge
from scf.indexer.store import Store

log = logging.getLogger("scf.indexer")

# contracts the platform deploys while it runs: (contract, event) announcing them -> (their
# contract name, the event arguments holding their addresses)
DISCOVERIES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("SecuritizationPool", "OfferingOpened"): ("TrancheToken", ("seniorToken", "juniorToken")),
}
DISCOVERED_NAMES: tuple[str, ...] = tuple(sorted({name for name, _ in DISCOVERIES.values()}))


def discovered_in(events: Sequence[Event]) -> list[tuple[int, str, str]]:
    """``(block, contract name, address)`` of the contracts the given events announce."""
    found = []
    for event in events:
        rule = DISCOVERIES.get((event.contract, event.name))
        if rule is not None:
            name, fields = rule
            found += [(event.block_number, name, event.args[f]) for f in fields]
    return found


_SYMBOL = "0x95d89b41"       # symbol()
_DECIMALS = "0x313ce567"     # decimals()


def currency_metadata(call: Callable[[str, str], str | None], address: str) -> tuple[str, int]:
    """``(symbol, decimals)`` of an ERC-20 through ``call(address, data) -> hex | None``; ""
    and 18 for a token that does not answer (IERC20Metadata is optional)."""
    symbol, decimals = "", 18
    raw = call(address, _SYMBOL)
    if raw and len(raw) > 2:
        data = bytes.fromhex(raw[2:])
        try:
            symbol = str(abi_decode(["string"], data)[0])
        except Exception:          # an old token returning bytes32 (e.g. MKR): the text up to the first zero
            symbol = data[:32].rstrip(b"\0").decode("utf-8", "replace") if len(data) == 32 else ""
        symbol = "".join(ch for ch in symbol if ch.isprintable())[:32]
    raw = call(address, _DECIMALS)
    if raw and len(raw) > 2:
        value = int(raw[2:66] or "0", 16)
        decimals = value if value <= 77 else 18
    return symbol, decimals


class DeepReorg(DataError, RuntimeError):
    """The chain reorganised below the final anchor: the index must be rebuilt (--reset)."""


class IndexMismatch(DataError, RuntimeError):
    """The database indexes another chain or another deployment."""


class ChainMovedDuringBatch(NodeError, RuntimeError):
    """Logs and headers of one range disagree: the chain reorganised while it was read."""


@dataclass(frozen=True)
class Deployment:
    """What to index: the platform contracts (name -> address) on one chain, from a block."""

    chain_id: int
    contracts: dict[str, str]
    start_block: int


@dataclass
class IndexerConfig:
    finality_depth: int = 12        # blocks below the head that may still be reorganised
    batch_blocks: int = 5_000       # blocks per eth_getLogs (the most; halved when refused)
    retries: int = 5                # ranges re-read after the chain moved under them


@dataclass
class SyncReport:
    first_block: int
    last_block: int
    events: int
    seconds: float
    rolled_back_blocks: int = 0
    dropped_events: int = 0
    batches: int = 0

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _BatchSize:
    """Block range per log query: halves when refused, grows back after clean successes."""

    maximum: int
    current: int = 0
    _successes: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.current = self.current or self.maximum

    def refused(self) -> None:
        if self.current == 1:
            raise LogRangeTooLarge("eth_getLogs", "the node refuses even a single block")
        self.current = max(1, self.current // 2)
        self._successes = 0

    def succeeded(self) -> None:
        self._successes += 1
        if self._successes >= 4 and self.current < self.maximum:
            self.current = min(self.maximum, self.current * 2)
            self._successes = 0


def identity_of(deployment: Deployment, genesis_hash: str) -> dict:
    return {"chain_id": deployment.chain_id, "genesis_hash": genesis_hash,
            "contracts": {k: v.lower() for k, v in sorted(deployment.contracts.items())},
            "start_block": deployment.start_block, "discovered": list(DISCOVERED_NAMES)}


def _adds_contracts(current: dict, wanted: dict) -> bool:
    """True if ``wanted`` is ``current`` with more contracts: every contract indexed so far keeps its
    address, and more contracts are indexed (named ones, or ones found on the way)."""
    same_chain = all(current.get(k) == wanted.get(k) for k in ("chain_id", "genesis_hash", "start_block"))
    before, now = current.get("contracts", {}), wanted.get("contracts", {})
    found_before, found_now = set(current.get("discovered", [])), set(wanted.get("discovered", []))
    more = (set(before) < set(now) and found_before <= found_now) or (before == now and found_before < found_now)
    return same_chain and more and all(now[name] == before[name] for name in before)


class Indexer:
    def __init__(self, source: ChainSource, store: Store, deployment: Deployment,
                 config: IndexerConfig | None = None, progress: ProgressCallback | None = None) -> None:
        self.source = source
        self.store = store
        self.deployment = deployment
        self.config = config or IndexerConfig()
        self.progress = progress
        self.decoder = EventDecoder(deployment.contracts)
        self.addresses = list(self.decoder.addresses.values())
        self.discovered: dict[str, str] = {}        # lower-case address -> contract name, found on the way
        self._batch = _BatchSize(self.config.batch_blocks)

    def _discover(self, name: str, address: str) -> bool:
        """Start decoding a contract found on the way; False if it was known."""
        if address.lower() in self.discovered:
            return False
        self.discovered[address.lower()] = name
        self.decoder.add_contract(name, address)
        return True

    def _rediscover(self) -> None:
        """The contracts found on the way, from the indexed events (what a rollback left)."""
        self.discovered = {}
        self.decoder = EventDecoder(self.deployment.contracts)
        for _block, name, address in discovered_in(list(self.store.events_named(sorted(DISCOVERIES)))):
            self._discover(name, address)

    # ---------------------------------------------------------------- identity

    def check_identity(self, reset_on_mismatch: bool = False) -> bool:
        """Make sure the store indexes this deployment on this chain; returns True if it was
        (re)initialised. A mismatch raises ``IndexMismatch`` unless ``reset_on_mismatch``."""
        genesis = self.source.headers([0])[0]
        wanted = identity_of(self.deployment, genesis.hash if genesis else "")
        current = self.store.identity
        if current == wanted:
            return False
        if current is not None and _adds_contracts(current, wanted):
            # same chain and deployment, more contracts indexed now (an index made before the pools and the
            # closed loop were indexed): their past events are missing, so the index is rebuilt from the start
            self.store.reset(wanted)
            return True
        if current is not None and not reset_on_mismatch:
            raise IndexMismatch(
                f"{self.store.path} indexes another chain or deployment "
                f"(chain {current.get('chain_id')}, genesis {str(current.get('genesis_hash'))[:10]}...): "
                "rebuild it with --reset or use another --db")
        self.store.reset(wanted)
        return True

    # ---------------------------------------------------------------- reorganisations

    def reconcile(self) -> tuple[int, int]:
        """Compare the kept hashes with the chain; roll back to the newest match.

        Returns ``(blocks rolled back, events dropped)``."""
        kept = self.store.unfinal_hashes()
        tip = self.store.tip
        if not kept or tip is None:
            return 0, 0
        newest_number, newest_hash = kept[0]
        header = self.source.headers([newest_number])[newest_number]
        if header is not None and header.hash == newest_hash and newest_number == tip:
            return 0, 0
        chain = self.source.headers([n for n, _ in kept])
        for number, block_hash in kept:
            current = chain.get(number)
            if current is not None and current.hash == block_hash:
                dropped = self.store.rollback_to(number)
                log.warning("reorganisation: rolled back %d block(s) to block %d (%d event(s) dropped)",
                            tip - number, number, dropped)
                self._rediscover()
                return tip - number, dropped
        raise DeepReorg(
            f"the chain reorganised below block {kept[-1][0]} (finality depth {self.config.finality_depth}): "
            "rebuild the index with --reset, and consider a larger --finality-depth")

    # ---------------------------------------------------------------- syncing

    def sync(self, until: int | None = None, reset_on_mismatch: bool = False) -> SyncReport:
        """Index from the last indexed block (or the deployment block) to the head (or ``until``)."""
        started = time.monotonic()
        if self.check_identity(reset_on_mismatch):
            log.info("index %s (re)built for chain %d from block %d", self.store.path, self.deployment.chain_id,
                     self.deployment.start_block)
        self._rediscover()
        rolled_back, dropped = self.reconcile()
        head = self.source.head()
        target = head if until is None else min(until, head)
        first = self._next_block()
        log.info("syncing blocks %d..%d (head %d, finality depth %d)", first, target, head, self.config.finality_depth)
        report = SyncReport(first, first - 1, 0, 0.0, rolled_back, dropped)
        retries = 0
        while self._next_block() <= target:
            start = self._next_block()
            end = min(start + self._batch.current - 1, target)
            try:
                found = self._index_range(start, end, head)
            except LogRangeTooLarge:
                self._rediscover()          # forget contracts announced in the range that was not committed
                self._batch.refused()
                log.info("the node refused blocks %d..%d as too large: %d blocks a query now", start, end,
                         self._batch.current)
                continue
            except ChainMovedDuringBatch as exc:
                self._rediscover()
                retries += 1
                log.warning("blocks %d..%d: %s; re-reading (attempt %d of %d)", start, end, exc, retries,
                            self.config.retries)
                if retries > self.config.retries:
                    raise
                more_blocks, more_events = self.reconcile()
                report.rolled_back_blocks += more_blocks
                report.dropped_events += more_events
                head = self.source.head()
                target = head if until is None else min(until, head)
                continue
            self._batch.succeeded()
            report.events += found
            report.last_block = end
            report.batches += 1
            log.debug("blocks %d..%d: %d event(s)", start, end, found)
            if self.progress:
                self.progress(Progress(first, end, target, report.events, time.monotonic() - started))
        report.seconds = time.monotonic() - started
        log.info("synced to block %d: %d event(s) in %d batch(es), %.2fs", self._next_block() - 1, report.events,
                 report.batches, report.seconds)
        return report

    def _next_block(self) -> int:
        tip = self.store.tip
        return self.deployment.start_block if tip is None else tip + 1

    def _index_range(self, start: int, end: int, head: int) -> int:
        """Read, check and commit one block range; returns the number of events."""
        events = self._decode(self.source.logs(self.addresses + list(self.discovered), start, end))
        announced = discovered_in(events)
        while announced:       # contracts deployed in this range: their logs from the announcing block on
            fresh = [(block, address) for block, name, address in announced if self._discover(name, address)]
            if not fresh:
                break
            for block, address in fresh:
                log.info("block %d: indexing %s at %s from here on", block, self.discovered[address.lower()], address)
            more = self._decode(self.source.logs([a for _, a in fresh], min(b for b, _ in fresh), end))
            events += more
            announced = discovered_in(more)
        events.sort(key=lambda e: (e.block_number, e.log_index))
        final_block = max(head - self.config.finality_depth, 0)
        window = range(max(start, final_block), end + 1)          # unfinal blocks + the anchor
        untimed = {e.block_number for e in events if e.timestamp is None}
        wanted = set(window) | untimed | {start, end}
        headers = self._check_consistency(start, events, self.source.headers(sorted(wanted)))
        blocks = {e.block_number: (e.block_hash, e.timestamp if e.timestamp is not None
                                   else headers[e.block_number].timestamp) for e in events}
        unfinal = {n: headers[n].hash for n in (*window, end)}
        self.store.append(events, blocks, unfinal, tip=end, tip_timestamp=headers[end].timestamp,
                          final_block=final_block)
        self._read_currencies(events)
        return len(events)

    def _read_currencies(self, events: Sequence[Event]) -> None:
        """Symbol and decimals of each currency the events name, read once (``currency_metadata``)."""
        named = {e.args["currency"] for e in events if isinstance(e.args.get("currency"), str)}
        call = getattr(self.source, "call", None)
        if not named or call is None:
            return
        known = self.store.currencies()
        for address in sorted(named):
            if address.lower() not in known and int(address, 16) != 0:
                symbol, decimals = currency_metadata(call, address)
                self.store.add_currency(address, symbol, decimals)
                log.info("currency %s: symbol %r, %d decimals", address, symbol, decimals)

    def _decode(self, logs: Sequence[dict]) -> list[Event]:
        decoded = (self.decoder.decode(raw) for raw in logs if not raw.get("removed"))
        return [e for e in decoded if e is not None]

    def _check_consistency(self, start: int, events: Sequence[Event],
                           found: dict[int, BlockHeader | None]) -> dict[int, BlockHeader]:
        """The headers, every one present, if the batch read one chain; else ChainMovedDuringBatch."""
        headers = {n: h for n, h in found.items() if h is not None}
        if len(headers) != len(found):
            raise ChainMovedDuringBatch("a block of the range disappeared")
        for event in events:
            header = headers.get(event.block_number)
            if header is not None and header.hash != event.block_hash:
                raise ChainMovedDuringBatch(f"block {event.block_number} changed while it was read")
        kept = dict(self.store.unfinal_hashes())
        parent = kept.get(start - 1)
        if parent is not None and headers[start].parent_hash != parent:
            raise ChainMovedDuringBatch(f"block {start} does not continue the indexed tip")
        return headers
