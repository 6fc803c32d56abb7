"""Fixtures for the Settlement unit tests: cash and approvals, a root split among three
holders at uneven values, extra roots on demand, sales through the market, and exact timing."""

import itertools

import pytest
from brownie import chain
from settlement_helpers import DEFAULTED, MAX_UINT, SUPPLIER2_SHARE, SUPPLIER3_SHARE, Holding, at

from scf.eip712 import sign_offer
from scf.onboarding import audited_trade
from scf.units import DAY, to_base


@pytest.fixture(scope="module")
def grace(registry, alliance):
    return int(registry.gracePeriodOf(alliance))


@pytest.fixture(scope="module")
def funded(cash, operator, settlement, market, core, bank_a, bank_b, supplier1, supplier2, supplier3, rando):
    """The core holds 3,000,000, each bank 5,000,000, the suppliers 200,000 (to pay recourse);
    everyone approved the market and the settlement for everything."""
    for account, units in ((core, 3_000_000), (bank_a, 5_000_000), (bank_b, 5_000_000),
                           (supplier1, 200_000), (supplier2, 200_000), (supplier3, 200_000), (rando, 0)):
        if units:
            cash.mint(account, to_base(units), {"from": operator})
        for spender in (market, settlement):
            cash.approve(spender, MAX_UINT, {"from": account})
    return True


@pytest.fixture
def pieces(receivables, root, funded, supplier1, supplier2, supplier3, face_value):
    """The root split among supplier1 (the rest), supplier2 and supplier3, uneven values."""
    tx = receivables.split(root, [supplier2, supplier3], [SUPPLIER2_SHARE, SUPPLIER3_SHARE], {"from": supplier1})
    p2, p3 = tx.return_value
    out = [
        Holding(root, supplier1, face_value - SUPPLIER2_SHARE - SUPPLIER3_SHARE),
        Holding(p2, supplier2, SUPPLIER2_SHARE),
        Holding(p3, supplier3, SUPPLIER3_SHARE),
    ]
    assert sum(h.value for h in out) == face_value
    for h in out:
        assert receivables.pieceInfo(h.piece)[0] == h.value and receivables.ownerOf(h.piece) == h.holder
    return out


@pytest.fixture(scope="module")
def make_root(trades, receivables, alliance, core, auditor, cash, supplier1):
    """Issue another root from core: ``make_root(face, days, seller)`` -> root id."""
    counter = itertools.count(1)

    def make(face: int = to_base(1_000_000), days: int = 120, seller=supplier1) -> int:
        invoice = f"INV-SETTLEMENT-{next(counter):04d}"
        trade_id = audited_trade(trades, alliance, seller, core, auditor, cash, face, invoice)
        tx = receivables.confirm(trade_id, face, chain.time() + days * DAY, {"from": core})
        return tx.events["ReceivableIssued"]["rootId"]

    return make


@pytest.fixture(scope="module")
def sell(market, receivables, cash):
    """Sell ``amount`` of a piece (all of it by default) from its holder to ``financier``,
    through an on-chain offer or a signed one. Returns (bought piece, transaction)."""

    def do(piece: int, financier, rate_bps: int, recourse: bool, amount: int | None = None, signed: bool = False):
        seller = receivables.ownerOf(piece)
        value = amount or int(receivables.pieceInfo(piece)[0])
        expiry = chain.time() + 3 * DAY
        if signed:
            terms, sig = sign_offer(market, financier, cash, piece, value, rate_bps, expiry, recourse=recourse,
                                    seller=seller)
            tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": seller})
        else:
            posted = market.postOffer(piece, value, rate_bps, market.feeBps(), recourse, expiry, {"from": financier})
            tx = market.acceptOffer(posted.return_value, 0, {"from": seller})
        ev = tx.events["PieceFinanced"]
        assert ev["financier"] == financier and ev["seller"] == seller and ev["recourse"] == recourse
        return ev["boughtPieceId"], tx

    return do


@pytest.fixture(scope="module")
def default_root(settlement, receivables, grace, rando):
    """Mark a root overdue, then defaulted, each at the earliest second it is allowed."""

    def do(root_id: int) -> None:
        maturity = int(receivables.rootState(root_id)[0])
        at(maturity + grace + 1)
        overdue = settlement.markOverdue(root_id, {"from": rando})
        at(max(maturity + grace + int(settlement.defaultPeriod()) + 1, overdue.timestamp + 1))
        settlement.markDefaulted(root_id, {"from": rando})
        assert settlement.accountOf(root_id)[3] == DEFAULTED

    return do
