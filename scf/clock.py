"""The local chain's clock, with one owner: every test, script and tool that reads or sets a
development chain's time goes through here (development chains only).

- ``now()``: the latest block's timestamp (the node's clock, not brownie's wall-clock estimate);
- ``next_block_at(t)``: the next block, so the next transaction, gets exactly ``t`` (Anvil's
  ``evm_setNextBlockTimestamp``); the pin is remembered until a block is mined, so something
  that mines a block and reverts it (brownie coverage sends every view call as a transaction
  and reverts it; tools/brownie_coverage.py) can put it back with ``restore_pin()``;
- ``mine_at(t)``: mine a block at exactly ``t`` (Anvil);
- ``travel_to(t)``: mine a block at or after ``t`` (works on Anvil and Ganache).

Tests assert on the second a transaction landed (``tx.timestamp``) or pin it with
``next_block_at`` before a boundary; never on the second they expect it to land.
"""

from typing import Optional

# (timestamp, height of the chain when it was pinned): the next block's timestamp, until mined
_pin: Optional[tuple[int, int]] = None


def now() -> int:
    """The latest block's timestamp."""
    from brownie import web3

    return int(web3.eth.get_block("latest")["timestamp"])


def next_block_at(timestamp: int) -> int:
    """Make the next block (so the next transaction) carry exactly ``timestamp``; returns it."""
    global _pin
    from brownie import web3

    response = web3.provider.make_request("evm_setNextBlockTimestamp", [int(timestamp)])
    assert "error" not in response, response
    _pin = (int(timestamp), int(web3.eth.block_number))
    return int(timestamp)


def pending_pin() -> Optional[int]:
    """The timestamp pinned by ``next_block_at`` if no block was mined since, else None."""
    global _pin
    if _pin is None:
        return None
    from brownie import web3

    if int(web3.eth.block_number) != _pin[1]:
        _pin = None
        return None
    return _pin[0]


def forget_pin() -> None:
    """Drop the remembered pin (a snapshot revert cleared it on the node: tests call this when
    their isolation reverts the chain)."""
    global _pin
    _pin = None


def restore_pin(timestamp: int) -> None:
    """Pin the next block at ``timestamp`` again (after a mined-and-reverted block consumed it)."""
    next_block_at(timestamp)


def mine_at(timestamp: int) -> None:
    """Mine a block at exactly ``timestamp`` (must be later than the latest block; Anvil)."""
    from brownie import chain

    assert timestamp > now(), (timestamp, now())
    next_block_at(timestamp)
    chain.mine()
    assert now() == timestamp, (now(), timestamp)


def travel_to(timestamp: int) -> None:
    """Mine a block at or after ``timestamp`` by the node's own clock (after snapshot reverts it
    can drift from brownie's ``chain.time()``); later transactions are at least that late."""
    from brownie import chain

    for _ in range(3):
        current = now()
        if current >= timestamp:
            return
        chain.sleep(timestamp - current)
        chain.mine()
    raise AssertionError(f"could not reach {timestamp}: the node is at {now()}")
