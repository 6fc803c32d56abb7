"""recordAuditedTrade: an auditing contract (AUDITING_CONTRACT_ROLE) records a trade already
verified, with itself as auditor and its invoice key in its own namespace; same rules and custom
errors as submitTrade, except that the currency must have been approved at some time."""

import pytest
from brownie import FeeOnTransferToken, SettlementToken, chain
from helpers import refused
from loop_helpers import ZERO, hx

from scf.enums import TradeStatus
from scf.onboarding import doc_hash
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
def views(trades, recorder, core):
    return (trades.tradeCount, lambda: trades.tradeOfInvoice(recorder, core, doc_hash("derived invoice")))


def confirm(receivables, trade_id, core):
    return receivables.confirm(trade_id, AMOUNT, chain.time() + 86_400 * 30, {"from": core}).return_value


def test_records_a_verified_trade(trades, recorder, args, supplier1, core, cash, alliance):
    tx = call(trades, args, recorder)
    trade_id = tx.return_value
    t = trades.tradeInfo(trade_id)
    assert (t["seller"], t["status"], t["allianceId"], t["buyer"], t["amount"], t["currency"], t["auditor"],
            t["invoiceHash"], t["orderHash"], t["deliveryHash"], t["rootId"]) == (
        supplier1, TradeStatus.VERIFIED, alliance, core, AMOUNT, cash, recorder, hx(args["invoice"]),
        hx(args["order"]), hx(args["delivery"]), 0)
    assert t["recorded"] is True
    assert trades.tradeOfInvoice(recorder, core, args["invoice"]) == 0  # bound on confirmation
    assert tx.events["TradeSubmitted"]["seller"] == supplier1
    assert tx.events["TradeVerified"].values() == [trade_id, recorder]


def test_the_recorded_trade_can_be_confirmed_by_its_obligor(trades, receivables, recorder, args, core, supplier1):
    trade_id = call(trades, args, recorder).return_value
    root = confirm(receivables, trade_id, core)
    assert receivables.ownerOf(root) == supplier1
    # the invoice is bound in the recorder's namespace only
    assert trades.tradeOfInvoice(recorder, core, args["invoice"]) == trade_id
    assert trades.tradeOfInvoice(ZERO, core, args["invoice"]) == 0
    assert trades.invoiceKey(recorder, core, args["invoice"]) != trades.invoiceKey(ZERO, core, args["invoice"])


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
    with refused("CurrencyNotAllowed", rando, views=views):
        call(trades, args, recorder)


def test_regression_never_approved_currency_is_refused(trades, receivables, recorder, args, views, operator, core):
    """issue 10 item 6: a fee-on-transfer token the operator never approved used to become a
    verified trade (and, confirmed, a receivable) through an auditing contract."""
    fot = FeeOnTransferToken.deploy({"from": operator})
    args["currency"] = fot
    with refused("CurrencyNotAllowed", fot, views=views + (receivables.lastPieceId,)):
        call(trades, args, recorder)
    assert not trades.currencyEverAllowed(fot)


def test_currency_withdrawn_after_approval_still_records(trades, recorder, args, operator, core):
    """Payables committed while the currency was approved (an open credit order) can still be
    recorded after the operator withdraws it; a plain submission in it is refused."""
    other = SettlementToken.deploy("Other", "OTH", operator, {"from": operator})
    trades.setCurrencyAllowed(other, True, {"from": operator})
    trades.setCurrencyAllowed(other, False, {"from": operator})
    assert (trades.currencyAllowed(other), trades.currencyEverAllowed(other)) == (False, True)
    args["currency"] = other
    trade_id = call(trades, args, recorder).return_value
    assert trades.tradeInfo(trade_id)["currency"] == other


def test_self_trade(trades, recorder, args, views, core):
    args["seller"] = core
    with refused("SelfTrade", core, views=views):
        call(trades, args, recorder)


def test_invoice_already_used(trades, receivables, recorder, args, views, core):
    first = call(trades, args, recorder).return_value
    confirm(receivables, first, core)
    with refused("InvoiceAlreadyUsed", args["invoice"], first, views=views):
        call(trades, args, recorder)


def test_a_second_record_of_a_confirmed_invoice_cannot_be_confirmed(trades, receivables, recorder, args, core):
    """Two records of one invoice (never made by the escrow: one order, one record): the first
    confirmed wins, the other can never become a receivable."""
    first = call(trades, args, recorder).return_value
    second = call(trades, args, recorder).return_value
    confirm(receivables, first, core)
    with refused("InvoiceAlreadyUsed", args["invoice"], first,
                 views=(lambda: trades.tradeInfo(second), receivables.lastPieceId)):
        confirm(receivables, second, core)


def test_seller_not_member(trades, recorder, args, views, outsider, alliance):
    args["seller"] = outsider
    with refused("SellerNotMember", alliance, outsider, views=views):
        call(trades, args, recorder)


def test_regression_a_suspended_seller_still_gets_its_delivered_trade(trades, registry, recorder, args, core,
                                                                      supplier1, alliance):
    """issue 10 item 3 (a delivered credit order can always be settled): the goods are
    delivered, so suspending the supplier must not stop the auditing contract from recording its
    trade (the obligor would cancel its own debt)."""
    registry.suspend(alliance, supplier1, {"from": core})
    trade_id = call(trades, args, recorder).return_value
    assert trades.tradeInfo(trade_id)["seller"] == supplier1


def test_a_suspended_member_without_a_selling_role_is_no_seller(trades, registry, recorder, args, views, core,
                                                                bank_a, alliance):
    registry.suspend(alliance, bank_a, {"from": core})
    args["seller"] = bank_a
    with refused("SellerNotMember", alliance, bank_a, views=views):
        call(trades, args, recorder)


def test_a_seller_that_left_is_no_seller(trades, registry, recorder, args, views, supplier2, alliance):
    registry.leave(alliance, {"from": supplier2})
    args["seller"] = supplier2
    with refused("SellerNotMember", alliance, supplier2, views=views):
        call(trades, args, recorder)


def test_buyer_not_obligor(trades, recorder, args, views, supplier2, alliance):
    args["buyer"] = supplier2
    with refused("BuyerNotObligor", alliance, supplier2, views=views):
        call(trades, args, recorder)
