"""The local chain's clock, with one owner: every test, script and tool that reads or sets a
development chain's time goes through here (development chains only).

- ``now()``: the latest block's timestamp (the node's clock, not brownie's wall-clock estimate);
- ``next_block_at(t)``: the next block, so the next transaction, gets exactly ``t`` (Anvil's
  ``evm_setNextBlockTimestamp``; a snapshot revert drops it, and so did brownie coverage's view
  calls until tools/brownie_coverage.py kept them calls);
- ``mine_at(t)``: mine a block at exactly ``t`` (Anvil);
- ``travel_to(t)``: mine a block at or after ``t`` (works on Anvil and Ganache).

Tests assert on the second a transaction landed (``tx.timestamp``) or pin it with
``next_block_at`` before a boundary; never on the second they expect it to land.
"""


def now() -> int:
    """The latest block's timestamp."""
    from brownie import web3

    return int(web3.eth.get_block("latest")["timestamp"])


def next_block_at(timestamp: int) -> int:
    """Make the next block (so the next transaction) carry exactly ``timestamp``; returns it."""
    from brownie import web3

    response = web3.provider.make_request("evm_setNextBlockTimestamp", [int(timestamp)])
    assert "error" not in response, response
    return int(timestamp)


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
