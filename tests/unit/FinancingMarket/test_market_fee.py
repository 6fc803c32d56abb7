"""setFee: the operator sets the platform fee (at most 5 %) and its recipient."""

import pytest
from helpers import refused
from market_support import RATE, ZERO_ADDRESS

from scf import pricing
from scf.eip712 import sign_offer

DEFAULT_ADMIN_ROLE = b"\x00" * 32


@pytest.fixture
def fee_views(market):
    return (market.feeBps, market.feeRecipient)


def test_set_fee(market, operator, auditor):
    tx = market.setFee(25, auditor, {"from": operator})
    assert tx.events["FeeSet"] == {"feeBps": 25, "feeRecipient": auditor}
    assert (market.feeBps(), market.feeRecipient()) == (25, auditor)


def test_initial_fee(market, operator):
    assert (market.feeBps(), market.feeRecipient(), market.MAX_FEE_BPS()) == (10, operator, 500)


@pytest.mark.parametrize("new_fee", [0, 500])
def test_fee_bounds_accepted(market, operator, new_fee):
    market.setFee(new_fee, operator, {"from": operator})
    assert market.feeBps() == new_fee


def test_new_fee_goes_to_new_recipient(market, cash, root, supplier1, bank_a, operator, auditor, face_value,
                                       maturity, expiry, cash_of):
    market.setFee(40, auditor, {"from": operator})
    terms, sig = sign_offer(market, bank_a, cash, root, face_value, RATE, expiry)
    assert terms.fee_bps == 40
    start = cash_of(supplier1, operator, auditor)
    tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    q = pricing.quote(face_value, RATE, 40, maturity, tx.timestamp)
    assert tx.events["PieceFinanced"]["fee"] == q.fee
    assert cash_of(supplier1, operator, auditor) == (start[0] + q.price - q.fee, start[1], start[2] + q.fee)


def test_zero_fee_moves_no_fee(market, root, supplier1, bank_a, operator, face_value, expiry, cash_of):
    market.setFee(0, operator, {"from": operator})
    oid = market.postOffer(root, face_value, RATE, 0, False, expiry, {"from": bank_a}).return_value
    start = cash_of(supplier1, operator)
    tx = market.acceptOffer(oid, 0, {"from": supplier1})
    price = tx.return_value[1]
    assert tx.events["PieceFinanced"]["fee"] == 0
    assert cash_of(supplier1, operator) == (start[0] + price, start[1])
    assert len([e for e in tx.events["Transfer"] if "value" in e.keys()]) == 2    # seller, refund


@pytest.mark.parametrize("who", ["bank_a", "core", "rando"])
def test_only_the_admin(request, market, fee_views, who):
    caller = request.getfixturevalue(who)
    with refused("AccessControlUnauthorizedAccount", caller, DEFAULT_ADMIN_ROLE, views=fee_views):
        market.setFee(20, caller, {"from": caller})


def test_fee_too_high(market, operator, fee_views):
    with refused("RateTooHigh", 501, 500, views=fee_views):
        market.setFee(501, operator, {"from": operator})


def test_zero_recipient(market, operator, fee_views):
    with refused("ZeroAddress", views=fee_views):
        market.setFee(20, ZERO_ADDRESS, {"from": operator})


def test_new_admin_can_set_the_fee(market, operator, core):
    """The admin moves in two steps with a delay (IPlatformAccess): schedule, wait, accept."""
    from brownie import chain
    market.beginDefaultAdminTransfer(core, {"from": operator})
    chain.sleep(market.defaultAdminDelay() + 60)
    chain.mine()
    market.acceptDefaultAdminTransfer({"from": core})
    market.setFee(30, core, {"from": core})
    assert market.feeBps() == 30
