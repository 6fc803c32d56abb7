"""verifyTrade / rejectTrade: an auditor of the trade's alliance, not a party to it, decides."""

import pytest
from helpers import refused

from scf.enums import TradeStatus
from scf.onboarding import certify, doc_hash
from scf.roles import Role


def hex32(label):
    return "0x" + doc_hash(label).hex()


@pytest.fixture(scope="module")
def selling_auditor(registry, operator, alliance, core, accounts):
    """accounts[1]: a member of `alliance` both as supplier and as auditor."""
    account = accounts[1]
    roles = Role.SUPPLIER | Role.AUDITOR
    certify(registry, operator, account, roles, "supplier that also audits")
    registry.invite(alliance, account, int(roles), {"from": core})
    registry.acceptInvitation(alliance, {"from": account})
    return account


@pytest.fixture(scope="module")
def auditing_core(registry, operator, alliance, core, accounts):
    """accounts[2]: a second obligor of `alliance` that is also an auditor."""
    account = accounts[2]
    roles = Role.CORE | Role.AUDITOR
    certify(registry, operator, account, roles, "core that also audits")
    registry.invite(alliance, account, int(roles), {"from": core})
    registry.acceptInvitation(alliance, {"from": account})
    return account


def decide(trades, verdict, trade_id, caller):
    if verdict == "verify":
        return trades.verifyTrade(trade_id, {"from": caller})
    return trades.rejectTrade(trade_id, hex32("reason"), {"from": caller})


# ---------------------------------------------------------------- happy paths


def test_verify_trade(trades, submitted, auditor, docs, bound_trade):
    tx = trades.verifyTrade(submitted, {"from": auditor})

    t = trades.tradeInfo(submitted).dict()
    assert t["status"] == TradeStatus.VERIFIED
    assert t["auditor"] == auditor
    assert t["rootId"] == 0
    assert bound_trade(docs("INV-S").invoice) == 0  # bound only when the obligor confirms
    ev = tx.events["TradeVerified"]
    assert ev["tradeId"] == submitted
    assert ev["auditor"] == auditor


def test_reject_trade(trades, submitted, auditor, docs, bound_trade):
    reason = hex32("delivery note does not match the order")
    tx = trades.rejectTrade(submitted, reason, {"from": auditor})

    t = trades.tradeInfo(submitted).dict()
    assert t["status"] == TradeStatus.REJECTED
    assert t["auditor"] == auditor
    assert bound_trade(docs("INV-S").invoice) == 0
    ev = tx.events["TradeRejected"]
    assert ev["tradeId"] == submitted
    assert ev["auditor"] == auditor
    assert ev["reasonHash"] == reason


@pytest.mark.parametrize("verdict", ["verify", "reject"])
def test_a_multi_role_auditor_may_audit_others_trades(trades, submitted, selling_auditor, verdict):
    decide(trades, verdict, submitted, selling_auditor)
    assert trades.tradeInfo(submitted)["auditor"] == selling_auditor


# ---------------------------------------------------------------- refusals (both verdicts)


@pytest.fixture(params=["verify", "reject"])
def verdict(request):
    return request.param


def test_refuses_unknown_trade(trades, submitted, auditor, verdict):
    for unknown in (0, trades.tradeCount() + 1):
        with refused("UnknownTrade", unknown, views=(lambda unknown=unknown: trades.tradeInfo(unknown),)):
            decide(trades, verdict, unknown, auditor)


def test_refuses_verified_trade(trades, trade, auditor, verdict):
    with refused("WrongTradeStatus", trade, TradeStatus.VERIFIED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(trade),)):
        decide(trades, verdict, trade, auditor)


def test_refuses_rejected_trade(trades, submitted, auditor, verdict):
    trades.rejectTrade(submitted, hex32("first verdict"), {"from": auditor})
    with refused("WrongTradeStatus", submitted, TradeStatus.REJECTED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(submitted),)):
        decide(trades, verdict, submitted, auditor)


def test_refuses_withdrawn_trade(trades, submitted, supplier1, auditor, verdict):
    trades.withdrawTrade(submitted, {"from": supplier1})
    with refused("WrongTradeStatus", submitted, TradeStatus.WITHDRAWN, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(submitted),)):
        decide(trades, verdict, submitted, auditor)


def test_refuses_confirmed_trade(trades, trade, confirmed, auditor, verdict):
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.SUBMITTED,
                 views=(lambda: trades.tradeInfo(trade),)):
        decide(trades, verdict, trade, auditor)


@pytest.mark.parametrize("name", ["supplier2", "bank_a", "core", "outsider", "rando"])
def test_refuses_caller_who_is_not_an_auditor_of_the_alliance(trades, alliance, submitted, verdict, name, request):
    caller = request.getfixturevalue(name)
    with refused("NotAuditor", alliance, caller, views=(lambda: trades.tradeInfo(submitted),)):
        decide(trades, verdict, submitted, caller)


def test_refuses_suspended_auditor(trades, registry, alliance, core, submitted, auditor, verdict):
    registry.suspend(alliance, auditor, {"from": core})
    with refused("NotAuditor", alliance, auditor, views=(lambda: trades.tradeInfo(submitted),)):
        decide(trades, verdict, submitted, auditor)


def test_refuses_auditor_of_another_alliance(trades, alliance, alliance2, submitted, auditor2, verdict):
    with refused("NotAuditor", alliance, auditor2, views=(lambda: trades.tradeInfo(submitted),)):
        decide(trades, verdict, submitted, auditor2)


def test_refuses_auditor_who_is_the_seller(trades, submit, selling_auditor, verdict, docs, bound_trade):
    trade_id = submit("INV-own", seller=selling_auditor).return_value
    views = (lambda: trades.tradeInfo(trade_id), lambda: bound_trade(docs("INV-own").invoice))
    with refused("AuditorIsParty", trade_id, selling_auditor, views=views):
        decide(trades, verdict, trade_id, selling_auditor)


def test_refuses_auditor_who_is_the_buyer(trades, submit, auditing_core, verdict, docs, bound_trade):
    trade_id = submit("INV-buyer", buyer=auditing_core).return_value
    views = (lambda: trades.tradeInfo(trade_id), lambda: bound_trade(docs("INV-buyer").invoice, auditing_core))
    with refused("AuditorIsParty", trade_id, auditing_core, views=views):
        decide(trades, verdict, trade_id, auditing_core)
