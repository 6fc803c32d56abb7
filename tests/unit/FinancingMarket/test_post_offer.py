"""postOffer: the financier escrows the offered amount; every refusal leaves cash and the offer count alone."""

import pytest
from helpers import refused
from market_support import RATE, OfferStatus

from scf.units import DAY, to_base

UINT40_MAX = 2**40 - 1
UINT96_MAX = 2**96 - 1


# ---------------------------------------------------------------- happy path


def test_post_escrows_the_amount(market, cash, receivables, root, bank_a, supplier1, face_value, fee_bps, expiry,
                                 cash_of):
    before = cash_of(bank_a, market)
    tx = market.postOffer(root, face_value, RATE, fee_bps, True, expiry, {"from": bank_a})

    assert tx.return_value == 1
    assert market.offerCount() == 1
    assert cash_of(bank_a, market) == (before[0] - face_value, before[1] + face_value)
    assert tx.events["OfferPosted"] == {
        "offerId": 1, "financier": bank_a, "pieceId": root, "amount": face_value,
        "rateBps": RATE, "feeBps": fee_bps, "recourse": True, "expiry": expiry,
    }
    assert market.offerInfo(1) == (bank_a, expiry, RATE, fee_bps, True, OfferStatus.OPEN, cash, face_value, root,
                                   supplier1)
    # posting neither moves nor locks the piece
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root)[4] is False


def test_offers_are_numbered_and_escrowed_separately(market, root, bank_a, bank_b, fee_bps, expiry, cash_of):
    before = cash_of(bank_a, bank_b, market)
    first = market.postOffer(root, to_base(400_000), RATE, fee_bps, False, expiry, {"from": bank_a}).return_value
    second = market.postOffer(root, to_base(250_000), 650, fee_bps, True, expiry, {"from": bank_b}).return_value

    assert (first, second) == (1, 2)
    assert market.offerCount() == 2
    assert cash_of(bank_a, bank_b, market) == (
        before[0] - to_base(400_000), before[1] - to_base(250_000), before[2] + to_base(650_000),
    )
    assert market.offerInfo(1)[0] == bank_a and market.offerInfo(1)[7] == to_base(400_000)
    assert market.offerInfo(2)[0] == bank_b and market.offerInfo(2)[7] == to_base(250_000)


def test_boundaries_are_accepted(market, root, bank_a, fee_bps, clock):
    """Rate 100 %, one base unit, and the latest expiry a record holds (uint40 max)."""
    tx = market.postOffer(root, 1, 10_000, fee_bps, False, UINT40_MAX, {"from": bank_a})
    assert market.offerInfo(tx.return_value)[1:3] == (UINT40_MAX, 10_000)
    assert market.offerInfo(tx.return_value)[7] == 1
    # and an expiry one second after the block
    t = clock.now() + 10
    clock.next_block_at(t)
    tx = market.postOffer(root, 1, 0, fee_bps, False, t + 1, {"from": bank_a})
    assert tx.timestamp == t
    assert market.offerInfo(tx.return_value)[1] == t + 1


# ---------------------------------------------------------------- refusals


@pytest.fixture
def views(market, cash_of, bank_a, bank_b, supplier1, operator, investor, outsider, rando):
    """Nothing a refused posting could have changed."""
    return (
        lambda: cash_of(bank_a, bank_b, supplier1, operator, investor, outsider, rando, market),
        market.offerCount,
    )


def test_zero_amount(market, root, bank_a, fee_bps, expiry, views):
    with refused("ZeroAmount", views=views):
        market.postOffer(root, 0, RATE, fee_bps, False, expiry, {"from": bank_a})


def test_rate_too_high(market, root, bank_a, face_value, fee_bps, expiry, views):
    with refused("RateTooHigh", 10_001, 10_000, views=views):
        market.postOffer(root, face_value, 10_001, fee_bps, False, expiry, {"from": bank_a})


@pytest.mark.parametrize("offered_fee", [0, 9, 11, 500])
def test_fee_mismatch(market, root, bank_a, face_value, fee_bps, expiry, views, offered_fee):
    with refused("FeeMismatch", offered_fee, fee_bps, views=views):
        market.postOffer(root, face_value, RATE, offered_fee, False, expiry, {"from": bank_a})


def test_expiry_in_the_past(market, root, bank_a, face_value, fee_bps, clock, views):
    past = clock.now() - 1
    with refused("BadExpiry", past, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, past, {"from": bank_a})


def test_expiry_now(market, root, bank_a, face_value, fee_bps, clock, views):
    t = clock.now() + 5
    clock.next_block_at(t)
    with refused("BadExpiry", t, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, t, {"from": bank_a})


def test_expiry_beyond_uint40(market, root, bank_a, face_value, fee_bps, views):
    with refused("BadExpiry", 2**40, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, 2**40, {"from": bank_a})


def test_amount_exceeds_piece(market, root, bank_a, face_value, fee_bps, expiry, views):
    with refused("AmountExceedsPiece", face_value + 1, face_value, views=views):
        market.postOffer(root, face_value + 1, RATE, fee_bps, False, expiry, {"from": bank_a})


def test_amount_beyond_uint96(market, root, bank_a, fee_bps, expiry, views):
    with refused("AmountExceedsPiece", 2**96, UINT96_MAX, views=views):
        market.postOffer(root, 2**96, RATE, fee_bps, False, expiry, {"from": bank_a})


def test_self_dealing(market, receivables, root, bank_a, supplier1, fee_bps, expiry, views):
    """A financier holding a piece cannot post on it."""
    piece = receivables.splitOff(root, bank_a, to_base(100_000), {"from": supplier1}).return_value
    with refused("SelfDealing", bank_a, views=views):
        market.postOffer(piece, to_base(100_000), RATE, fee_bps, False, expiry, {"from": bank_a})


def test_unknown_piece(market, bank_a, face_value, fee_bps, expiry, views):
    with refused("ERC721NonexistentToken", 999, views=views):
        market.postOffer(999, face_value, RATE, fee_bps, False, expiry, {"from": bank_a})


def test_matured_piece(market, root, bank_a, face_value, fee_bps, maturity, clock, views):
    clock.next_block_at(maturity)
    with refused("PieceNotTradable", root, maturity, False, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, maturity + DAY, {"from": bank_a})


def test_one_second_before_maturity_is_fine(market, root, bank_a, face_value, fee_bps, maturity, clock):
    clock.next_block_at(maturity - 1)
    tx = market.postOffer(root, face_value, RATE, fee_bps, False, maturity + DAY, {"from": bank_a})
    assert market.offerInfo(tx.return_value)[5] == OfferStatus.OPEN


def test_frozen_piece(market, root, bank_a, face_value, fee_bps, expiry, maturity, freeze_root, views):
    freeze_root()
    with refused("PieceNotTradable", root, maturity, True, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_a})


@pytest.mark.parametrize("who", ["outsider", "rando", "investor", "supplier2"])
def test_financier_not_member(request, market, root, alliance, face_value, fee_bps, expiry, views, who):
    """Not in the alliance (outsider, rando) or in it without the financier role (investor, supplier2)."""
    account = request.getfixturevalue(who)
    with refused("FinancierNotMember", alliance, account, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": account})


def test_suspended_financier(market, registry, root, alliance, core, bank_b, face_value, fee_bps, expiry, views):
    registry.suspend(alliance, bank_b, {"from": core})
    with refused("FinancierNotMember", alliance, bank_b, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_b})


def test_insufficient_allowance(market, cash, root, bank_b, face_value, fee_bps, expiry, views):
    cash.approve(market, face_value - 1, {"from": bank_b})
    with refused("ERC20InsufficientAllowance", market, face_value - 1, face_value, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_b})


def test_insufficient_balance(market, cash, root, bank_b, operator, face_value, fee_bps, expiry, views):
    cash.transfer(operator, cash.balanceOf(bank_b) - face_value + 1, {"from": bank_b})
    with refused("ERC20InsufficientBalance", bank_b, face_value - 1, face_value, views=views):
        market.postOffer(root, face_value, RATE, fee_bps, False, expiry, {"from": bank_b})
