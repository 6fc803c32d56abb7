"""Constants and small helpers shared by the FinancingMarket tests (importable: pytest puts
this folder on sys.path)."""

from scf.brownie import clock
from scf.enums import OfferStatus  # noqa: F401  (the tests import it from here)
from scf.units import to_base

MAX_UINT = 2**256 - 1
ZERO_ADDRESS = "0x" + "00" * 20
RATE = 800                      # 8 % a year, the rate of the fixtures' offers
BANK_FUNDS = to_base(5_000_000)
NO_SALE = (ZERO_ADDRESS, 0, 0, False, ZERO_ADDRESS, 0, 0)


class Clock:
    """Chain time, read from and set on the node (scf.brownie.clock, the clock's one owner)."""

    now = staticmethod(clock.now)
    next_block_at = staticmethod(clock.next_block_at)


def offer_ref(offer_id: int) -> str:
    """The PieceFinanced ``offerRef`` of an on-chain offer: its id as bytes32 (hex, as brownie decodes it)."""
    return "0x" + int(offer_id).to_bytes(32, "big").hex()
