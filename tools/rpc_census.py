"""pytest plugin: count the JSON-RPC requests a test run sends, per method and per test.

    brownie test tests/stateful/test_pool_waterfall.py -p tools.rpc_census

writes every test's wall time, number of HTTP round trips to the node and JSON-RPC calls by
method (a batch is one round trip carrying many calls) to ``reports/rpc-census.json`` (one file
per xdist worker, ``rpc-census-gw0.json`` ...; ``SCF_RPC_CENSUS=path`` moves it), and prints
them at the end of the run. Round trips and calls do not
depend on the machine's load, unlike wall times, so two versions of a test compare fairly.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import requests
from web3.providers.rpc import HTTPProvider

_calls: Counter = Counter()      # method -> JSON-RPC calls, in the current test
_trips = [0]                     # HTTP round trips, in the current test
_per_test: dict[str, dict] = {}


def _count_payload(payload: Any) -> None:
    _trips[0] += 1
    for call in payload if isinstance(payload, list) else [payload]:
        if isinstance(call, dict) and "method" in call:
            _calls[call["method"]] += 1


_make_request = HTTPProvider._make_request
_make_batch = HTTPProvider.make_batch_request
_post = requests.Session.post


def _counted_request(self: HTTPProvider, method: str, request_data: bytes) -> Any:
    # below web3's request cache: only what reaches the node is counted
    _count_payload({"method": method})
    return _make_request(self, method, request_data)


def _counted_batch(self: HTTPProvider, requests_: Any) -> Any:
    _count_payload([{"method": method} for method, _ in requests_])
    return _make_batch(self, requests_)


def _counted_post(self: requests.Session, url: str, *args: Any, **kwargs: Any) -> Any:
    # requests made outside web3's provider (e.g. the state machines' batched reader)
    if isinstance(self, requests.Session) and "json" in kwargs and type(self) is requests.Session:
        _count_payload(kwargs["json"])
    return _post(self, url, *args, **kwargs)


HTTPProvider._make_request = _counted_request
HTTPProvider.make_batch_request = _counted_batch
requests.Session.post = _counted_post


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any):
    _calls.clear()
    _trips[0] = 0
    start = time.perf_counter()
    yield
    _per_test[item.nodeid] = {"seconds": round(time.perf_counter() - start, 2), "round_trips": _trips[0],
                              "calls": dict(_calls.most_common())}


_STARTED = time.time()


def _census_path() -> Path:
    path = Path(os.environ.get("SCF_RPC_CENSUS", "reports/rpc-census.json"))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return path.with_name(f"{path.stem}-{worker}{path.suffix}") if worker else path


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _per_test:
        path = _census_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_per_test, indent=1))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """In the main process: every census this run wrote (its own, or its xdist workers')."""
    own = _census_path()
    found = sorted(p for p in own.parent.glob(own.stem.split("-gw")[0] + "*.json") if p.stat().st_mtime >= _STARTED)
    rows = {nodeid: row for p in found for nodeid, row in json.loads(p.read_text()).items()}
    if not rows:
        return
    terminalreporter.write_sep("-", "JSON-RPC census: round trips, then calls by method (tests with 50 trips or more)")
    for nodeid, row in sorted(rows.items(), key=lambda kv: -kv[1]["round_trips"]):
        if row["round_trips"] >= 50:
            calls = ", ".join(f"{m} {n}" for m, n in list(row["calls"].items())[:8])
            terminalreporter.write_line(f"{nodeid}: {row['seconds']} s, {row['round_trips']} trips; {calls}")
