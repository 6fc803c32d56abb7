"""cancelSignedOffer voids one signed offer; bumpNonce voids all of a financier's outstanding ones."""

import pytest
from helpers import refused
from market_support import RATE

from scf.eip712 import sign_offer

# ---------------------------------------------------------------- cancelSignedOffer


def test_cancel(market, signed, bank_a):
    terms, _ = signed
    digest = market.hashOffer(terms.as_tuple())
    assert market.signedOfferUsed(digest) is False
    tx = market.cancelSignedOffer(terms.as_tuple(), {"from": bank_a})
    assert tx.events["SignedOfferCancelled"] == {"offerHash": digest, "financier": bank_a}
    assert market.signedOfferUsed(digest) is True
    assert market.nonces(bank_a) == 0


def test_cancel_voids_only_that_offer(market, receivables, cash, root, supplier1, bank_a, expiry):
    keep, keep_sig = sign_offer(market, bank_a, cash, root, 1000, RATE, expiry)
    drop, _ = sign_offer(market, bank_a, cash, root, 2000, RATE, expiry)
    market.cancelSignedOffer(drop.as_tuple(), {"from": bank_a})
    piece = market.acceptSignedOffer(keep.as_tuple(), keep_sig, 0, {"from": supplier1}).return_value[0]
    assert receivables.ownerOf(piece) == bank_a


@pytest.mark.parametrize("who", ["supplier1", "bank_b", "operator"])
def test_not_the_financier(request, market, signed, who):
    """Neither the seller nor another bank nor the operator can void bank_a's offer."""
    terms, _ = signed
    caller = request.getfixturevalue(who)
    digest = market.hashOffer(terms.as_tuple())
    with refused("NotOfferFinancier", 0, caller, views=(lambda: market.signedOfferUsed(digest),)):
        market.cancelSignedOffer(terms.as_tuple(), {"from": caller})


def test_cancelled_twice(market, signed, bank_a):
    terms, _ = signed
    digest = market.hashOffer(terms.as_tuple())
    market.cancelSignedOffer(terms.as_tuple(), {"from": bank_a})
    with refused("SignedOfferUsed", digest, views=(lambda: market.signedOfferUsed(digest),)):
        market.cancelSignedOffer(terms.as_tuple(), {"from": bank_a})


def test_cancel_after_acceptance(market, signed, supplier1, bank_a):
    terms, sig = signed
    market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    with refused("SignedOfferUsed", market.hashOffer(terms.as_tuple())):
        market.cancelSignedOffer(terms.as_tuple(), {"from": bank_a})


# ---------------------------------------------------------------- bumpNonce


def test_bump_nonce(market, bank_a, bank_b):
    tx = market.bumpNonce({"from": bank_a})
    assert tx.events["NonceBumped"] == {"financier": bank_a, "newNonce": 1}
    assert market.nonces(bank_a) == 1
    tx = market.bumpNonce({"from": bank_a})
    assert tx.events["NonceBumped"]["newNonce"] == 2
    assert market.nonces(bank_a) == 2
    assert market.nonces(bank_b) == 0


def test_bump_voids_every_outstanding_offer(market, cash, root, supplier1, bank_a, expiry):
    offers = [sign_offer(market, bank_a, cash, root, amount, RATE, expiry) for amount in (1000, 2000, 3000)]
    market.bumpNonce({"from": bank_a})
    for terms, sig in offers:
        with refused("StaleNonce", 0, 1):
            market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_bump_leaves_other_financiers_alone(market, receivables, cash, root, supplier1, bank_a, bank_b, expiry):
    terms, sig = sign_offer(market, bank_b, cash, root, 1000, RATE, expiry)
    market.bumpNonce({"from": bank_a})
    piece = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1}).return_value[0]
    assert receivables.ownerOf(piece) == bank_b


def test_bump_leaves_on_chain_offers_alone(market, receivables, root, offer_id, supplier1, bank_a):
    market.bumpNonce({"from": bank_a})
    market.acceptOffer(offer_id, 0, {"from": supplier1})
    assert receivables.ownerOf(root) == bank_a
