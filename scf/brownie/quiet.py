"""Silence brownie's per-transaction printing in scripts (set SCF_VERBOSE=1 to keep it).

brownie prints every transaction unless told ``silent``; its contract-call wrapper passes
``silent=False`` explicitly, so besides the global switch its default is flipped here.
"""

import os

_patched = False


def quiet() -> None:
    global _patched
    from scf.brownie import fixes

    fixes.install()
    if os.environ.get("SCF_VERBOSE") or _patched:
        return
    from brownie._config import CONFIG
    from brownie.network.contract import ContractTx

    CONFIG.argv["silent"] = True
    original = ContractTx.transact

    def transact(self, *args, silent: bool = True):
        return original(self, *args, silent=silent)

    def call(self, *args, silent: bool = True):
        return original(self, *args, silent=silent)

    ContractTx.transact = transact
    ContractTx.__call__ = call
    _patched = True


def finish(timeout: float = 10.0) -> None:
    """Wait for brownie's background bookkeeping threads before the script (and the local
    chain) ends, so they do not fail noisily against a chain that was just shut down."""
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and "undo_buffer" in thread.name:
            thread.join(timeout)
