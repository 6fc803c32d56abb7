"""Moving a local chain's clock (development chains only)."""


def travel_to(timestamp: int) -> None:
    """Mine a block at or after ``timestamp`` by the node's own clock (after snapshot reverts it
    can drift from brownie's ``chain.time()``); later transactions are at least that late."""
    from brownie import chain, web3

    for _ in range(3):
        now = web3.eth.get_block("latest").timestamp
        if now >= timestamp:
            return
        chain.sleep(timestamp - now)
        chain.mine()
    raise AssertionError(f"could not reach {timestamp}: the node is at {web3.eth.get_block('latest').timestamp}")
