"""The SQLite index: decoded events, block times, the unfinal window's block hashes.

One database per chain (``data/<chain id>.sqlite`` by default). Tables:

    meta            key/value: identity (chain id, genesis hash, contract addresses),
                    tip (last indexed block), final_block, tip_timestamp
    events          one row per platform event, arguments as JSON (exact integers)
    blocks          number, hash and timestamp of every block that has events
    unfinal_blocks  hashes of indexed blocks that were not final yet (the reorg window)
    currencies      symbol and decimals of each ERC-20 the events name, read once from the token
                    ("" / 18 for a token without them)

Everything the indexer writes for a block range goes in one transaction, so an interrupted
run resumes from the last committed tip.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from scf.errors import DataError
from scf.indexer.decoding import Event
from scf.paths import project_root

SCHEMA_VERSION = "1"
DATA_DIR = project_root() / "data"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    block_number INTEGER NOT NULL,
    log_index    INTEGER NOT NULL,
    tx_hash      TEXT NOT NULL,
    contract     TEXT NOT NULL,
    name         TEXT NOT NULL,
    args         TEXT NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
CREATE INDEX IF NOT EXISTS events_by_name ON events (name);
CREATE TABLE IF NOT EXISTS blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, timestamp INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unfinal_blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS currencies (address TEXT PRIMARY KEY, symbol TEXT NOT NULL, decimals INTEGER NOT NULL);
"""


def default_path(chain_id: int, directory: Path = DATA_DIR) -> Path:
    return directory / f"{chain_id}.sqlite"


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise DataError(f"{path} is not an scf index (SQLite): {exc}") from None
        if self._meta("schema_version") is None:
            self._set_meta(schema_version=SCHEMA_VERSION)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---------------------------------------------------------------- meta

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, **values: object) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [(k, str(v)) for k, v in values.items()])

    def _meta_int(self, key: str) -> int | None:
        value = self._meta(key)
        return None if value is None else int(value)

    @property
    def identity(self) -> dict | None:
        text = self._meta("identity")
        return json.loads(text) if text else None

    @property
    def tip(self) -> int | None:
        """The last indexed block (None before the first sync)."""
        return self._meta_int("tip")

    @property
    def final_block(self) -> int | None:
        """The newest block that was final (head - depth) at the last sync."""
        return self._meta_int("final_block")

    @property
    def tip_timestamp(self) -> int | None:
        return self._meta_int("tip_timestamp")

    def reset(self, identity: dict) -> None:
        """Forget everything and start an index for ``identity``."""
        with self.db:
            for table in ("events", "blocks", "unfinal_blocks", "currencies", "meta"):
                self.db.execute(f"DELETE FROM {table}")
            self._set_meta(schema_version=SCHEMA_VERSION, identity=json.dumps(identity, sort_keys=True))

    # ---------------------------------------------------------------- writing

    def append(self, events: Iterable[Event], blocks: dict[int, tuple[str, int]], unfinal: dict[int, str],
               tip: int, tip_timestamp: int, final_block: int) -> None:
        """Commit one indexed block range atomically."""
        with self.db:
            self.db.executemany(
                "INSERT INTO events (block_number, log_index, tx_hash, contract, name, args) VALUES (?, ?, ?, ?, ?, ?)",
                [(e.block_number, e.log_index, e.tx_hash, e.contract, e.name, json.dumps(e.args)) for e in events],
            )
            self.db.executemany("INSERT OR REPLACE INTO blocks (number, hash, timestamp) VALUES (?, ?, ?)",
                                [(n, h, t) for n, (h, t) in blocks.items()])
            self.db.executemany("INSERT OR REPLACE INTO unfinal_blocks (number, hash) VALUES (?, ?)", unfinal.items())
            # hashes of blocks that became final are not needed any more (the tip's is kept)
            self.db.execute("DELETE FROM unfinal_blocks WHERE number < ? AND number <> ?", (final_block, tip))
            self._set_meta(tip=tip, tip_timestamp=tip_timestamp, final_block=final_block)

    def rollback_to(self, block: int) -> int:
        """Drop everything above ``block`` (a reorganisation); returns the number of events dropped."""
        with self.db:
            dropped = self.db.execute("DELETE FROM events WHERE block_number > ?", (block,)).rowcount
            self.db.execute("DELETE FROM blocks WHERE number > ?", (block,))
            self.db.execute("DELETE FROM unfinal_blocks WHERE number > ?", (block,))
            timestamp = self.db.execute("SELECT timestamp FROM blocks WHERE number <= ? ORDER BY number DESC LIMIT 1",
                                        (block,)).fetchone()
            self._set_meta(tip=block, tip_timestamp=timestamp[0] if timestamp else 0,
                           final_block=min(self.final_block or block, block))
        return dropped

    def add_currency(self, address: str, symbol: str, decimals: int) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO currencies (address, symbol, decimals) VALUES (?, ?, ?)",
                            (address.lower(), symbol, decimals))

    # ---------------------------------------------------------------- reading

    def currencies(self) -> dict[str, tuple[str, int]]:
        """Lower-case address -> (symbol, decimals) of the currencies read so far."""
        return {a: (sym, dec) for a, sym, dec in self.db.execute("SELECT address, symbol, decimals FROM currencies")}

    def unfinal_hashes(self) -> list[tuple[int, str]]:
        """``(number, hash)`` of the kept window, newest first."""
        return self.db.execute("SELECT number, hash FROM unfinal_blocks ORDER BY number DESC").fetchall()

    def event_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def events_named(self, names: Iterable[tuple[str, str]]) -> Iterator[Event]:
        """The indexed events of the given ``(contract, event name)`` kinds, in chain order."""
        for contract, name in names:
            rows = self.db.execute(
                "SELECT e.block_number, e.log_index, e.tx_hash, COALESCE(b.hash, ''), e.contract, e.name, e.args, "
                "COALESCE(b.timestamp, 0) FROM events e LEFT JOIN blocks b ON b.number = e.block_number "
                "WHERE e.name = ? AND e.contract = ? ORDER BY e.block_number, e.log_index", (name, contract))
            for number, index, tx_hash, block_hash, contract_name, event_name, args, timestamp in rows:
                yield Event(number, index, tx_hash, block_hash, contract_name, event_name, json.loads(args), timestamp)

    def events(self, up_to_block: int | None = None) -> Iterator[Event]:
        """Every indexed event in chain order, with its block's timestamp."""
        limit = up_to_block if up_to_block is not None else 2**62
        rows = self.db.execute(
            "SELECT e.block_number, e.log_index, e.tx_hash, b.hash, e.contract, e.name, e.args, b.timestamp "
            "FROM events e JOIN blocks b ON b.number = e.block_number "
            "WHERE e.block_number <= ? ORDER BY e.block_number, e.log_index", (limit,))
        for number, index, tx_hash, block_hash, contract, name, args, timestamp in rows:
            yield Event(number, index, tx_hash, block_hash, contract, name, json.loads(args), timestamp)
