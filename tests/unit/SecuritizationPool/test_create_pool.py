"""createPool: a financier of the alliance states the pool's terms; every bad term is refused."""

import pytest
from brownie import ZERO_ADDRESS, chain
from helpers import refused

from scf.units import DAY, to_base

BUILDING = 1


def test_create_pool_records_terms(securitization, pool_terms, bank_a, cash, alliance, core):
    terms = pool_terms(obligors=[core], concentration_cap_bps=6_000, senior_coupon_bps=450)
    tx = securitization.createPool(terms, {"from": bank_a})

    pool_id = tx.events["PoolCreated"]["poolId"]
    assert pool_id == 1 == securitization.poolCount()
    info = securitization.poolInfo(pool_id).dict()
    assert info["originator"] == bank_a and info["phase"] == BUILDING and info["currency"] == cash
    assert info["allianceId"] == alliance and info["maxPieces"] == 10 and info["pieceCount"] == 0
    assert info["maxTotalValue"] == to_base(10_000_000) and info["poolValue"] == 0
    assert info["restricted"] and info["concentrationCapBps"] == 6_000
    assert info["seniorCouponBps"] == 450 and info["seniorMaxShareBps"] == 8_000
    assert (info["minMaturity"], info["maxMaturity"]) == (terms[2], terms[3])
    assert tx.events["ObligorAllowed"]["obligor"] == core
    assert securitization.isObligorAllowed(pool_id, core)
    assert not securitization.isObligorAllowed(pool_id, bank_a)
    assert securitization.piecesOf(pool_id) == []


def test_pool_without_allow_list_takes_any_obligor(securitization, pool_terms, bank_a, core):
    pool_id = securitization.createPool(pool_terms(), {"from": bank_a}).events["PoolCreated"]["poolId"]
    assert not securitization.poolInfo(pool_id).dict()["restricted"]
    assert securitization.isObligorAllowed(pool_id, core)


def test_pool_ids_increase(securitization, pool_terms, bank_a, bank_b):
    first = securitization.createPool(pool_terms(), {"from": bank_a}).events["PoolCreated"]["poolId"]
    second = securitization.createPool(pool_terms(), {"from": bank_b}).events["PoolCreated"]["poolId"]
    assert (first, second) == (1, 2)
    assert securitization.poolInfo(second).dict()["originator"] == bank_b


@pytest.mark.parametrize("who", ["investor", "supplier1", "rando"])
def test_only_a_financier_of_the_alliance(securitization, pool_terms, alliance, who, request):
    account = request.getfixturevalue(who)
    with refused("NotFinancier", alliance, account, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(), {"from": account})


def test_financier_of_another_alliance_refused(securitization, pool_terms, bank_a):
    with refused("NotFinancier", 99, bank_a, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(alliance_id=99), {"from": bank_a})


def test_zero_currency_refused(securitization, pool_terms, bank_a):
    with refused("ZeroAddress", views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(currency=ZERO_ADDRESS), {"from": bank_a})


@pytest.mark.parametrize("field", ["max_total_value", "concentration_cap_bps", "senior_max_share_bps"])
def test_zero_limits_refused(securitization, pool_terms, bank_a, field):
    with refused("ZeroAmount", views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(**{field: 0}), {"from": bank_a})


@pytest.mark.parametrize("max_pieces", [0, 51])
def test_piece_limit_bounded(securitization, pool_terms, bank_a, max_pieces):
    assert securitization.MAX_POOL_PIECES() == 50
    with refused("BadPieceLimit", max_pieces, 50, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(max_pieces=max_pieces), {"from": bank_a})


def test_fifty_pieces_allowed(securitization, pool_terms, bank_a):
    pool_id = securitization.createPool(pool_terms(max_pieces=50), {"from": bank_a}).events["PoolCreated"]["poolId"]
    assert securitization.poolInfo(pool_id).dict()["maxPieces"] == 50


def test_empty_maturity_window_refused(securitization, pool_terms, bank_a):
    now = chain.time()
    with refused("BadMaturityWindow", now + 10 * DAY, now + 5 * DAY, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(min_maturity=now + 10 * DAY, max_maturity=now + 5 * DAY), {"from": bank_a})


def test_past_maturity_window_refused(securitization, pool_terms, bank_a):
    now = chain.time()
    with refused("BadMaturityWindow", 0, now - DAY, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(min_maturity=0, max_maturity=now - DAY), {"from": bank_a})


@pytest.mark.parametrize("field,value,maximum", [
    ("concentration_cap_bps", 10_001, 10_000),
    ("senior_coupon_bps", 5_001, 5_000),
    ("senior_max_share_bps", 10_000, 9_999),
])
def test_bps_bounded(securitization, pool_terms, bank_a, field, value, maximum):
    with refused("BpsTooHigh", value, maximum, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(**{field: value}), {"from": bank_a})


def test_allow_list_bounded(securitization, pool_terms, bank_a, accounts):
    obligors = [accounts[i % 10] for i in range(21)]
    with refused("TooManyObligors", 21, 20, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(obligors=obligors), {"from": bank_a})


def test_zero_obligor_refused(securitization, pool_terms, bank_a, core):
    with refused("ZeroAddress", views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(obligors=[core, ZERO_ADDRESS]), {"from": bank_a})


def test_oversized_total_value_refused(securitization, pool_terms, bank_a):
    with refused("SafeCastOverflowedUintDowncast", 96, 2**96, views=(securitization.poolCount,)):
        securitization.createPool(pool_terms(max_total_value=2**96), {"from": bank_a})


def test_operator_recorded_without_powers(securitization, operator, receivables, settlement):
    assert securitization.operator() == operator
    assert securitization.receivables() == receivables and securitization.settlement() == settlement
    assert receivables.hasRole(receivables.PLATFORM_ROLE(), securitization)
