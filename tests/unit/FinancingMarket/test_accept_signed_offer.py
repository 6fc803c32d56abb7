"""acceptSignedOffer: a financier's EIP-712 offer, submitted by the holder; cash moves by
allowance. Bound to the market and the chain, used once, within expiry and the current nonce;
a refused acceptance moves nothing. Refusals shared with acceptOffer are in
test_accept_refusals.py (run on both paths)."""

import dataclasses

import pytest
from brownie import SettlementToken
from helpers import refused
from market_support import NO_SALE, RATE

from scf import pricing
from scf.eip712 import OfferTerms, domain_of, offer, recover, sign, sign_offer
from scf.units import to_base


def digest_of(market, terms):
    return market.hashOffer(terms.as_tuple())


# ---------------------------------------------------------------- happy paths


@pytest.mark.parametrize("recourse", [True, False])
def test_whole_piece(market, receivables, cash, root, supplier1, bank_a, operator, face_value, maturity, fee_bps,
                     expiry, cash_of, recourse):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, recourse=recourse,
                            seller=supplier1 if recourse else None)
    digest = digest_of(market, terms)
    start = cash_of(supplier1, bank_a, operator, market)
    tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})

    q = pricing.quote(face_value, RATE, fee_bps, maturity, tx.timestamp)
    assert tx.return_value == (root, q.price)
    assert receivables.ownerOf(root) == bank_a
    # the financier's cash goes straight to seller and operator; nothing passes through the market
    assert cash_of(supplier1, bank_a, operator, market) == (
        start[0] + q.price - q.fee, start[1] - q.price, start[2] + q.fee, start[3],
    )
    assert tx.events["PieceFinanced"] == {
        "pieceId": root, "boughtPieceId": root, "financier": bank_a, "seller": supplier1,
        "amount": face_value, "price": q.price, "fee": q.fee, "rateBps": RATE, "recourse": recourse,
        "offerRef": digest,
    }
    assert market.signedOfferUsed(digest) is True
    assert market.nonces(bank_a) == 0          # accepting does not use the nonce up
    assert market.saleOf(root) == ((supplier1, tx.timestamp, RATE, True, bank_a, q.price, face_value) if recourse
                                   else NO_SALE)
    assert market.offerCount() == 0           # no on-chain offer involved


def test_part_of_a_piece(market, receivables, cash, root, supplier1, bank_b, face_value, maturity, fee_bps, expiry,
                         cash_of):
    amount = to_base(250_000)
    terms, sig = sign_offer(market, bank_b, cash, root, amount, 1_200, expiry, recourse=True, seller=supplier1)
    start = cash_of(supplier1, bank_b)
    tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})

    child = receivables.lastPieceId()
    q = pricing.quote(amount, 1_200, fee_bps, maturity, tx.timestamp)
    assert tx.return_value == (child, q.price)
    assert receivables.ownerOf(child) == bank_b
    assert receivables.pieceInfo(child) == (amount, root, root, 1, False)  # the seller's tier
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root)[0] == face_value - amount
    assert cash_of(supplier1, bank_b) == (start[0] + q.price - q.fee, start[1] - q.price)
    assert market.saleOf(child) == (supplier1, tx.timestamp, 1_200, True, bank_b, q.price, amount)


def test_accepted_in_the_last_second(market, receivables, root, signed, supplier1, bank_a, expiry, clock):
    """`expiry` is the last second the offer can be accepted, as for on-chain offers."""
    terms, sig = signed
    clock.next_block_at(expiry)
    tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    assert tx.timestamp == expiry
    assert receivables.ownerOf(root) == bank_a


def test_min_price_equal_to_the_price(market, root, signed, supplier1, face_value, maturity, clock):
    terms, sig = signed
    t = clock.now() + 60
    price = pricing.price(face_value, RATE, maturity, t)
    clock.next_block_at(t)
    assert market.acceptSignedOffer(terms.as_tuple(), sig, price, {"from": supplier1}).return_value == (root, price)


def test_new_offer_after_bump_nonce(market, receivables, cash, root, supplier1, bank_a, face_value, expiry):
    market.bumpNonce({"from": bank_a})
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry)
    assert terms.nonce == 1
    market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    assert receivables.ownerOf(root) == bank_a


def test_one_signature_several_offers(market, receivables, cash, root, supplier1, bank_a, expiry):
    """Two signed offers differing only in amount are distinct and both usable."""
    t1, s1 = sign_offer(market, bank_a, cash, root, to_base(100), RATE, expiry)
    t2, s2 = sign_offer(market, bank_a, cash, root, to_base(200), RATE, expiry)
    p1 = market.acceptSignedOffer(t1.as_tuple(), s1, 0, {"from": supplier1}).return_value[0]
    p2 = market.acceptSignedOffer(t2.as_tuple(), s2, 0, {"from": supplier1}).return_value[0]
    assert [receivables.pieceInfo(p)[0] for p in (p1, p2)] == [to_base(100), to_base(200)]


# ---------------------------------------------------------------- refusals: nothing moves


@pytest.fixture
def views(market, receivables, root, cash_of, supplier1, bank_a, operator, signed):
    terms, _ = signed
    return (
        lambda: cash_of(supplier1, bank_a, operator, market),
        lambda: receivables.ownerOf(root),
        lambda: receivables.pieceInfo(root),
        lambda: market.signedOfferUsed(digest_of(market, terms)),
        lambda: market.nonces(bank_a),
        receivables.lastPieceId,
    )


def recovered(market, terms: OfferTerms, sig: bytes) -> str:
    """Who the market will see as signer of ``sig`` over ``terms``."""
    return recover(offer(domain_of(market), terms), sig)


def test_wrong_signer(market, signed, supplier1, bank_a, bank_b, views):
    terms, _ = signed
    sig = sign(bank_b.private_key, offer(domain_of(market), terms))
    with refused("InvalidSignature", bank_b, bank_a, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_signed_for_another_chain(market, signed, supplier1, bank_a, views):
    terms, _ = signed
    domain = domain_of(market)
    sig = sign(bank_a.private_key, offer(dataclasses.replace(domain, chain_id=domain.chain_id + 1), terms))
    signer = recovered(market, terms, sig)
    assert signer != bank_a.address
    with refused("InvalidSignature", signer, bank_a, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


@pytest.mark.parametrize("field,value", [
    ("verifying_contract", "0x" + "11" * 20),
    ("name", "scf-chain ReceivableToken"),
    ("version", "2"),
])
def test_signed_for_another_domain(market, signed, supplier1, bank_a, views, field, value):
    terms, _ = signed
    sig = sign(bank_a.private_key, offer(dataclasses.replace(domain_of(market), **{field: value}), terms))
    with refused("InvalidSignature", recovered(market, terms, sig), bank_a, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_signed_for_another_market(market, receivables, trades, registry, cash, root, supplier1, bank_a, operator,
                                   fee_bps, expiry, views):
    """A second market (same code, another address) does not share signatures with the first."""
    from brownie import FinancingMarket

    other = FinancingMarket.deploy(operator, receivables, trades, registry, fee_bps, {"from": operator})
    terms, sig = sign_offer(other, bank_a, cash, root, to_base(1000), RATE, expiry)
    assert domain_of(other).verifying_contract == other.address
    with refused("InvalidSignature", recovered(market, terms, sig), bank_a, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


@pytest.mark.parametrize("field,delta", [("amount", -1), ("rate_bps", -1), ("expiry", 1), ("recourse", None)])
def test_tampered_terms(market, signed, supplier1, bank_a, views, field, delta):
    terms, sig = signed
    value = (not terms.recourse) if delta is None else getattr(terms, field) + delta
    tampered = dataclasses.replace(terms, **{field: value})
    with refused("InvalidSignature", recovered(market, tampered, sig), bank_a, views=views):
        market.acceptSignedOffer(tampered.as_tuple(), sig, 0, {"from": supplier1})


def test_tampered_financier(market, signed, supplier1, bank_b, views):
    """Naming another financier (to make it pay) does not match the signature."""
    terms, sig = signed
    tampered = dataclasses.replace(terms, financier=bank_b.address)
    with refused("InvalidSignature", recovered(market, tampered, sig), bank_b, views=views):
        market.acceptSignedOffer(tampered.as_tuple(), sig, 0, {"from": supplier1})


def test_stale_nonce_after_bump(market, signed, supplier1, bank_a, views):
    terms, sig = signed
    market.bumpNonce({"from": bank_a})
    with refused("StaleNonce", 0, 1, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_future_nonce(market, cash, root, supplier1, bank_a, face_value, expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, nonce=1)
    with refused("StaleNonce", 1, 0, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_replayed(market, receivables, cash, root, supplier1, bank_a, expiry, cash_of):
    """A partial offer is used once, although the seller still holds enough of the piece."""
    terms, sig = sign_offer(market, bank_a, cash, root, to_base(100_000), RATE, expiry)
    market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    digest = digest_of(market, terms)
    views = (lambda: cash_of(supplier1, bank_a, market), lambda: receivables.pieceInfo(root),
             receivables.lastPieceId)
    with refused("SignedOfferUsed", digest, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_cancelled(market, signed, supplier1, bank_a, views):
    terms, sig = signed
    market.cancelSignedOffer(terms.as_tuple(), {"from": bank_a})
    digest = digest_of(market, terms)
    with refused("SignedOfferUsed", digest, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_wrong_currency(market, root, supplier1, bank_a, operator, cash, face_value, expiry, views):
    other = SettlementToken.deploy("Other cash", "OTH", operator, {"from": operator})
    other.mint(bank_a, face_value, {"from": operator})
    other.approve(market, face_value, {"from": bank_a})
    terms, sig = sign_offer(market, bank_a, other, root, face_value, RATE, expiry)
    with refused("WrongCurrency", other, cash, views=views + (lambda: other.balanceOf(bank_a),)):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


@pytest.mark.parametrize("offered_fee", [0, 11])
def test_fee_mismatch(market, cash, root, supplier1, bank_a, face_value, fee_bps, expiry, views, offered_fee):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry, fee_bps=offered_fee)
    with refused("FeeMismatch", offered_fee, fee_bps, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_rate_too_high(market, cash, root, supplier1, bank_a, face_value, expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, 10_001, expiry)
    with refused("RateTooHigh", 10_001, 10_000, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_zero_amount(market, cash, root, supplier1, bank_a, expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, 0, RATE, expiry)
    with refused("ZeroAmount", views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_amount_exceeds_piece(market, cash, root, supplier1, bank_a, face_value, expiry, views):
    terms, sig = sign_offer(market, bank_a, cash, root, face_value + 1, RATE, expiry)
    with refused("AmountExceedsPiece", face_value + 1, face_value, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_signed_by_a_non_financier(market, cash, root, supplier1, investor, alliance, face_value, expiry, views):
    terms, sig = sign_offer(market, investor, cash, root, face_value, RATE, expiry)
    with refused("FinancierNotMember", alliance, investor, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_no_allowance(market, cash, signed, supplier1, bank_a, face_value, maturity, fee_bps, clock, views):
    terms, sig = signed
    cash.approve(market, 0, {"from": bank_a})
    t = clock.now() + 60
    q = pricing.quote(face_value, RATE, fee_bps, maturity, t)
    clock.next_block_at(t)
    with refused("ERC20InsufficientAllowance", market, 0, q.price - q.fee, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_allowance_short_of_the_fee(market, cash, signed, supplier1, bank_a, face_value, maturity, fee_bps, clock,
                                    views):
    """The seller's part would go through, the fee not: the whole sale is undone."""
    terms, sig = signed
    t = clock.now() + 60
    q = pricing.quote(face_value, RATE, fee_bps, maturity, t)
    cash.approve(market, q.price - 1, {"from": bank_a})
    clock.next_block_at(t)
    with refused("ERC20InsufficientAllowance", market, q.fee - 1, q.fee, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})


def test_insufficient_balance(market, cash, signed, supplier1, bank_a, operator, face_value, maturity, fee_bps,
                              clock, views):
    terms, sig = signed
    cash.transfer(operator, cash.balanceOf(bank_a) - 1000, {"from": bank_a})
    t = clock.now() + 60
    q = pricing.quote(face_value, RATE, fee_bps, maturity, t)
    clock.next_block_at(t)
    with refused("ERC20InsufficientBalance", bank_a, 1000, q.price - q.fee, views=views):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
