"""scf.brownie.fixes: brownie must not call a transaction "dropped" while the node still knows it
(Anvil under CPU load counts a pending transaction in the sender's nonce, and shows a mined
transaction's state a moment before its receipt); the chain id is asked once per connection; an
Anvil brownie launches leaves no state files behind; tests do without brownie's undo snapshots."""

import threading

import psutil
import pytest
from brownie import chain, web3
from brownie.network import rpc
from web3.exceptions import TransactionNotFound

from scf.brownie import fixes
from scf.brownie.fixes import (
    UndoUnavailable,
    own_state_dirs,
    wait_until_receipt_or_unknown,
    with_no_disk_states,
)

TX = "0x" + "ab" * 32


class FakeEth:
    """A node whose answers for one transaction follow a script: pending, then mined, then receipt."""

    def __init__(self, known: list[bool], receipts: list[bool]) -> None:
        self.known, self.receipts = known, receipts
        self.receipt_calls = 0

    def get_transaction_receipt(self, txid: str) -> dict:
        visible = self.receipts[min(self.receipt_calls, len(self.receipts) - 1)]
        self.receipt_calls += 1
        if not visible:
            raise TransactionNotFound(txid)
        return {"blockHash": b"\x01" * 32}

    def get_transaction(self, txid: str) -> dict:
        known = self.known.pop(0) if len(self.known) > 1 else self.known[0]
        if not known:
            raise TransactionNotFound(txid)
        return {"hash": txid, "blockNumber": None}


def test_waits_while_the_transaction_is_pending_or_its_receipt_is_not_yet_visible():
    eth = FakeEth(known=[True], receipts=[False, False, False, True])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is True
    assert eth.receipt_calls == 4


def test_hands_back_a_transaction_the_node_no_longer_knows():
    eth = FakeEth(known=[True, False], receipts=[False])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is False


def test_a_visible_receipt_returns_at_once():
    eth = FakeEth(known=[False], receipts=[True])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is True
    assert eth.receipt_calls == 1


def test_regression_the_chain_id_is_asked_once_per_connection(operator, monkeypatch):
    """issue 11 item: web3 asked the node for ``eth_chainId`` before every call and transaction
    (41,114 of 65,807 requests of a state machine); the fix now lives in scf.brownie.fixes, so
    scripts and the console get it too."""
    provider = web3.provider
    assert web3.eth.chain_id == chain.id        # asked (at most) once here, then kept
    asked: list[bytes] = []
    post = provider._request_session_manager.make_post_request

    def counting_post(uri, data, **kwargs):
        asked.append(data)
        return post(uri, data, **kwargs)

    monkeypatch.setattr(provider._request_session_manager, "make_post_request", counting_post)
    for _ in range(3):
        operator.transfer(operator, 0)
        web3.eth.call({"to": operator.address, "data": "0x"})
    assert asked, "no request reached the node"
    assert not [body for body in asked if b'"eth_chainId"' in body]


def test_regression_a_provider_already_in_use_asks_the_chain_id_once():
    """issue 11 item: scripts and the console install the fixes after brownie connected, when web3
    has already built its request chain on the provider's original ``make_request``."""
    from web3 import HTTPProvider, Web3

    provider = HTTPProvider(web3.provider.endpoint_uri)
    w3 = Web3(provider)
    assert w3.eth.chain_id == chain.id                 # the request chain is built (and used) here
    fixes.cache_chain_id(provider)
    asked: list[bytes] = []
    post = provider._request_session_manager.make_post_request

    def counting_post(uri, data, **kwargs):
        asked.append(data)
        return post(uri, data, **kwargs)

    provider._request_session_manager.make_post_request = counting_post
    assert [w3.eth.chain_id for _ in range(3)] == [chain.id] * 3
    assert w3.eth.block_number >= 0
    assert sum(b'"eth_chainId"' in body for body in asked) == 1 and len(asked) == 2


def test_the_chain_id_answer_is_kept_but_not_an_error():
    class Provider:
        def __init__(self, answers):
            self.answers, self.asked = answers, []

        def make_request(self, method, params):
            self.asked.append(method)
            return self.answers.pop(0) if method == "eth_chainId" else {"result": "0x1"}

    provider = Provider([{"error": {"code": -32000, "message": "busy"}}, {"result": "0x7a69"}])
    fixes.cache_chain_id(provider)
    fixes.cache_chain_id(provider)        # installed once
    assert provider.make_request("eth_chainId", [])["error"]["message"] == "busy"
    assert [provider.make_request("eth_chainId", [])["result"] for _ in range(3)] == ["0x7a69"] * 3
    provider.make_request("eth_blockNumber", [])
    assert provider.asked == ["eth_chainId", "eth_chainId", "eth_blockNumber"]
    fixes.cache_chain_id(None)            # not connected: nothing to do


def test_regression_anvil_launched_by_brownie_persists_no_states():
    """issue 11 item: every brownie-launched Anvil left 0.7-1.3 GB of block states in
    $HOME/.foundry/anvil/tmp (brownie ends it with SIGKILL); it now runs with
    ``--max-persisted-states 0``."""
    if not (rpc.is_active() and rpc.is_child() and rpc.backend.__name__.endswith("anvil")):
        pytest.skip("the chain was not launched by brownie as Anvil")
    command = psutil.Process(rpc.process.pid).cmdline()
    assert "--max-persisted-states" in command
    assert command[command.index("--max-persisted-states") + 1] == "0"


def test_the_anvil_command_gets_the_flag_once():
    assert with_no_disk_states("anvil") == "anvil --max-persisted-states 0"
    assert with_no_disk_states("anvil --max-persisted-states 5") == "anvil --max-persisted-states 5"


def test_only_the_state_directories_of_this_node_are_found(tmp_path):
    ours, theirs, empty = (tmp_path / f"anvil-state-02-12-2026-09-{n}" for n in ("27aaa", "27bbb", "28ccc"))
    for directory, blocks in ((ours, ["0x01", "0x02"]), (theirs, ["0x0a"]), (empty, [])):
        directory.mkdir()
        for block in blocks:
            (directory / f"{block}.json").write_text("{}")
    (tmp_path / "unrelated").mkdir()
    known = {"0x02"}
    assert own_state_dirs(tmp_path, known.__contains__) == [ours]
    assert own_state_dirs(tmp_path / "missing", known.__contains__) == []


def test_regression_tests_take_no_undo_snapshot_after_each_transaction(operator, monkeypatch):
    """issue 11 item: brownie took an ``evm_snapshot`` after every transaction (91 ms each on
    Anvil with the platform deployed) for ``chain.undo()``, which no test uses."""
    taken: list[int] = []
    take = chain._take_snapshot

    def counting_take():
        taken.append(1)
        return take()

    monkeypatch.setattr(chain, "_take_snapshot", counting_take)
    tx = operator.transfer(operator, 0)
    tx.wait(1)
    for thread in threading.enumerate():      # brownie's bookkeeping thread of the transaction
        if "undo_buffer" in thread.name:
            thread.join(10)
    assert taken == []
    with pytest.raises(UndoUnavailable, match="chain.snapshot"):
        chain.undo()
    with pytest.raises(UndoUnavailable):
        chain.redo()


class LostNode(FakeEth):
    """A node that knows neither the transaction nor a receipt; the sender's count is ``count``."""

    def __init__(self, count: int) -> None:
        super().__init__(known=[False], receipts=[False])
        self.count = count

    def get_transaction_count(self, address: str) -> int:
        return self.count


class SentTx:
    txid, sender, nonce = TX, "0x" + "11" * 20, 5


def test_regression_a_transaction_the_node_lost_ends_the_wait():
    """A transaction unknown to the node whose sender's count stays at its nonce is lost: brownie
    would poll for ever (seen once: a worker waited 25 minutes), so the wait ends (and the sender
    raises brownie's TransactionError); a count past the nonce is left to brownie's own logic."""
    assert fixes._lost(LostNode(count=5), SentTx(), patience=0.05, poll=0.01) is True
    assert fixes._lost(LostNode(count=6), SentTx(), patience=0.05, poll=0.01) is False
    assert fixes._lost(FakeEth(known=[True], receipts=[False]), SentTx(), patience=0.05, poll=0.01) is False
