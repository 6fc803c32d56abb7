"""scf.pricing is bit for bit contracts/libraries/Discounting.sol.

Property tests compare the two on random inputs (values up to 2**96 - 1, rates 0..100 %, fees
0..5 %, times around now, far away, and on the day boundaries: maturity <= now, one second,
exactly one day, one day and a second); hand-computed values pin both; and the market's
acceptOffer price is scf.pricing's at the block time.

The pure comparisons use hypothesis' own ``given`` (``hypothesis.core.given``: brownie replaces
``hypothesis.given`` by a wrapper that only warns about isolation): they make calls only, so they
need no chain isolation. The market test changes state, so it uses ``brownie.test.given``, which
reverts the chain between examples.
"""

import pytest
from brownie import DiscountingHarness
from brownie.test import given as chain_given
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.core import given

from scf import pricing
from scf.brownie import clock
from scf.eip712 import sign_offer
from scf.units import DAY, to_base

UINT96_MAX = 2**96 - 1
EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))

values = st.one_of(st.integers(0, UINT96_MAX), st.integers(0, 10**15), st.sampled_from([0, 1, 2, UINT96_MAX]))
rates = st.one_of(st.integers(0, 10_000), st.sampled_from([0, 1, 9_999, 10_000]))
fees = st.one_of(st.integers(0, 500), st.sampled_from([0, 1, 10, 500]))
nows = st.one_of(
    st.integers(1_600_000_000, 2_000_000_000),      # realistic dates
    st.integers(0, 2**40 - 1),                      # anything a uint40 holds
    st.sampled_from([0, 1]),
)
offsets = st.one_of(
    st.sampled_from([-DAY - 1, -DAY, -1, 0, 1, 2, DAY - 1, DAY, DAY + 1, 2 * DAY, 2 * DAY + 1,
                     120 * DAY, 365 * DAY, 365 * DAY + 1, 366 * DAY]),
    st.integers(-30 * DAY, 0),                      # matured already (maturity <= now)
    st.integers(1, 366 * DAY),                      # a tenor
    st.integers(0, 2**64),                          # absurdly far
)


@st.composite
def times(draw):
    """(later, earlier) = (maturity, now) or (to, from), on both sides of each other."""
    now = draw(nows)
    return max(now + draw(offsets), 0), now


@pytest.fixture(scope="module")
def harness(operator):
    return DiscountingHarness.deploy({"from": operator})


# ---------------------------------------------------------------- random parity


@given(t=times())
@EXAMPLES
def test_days_to_maturity(harness, t):
    maturity, now = t
    days = harness.daysToMaturity(maturity, now)
    assert days == pricing.days_to_maturity(maturity, now)
    if maturity <= now:
        assert days == 0
    else:
        assert (days - 1) * DAY < maturity - now <= days * DAY


@given(value=values, rate=rates, t=times())
@EXAMPLES
def test_price(harness, value, rate, t):
    maturity, now = t
    price = harness.price(value, rate, maturity, now)
    assert price == pricing.price(value, rate, maturity, now)
    assert 0 <= price <= value
    if rate == 0 or maturity <= now:
        assert price == value
    else:
        # the exact price is value * (1 - rate * days / 3,650,000); the buyer never pays more
        days = pricing.days_to_maturity(maturity, now)
        exact_times_denominator = value * (3_650_000 - rate * days)
        assert price * 3_650_000 <= max(exact_times_denominator, 0)
        assert price * 3_650_000 > exact_times_denominator - 3_650_000     # by less than one unit


@given(amount=values, fee_bps=fees)
@EXAMPLES
def test_fee(harness, amount, fee_bps):
    fee = harness.fee(amount, fee_bps)
    assert fee == pricing.fee(amount, fee_bps)
    assert fee * 10_000 <= amount * fee_bps < (fee + 1) * 10_000


@given(principal=values, rate=rates, t=times())
@EXAMPLES
def test_interest(harness, principal, rate, t):
    to_time, from_time = t
    interest = harness.interest(principal, rate, from_time, to_time)
    assert interest == pricing.interest(principal, rate, from_time, to_time)
    exact = principal * rate * pricing.days_to_maturity(to_time, from_time)     # times 3,650,000
    assert interest * 3_650_000 >= exact                                        # rounded up ...
    assert interest == 0 or (interest - 1) * 3_650_000 < exact                  # ... by less than one


@given(value=values, rate=rates, fee_bps=fees, t=times())
@EXAMPLES
def test_quote_is_price_and_fee(harness, value, rate, fee_bps, t):
    maturity, now = t
    q = pricing.quote(value, rate, fee_bps, maturity, now)
    assert (q.price, q.fee, q.days) == (
        harness.price(value, rate, maturity, now),
        harness.fee(harness.price(value, rate, maturity, now), fee_bps),
        harness.daysToMaturity(maturity, now),
    )
    assert q.seller_receives >= 0


# ---------------------------------------------------------------- hand-computed values

NOW = 1_750_000_000
MILLION = to_base(1_000_000)     # 10**12 base units


@pytest.mark.parametrize("maturity,now,days", [
    (NOW, NOW, 0),                    # due now
    (NOW - 1, NOW, 0),                # past due
    (NOW + 1, NOW, 1),                # one second: a started day counts
    (NOW + DAY - 1, NOW, 1),
    (NOW + DAY, NOW, 1),              # exactly one day
    (NOW + DAY + 1, NOW, 2),          # one day and a second
    (NOW + 120 * DAY, NOW, 120),
    (NOW + 120 * DAY, NOW + 1, 120),  # 119 days 23:59:59
    (2**40, 0, 12_725_830),           # ceil(1,099,511,627,776 / 86,400 = 12,725,829.03)
])
def test_days_known_values(harness, maturity, now, days):
    assert pricing.days_to_maturity(maturity, now) == days
    assert harness.daysToMaturity(maturity, now) == days


@pytest.mark.parametrize("value,rate,maturity,price", [
    # 1,000,000 at 8 % for 120 days: discount ceil(10**12 * 800 * 120 / 3,650,000)
    #   = ceil(26,301,369,863.01) = 26,301,369,864
    (MILLION, 800, NOW + 120 * DAY, 973_698_630_136),
    # the same one second before maturity: one day, ceil(219,178,082.19) = 219,178,083
    (MILLION, 800, NOW + 1, 999_780_821_917),
    # 100 % a year for exactly a year: nothing left; for a year and a day: still nothing (capped)
    (MILLION, 10_000, NOW + 365 * DAY, 0),
    (MILLION, 10_000, NOW + 366 * DAY, 0),
    # rounding up: 3,650,000 at 1 bp for a day is exactly 1 off; one unit more costs 2
    (3_650_000, 1, NOW + DAY, 3_649_999),
    (3_650_001, 1, NOW + DAY, 3_649_999),
    # the smallest discount is a whole base unit
    (1, 1, NOW + DAY, 0),
    # zero rate, matured, zero value
    (MILLION, 0, NOW + 100 * DAY, MILLION),
    (MILLION, 800, NOW, MILLION),
    (0, 800, NOW + DAY, 0),
])
def test_price_known_values(harness, value, rate, maturity, price):
    assert pricing.price(value, rate, maturity, NOW) == price
    assert harness.price(value, rate, maturity, NOW) == price


@pytest.mark.parametrize("amount,fee_bps,fee", [
    (973_698_630_136, 10, 973_698_630),   # 0.1 % of the 120-day price above, rounded down
    (999, 10, 0),
    (1000, 10, 1),
    (MILLION, 500, 50_000_000_000),
    (UINT96_MAX, 500, UINT96_MAX * 500 // 10_000),
    (MILLION, 0, 0),
])
def test_fee_known_values(harness, amount, fee_bps, fee):
    assert pricing.fee(amount, fee_bps) == fee
    assert harness.fee(amount, fee_bps) == fee


@pytest.mark.parametrize("principal,rate,from_time,to_time,interest", [
    # 1,000,000 at 8 % for 30 days: ceil(6,575,342,465.75)
    (MILLION, 800, NOW, NOW + 30 * DAY, 6_575_342_466),
    # one second is a day: ceil(219,178,082.19)
    (MILLION, 800, NOW, NOW + 1, 219_178_083),
    (MILLION, 800, NOW, NOW, 0),
    (MILLION, 800, NOW + 1, NOW, 0),
    # 100 % for a year doubles
    (MILLION, 10_000, NOW, NOW + 365 * DAY, MILLION),
])
def test_interest_known_values(harness, principal, rate, from_time, to_time, interest):
    assert pricing.interest(principal, rate, from_time, to_time) == interest
    assert harness.interest(principal, rate, from_time, to_time) == interest


def test_quote_known_value():
    q = pricing.quote(MILLION, 800, 10, NOW + 120 * DAY, NOW)
    assert (q.price, q.fee, q.days, q.seller_receives) == (973_698_630_136, 973_698_630, 120, 972_724_931_506)


# ---------------------------------------------------------------- the market prices with scf.pricing


@pytest.fixture(scope="module")
def funded_bank(cash, market, operator, bank_a, root):
    cash.mint(bank_a, to_base(2_000_000), {"from": operator})
    cash.approve(market, 2**256 - 1, {"from": bank_a})
    return bank_a


@chain_given(
    rate=st.integers(0, 10_000),
    fraction=st.one_of(st.just(1.0), st.floats(0.000001, 1.0)),
    elapsed=st.one_of(st.integers(0, 119 * DAY), st.sampled_from([0, DAY - 1, DAY, 119 * DAY])),
    signed=st.booleans(),
)
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_market_prices_with_scf_pricing(market, cash, receivables, root, supplier1, funded_bank, operator, face_value,
                                        maturity, rate, fraction, elapsed, signed):
    bank = funded_bank
    amount = max(1, int(face_value * fraction))
    fee_bps = int(market.feeBps())
    start = [int(cash.balanceOf(a)) for a in (supplier1, bank, operator)]
    if signed:
        terms, sig = sign_offer(market, bank, cash, root, amount, rate, maturity)
    else:
        oid = market.postOffer(root, amount, rate, fee_bps, False, maturity, {"from": bank}).return_value
    at = min(clock.now() + 1 + elapsed, maturity - 1)
    clock.next_block_at(at)
    if signed:
        tx = market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
    else:
        tx = market.acceptOffer(oid, 0, {"from": supplier1})

    assert tx.timestamp == at
    q = pricing.quote(amount, rate, fee_bps, maturity, at)
    ev = tx.events["PieceFinanced"]
    assert (tx.return_value[1], ev["price"], ev["fee"], ev["amount"]) == (q.price, q.price, q.fee, amount)
    assert [int(cash.balanceOf(a)) for a in (supplier1, bank, operator)] == [
        start[0] + q.price - q.fee, start[1] - q.price, start[2] + q.fee,
    ]
    assert receivables.pieceInfo(tx.return_value[0])[0] == amount
    assert receivables.ownerOf(tx.return_value[0]) == bank
