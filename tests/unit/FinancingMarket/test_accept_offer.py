"""acceptOffer: delivery versus payment out of the escrow, priced by scf.pricing; a refused
acceptance moves nothing (cash of seller, financier, operator and market; the piece; the offer).
Refusals shared with acceptSignedOffer are in test_accept_refusals.py (run on both paths)."""

import pytest
from helpers import refused
from market_support import NO_SALE, RATE, OfferStatus, offer_ref

from scf import pricing
from scf.units import DAY, to_base


def post(market, piece, financier, amount, fee_bps, expiry, recourse=False, rate=RATE):
    return market.postOffer(piece, amount, rate, fee_bps, recourse, expiry, {"from": financier}).return_value


# ---------------------------------------------------------------- whole piece


@pytest.mark.parametrize("recourse", [True, False])
def test_whole_piece(market, receivables, root, supplier1, bank_a, operator, face_value, maturity, fee_bps,
                     expiry, cash_of, recourse):
    start = cash_of(supplier1, bank_a, operator, market)
    oid = post(market, root, bank_a, face_value, fee_bps, expiry, recourse)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})

    q = pricing.quote(face_value, RATE, fee_bps, maturity, tx.timestamp)
    assert 0 < q.fee < q.price < face_value
    assert tx.return_value == (root, q.price)
    # delivery ...
    assert receivables.ownerOf(root) == bank_a
    assert receivables.pieceInfo(root)[0] == face_value
    assert receivables.pieceInfo(root)[3] == 1          # a sale is custody: the supply-chain tier stays
    # ... versus payment: seller price - fee, operator the fee, financier pays the price in all
    assert cash_of(supplier1, bank_a, operator, market) == (
        start[0] + q.price - q.fee, start[1] - q.price, start[2] + q.fee, start[3],
    )
    assert tx.events["PieceFinanced"] == {
        "pieceId": root, "boughtPieceId": root, "financier": bank_a, "seller": supplier1,
        "amount": face_value, "price": q.price, "fee": q.fee, "rateBps": RATE, "recourse": recourse,
        "offerRef": offer_ref(oid),
    }
    assert market.offerInfo(oid)[5] == OfferStatus.TAKEN
    expected_sale = (supplier1, tx.timestamp, RATE, True, bank_a, q.price, face_value) if recourse else NO_SALE
    assert market.saleOf(root) == expected_sale


def test_unused_escrow_is_refunded(market, root, supplier1, bank_a, face_value, maturity, fee_bps, expiry):
    """The escrow (the face value) pays seller and fee; the discount goes back to the financier."""
    oid = post(market, root, bank_a, face_value, fee_bps, expiry)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    q = pricing.quote(face_value, RATE, fee_bps, maturity, tx.timestamp)
    moves = [(e["from"], e["to"], e["value"]) for e in tx.events["Transfer"] if "value" in e.keys()]
    assert moves == [
        (market, supplier1, q.price - q.fee),
        (market, market.feeRecipient(), q.fee),
        (market, bank_a, face_value - q.price),
    ]


# ---------------------------------------------------------------- part of a piece


@pytest.mark.parametrize("recourse", [True, False])
def test_part_of_a_piece(market, receivables, root, supplier1, bank_a, operator, face_value, maturity, fee_bps,
                         expiry, cash_of, recourse):
    amount = to_base(400_000)
    start = cash_of(supplier1, bank_a, operator, market)
    oid = post(market, root, bank_a, amount, fee_bps, expiry, recourse)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})

    child = receivables.lastPieceId()
    q = pricing.quote(amount, RATE, fee_bps, maturity, tx.timestamp)
    assert child != root
    assert tx.return_value == (child, q.price)
    # the financier gets a new piece split off the offered one; the seller keeps the rest
    assert receivables.ownerOf(child) == bank_a
    assert receivables.pieceInfo(child) == (amount, root, root, 1, False)  # the seller's tier
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root)[0] == face_value - amount
    assert cash_of(supplier1, bank_a, operator, market) == (
        start[0] + q.price - q.fee, start[1] - q.price, start[2] + q.fee, start[3],
    )
    ev = tx.events["PieceFinanced"]
    assert (ev["pieceId"], ev["boughtPieceId"], ev["amount"], ev["price"], ev["fee"]) == (
        root, child, amount, q.price, q.fee,
    )
    assert market.saleOf(child) == ((supplier1, tx.timestamp, RATE, True, bank_a, q.price, amount) if recourse
                                    else NO_SALE)
    assert market.saleOf(root) == NO_SALE


def test_two_offers_on_one_piece(market, receivables, root, supplier1, bank_a, bank_b, face_value, fee_bps, expiry):
    """The seller takes two banks' partial offers one after the other."""
    a = post(market, root, bank_a, to_base(300_000), fee_bps, expiry)
    b = post(market, root, bank_b, to_base(700_000) - 1, fee_bps, expiry, rate=650)
    piece_a = market.acceptOffer(a, 0, {"from": supplier1}).return_value[0]
    piece_b = market.acceptOffer(b, 0, {"from": supplier1}).return_value[0]
    assert (receivables.ownerOf(piece_a), receivables.ownerOf(piece_b)) == (bank_a, bank_b)
    assert receivables.pieceInfo(root)[0] == 1
    values = [receivables.pieceInfo(p)[0] for p in (root, piece_a, piece_b)]
    assert sum(values) == face_value


def test_offer_for_the_rest_after_a_split_is_a_whole_sale(market, receivables, root, supplier1, supplier2, bank_a,
                                                            face_value, fee_bps, expiry):
    """An amount equal to the piece's value at acceptance moves the piece itself."""
    receivables.splitOff(root, supplier2, to_base(100_000), {"from": supplier1})
    oid = post(market, root, bank_a, face_value - to_base(100_000), fee_bps, expiry)
    last = receivables.lastPieceId()
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    assert tx.return_value[0] == root
    assert receivables.lastPieceId() == last
    assert receivables.ownerOf(root) == bank_a


# ---------------------------------------------------------------- price


def test_price_is_scf_pricing_at_the_block_time(market, root, supplier1, bank_a, face_value, maturity, fee_bps,
                                               expiry, clock):
    oid = post(market, root, bank_a, face_value, fee_bps, expiry)
    t = clock.now() + 3 * DAY + 17
    clock.next_block_at(t)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    assert tx.timestamp == t
    assert tx.return_value[1] == pricing.price(face_value, RATE, maturity, t)
    assert tx.events["PieceFinanced"]["fee"] == pricing.fee(tx.return_value[1], fee_bps)


def test_min_price_equal_to_the_price_is_accepted(market, root, supplier1, bank_a, face_value, maturity, fee_bps,
                                                 expiry, clock):
    oid = post(market, root, bank_a, face_value, fee_bps, expiry)
    t = clock.now() + 100
    price = pricing.price(face_value, RATE, maturity, t)
    clock.next_block_at(t)
    assert market.acceptOffer(oid, price, {"from": supplier1}).return_value == (root, price)


def test_zero_rate_pays_face_value(market, root, supplier1, bank_a, operator, face_value, fee_bps, expiry, cash_of):
    start = cash_of(supplier1, bank_a, operator)
    oid = post(market, root, bank_a, face_value, fee_bps, expiry, rate=0)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    fee = pricing.fee(face_value, fee_bps)
    assert tx.return_value[1] == face_value
    assert cash_of(supplier1, bank_a, operator) == (start[0] + face_value - fee, start[1] - face_value, start[2] + fee)


def test_accepted_in_the_last_second(market, root, supplier1, bank_a, face_value, fee_bps, expiry, clock):
    oid = post(market, root, bank_a, face_value, fee_bps, expiry)
    clock.next_block_at(expiry)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    assert tx.timestamp == expiry
    assert market.offerInfo(oid)[5] == OfferStatus.TAKEN


def test_one_second_before_maturity(market, root, supplier1, bank_a, face_value, maturity, fee_bps, clock):
    """A started day counts: one second before maturity is one day's discount."""
    oid = post(market, root, bank_a, face_value, fee_bps, maturity + DAY)
    clock.next_block_at(maturity - 1)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    one_day_discount = -(-face_value * RATE // (10_000 * 365))      # rounded up
    assert tx.return_value[1] == face_value - one_day_discount


# ---------------------------------------------------------------- refusals: nothing moves


@pytest.fixture
def views(market, receivables, root, offer_id, cash_of, supplier1, bank_a, operator):
    return (
        lambda: cash_of(supplier1, bank_a, operator, market),
        lambda: receivables.ownerOf(root),
        lambda: receivables.pieceInfo(root),
        lambda: market.offerInfo(offer_id),
        lambda: market.saleOf(root),
        receivables.lastPieceId,
    )


def test_cancelled_offer(market, offer_id, bank_a, supplier1, views):
    market.cancelOffer(offer_id, {"from": bank_a})
    with refused("OfferNotOpen", offer_id, OfferStatus.CANCELLED, views=views):
        market.acceptOffer(offer_id, 0, {"from": supplier1})


def test_taken_offer(market, receivables, root, bank_a, supplier1, fee_bps, expiry, views):
    """A partial offer taken once cannot be taken again by the seller who still holds the rest."""
    oid = post(market, root, bank_a, to_base(1000), fee_bps, expiry)
    market.acceptOffer(oid, 0, {"from": supplier1})
    views = views + (lambda: market.offerInfo(oid),)
    with refused("OfferNotOpen", oid, OfferStatus.TAKEN, views=views):
        market.acceptOffer(oid, 0, {"from": supplier1})


def test_unknown_offer(market, supplier1, offer_id, views):
    with refused("OfferNotOpen", offer_id + 1, OfferStatus.NONE, views=views):
        market.acceptOffer(offer_id + 1, 0, {"from": supplier1})


def test_piece_shrank_after_the_offer(market, receivables, root, offer_id, supplier1, supplier2, face_value, views):
    receivables.splitOff(root, supplier2, 1, {"from": supplier1})
    with refused("AmountExceedsPiece", face_value, face_value - 1, views=views):
        market.acceptOffer(offer_id, 0, {"from": supplier1})


def test_refused_offer_can_still_be_taken(market, receivables, root, offer_id, supplier1, bank_a):
    """A refusal leaves the offer open: after the failed attempt the holder accepts it."""
    with refused("PriceBelowMinimum"):
        market.acceptOffer(offer_id, 2**96, {"from": supplier1})
    market.acceptOffer(offer_id, 0, {"from": supplier1})
    assert receivables.ownerOf(root) == bank_a


def test_resale_without_recourse_passes_the_right_of_recourse_on(market, receivables, root, bank_a, bank_b,
                                                                 supplier1, face_value, fee_bps, expiry):
    """bank_a buys with recourse, sells on to bank_b without, buys back without: supplier1's
    guarantee travels with the piece (one right, never duplicated, never dropped)."""
    offer = market.postOffer(root, face_value, RATE, fee_bps, True, expiry, {"from": bank_a}).return_value
    market.acceptOffer(offer, 0, {"from": supplier1})
    sale = market.saleOf(root)
    assert sale[3] and sale[0] == supplier1
    offer = market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_b}).return_value
    market.acceptOffer(offer, 0, {"from": bank_a})
    assert market.saleOf(root) == sale and receivables.recourseSaleOf(root) == root
    offer = market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_a}).return_value
    market.acceptOffer(offer, 0, {"from": bank_b})
    assert receivables.ownerOf(root) == bank_a
    assert market.saleOf(root) == sale
