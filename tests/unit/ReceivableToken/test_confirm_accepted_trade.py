"""confirmAcceptedTrade: an obligor proxy (OBLIGOR_PROXY_ROLE, the order escrow) issues the
root of a verified trade for its obligor; same rules and custom errors as confirm."""

import pytest
from brownie import chain
from helpers import refused

from scf.enums import TradeStatus
from scf.units import DAY, to_base


@pytest.fixture(scope="module")
def proxy(obligor_proxy):
    """OBLIGOR_PROXY_ROLE wired at deployment (conftest)."""
    return obligor_proxy


@pytest.fixture
def views(receivables, trades, trade):
    return (receivables.lastPieceId, lambda: trades.tradeInfo(trade))


def test_issues_the_root_to_the_seller(receivables, trades, trade, proxy, core, supplier1, face_value):
    maturity = chain.time() + 90 * DAY
    tx = receivables.confirmAcceptedTrade(trade, face_value, maturity, core, {"from": proxy})
    root = tx.return_value
    assert receivables.ownerOf(root) == supplier1
    info = receivables.rootInfo(root)
    assert (info["obligor"], info["faceValue"], info["maturity"], info["tradeId"]) == (core, face_value, maturity,
                                                                                       trade)
    assert trades.tradeInfo(trade)["status"] == TradeStatus.CONFIRMED
    assert tx.events["ReceivableIssued"]["obligor"] == core


def test_needs_the_role(receivables, trade, core, face_value, views):
    with refused("AccessControlUnauthorizedAccount", core, receivables.OBLIGOR_PROXY_ROLE(), views=views):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, core, {"from": core})


def test_named_obligor_must_be_the_buyer(receivables, trade, proxy, supplier2, face_value, views):
    with refused("NotObligor", trade, supplier2, views=views):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, supplier2, {"from": proxy})


def test_zero_value(receivables, trade, proxy, core, views):
    with refused("ZeroValue", views=views):
        receivables.confirmAcceptedTrade(trade, 0, chain.time() + DAY, core, {"from": proxy})


def test_maturity_out_of_range(receivables, trade, proxy, core, face_value, views):
    with refused("MaturityOutOfRange", views=views):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + 366 * DAY, core, {"from": proxy})


def test_face_value_above_trade(receivables, trade, proxy, core, face_value, views):
    with refused("FaceValueExceedsTrade", face_value + 1, face_value, views=views):
        receivables.confirmAcceptedTrade(trade, face_value + 1, chain.time() + DAY, core, {"from": proxy})


def test_trade_not_verified(receivables, trades, alliance, supplier1, core, cash, proxy, views):
    from scf.onboarding import doc_hash
    trade_id = trades.submitTrade(alliance, core, cash, to_base(10), doc_hash("i"), doc_hash("o"), doc_hash("d"),
                                  {"from": supplier1}).return_value
    with refused("WrongTradeStatus", trade_id, TradeStatus.SUBMITTED, TradeStatus.VERIFIED, views=views):
        receivables.confirmAcceptedTrade(trade_id, to_base(10), chain.time() + DAY, core, {"from": proxy})


def test_trade_confirmed_twice(receivables, trade, proxy, core, face_value, views):
    receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, core, {"from": proxy})
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.VERIFIED, views=views):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, core, {"from": proxy})


def test_regression_a_suspended_seller_still_gets_the_root_of_delivered_goods(receivables, registry, trade, proxy,
                                                                              core, supplier1, alliance, face_value):
    """issue 10 item 3 (a delivered credit order can always be settled): the proxy witnessed
    the obligor's acceptance of delivered goods; suspending the seller must not cancel that debt
    (plain `confirm` still refuses a suspended seller)."""
    registry.suspend(alliance, supplier1, {"from": core})
    root = receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, core, {"from": proxy}).return_value
    assert receivables.ownerOf(root) == supplier1


def test_seller_that_left(receivables, registry, trade, proxy, core, supplier1, alliance, face_value, views):
    registry.leave(alliance, {"from": supplier1})
    with refused("RecipientNotMember", alliance, supplier1, views=views):
        receivables.confirmAcceptedTrade(trade, face_value, chain.time() + DAY, core, {"from": proxy})
