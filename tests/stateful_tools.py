"""Tools for the brownie state machines (importable as ``stateful_tools``: tests/ is on sys.path).

- ``Outcomes``: counts what the steps did (shown at the end of a run, and in hypothesis'
  statistics), so a run can assert it exercised the interesting paths and not only refusals;
- ``attempt``: send a transaction a step may legitimately see refused, naming the custom errors
  it may meet (any other refusal fails the test);
- ``must_refuse``: send a transaction that has to be refused with one of the named errors;
- ``follow_piece_transfers``: keep a model's piece -> holder map in step with the chain;
- ``finish_confirmations``: wait for brownie's confirmation threads between examples;
- ``Reader``: many view calls in one JSON-RPC batch, so invariants read the chain quickly;
  ``Reader.dry_run`` asks in one batch whether transactions would go through (and if not, why);
- ``ChainView``: a machine's areas declare what their invariants read (``reads_<area>``), and
  each round of invariant checks reads all of it in one batch (``self.seen``).
"""

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import requests
from brownie import web3
from brownie.exceptions import VirtualMachineError, decode_typed_error
from hypothesis import event as hypothesis_event
from hypothesis.errors import InvalidArgument


class Outcomes(Counter):
    """What the steps did over a whole run: ``"<Contract.fn>: done"`` or ``": <ErrorName>"``."""

    def note(self, outcome: str) -> None:
        self[outcome] += 1
        try:
            hypothesis_event(outcome)
        except InvalidArgument:  # outside an example (a machine's __init__ building its world)
            pass

    def table(self) -> str:
        return "\n".join(f"  {n:6d}  {outcome}" for outcome, n in sorted(self.items()))

    def done(self, *fn_names: str) -> int:
        """How many times any of the functions went through."""
        return sum(self[f"{name}: done"] for name in fn_names)


def error_name(exc: VirtualMachineError) -> str:
    """The custom error's name as brownie decodes it (``"Name: arg, ..."`` -> ``"Name"``)."""
    return (exc.revert_msg or "").split(":")[0]


def attempt(outcomes: Outcomes, known: Iterable[str], fn: Callable, *args: Any):
    """Send a transaction that may be refused; a refusal must be one of ``known``.
    Returns the receipt, or None when refused."""
    try:
        tx = fn(*args)
    except VirtualMachineError as exc:
        assert error_name(exc) in known, f"unexpected refusal {exc.revert_msg!r} of {fn._name}"
        outcomes.note(f"{fn._name}: {error_name(exc)}")
        return None
    outcomes.note(f"{fn._name}: done")
    return tx


def must_refuse(outcomes: Outcomes, expected: Iterable[str], fn: Callable, *args: Any) -> str:
    """Send a transaction that must be refused with one of ``expected``; returns the error name."""
    expected = set(expected)
    try:
        fn(*args)
    except VirtualMachineError as exc:
        assert error_name(exc) in expected, f"{fn._name}: {exc.revert_msg!r}, expected one of {expected}"
        outcomes.note(f"{fn._name}: {error_name(exc)} (as it must)")
        return error_name(exc)
    raise AssertionError(f"{fn._name}{args[:-1]} went through; expected one of {expected}")


def part_payment_allowed(maturity: int, margin: int = 60) -> bool | None:
    """Whether a part-payment of a root maturing at ``maturity`` lands at or after its maturity
    (Settlement accepts early repayments only in full): True surely, False surely not (at least
    ``margin`` seconds before), None too close to tell (leave it out)."""
    from brownie import chain

    now = max(int(web3.eth.get_block("latest").timestamp), int(chain.time()))
    if now >= maturity:
        return True
    return False if now + margin < maturity else None


def follow_piece_transfers(events, token: str, owner: dict, allowed: set, bad_holders: list) -> None:
    """Update ``owner`` (piece -> holder) from the receivable token's Transfer events of a
    transaction (``token``: its address; other contracts' Transfers, e.g. cash, are skipped);
    a burn removes the piece, a piece received by anyone outside ``allowed`` is recorded."""
    for ev in events["Transfer"] if "Transfer" in events else []:
        if ev.address != token:
            continue
        piece, to = ev["tokenId"], ev["to"]
        if int(to, 16) == 0:
            del owner[piece]
            continue
        if to not in allowed:
            bad_holders.append((piece, to))
        owner[piece] = to


def finish_confirmations(timeout: float = 5) -> None:
    """Let brownie's confirmation threads finish. Each transaction is confirmed in a thread that,
    after releasing the caller, marks other transactions of the same sender and nonce as
    dropped; after the revert to the snapshot the next example re-uses those nonces, so a state
    machine's ``setup`` calls this first."""
    for thread in threading.enumerate():
        if getattr(getattr(thread, "_target", None), "__name__", "") == "_await_transaction":
            thread.join(timeout)


class Reader:
    """Many view calls in one JSON-RPC batch (one round trip instead of one per call):
    ``read([(contract.fn, *args), ...])`` returns the decoded results in order."""

    def __init__(self) -> None:
        self.url = web3.provider.endpoint_uri
        self.session = requests.Session()

    def __call__(self, calls: list[tuple]) -> list:
        if not calls:
            return []
        payload = [{"jsonrpc": "2.0", "id": i, "method": "eth_call",
                    "params": [{"to": fn._address, "data": fn.encode_input(*args)}, "latest"]}
                   for i, (fn, *args) in enumerate(calls)]
        answers = sorted(self.session.post(self.url, json=payload).json(), key=lambda r: r["id"])
        out = []
        for (fn, *_), answer in zip(calls, answers):
            assert "error" not in answer, (fn._name, answer)
            out.append(fn.decode_output(answer["result"]))
        return out

    def named(self, batches: dict[str, list[tuple]]) -> dict[str, list]:
        """``{name: [(contract.fn, *args), ...]}`` -> ``{name: [result, ...]}``, in one batch."""
        values = iter(self([call for calls in batches.values() for call in calls]))
        return {name: [next(values) for _ in calls] for name, calls in batches.items()}

    def dry_run(self, calls: list[tuple]) -> list[str]:
        """Would these transactions go through now? ``[(contract.fn, sender, *args), ...]`` ->
        per call "" (it would) or the name of the custom error that refuses it (``sender`` may
        be any address, a contract's too: nothing is signed)."""
        if not calls:
            return []
        payload = [{"jsonrpc": "2.0", "id": i, "method": "eth_call",
                    "params": [{"from": str(sender), "to": fn._address, "data": fn.encode_input(*args)}, "latest"]}
                   for i, (fn, sender, *args) in enumerate(calls)]
        answers = sorted(self.session.post(self.url, json=payload).json(), key=lambda r: r["id"])
        return ["" if "error" not in answer else refusal_name(answer["error"]) for answer in answers]


def refusal_name(error: dict) -> str:
    """The custom error's name in a JSON-RPC error answer (or the node's message)."""
    data = error.get("data")
    if isinstance(data, dict):
        data = data.get("data")
    if isinstance(data, str) and data.startswith("0x") and len(data) >= 10:
        return decode_typed_error(data).split(":")[0]
    return error.get("message", "refused")


class ChainView:
    """Base of a machine whose invariants read the chain. Each area (a rule mixin) declares what
    its ``invariant_*`` methods read in a ``reads_<area>(self) -> {name: [(contract.fn, *args),
    ...]}`` method; before each round of invariant checks (after every step) all of it is read
    in one JSON-RPC batch on first use, and the invariants find the results in
    ``self.seen[name]``. So a machine composed of several areas still reads the chain once per
    step, and each promise can be its own named ``invariant_*`` (a failure names the property).
    The machine needs a ``Reader`` as ``read``."""

    _seen: dict | None = None

    def check_invariants(self, settings) -> None:
        self._seen = None  # the step may have changed anything
        super().check_invariants(settings)

    @property
    def seen(self) -> dict[str, list]:
        if self._seen is None:
            batches: dict[str, list[tuple]] = {}
            for name in sorted(dir(type(self))):
                if name.startswith("reads_"):
                    for key, calls in getattr(self, name)().items():
                        assert key not in batches, f"{name}: {key!r} is read by another area too"
                        batches[key] = calls
            self._seen = self.read.named(batches)
        return self._seen
