"""Fixtures for the FinancingMarket unit tests.

The world of tests/conftest.py (an alliance, a verified trade and ``root``: 1,000,000 held by
supplier1, due in 120 days) plus two funded banks that approved the market, a posted offer and
a signed offer. Times come from the chain's latest block (``clock``), never from the wall clock,
and exact block times are set with ``clock.next_block_at`` where a boundary is tested.
"""

import pytest
from market_support import BANK_FUNDS, MAX_UINT, RATE, Clock

from scf.eip712 import sign_offer
from scf.units import DAY


@pytest.fixture(scope="session")
def clock():
    return Clock()


@pytest.fixture(scope="module", autouse=True)
def funded_banks(cash, market, operator, bank_a, bank_b, root):
    """Both banks hold 5,000,000 and approved the market for everything; the root exists."""
    for bank in (bank_a, bank_b):
        cash.mint(bank, BANK_FUNDS, {"from": operator})
        cash.approve(market, MAX_UINT, {"from": bank})


@pytest.fixture(scope="module")
def fee_bps(market):
    return int(market.feeBps())


@pytest.fixture
def cash_of(cash):
    """``cash_of(a, b, ...)`` -> their cash balances, as a tuple."""

    def balances(*holders):
        return tuple(int(cash.balanceOf(h)) for h in holders)

    return balances


@pytest.fixture
def expiry(clock):
    """A week from now."""
    return clock.now() + 7 * DAY


@pytest.fixture
def offer_id(market, root, bank_a, face_value, fee_bps, expiry):
    """bank_a's open, escrowed offer for the whole root at 8 %, without recourse."""
    tx = market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_a})
    return tx.return_value


@pytest.fixture
def signed(market, cash, root, bank_a, face_value, expiry):
    """bank_a's EIP-712 signed offer for the whole root at 8 %, without recourse: (terms, signature)."""
    return sign_offer(market, bank_a, cash, root, face_value, RATE, expiry)


@pytest.fixture
def freeze_root(cash, settlement, receivables, operator, core, root):
    """Settle ``root`` early (core repays it in full, the only early repayment), which freezes it."""

    def freeze():
        face_value = receivables.rootState(root)[4]
        cash.mint(core, face_value, {"from": operator})
        cash.approve(settlement, face_value, {"from": core})
        settlement.repay(root, face_value, {"from": core})

    return freeze


@pytest.fixture(scope="module")
def platform_locker(operator):
    """A stand-in contract with PLATFORM_ROLE on the receivable token (wired at deployment), to lock pieces."""
    from helpers import stand_in
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(platform_locker):
    return (("receivables", "PLATFORM_ROLE", platform_locker),)
