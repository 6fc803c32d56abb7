"""Offers with recourse price one seller's credit: a posted one is bound to the holder when it
was posted, a signed one to the seller it names; no one else may take it, and a refusal moves
nothing."""

import pytest
from helpers import refused
from market_support import RATE

from scf.eip712 import ZERO_ADDRESS, sign_offer
from scf.units import to_base


@pytest.fixture
def views(market, receivables, cash, root, bank_a, supplier1, supplier2):
    return (lambda: receivables.ownerOf(root), lambda: market.saleOf(root),
            lambda: tuple(int(cash.balanceOf(a)) for a in (bank_a, supplier1, supplier2, market)))


def test_regression_posted_recourse_offer_is_bound_to_the_seller(market, receivables, root, bank_a, supplier1,
                                                                 supplier2, face_value, fee_bps, expiry, views):
    """issue 10 item 9: bank_a priced supplier1's credit; after supplier1 passed the piece to
    supplier2, supplier2 took the offer and became the recourse debtor. Now refused."""
    oid = market.postOffer(root, face_value, RATE, fee_bps, True, expiry, {"from": bank_a}).return_value
    assert market.offerInfo(oid)[9] == supplier1
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    with refused("NotOfferSeller", supplier1, supplier2, views=views + (lambda: market.offerInfo(oid),)):
        market.acceptOffer(oid, 0, {"from": supplier2})


def test_regression_signed_recourse_offer_is_bound_to_the_seller(market, receivables, cash, root, bank_a,
                                                                 supplier1, supplier2, face_value, expiry, views):
    """issue 10 item 9, signed offers: the seller is part of the EIP-712 terms."""
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, recourse=True, seller=supplier1)
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    digest = market.hashOffer(terms.as_tuple())
    with refused("NotOfferSeller", supplier1, supplier2, views=views + (lambda: market.signedOfferUsed(digest),)):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier2})
    receivables.transferFrom(supplier2, supplier1, root, {"from": supplier2})
    market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    assert market.saleOf(root)[0] == supplier1


def test_signed_recourse_offer_without_a_seller_is_refused(market, cash, root, bank_a, supplier1, face_value,
                                                           expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, recourse=False)
    terms = terms.__class__(**{**terms.__dict__, "recourse": True})
    from scf.eip712 import domain_of, offer, sign
    sig = sign(bank_a.private_key, offer(domain_of(market), terms))
    assert terms.seller == ZERO_ADDRESS
    with refused("NotOfferSeller", ZERO_ADDRESS, supplier1, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_sign_offer_with_recourse_needs_a_seller(market, cash, root, bank_a, face_value, expiry):
    with pytest.raises(ValueError):
        sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, recourse=True)


def test_offer_without_recourse_may_name_a_seller(market, receivables, cash, root, bank_a, supplier1, supplier2,
                                                  expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, to_base(1000), RATE, expiry, seller=supplier1)
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    with refused("NotOfferSeller", supplier1, supplier2, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier2})


def test_posted_offer_without_recourse_is_open_to_any_holder(market, receivables, root, bank_a, supplier1,
                                                             supplier2, face_value, fee_bps, expiry):
    oid = market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_a}).return_value
    assert market.offerInfo(oid)[9] == ZERO_ADDRESS
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    market.acceptOffer(oid, 0, {"from": supplier2})
    assert receivables.ownerOf(root) == bank_a
