"""withdrawTrade: the seller takes back its own trade before the audit (the invoice was never
bound: that happens on confirmation)."""

from helpers import refused

from scf.enums import TradeStatus


def test_withdraw_trade(trades, submitted, supplier1, docs, bound_trade):
    tx = trades.withdrawTrade(submitted, {"from": supplier1})

    t = trades.tradeInfo(submitted).dict()
    assert t["status"] == TradeStatus.WITHDRAWN
    assert t["seller"] == supplier1
    assert bound_trade(docs("INV-S").invoice) == 0
    assert tx.events["TradeWithdrawn"]["tradeId"] == submitted


def test_withdraw_by_a_seller_suspended_since(trades, registry, alliance, core, submit, supplier2):
    trade_id = submit("INV-susp", seller=supplier2).return_value
    registry.suspend(alliance, supplier2, {"from": core})
    trades.withdrawTrade(trade_id, {"from": supplier2})
    assert trades.tradeInfo(trade_id)["status"] == TradeStatus.WITHDRAWN


def test_withdraw_refuses_unknown_trade(trades, submitted, supplier1):
    for unknown in (0, trades.tradeCount() + 1):
        with refused("UnknownTrade", unknown, views=(lambda unknown=unknown: trades.tradeInfo(unknown),)):
            trades.withdrawTrade(unknown, {"from": supplier1})


def test_withdraw_refuses_anyone_but_the_seller(trades, submitted, core, auditor, supplier2, operator, docs,
                                               bound_trade):
    views = (lambda: trades.tradeInfo(submitted), lambda: bound_trade(docs("INV-S").invoice))
    for caller in (core, auditor, supplier2, operator):
        with refused("NotSeller", submitted, caller, views=views):
            trades.withdrawTrade(submitted, {"from": caller})


def test_withdraw_refuses_verified_trade(trades, trade, supplier1):
    with refused("WrongTradeStatus", trade, TradeStatus.VERIFIED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(trade),)):
        trades.withdrawTrade(trade, {"from": supplier1})


def test_withdraw_refuses_confirmed_trade(trades, trade, confirmed, supplier1):
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(trade),)):
        trades.withdrawTrade(trade, {"from": supplier1})


def test_withdraw_refuses_rejected_trade(trades, submitted, auditor, supplier1):
    trades.rejectTrade(submitted, "0x" + "ab" * 32, {"from": auditor})
    with refused("WrongTradeStatus", submitted, TradeStatus.REJECTED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(submitted),)):
        trades.withdrawTrade(submitted, {"from": supplier1})


def test_withdraw_refuses_twice(trades, submitted, supplier1):
    trades.withdrawTrade(submitted, {"from": supplier1})
    with refused("WrongTradeStatus", submitted, TradeStatus.WITHDRAWN, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(submitted),)):
        trades.withdrawTrade(submitted, {"from": supplier1})
