"""recordAuditedTrade: an auditing contract (AUDITING_CONTRACT_ROLE) records a trade already
verified, with itself as auditor; same rules and custom errors as submitTrade."""

import pytest
from helpers import refused
from loop_helpers import hx

from scf.onboarding import doc_hash
from scf.roles import TradeStatus
from scf.units import to_base

AMOUNT = to_base(50_000)


@pytest.fixture(scope="module")
def recorder(operator):
    """A contract standing in for the order escrow (AUDITING_CONTRACT_ROLE wired at deployment)."""
    from helpers import stand_in
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(recorder):
    return (("trades", "AUDITING_CONTRACT_ROLE", recorder),)


@pytest.fixture
def args(alliance, supplier1, core, cash):
    return dict(allianceId=alliance, seller=supplier1, buyer=core, currency=cash, amount=AMOUNT,
                invoice=doc_hash("derived invoice"), order=doc_hash("order"), delivery=doc_hash("milestones"))


def call(trades, a, sender):
    return trades.recordAuditedTrade(a["allianceId"], a["seller"], a["buyer"], a["currency"], a["amount"],
                                     a["invoice"], a["order"], a["delivery"], {"from": sender})


@pytest.fixture
def views(trades):
    return (trades.tradeCount, lambda: trades.tradeOfInvoice(doc_hash("derived invoice")))


def test_records_a_verified_trade(trades, recorder, args, supplier1, core, cash, alliance):
    tx = call(trades, args, recorder)
    trade_id = tx.return_value
    t = trades.tradeInfo(trade_id)
    assert (t["seller"], t["status"], t["allianceId"], t["buyer"], t["amount"], t["currency"], t["auditor"],
            t["invoiceHash"], t["orderHash"], t["deliveryHash"], t["rootId"]) == (
        supplier1, TradeStatus.VERIFIED, alliance, core, AMOUNT, cash, recorder, hx(args["invoice"]),
        hx(args["order"]), hx(args["delivery"]), 0)
    assert trades.tradeOfInvoice(args["invoice"]) == trade_id
    assert tx.events["TradeSubmitted"]["seller"] == supplier1
    assert tx.events["TradeVerified"].values() == [trade_id, recorder]


def test_the_recorded_trade_can_be_confirmed_by_its_obligor(trades, receivables, recorder, args, core, supplier1):
    from brownie import chain
    trade_id = call(trades, args, recorder).return_value
    root = receivables.confirm(trade_id, AMOUNT, chain.time() + 86_400 * 30, {"from": core}).return_value
    assert receivables.ownerOf(root) == supplier1


def test_needs_the_role(trades, args, supplier1, views):
    with refused("AccessControlUnauthorizedAccount", supplier1, trades.AUDITING_CONTRACT_ROLE(), views=views):
        call(trades, args, supplier1)


@pytest.mark.parametrize("field,value,error,err_args", [
    ("amount", 0, "ZeroAmount", ()),
    ("amount", 2**96, "AmountTooLarge", (2**96,)),
    ("allianceId", 2**32, "InvalidAlliance", (2**32,)),
    ("invoice", b"\x00" * 32, "MissingDocument", (0,)),
    ("order", b"\x00" * 32, "MissingDocument", (1,)),
    ("delivery", b"\x00" * 32, "MissingDocument", (2,)),
], ids=["zero-amount", "amount-96", "alliance-32", "invoice", "order", "delivery"])
def test_bad_fields(trades, recorder, args, views, field, value, error, err_args):
    args[field] = value
    with refused(error, *err_args, views=views):
        call(trades, args, recorder)


def test_currency_not_a_contract(trades, recorder, args, views, rando):
    args["currency"] = rando
    with refused("InvalidCurrency", rando, views=views):
        call(trades, args, recorder)


def test_self_trade(trades, recorder, args, views, core):
    args["seller"] = core
    with refused("SelfTrade", core, views=views):
        call(trades, args, recorder)


def test_invoice_already_used(trades, recorder, args, views):
    first = call(trades, args, recorder).return_value
    with refused("InvoiceAlreadyUsed", args["invoice"], first, views=views):
        call(trades, args, recorder)


def test_seller_not_member(trades, recorder, args, views, outsider, alliance):
    args["seller"] = outsider
    with refused("SellerNotMember", alliance, outsider, views=views):
        call(trades, args, recorder)


def test_buyer_not_obligor(trades, recorder, args, views, supplier2, alliance):
    args["buyer"] = supplier2
    with refused("BuyerNotObligor", alliance, supplier2, views=views):
        call(trades, args, recorder)
