"""Refusals the two acceptance paths share, written once and run on each path: ``acceptOffer``
(an offer bank_a posted, its amount escrowed in the market) and ``acceptSignedOffer`` (an offer
bank_a signed, paid by allowance). A refused acceptance moves nothing: cash of seller, financier,
operator and market; the piece; the offer's state; the sale record.

Refusals only one path has stay in test_accept_offer.py / test_accept_signed_offer.py."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from helpers import refused
from market_support import RATE

from scf import pricing
from scf.eip712 import sign_offer


@dataclass
class AcceptPath:
    """How one acceptance path makes an offer, accepts it and shows the offer's state."""

    make: Callable[[Any, int, int, int], Any]          # (financier, piece, amount, expiry) -> offer
    accept: Callable[..., Any]                          # (offer, caller, min_price=0) -> tx
    state: Callable[[Any], Any]                         # offer -> what a refusal must not change


def posted_path(market, fee_bps) -> AcceptPath:
    def make(financier, piece, amount, expiry):
        return market.postOffer(piece, amount, RATE, fee_bps, False, expiry, {"from": financier}).return_value

    return AcceptPath(
        make=make,
        accept=lambda offer, caller, min_price=0: market.acceptOffer(offer, min_price, {"from": caller}),
        state=market.offerInfo,
    )


def signed_path(market, cash) -> AcceptPath:
    def accept(offer, caller, min_price=0):
        terms, sig = offer
        return market.acceptSignedOffer(terms.as_tuple(), sig, min_price, {"from": caller})

    def state(offer):
        terms, _ = offer
        return market.signedOfferUsed(market.hashOffer(terms.as_tuple())), market.nonces(terms.financier)

    return AcceptPath(
        make=lambda financier, piece, amount, expiry: sign_offer(market, financier, cash, piece, amount, RATE, expiry),
        accept=accept,
        state=state,
    )


@pytest.fixture(params=["acceptOffer", "acceptSignedOffer"])
def path(request, market, cash, fee_bps) -> AcceptPath:
    return posted_path(market, fee_bps) if request.param == "acceptOffer" else signed_path(market, cash)


@pytest.fixture
def open_offer(path, root, bank_a, face_value, expiry):
    """bank_a's offer for the whole root at 8 %, without recourse, expiring in a week."""
    return path.make(bank_a, root, face_value, expiry)


@pytest.fixture
def views(path, open_offer, market, receivables, root, cash_of, supplier1, bank_a, operator):
    return (
        lambda: cash_of(supplier1, bank_a, operator, market),
        lambda: receivables.ownerOf(root),
        lambda: receivables.pieceInfo(root),
        lambda: path.state(open_offer),
        lambda: market.saleOf(root),
        receivables.lastPieceId,
    )


def test_expired(path, open_offer, supplier1, expiry, clock, views):
    clock.next_block_at(expiry + 1)
    with refused("OfferExpired", expiry, expiry + 1, views=views):
        path.accept(open_offer, supplier1)


def test_fee_changed_after_the_offer(path, market, open_offer, operator, supplier1, fee_bps, views):
    market.setFee(fee_bps + 10, operator, {"from": operator})
    with refused("FeeMismatch", fee_bps, fee_bps + 10, views=views):
        path.accept(open_offer, supplier1)


@pytest.mark.parametrize("who", ["supplier2", "bank_b", "operator", "core"])
def test_not_the_holder(request, path, root, open_offer, views, who):
    caller = request.getfixturevalue(who)
    with refused("NotPieceHolder", root, caller, views=views):
        path.accept(open_offer, caller)


def test_self_dealing(path, receivables, root, open_offer, supplier1, bank_a, views):
    """The piece passed to the offer's financier, who then tries to accept its own offer."""
    receivables.transferFrom(supplier1, bank_a, root, {"from": supplier1})
    with refused("SelfDealing", bank_a, views=views):
        path.accept(open_offer, bank_a)


def test_locked_piece(path, receivables, root, open_offer, supplier1, platform_locker, views):
    receivables.lock(root, {"from": platform_locker})
    with refused("PieceIsLocked", root, views=views):
        path.accept(open_offer, supplier1)


def test_matured_piece(path, root, bank_a, supplier1, face_value, maturity, clock, views):
    """An offer that outlives the piece's maturity cannot be accepted at maturity."""
    late = path.make(bank_a, root, face_value, maturity + 86_400)
    clock.next_block_at(maturity)
    with refused("PieceNotTradable", root, maturity, False, views=views + (lambda: path.state(late),)):
        path.accept(late, supplier1)


def test_frozen_piece(path, root, open_offer, supplier1, maturity, freeze_root, views):
    freeze_root()
    with refused("PieceNotTradable", root, maturity, True, views=views):
        path.accept(open_offer, supplier1)


def test_financier_suspended_after_the_offer(path, registry, alliance, core, open_offer, bank_a, supplier1, views):
    registry.suspend(alliance, bank_a, {"from": core})
    with refused("FinancierNotMember", alliance, bank_a, views=views):
        path.accept(open_offer, supplier1)


def test_price_below_minimum(path, open_offer, supplier1, face_value, maturity, clock, views):
    t = clock.now() + 100
    price = pricing.price(face_value, RATE, maturity, t)
    clock.next_block_at(t)
    with refused("PriceBelowMinimum", price, price + 1, views=views):
        path.accept(open_offer, supplier1, price + 1)
