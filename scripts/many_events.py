"""Measure indexing throughput: start Anvil on port 8561, make at least 10,000 platform
events, index them from scratch, print events per second, stop Anvil.

    .venv/bin/python scripts/many_events.py [--events 10000] [--port 8561]

(A plain Python script, not a brownie one: the same as ``python -m scf many-events``.)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scf.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["many-events", *sys.argv[1:]]))
