"""Helpers for the Settlement unit tests (importable: pytest puts this folder on sys.path)."""

from dataclasses import dataclass

from brownie import chain, web3

from scf.units import to_base

MAX_UINT = 2**256 - 1

# the root (1,000,000.000000) split at values that do not divide evenly
SUPPLIER2_SHARE = to_base("333333.333333")
SUPPLIER3_SHARE = to_base("123456.789012")

CURRENT, OVERDUE, DEFAULTED = 0, 1, 2


@dataclass(frozen=True)
class Holding:
    piece: int
    holder: object
    value: int


def at(timestamp: int) -> None:
    """Make the next transaction's block carry exactly ``timestamp`` (Anvil)."""
    response = web3.provider.make_request("evm_setNextBlockTimestamp", [int(timestamp)])
    assert "error" not in response, response


def travel_to(timestamp: int) -> None:
    """Mine a block at ``timestamp`` (must be in the future)."""
    assert timestamp > chain[-1].timestamp
    at(timestamp)
    chain.mine()
    assert chain[-1].timestamp == timestamp
