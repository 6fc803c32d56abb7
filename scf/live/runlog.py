"""The run log of a live command: one JSON object per transaction, one per line.

``data/runs/<chain id>-<UTC time>.jsonl``; each line has ``time`` (UTC, ISO 8601), ``label``,
``hash``, ``block``, ``gas`` (gas used; the estimate in a dry run) and ``status`` (``ok``,
``reverted`` or ``estimated``). Lines are written and flushed as transactions are mined, so an
interrupted run keeps everything it sent.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from scf.live.sender import TxRecord
from scf.paths import project_root

RUNS_DIR = project_root() / "data" / "runs"
FIELDS: tuple[str, ...] = ("time", "label", "hash", "block", "gas", "status")


def run_log_path(chain_id: int, directory: Path = RUNS_DIR, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"{chain_id}-{stamp}.jsonl"


class RunLog:
    """A listener for ``TxSender.listeners`` appending each transaction to a JSON-lines file
    (created with the first transaction)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0

    def __call__(self, record: TxRecord) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry = record.as_dict()
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({key: entry[key] for key in FIELDS}) + "\n")
        self.count += 1


def read_run_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
