"""Constants and small helpers shared by the FinancingMarket tests (importable: pytest puts
this folder on sys.path)."""

from enum import IntEnum

from brownie import web3

from scf.units import to_base

MAX_UINT = 2**256 - 1
ZERO_ADDRESS = "0x" + "00" * 20
RATE = 800                      # 8 % a year, the rate of the fixtures' offers
BANK_FUNDS = to_base(5_000_000)
NO_SALE = (ZERO_ADDRESS, 0, 0, False, ZERO_ADDRESS, 0, 0)


class OfferStatus(IntEnum):
    NONE = 0
    OPEN = 1
    TAKEN = 2
    CANCELLED = 3


class Clock:
    """Chain time, read from and set on the node (not brownie's wall-clock estimate)."""

    @staticmethod
    def now() -> int:
        return int(web3.eth.get_block("latest")["timestamp"])

    @staticmethod
    def next_block_at(timestamp: int) -> None:
        """The next block (so the next transaction) gets exactly ``timestamp``."""
        web3.provider.make_request("evm_setNextBlockTimestamp", [int(timestamp)])


def offer_ref(offer_id: int) -> str:
    """The PieceFinanced ``offerRef`` of an on-chain offer: its id as bytes32 (hex, as brownie decodes it)."""
    return "0x" + int(offer_id).to_bytes(32, "big").hex()
