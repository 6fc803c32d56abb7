"""pytest plugin for `make coverage` (and CI's coverage pass):

    brownie test tests/unit --coverage --network anvil -p tools.brownie_coverage

It changes three things in brownie, nothing else:

1. Contracts with immutables are traced (below).
2. Reverting to a snapshot is cheap again (further down).
3. View calls stay eth_calls (at the end): brownie would send each as a transaction and revert
   it, which on this chain never traced anything but moved the clock. Under --coverage brownie turns every
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


# ---------------------------------------------------------------- 3. view calls stay calls

# With --coverage brownie sets CONFIG.argv["always_transact"]: every view call is sent as a
# transaction (gas price 0, from accounts[0]) between a snapshot and a revert, to trace it.
# On this project's coverage chain that transaction never goes through: Anvil has a base fee
# ("max fee per gas less than block base fee"; brownie swallows the error), so no view call was
# ever traced, but each one still cost a snapshot, a failed send and a revert with brownie's
# bookkeeping, and the revert reset Anvil's clock to the last block's timestamp and dropped a
# pending evm_setNextBlockTimestamp: the 22 tests that pinned or moved the clock and then read a
# view failed under coverage only (and were re-run with --last-failed). View calls are plain
# eth_calls here, as on a plain chain; the report is the same (what transactions execute).

import pytest  # noqa: E402
from brownie._config import CONFIG as _CONFIG  # noqa: E402


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    _CONFIG.argv["always_transact"] = False
