"""submitTrade: a seller anchors the documents of a sale to the alliance's core enterprise."""

import pytest
from brownie import SettlementToken
from helpers import refused

from scf.enums import TradeStatus
from scf.roles import Role

ZERO = "0x" + "00" * 20
ZERO32 = "0x" + "00" * 32
UINT96_MAX = 2**96 - 1


def test_submit_trade(trades, submit, docs, alliance, supplier1, core, cash, face_value, bound_trade):
    count = trades.tradeCount()
    tx = submit("INV-100")
    d = docs("INV-100")

    trade_id = tx.return_value
    assert trade_id == count + 1 == trades.tradeCount()
    t = trades.tradeInfo(trade_id).dict()
    assert t == {
        "seller": supplier1, "status": TradeStatus.SUBMITTED, "allianceId": alliance, "rootId": 0,
        "recorded": False, "buyer": core, "amount": face_value, "currency": cash, "auditor": ZERO,
        "invoiceHash": d.invoice, "orderHash": d.order, "deliveryHash": d.delivery,
    }
    assert bound_trade(d.invoice) == 0  # a submission reserves nothing: the invoice binds on confirmation
    assert trades.terms(trade_id) == (supplier1, core, cash, alliance)

    ev = tx.events["TradeSubmitted"]
    assert ev["tradeId"] == trade_id
    assert ev["allianceId"] == alliance
    assert ev["seller"] == supplier1
    assert ev["buyer"] == core
    assert ev["currency"] == cash
    assert ev["amount"] == face_value
    assert ev["invoiceHash"] == d.invoice
    assert ev["orderHash"] == d.order
    assert ev["deliveryHash"] == d.delivery


def test_trade_ids_are_sequential(trades, submit):
    first = submit("INV-A").return_value
    second = submit("INV-B").return_value
    assert second == first + 1


def test_first_trade_id_is_one(TradeRegistry, operator, registry, alliance, supplier1, core, cash):
    fresh = TradeRegistry.deploy(operator, registry, {"from": operator})
    assert fresh.tradeCount() == 0
    fresh.setCurrencyAllowed(cash, True, {"from": operator})
    tx = fresh.submitTrade(alliance, core, cash, 1, "0x" + "01" * 32, "0x" + "02" * 32, "0x" + "03" * 32,
                           {"from": supplier1})
    assert tx.return_value == 1 == fresh.tradeCount()
    assert fresh.alliances() == registry


@pytest.mark.parametrize("amount", [1, UINT96_MAX])
def test_submit_amount_bounds(trades, submit, amount):
    trade_id = submit(f"INV-amount-{amount}", amount=amount).return_value
    assert trades.tradeInfo(trade_id)["amount"] == amount


@pytest.mark.parametrize("name", ["distributor", "supplier3"])
def test_every_selling_role_may_submit(trades, submit, name, request):
    seller = request.getfixturevalue(name)
    trade_id = submit(f"INV-{name}", seller=seller).return_value
    assert trades.tradeInfo(trade_id)["seller"] == seller


def test_core_may_sell_to_another_core_of_its_alliance(trades, registry, operator, alliance, core, core2, submit):
    from scf.onboarding import certify

    certify(registry, operator, core2, Role.CORE, "second core")
    registry.invite(alliance, core2, int(Role.CORE), {"from": core})
    registry.acceptInvitation(alliance, {"from": core2})
    trade_id = submit("INV-core-to-core", seller=core, buyer=core2).return_value
    assert trades.terms(trade_id)[:2] == (core, core2)


def test_same_documents_with_a_different_invoice_are_accepted(trades, submit, docs):
    d = docs("INV-shared")
    first = submit("INV-X1", order=d.order, delivery=d.delivery).return_value
    second = submit("INV-X2", order=d.order, delivery=d.delivery).return_value
    assert trades.tradeInfo(first)["orderHash"] == trades.tradeInfo(second)["orderHash"] == d.order


# ---------------------------------------------------------------- refusals


def test_submit_refuses_zero_amount(submit, state, docs):
    with refused("ZeroAmount", views=state(invoice=docs("INV-0").invoice)):
        submit("INV-0", amount=0)


def test_submit_refuses_amount_above_96_bits(submit, state, docs):
    with refused("AmountTooLarge", UINT96_MAX + 1, views=state(invoice=docs("INV-big").invoice)):
        submit("INV-big", amount=UINT96_MAX + 1)
    with refused("AmountTooLarge", 2**256 - 1, views=state()):
        submit("INV-big", amount=2**256 - 1)


def test_submit_refuses_alliance_id_above_32_bits(submit, state):
    with refused("InvalidAlliance", 2**32, views=state()):
        submit("INV-aid", alliance_id=2**32)


@pytest.mark.parametrize("field, index", [("invoice", 0), ("order", 1), ("delivery", 2)])
def test_submit_refuses_missing_document(submit, state, field, index):
    with refused("MissingDocument", index, views=state(invoice=ZERO32)):
        submit("INV-doc", **{field: ZERO32})


def test_submit_refuses_currency_the_operator_did_not_allow(submit, state, rando, operator, trades):
    with refused("CurrencyNotAllowed", rando, views=state()):
        submit("INV-eoa", currency=rando)
    with refused("CurrencyNotAllowed", ZERO, views=state()):
        submit("INV-eoa", currency=ZERO)
    other = SettlementToken.deploy("Other", "OTH", operator, {"from": operator})
    with refused("CurrencyNotAllowed", other, views=state()):
        submit("INV-other", currency=other)


def test_operator_allows_and_withdraws_currencies(trades, operator, rando, submit):
    other = SettlementToken.deploy("Other", "OTH", operator, {"from": operator})
    tx = trades.setCurrencyAllowed(other, True, {"from": operator})
    assert tx.events["CurrencyAllowed"]["currency"] == other
    assert trades.currencyAllowed(other)
    trade_id = submit("INV-other-ok", currency=other).events["TradeSubmitted"]["tradeId"]
    assert trades.tradeInfo(trade_id)["currency"] == other
    trades.setCurrencyAllowed(other, False, {"from": operator})
    assert not trades.currencyAllowed(other)
    with refused("CurrencyNotAllowed", other):
        submit("INV-other-2", currency=other)


def test_only_a_contract_can_be_allowed_and_only_by_the_admin(trades, operator, rando, cash):
    with refused("InvalidCurrency", rando, views=(lambda: trades.currencyAllowed(rando),)):
        trades.setCurrencyAllowed(rando, True, {"from": operator})
    with refused("AccessControlUnauthorizedAccount", rando, trades.DEFAULT_ADMIN_ROLE(),
                 views=(lambda: trades.currencyAllowed(cash),)):
        trades.setCurrencyAllowed(cash, False, {"from": rando})


def test_submit_refuses_self_trade(submit, state, core):
    with refused("SelfTrade", core, views=state()):
        submit("INV-self", seller=core, buyer=core)


def test_submit_refuses_invoice_of_a_confirmed_trade(submit, state, trade, confirmed, docs, supplier2):
    invoice = docs("INV-0001").invoice
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-other", invoice=invoice)
    with refused("InvoiceAlreadyUsed", invoice, trade, views=state(trade, invoice)):
        submit("INV-other", invoice=invoice, seller=supplier2)


def test_submit_refuses_non_member_seller(submit, state, alliance, outsider, rando):
    with refused("SellerNotMember", alliance, outsider, views=state()):
        submit("INV-out", seller=outsider)
    with refused("SellerNotMember", alliance, rando, views=state()):
        submit("INV-out", seller=rando)


def test_submit_refuses_suspended_seller(registry, submit, state, alliance, core, supplier2):
    registry.suspend(alliance, supplier2, {"from": core})
    with refused("SellerNotMember", alliance, supplier2, views=state()):
        submit("INV-susp", seller=supplier2)


def test_submit_refuses_seller_who_left(registry, submit, state, alliance, supplier2):
    registry.leave(alliance, {"from": supplier2})
    with refused("SellerNotMember", alliance, supplier2, views=state()):
        submit("INV-left", seller=supplier2)


@pytest.mark.parametrize("name", ["bank_a", "auditor", "logistics", "investor"])
def test_submit_refuses_member_in_a_non_selling_role(submit, state, alliance, name, request):
    member = request.getfixturevalue(name)
    with refused("SellerNotMember", alliance, member, views=state()):
        submit("INV-role", seller=member)


def test_submit_refuses_seller_of_another_alliance(submit, state, alliance2, core2, supplier1):
    # supplier1 is a member of `alliance`, not of alliance2
    with refused("SellerNotMember", alliance2, supplier1, views=state()):
        submit("INV-a2", alliance_id=alliance2, buyer=core2)


def test_submit_refuses_alliance_not_started(registry, operator, submit, state, core2, supplier1):
    from scf.onboarding import certify

    certify(registry, operator, core2, Role.CORE, "second core")
    forming = registry.createAlliance("forming", 0, {"from": core2}).return_value
    registry.invite(forming, supplier1, int(Role.SUPPLIER), {"from": core2})
    registry.acceptInvitation(forming, {"from": supplier1})
    with refused("SellerNotMember", forming, supplier1, views=state()):
        submit("INV-forming", alliance_id=forming, buyer=core2)


def test_submit_to_unknown_alliance_is_refused_as_non_member(registry, submit, state, supplier1):
    # ids that fit 32 bits but name no alliance are caught by the membership check
    unknown = registry.allianceCount() + 1
    with refused("SellerNotMember", unknown, supplier1, views=state()):
        submit("INV-unknown", alliance_id=unknown)


@pytest.mark.parametrize("name", ["supplier2", "bank_a", "auditor", "rando", "outsider"])
def test_submit_refuses_buyer_who_is_not_an_obligor(submit, state, alliance, name, request):
    buyer = request.getfixturevalue(name)
    with refused("BuyerNotObligor", alliance, buyer, views=state()):
        submit("INV-buyer", buyer=buyer)


def test_submit_refuses_core_of_another_alliance_as_buyer(submit, state, alliance, alliance2, core2):
    with refused("BuyerNotObligor", alliance, core2, views=state()):
        submit("INV-core2", buyer=core2)
