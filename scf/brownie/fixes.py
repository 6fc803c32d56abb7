"""Corrections to eth-brownie 1.22.2, in one place for every brownie entry point (tests, scripts,
console): ``install()`` puts in the ones that are always right, ``drop_undo_snapshots()`` the one
a process must ask for.

``install()`` (tests/conftest.py, ``scf.brownie.quiet.quiet()`` of every script, the console):

1. **A transaction the node still knows is never "dropped".** brownie waits for a receipt in a
   background thread and declares a transaction dropped (``status == -2``; the sender then raises
   ``TransactionError: Tx dropped without known replacement``) as soon as the sender's transaction
   count has passed the transaction's nonce while no receipt is visible. Anvil breaks that
   assumption under CPU load, reproduced with two busy loops on a 2-core machine: the count
   already includes a transaction that is still pending (``eth_getTransactionByHash`` returns it
   with ``blockNumber: null``), and a mined transaction's state (the count) is visible a moment
   before its receipt is. Both were seen in ``make bench``, the stateful tests and scripts. The
   fix stops inferring: before brownie's own wait runs, wait for the receipt for as long as the
   node still knows the transaction. Only a transaction the node no longer knows reaches
   brownie's dropped/replaced logic, which is right for it (a real replacement on a real
   network). Nothing is retried and no transaction is re-sent.
2. **The chain id is asked once per connection.** web3's validation middleware asks the node for
   ``eth_chainId`` before every ``eth_call`` and transaction it validates: in a state machine that
   reads the chain after every step, 41,114 of 65,807 requests were that question. A node's chain
   id never changes while it is connected, so each provider brownie connects asks once and keeps
   the answer (``cache_chain_id``); a reconnect builds a new provider, which asks again.
3. **Anvil leaves nothing on disk.** Anvil keeps recent block states in memory and writes older
   ones to ``$HOME/.foundry/anvil/tmp/anvil-state-*`` (a JSON file per block: 0.7-1.3 GB after a
   test run with the platform deployed), which it deletes only on a clean exit; brownie ends it
   with SIGKILL (and Anvil deletes nothing on SIGTERM or SIGINT either), so every run left its
   directory behind. Every Anvil brownie launches after ``install()`` gets
   ``--max-persisted-states 0``: older states are dropped instead of written (``eth_call`` at a
   block a few hundred blocks back is refused; ``debug_traceTransaction``, which coverage needs,
   still works for every transaction). An Anvil brownie launched before ``install()`` ran
   (``brownie run``, ``brownie console`` start the chain before any project code) has its state
   directory removed when brownie stops it: the directory whose block files name blocks of
   that chain (asked of the node before it is stopped), so another Anvil's directory in the same
   home is never touched.

4. **A transaction the node lost ends the wait.** If the node knows neither the transaction nor a
   receipt for it, and the sender's transaction count has not passed its nonce, for
   ``_LOST_AFTER`` seconds, brownie's own wait would poll for ever (it looks for a receipt or a
   higher count, and neither comes): seen once in a full suite on a loaded machine, a worker
   waited 25 minutes in a module fixture's first transaction. The transaction is marked dropped
   (``status == -2``), so the sender raises brownie's ``TransactionError`` naming it and the test
   fails instead of the run hanging. Nothing is re-sent.

``drop_undo_snapshots()`` (tests/conftest.py and the scripts; never the console): brownie takes an
``evm_snapshot`` after every transaction so that ``chain.undo()`` can step back. Anvil copies its
state for each snapshot: with the platform deployed a snapshot took longer (91 ms) than the
transaction (34 ms). Tests and scripts never undo a transaction (tests revert to the snapshots of
``fn_isolation``, ``module_isolation`` and the state machines, which are unaffected), so they do
without; ``chain.undo()`` / ``chain.redo()`` then raise ``UndoUnavailable`` naming the reason. An
interactive console keeps brownie's behaviour.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_BROWNIE = "1.22.2"
_POLL_SECONDS = 0.02
ANVIL_NO_DISK_STATES = ("--max-persisted-states", "0")
ANVIL_STATE_DIR_PREFIX = "anvil-state-"
_BLOCK_FILES_ASKED = 8     # block files of a state directory asked of the node before removing it

_LOST_AFTER = 10.0          # seconds a transaction may be unknown to the node before it counts as lost
_installed = False
_undo_dropped = False


class UndoUnavailable(RuntimeError):
    """``chain.undo()`` / ``chain.redo()`` in a process that dropped brownie's undo snapshots."""


def _receipt_is_visible(eth: Any, txid: str) -> bool:
    from web3.exceptions import TransactionNotFound

    try:
        receipt = eth.get_transaction_receipt(txid)
    except TransactionNotFound:
        return False
    return receipt is not None and receipt["blockHash"] is not None


def _node_knows(eth: Any, txid: str) -> bool:
    from web3.exceptions import TransactionNotFound

    try:
        return eth.get_transaction(txid) is not None
    except TransactionNotFound:
        return False


def _lost(eth: Any, tx: Any, patience: float, poll: float = _POLL_SECONDS) -> bool:
    """True if for ``patience`` seconds the node knows neither ``tx`` nor its receipt and the
    sender's count stays at or below its nonce (brownie would wait for ever)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if _receipt_is_visible(eth, tx.txid) or _node_knows(eth, tx.txid):
            return False
        if tx.nonce is None or eth.get_transaction_count(str(tx.sender)) > tx.nonce:
            return False                    # brownie's own logic handles a replacement
        time.sleep(poll)
    return True


def wait_until_receipt_or_unknown(eth: Any, txid: str, poll: float = _POLL_SECONDS) -> bool:
    """Block until ``txid`` has a visible receipt (True) or the node no longer knows it (False)."""
    while not _receipt_is_visible(eth, txid):
        if not _node_knows(eth, txid):
            return _receipt_is_visible(eth, txid)
        time.sleep(poll)
    return True


def cache_chain_id(provider: Any) -> None:
    """Let ``provider`` ask the node for ``eth_chainId`` once and keep the answer (an error is not
    kept). web3's own request cache would not do: it keys its entries by thread, and brownie
    confirms every transaction in a new thread, which would ask again."""
    if provider is None or getattr(provider, "_scf_chain_id_cached", False):
        return
    make_request = provider.make_request
    answer: dict[str, Any] = {}
    lock = threading.Lock()

    def make_request_asking_chain_id_once(method: str, params: Any) -> Any:
        if method != "eth_chainId":
            return make_request(method, params)
        with lock:
            if "response" not in answer:
                response = make_request(method, params)
                if "result" not in response:
                    return response
                answer["response"] = response
            return answer["response"]

    provider.make_request = make_request_asking_chain_id_once
    provider._request_func_cache = (None, None)   # web3 built its middleware chain on the old method
    provider._scf_chain_id_cached = True


def with_no_disk_states(cmd: str) -> str:
    """The Anvil command ``cmd`` with ``--max-persisted-states 0`` unless it already says."""
    if ANVIL_NO_DISK_STATES[0] in cmd.split(" "):
        return cmd
    return " ".join((cmd, *ANVIL_NO_DISK_STATES))


def anvil_state_root() -> Path:
    """Where Anvil writes the block states it does not keep in memory (``$HOME/.foundry``)."""
    return Path.home() / ".foundry" / "anvil" / "tmp"


def own_state_dirs(root: Path, knows_block: Callable[[str], bool], asked: int = _BLOCK_FILES_ASKED) -> list[Path]:
    """The Anvil state directories under ``root`` written by the node behind ``knows_block`` (a
    function: block hash -> bool): those with a block file (``0x<hash>.json``) that names one of
    its blocks. Up to ``asked`` files of each directory are asked about."""
    if not root.is_dir():
        return []
    own = []
    for directory in sorted(root.glob(ANVIL_STATE_DIR_PREFIX + "*")):
        names = sorted(p.stem for p in directory.glob("0x*.json"))[:asked]
        if any(knows_block(name) for name in names):
            own.append(directory)
    return own


def _node_knows_block(provider: Any) -> Callable[[str], bool]:
    def knows(block_hash: str) -> bool:
        try:
            return bool(provider.make_request("eth_getBlockByHash", [block_hash, False]).get("result"))
        except (OSError, ValueError, json.JSONDecodeError):
            return False

    return knows


def _install_anvil_without_leftovers() -> None:
    from brownie.network.rpc import Rpc, anvil
    from brownie.network.web3 import web3

    launch = anvil.launch

    def launch_without_disk_states(cmd: str, **kwargs: Any) -> Any:
        return launch(with_no_disk_states(cmd), **kwargs)

    anvil.launch = launch_without_disk_states

    kill = Rpc.kill

    def kill_and_remove_state_dirs(self: Any, exc: bool = True) -> None:
        leftovers: list[Path] = []
        if self.is_active() and self.backend is anvil and self.is_child() and web3.provider is not None:
            leftovers = own_state_dirs(anvil_state_root(), _node_knows_block(web3.provider))
        kill(self, exc)
        for directory in leftovers:
            shutil.rmtree(directory, ignore_errors=True)

    Rpc.kill = kill_and_remove_state_dirs


def _install_chain_id_cache() -> None:
    from brownie.network.web3 import Web3, web3

    connect = Web3.connect

    def connect_and_cache_chain_id(self: Any, uri: str, timeout: int = 30) -> None:
        connect(self, uri, timeout)
        cache_chain_id(self.provider)

    Web3.connect = connect_and_cache_chain_id
    cache_chain_id(web3.provider)      # already connected (brownie run, console)


def install() -> None:
    """Install the corrections once per process (idempotent)."""
    global _installed
    if _installed:
        return
    from importlib.metadata import version

    from brownie.network import web3
    from brownie.network.transaction import Status, TransactionReceipt

    found = version("eth-brownie")
    if found != TARGET_BROWNIE:  # pragma: no cover - guards a future upgrade
        raise RuntimeError(
            f"scf.brownie.fixes targets eth-brownie {TARGET_BROWNIE}, found {found}: "
            "check that the dropped-transaction inference it corrects is unchanged"
        )

    original = TransactionReceipt._await_confirmation

    def _await_confirmation(self: Any, block_number: int | None = None, required_confs: int = 1) -> None:
        if not wait_until_receipt_or_unknown(web3.eth, self.txid) and _lost(web3.eth, self, _LOST_AFTER):
            self.status = Status(-2)        # dropped: the sender raises TransactionError naming it
            self._confirmed.set()
            return None
        return original(self, block_number, required_confs)

    TransactionReceipt._await_confirmation = _await_confirmation
    _install_chain_id_cache()
    _install_anvil_without_leftovers()
    _installed = True


def drop_undo_snapshots() -> None:
    """Stop brownie's ``evm_snapshot`` after every transaction (opt-in, idempotent): only for a
    process that never calls ``chain.undo()`` / ``chain.redo()`` (tests, scripts), which then raise
    ``UndoUnavailable``. What brownie does besides after each transaction, following the chain's
    clock from the mined block, is kept."""
    global _undo_dropped
    if _undo_dropped:
        return
    from brownie.network.state import Chain

    def follow_the_clock_without_undo_snapshot(self: Any, tx: Any, fn: Any, args: Any, kwargs: Any) -> None:
        with self._undo_lock:
            tx._confirmed.wait()
            self._set_time_offset_from_block()

    def unavailable(self: Any, num: int = 1) -> None:
        raise UndoUnavailable(
            "chain.undo()/chain.redo() are off in this process: scf.brownie.fixes.drop_undo_snapshots() "
            "stopped the snapshot brownie takes after every transaction (tests and scripts); revert to "
            "a chain.snapshot() instead, or use the brownie console, which keeps them"
        )

    Chain._add_to_undo_buffer = follow_the_clock_without_undo_snapshot
    Chain.undo = unavailable
    Chain.redo = unavailable
    _undo_dropped = True
