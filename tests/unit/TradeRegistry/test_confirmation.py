"""recordConfirmation: only an issuer (the receivable token) marks a verified trade confirmed.

Its refusals are reached the way they happen on the platform: through receivables.confirm.
"""

import pytest
from helpers import refused

from scf.enums import TradeStatus


@pytest.fixture(scope="module")
def issuer(operator):
    """A stand-in contract made an issuer at deployment, to call recordConfirmation directly."""
    from helpers import stand_in
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(issuer):
    return (("trades", "ISSUER_ROLE", issuer),)


def record(trades, trade_id):
    return lambda: trades.tradeInfo(trade_id)


# ---------------------------------------------------------------- through the receivable token


def test_confirm_marks_trade_confirmed(trades, receivables, trade, core, face_value, maturity, docs, bound_trade):
    tx = receivables.confirm(trade, face_value, maturity, {"from": core})
    root_id = tx.events["ReceivableIssued"]["rootId"]

    t = trades.tradeInfo(trade).dict()
    assert t["status"] == TradeStatus.CONFIRMED
    assert t["rootId"] == root_id == tx.return_value
    assert bound_trade(docs("INV-0001").invoice) == trade
    ev = tx.events["TradeConfirmed"]
    assert ev["tradeId"] == trade
    assert ev["rootId"] == root_id
    assert ev["faceValue"] == face_value


def test_confirm_for_less_than_the_trade_amount(trades, receivables, trade, core, face_value, maturity):
    tx = receivables.confirm(trade, face_value - 1, maturity, {"from": core})
    assert tx.events["TradeConfirmed"]["faceValue"] == face_value - 1
    assert trades.tradeInfo(trade)["amount"] == face_value
    assert trades.tradeInfo(trade)["status"] == TradeStatus.CONFIRMED


def test_confirm_refuses_face_value_above_trade(trades, receivables, trade, core, supplier1, face_value, maturity):
    with refused("FaceValueExceedsTrade", face_value + 1, face_value,
                 views=(record(trades, trade), lambda: receivables.balanceOf(supplier1))):
        receivables.confirm(trade, face_value + 1, maturity, {"from": core})


def test_confirm_refuses_unverified_trade(trades, receivables, submitted, core, supplier1, face_value, maturity):
    with refused("WrongTradeStatus", submitted, TradeStatus.SUBMITTED, TradeStatus.VERIFIED,
                 views=(record(trades, submitted), lambda: receivables.balanceOf(supplier1))):
        receivables.confirm(submitted, face_value, maturity, {"from": core})


def test_confirm_refuses_rejected_trade(trades, receivables, submitted, auditor, core, face_value, maturity):
    trades.rejectTrade(submitted, "0x" + "ee" * 32, {"from": auditor})
    with refused("WrongTradeStatus", submitted, TradeStatus.REJECTED, TradeStatus.VERIFIED,
                 views=(record(trades, submitted),)):
        receivables.confirm(submitted, face_value, maturity, {"from": core})


def test_confirm_refuses_withdrawn_trade(trades, receivables, submitted, supplier1, core, face_value, maturity):
    trades.withdrawTrade(submitted, {"from": supplier1})
    with refused("WrongTradeStatus", submitted, TradeStatus.WITHDRAWN, TradeStatus.VERIFIED,
                 views=(record(trades, submitted),)):
        receivables.confirm(submitted, face_value, maturity, {"from": core})


def test_confirm_refuses_a_trade_confirmed_already(trades, receivables, trade, confirmed, core, supplier1, face_value,
                                                   maturity):
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.VERIFIED,
                 views=(record(trades, trade), lambda: receivables.balanceOf(supplier1))):
        receivables.confirm(trade, face_value, maturity, {"from": core})


def test_confirm_refuses_unknown_trade(trades, receivables, trade, core, face_value, maturity):
    unknown = trades.tradeCount() + 1
    with refused("UnknownTrade", unknown, views=(record(trades, unknown),)):
        receivables.confirm(unknown, face_value, maturity, {"from": core})


# ---------------------------------------------------------------- called directly


def test_only_issuers_may_record(trades, trade, operator, core, supplier1, issuer_role, face_value):
    # the operator administers roles but is not an issuer itself
    for caller in (operator, core, supplier1):
        with refused("AccessControlUnauthorizedAccount", caller, issuer_role, views=(record(trades, trade),)):
            trades.recordConfirmation(trade, face_value, 1, {"from": caller})


def test_the_receivable_token_is_the_platform_issuer(trades, receivables, issuer_role, operator):
    assert trades.hasRole(issuer_role, receivables)
    assert not trades.hasRole(issuer_role, operator)


def test_record_confirmation_by_an_issuer(trades, trade, issuer, alliance, supplier1, core, face_value):
    assert trades.recordConfirmation.call(trade, face_value, 77, {"from": issuer}) == (supplier1, core, alliance)
    tx = trades.recordConfirmation(trade, face_value, 77, {"from": issuer})

    t = trades.tradeInfo(trade).dict()
    assert t["status"] == TradeStatus.CONFIRMED
    assert t["rootId"] == 77
    ev = tx.events["TradeConfirmed"]
    assert (ev["tradeId"], ev["rootId"], ev["faceValue"]) == (trade, 77, face_value)


def test_record_confirmation_refuses_unknown_trade(trades, trade, issuer, face_value):
    with refused("UnknownTrade", 0, views=(record(trades, 0),)):
        trades.recordConfirmation(0, face_value, 1, {"from": issuer})


def test_record_confirmation_refuses_second_confirmation(trades, trade, issuer, face_value):
    trades.recordConfirmation(trade, face_value, 5, {"from": issuer})
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.VERIFIED,
                 views=(record(trades, trade),)):
        trades.recordConfirmation(trade, face_value, 6, {"from": issuer})


def test_record_confirmation_refuses_face_value_above_trade(trades, trade, issuer, face_value):
    with refused("FaceValueExceedsTrade", face_value + 1, face_value, views=(record(trades, trade),)):
        trades.recordConfirmation(trade, face_value + 1, 5, {"from": issuer})
