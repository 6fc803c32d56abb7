"""Corrections to eth-brownie 1.22.2 that every brownie entry point installs (tests, scripts, console).

**A transaction the node still knows is never "dropped".** brownie waits for a receipt in a
background thread and declares a transaction dropped (``status == -2``; the sender then raises
``TransactionError: Tx dropped without known replacement``) as soon as the sender's transaction
count has passed the transaction's nonce while no receipt is visible. Anvil breaks that
assumption under CPU load, reproduced with two busy loops on a 2-core machine:

* the count already includes a transaction that is still pending (``eth_getTransactionByHash``
  returns it with ``blockNumber: null``), and
* a mined transaction's state (the count) is visible a moment before its receipt is.

Both were seen in ``make bench``, the stateful tests and scripts. The cause is brownie's
inference, so the fix is to stop inferring: before brownie's own wait runs, wait for the receipt
for as long as the node still knows the transaction. Only a transaction the node no longer knows
reaches brownie's dropped/replaced logic, which is right for it (a real replacement on a real
network). Nothing is retried and no transaction is re-sent.
"""

from __future__ import annotations

import time
from typing import Any

TARGET_BROWNIE = "1.22.2"
_POLL_SECONDS = 0.02

_installed = False


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


def wait_until_receipt_or_unknown(eth: Any, txid: str, poll: float = _POLL_SECONDS) -> bool:
    """Block until ``txid`` has a visible receipt (True) or the node no longer knows it (False)."""
    while not _receipt_is_visible(eth, txid):
        if not _node_knows(eth, txid):
            return _receipt_is_visible(eth, txid)
        time.sleep(poll)
    return True


def install() -> None:
    """Install the corrections once per process (idempotent)."""
    global _installed
    if _installed:
        return
    from importlib.metadata import version

    from brownie.network import web3
    from brownie.network.transaction import TransactionReceipt

    found = version("eth-brownie")
    if found != TARGET_BROWNIE:  # pragma: no cover - guards a future upgrade
        raise RuntimeError(
            f"scf.brownie.fixes targets eth-brownie {TARGET_BROWNIE}, found {found}: "
            "check that the dropped-transaction inference it corrects is unchanged"
        )

    original = TransactionReceipt._await_confirmation

    def _await_confirmation(self: Any, block_number: int | None = None, required_confs: int = 1) -> None:
        wait_until_receipt_or_unknown(web3.eth, self.txid)
        return original(self, block_number, required_confs)

    TransactionReceipt._await_confirmation = _await_confirmation
    _installed = True
