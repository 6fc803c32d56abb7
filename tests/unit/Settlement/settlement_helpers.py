"""Helpers for the Settlement unit tests (importable: pytest puts this folder on sys.path)."""

from dataclasses import dataclass

from scf.brownie.clock import mine_at as travel_to  # noqa: F401  (the tests' names for the clock)
from scf.brownie.clock import next_block_at as at  # noqa: F401
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
