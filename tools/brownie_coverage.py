"""pytest plugin for `make coverage` (and CI's coverage pass):

    brownie test tests/unit --coverage --network anvil -p tools.brownie_coverage

It changes three things in brownie, nothing else:

1. Contracts with immutables are traced (below).
2. Reverting to a snapshot is cheap again (further down).
3. A view call (sent as a transaction and reverted under coverage) leaves the chain's clock
   where it found it, so tests behave under coverage exactly as on a plain chain (at the end). Under --coverage brownie turns every
   view call into a transaction it traces and then reverts, and every revert runs a full
   `gc.collect()` over a heap that holds every trace so far: 0.35 s per revert, 7x the run time
   of the plain suite. A young-generation collection is enough for what the revert needs (drop
   dead weak references to reverted objects); the suite under coverage then takes ~2.6x the
   plain run.

1. Immutables. brownie checks a deployed contract's code against the compiled `deployedBytecode`
(`brownie.network.contract._verify_deployed_code`) and, on a mismatch, drops the contract's
program-counter map, so none of its transactions are traced: no coverage, no source-level
tracebacks. Solidity writes immutables (ours: the registries' addresses; OpenZeppelin's EIP712
cached domain) into the runtime code at deployment, where the compiled code has
`PUSH32 0x00..00` placeholders, so every contract with an immutable "mismatches". Without this
plugin brownie's report silently leaves out ReceivableToken, TradeRegistry, FinancingMarket and
Settlement.

The replacement accepts a mismatch only where the compiled code has a PUSH32 with an all-zero
operand (an immutable's placeholder); any other difference is still a mismatch. The comparison
ignores the CBOR metadata tail, as brownie's does.
"""

import brownie.network.contract as _contract

_original = _contract._verify_deployed_code


def _strip_metadata(code: str) -> str:
    if len(code) < 4:
        return code
    length = int(code[-4:], 16)
    cut = (length + 2) * 2
    return code[:-cut] if 0 < cut <= len(code) else code


def _zero_push32_operands(code: bytes) -> list[tuple[int, int]]:
    """Byte ranges [start, end) of PUSH32 operands that are all zero."""
    ranges, i = [], 0
    while i < len(code):
        op = code[i]
        if 0x60 <= op <= 0x7F:  # PUSH1..PUSH32
            n = op - 0x5F
            if op == 0x7F and code[i + 1 : i + 33] == bytes(32):
                ranges.append((i + 1, i + 33))
            i += 1 + n
        else:
            i += 1
    return ranges


def immutables_only_differ(actual_hex: str, expected_hex: str) -> bool:
    actual = bytes.fromhex(_strip_metadata(actual_hex.removeprefix("0x")))
    expected = bytes.fromhex(_strip_metadata(expected_hex.removeprefix("0x")))
    if len(actual) != len(expected):
        return False
    allowed = bytearray(len(expected))
    for start, end in _zero_push32_operands(expected):
        allowed[start:end] = b"\x01" * (end - start)
    return all(a == e or allowed[k] for k, (a, e) in enumerate(zip(actual, expected)))


def _verify_deployed_code(address, expected_bytecode, language):
    if _original(address, expected_bytecode, language):
        return True
    if language != "Solidity" or "_" in expected_bytecode:  # unlinked libraries: brownie's rule only
        return False
    actual = _contract.web3.eth.get_code(address).hex()
    return immutables_only_differ(actual, expected_bytecode)


_contract._verify_deployed_code = _verify_deployed_code


# ---------------------------------------------------------------------------- 2. cheap reverts

import gc as _gc  # noqa: E402
import types as _types  # noqa: E402

import brownie.network.state as _state  # noqa: E402

# brownie.network.state calls gc.collect() in _notify_registry on every revert and reset
_state.gc = _types.SimpleNamespace(collect=lambda: _gc.collect(0))


# ---------------------------------------------------------------- 3. view calls keep the clock

# Under --coverage a view call is sent as a transaction, traced, then reverted to a snapshot taken
# just before (brownie.network.contract.ContractCall.__call__). Anvil's evm_revert resets its
# clock to the reverted-to block's timestamp (losing any chain.sleep since) and drops a pending
# evm_setNextBlockTimestamp, and brownie re-reads its own time offset from that block. So without
# help a view call moves the chain's clock: a test that pinned the next block
# (scf.clock.next_block_at) or slept (chain.sleep) and then read a view sent its transaction at
# another second than on a plain chain (22 tests failed under coverage only). After the revert
# the clock is put back as it was at the snapshot: the pinned second if a pin was pending, else
# brownie's time then (evm_setTime), and brownie's offset with it.

import time as _time  # noqa: E402

from brownie import chain as _chain  # noqa: E402
from brownie import web3 as _web3  # noqa: E402
from brownie.network.rpc import Rpc as _Rpc  # noqa: E402

from scf import clock as _clock  # noqa: E402

_snapshot = _Rpc._snapshot
_revert_view_call = _contract._revert_transact_call
_clock_at = {}  # snapshot id -> (brownie's time offset, scf.clock's pin) when it was taken


def _snapshot_noting_the_clock(self):
    snapshot_id = _snapshot(self)
    if len(_clock_at) > 10_000:  # ids of snapshots never reverted by a view call
        _clock_at.clear()
    _clock_at[snapshot_id] = (_chain._time_offset, _clock._pin)
    return snapshot_id


def _revert_keeping_the_clock(snapshot_id):
    # (ContractCall.__call__ itself is left alone: brownie's Multicall swaps its __code__)
    offset, pin = _clock_at.pop(snapshot_id, (None, None))
    _revert_view_call(snapshot_id)
    if offset is None:
        return
    _chain._time_offset = offset
    if pin is not None and pin[1] == _web3.eth.block_number:
        _clock.restore_pin(pin[0])
    else:
        response = _web3.provider.make_request("evm_setTime", [int(_time.time()) + offset])
        assert "error" not in response, response


_Rpc._snapshot = _snapshot_noting_the_clock
_contract._revert_transact_call = _revert_keeping_the_clock
