"""Views: quote (scf.pricing at the block time), the EIP-712 domain and digest (as eth-account
computes them), offer records."""

import dataclasses

import pytest
from brownie import chain
from eth_account._utils.encode_typed_data.encoding_and_hashing import hash_domain
from eth_account.messages import _hash_eip191_message, encode_typed_data
from eth_utils import keccak
from helpers import reverts
from market_support import RATE, ZERO_ADDRESS, OfferStatus

from scf import pricing
from scf.eip712 import domain_of, offer
from scf.units import DAY, to_base

OFFER_TYPE = (
    "Offer(address financier,address seller,address currency,uint256 pieceId,uint256 amount,uint256 rateBps,"
    "uint256 feeBps,"
    "bool recourse,uint256 expiry,uint256 nonce)"
)


@pytest.fixture
def mid_day(clock, maturity):
    """Move the chain to 30.5 days before maturity: every call in the next hours counts 31 days."""
    clock.next_block_at(maturity - 30 * DAY - DAY // 2)
    chain.mine()
    return 31


@pytest.mark.parametrize("amount,rate", [(to_base(1_000_000), RATE), (to_base(123_456.789012), 1_999), (1, 10_000),
                                         (to_base(5), 0)])
def test_quote(market, root, maturity, fee_bps, mid_day, amount, rate):
    price, fee = market.quote(root, amount, rate)
    assert pricing.days_to_maturity(maturity, maturity - 30 * DAY - DAY // 2) == mid_day
    expected = pricing.quote(amount, rate, fee_bps, maturity, maturity - 30 * DAY - DAY // 2)
    assert (price, fee) == (expected.price, expected.fee)


def test_quote_known_value(market, root, mid_day):
    """1,000,000 at 8 % for 31 days: discount ceil(10^12 * 800 * 31 / 3,650,000) = 6,794,520,548."""
    assert market.quote(root, to_base(1_000_000), RATE) == (993_205_479_452, 993_205_479)


def test_quote_follows_the_fee(market, root, operator, mid_day):
    market.setFee(500, operator, {"from": operator})
    price, fee = market.quote(root, to_base(1_000_000), RATE)
    assert fee == price * 500 // 10_000


def test_quote_after_maturity_is_face_value(market, root, maturity, clock):
    clock.next_block_at(maturity + 1)
    chain.mine()
    assert market.quote(root, to_base(1000), RATE) == (to_base(1000), to_base(1))


def test_quote_of_a_split_piece_uses_its_root_maturity(market, receivables, root, supplier1, supplier2, fee_bps,
                                                     maturity, mid_day):
    child = receivables.splitOff(root, supplier2, to_base(10), {"from": supplier1}).return_value
    assert market.quote(child, to_base(10), RATE) == market.quote(root, to_base(10), RATE)


def test_domain(market):
    fields, name, version, chain_id, verifying, salt, extensions = market.eip712Domain()
    assert (name, version, chain_id, verifying) == ("scf-chain FinancingMarket", "1", chain.id, market.address)
    assert fields == "0x0f"
    d = domain_of(market)
    assert market.domainSeparator() == "0x" + hash_domain(d.as_dict()).hex().removeprefix("0x")


def test_typehash(market):
    assert market.OFFER_TYPEHASH() == "0x" + keccak(text=OFFER_TYPE).hex().removeprefix("0x")


def test_hash_offer_is_the_eip712_digest(market, signed):
    terms, _ = signed
    digest = _hash_eip191_message(encode_typed_data(full_message=offer(domain_of(market), terms)))
    assert market.hashOffer(terms.as_tuple()) == "0x" + bytes(digest).hex()


def test_hash_offer_covers_every_field(market, signed):
    terms, _ = signed
    changes = {"financier": ZERO_ADDRESS, "seller": "0x" + "11" * 20, "currency": ZERO_ADDRESS,
               "piece_id": terms.piece_id + 1,
               "amount": terms.amount + 1, "rate_bps": terms.rate_bps + 1, "fee_bps": terms.fee_bps + 1,
               "recourse": not terms.recourse, "expiry": terms.expiry + 1, "nonce": terms.nonce + 1}
    hashes = {str(market.hashOffer(dataclasses.replace(terms, **{k: v}).as_tuple())) for k, v in changes.items()}
    hashes.add(str(market.hashOffer(terms.as_tuple())))
    assert len(hashes) == len(changes) + 1


def test_offer_info(market, cash, root, offer_id, bank_a, face_value, fee_bps, expiry):
    record = (bank_a, expiry, RATE, fee_bps, False, OfferStatus.OPEN, cash, face_value, root, ZERO_ADDRESS)
    assert market.offerInfo(offer_id) == record


def test_offer_info_of_unknown_offer(market):
    assert market.offerInfo(7) == (ZERO_ADDRESS, 0, 0, 0, False, OfferStatus.NONE, ZERO_ADDRESS, 0, 0, ZERO_ADDRESS)
    assert market.offerCount() == 0


def test_wiring(market, receivables, trades, registry):
    assert (market.receivables(), market.trades(), market.alliances()) == (receivables, trades, registry)
    assert (market.MAX_RATE_BPS(), market.MAX_FEE_BPS()) == (10_000, 500)
    assert receivables.hasRole(receivables.PLATFORM_ROLE(), market)


def test_quote_refuses_a_piece_that_does_not_exist(market):
    with reverts("UnknownPiece", 999):
        market.quote(999, 1_000, 500)
