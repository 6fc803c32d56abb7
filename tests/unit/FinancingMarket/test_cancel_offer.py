"""cancelOffer: the financier takes an open offer's escrow back; nobody else can, and only once."""

import pytest
from helpers import refused
from market_support import OfferStatus

from scf.units import DAY


def test_cancel_refunds_the_escrow(market, cash, offer_id, bank_a, face_value, cash_of):
    before = cash_of(bank_a, market)
    tx = market.cancelOffer(offer_id, {"from": bank_a})

    assert cash_of(bank_a, market) == (before[0] + face_value, before[1] - face_value)
    assert tx.events["OfferCancelled"] == {"offerId": offer_id, "financier": bank_a}
    assert tx.events["Transfer"] == {"from": market, "to": bank_a, "value": face_value}
    assert market.offerInfo(offer_id)[5] == OfferStatus.CANCELLED
    # the rest of the record stays for the history
    assert market.offerInfo(offer_id)[0] == bank_a and market.offerInfo(offer_id)[7] == face_value


def test_cancel_after_expiry(market, offer_id, bank_a, face_value, expiry, clock, cash_of):
    clock.next_block_at(expiry + 30 * DAY)
    before = cash_of(bank_a)[0]
    market.cancelOffer(offer_id, {"from": bank_a})
    assert cash_of(bank_a)[0] == before + face_value
    assert market.offerInfo(offer_id)[5] == OfferStatus.CANCELLED


def test_cancel_one_of_several(market, root, offer_id, bank_a, fee_bps, expiry, cash_of):
    """Cancelling one offer leaves the others' escrow in the market."""
    other = market.postOffer(root, 1234, 500, fee_bps, False, expiry, {"from": bank_a}).return_value
    market.cancelOffer(offer_id, {"from": bank_a})
    assert cash_of(market) == (1234,)
    assert market.offerInfo(other)[5] == OfferStatus.OPEN


@pytest.fixture
def views(market, offer_id, cash_of, bank_a, bank_b):
    return (lambda: cash_of(bank_a, bank_b, market), lambda: market.offerInfo(offer_id))


@pytest.mark.parametrize("who", ["bank_b", "supplier1", "operator"])
def test_not_the_financier(request, market, offer_id, views, who):
    """Not another bank, not the piece's holder, not the operator."""
    caller = request.getfixturevalue(who)
    with refused("NotOfferFinancier", offer_id, caller, views=views):
        market.cancelOffer(offer_id, {"from": caller})


def test_cancelled_twice(market, offer_id, bank_a, views):
    market.cancelOffer(offer_id, {"from": bank_a})
    with refused("OfferNotOpen", offer_id, OfferStatus.CANCELLED, views=views):
        market.cancelOffer(offer_id, {"from": bank_a})


def test_taken(market, offer_id, bank_a, supplier1, views):
    market.acceptOffer(offer_id, 0, {"from": supplier1})
    with refused("OfferNotOpen", offer_id, OfferStatus.TAKEN, views=views):
        market.cancelOffer(offer_id, {"from": bank_a})


@pytest.mark.parametrize("unknown", [0, 2, 2**256 - 1])
def test_unknown_offer(market, offer_id, bank_a, views, unknown):
    with refused("OfferNotOpen", unknown, OfferStatus.NONE, views=views):
        market.cancelOffer(unknown, {"from": bank_a})
