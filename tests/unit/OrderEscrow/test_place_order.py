"""placeOrder: happy paths (credit, cash) and one test per refusal; a refused order changes nothing."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import CASH, CREDIT, MAX_UINT, ZERO, OrderStatus, give

from scf.onboarding import doc_hash
from scf.units import DAY, to_base

AMOUNT = to_base(100_000)


@pytest.fixture
def args(alliance, supplier1, cash):
    """placeOrder arguments for a valid 100,000 credit order; tests change one."""
    return dict(allianceId=alliance, supplier=supplier1, currency=cash, amount=AMOUNT,
                deadline=chain.time() + 30 * DAY, term=60, credit=CREDIT, orderHash=doc_hash("PO-1"))


def call(escrow, a, sender):
    return escrow.placeOrder(a["allianceId"], a["supplier"], a["currency"], a["amount"], a["deadline"], a["term"],
                             a["credit"], a["orderHash"], {"from": sender})


@pytest.fixture
def views(escrow, cash, core):
    return (escrow.orderCount, lambda: cash.balanceOf(core), lambda: cash.balanceOf(escrow),
            lambda: escrow.orderOfHash(doc_hash("PO-1")))


def test_credit_order_is_recorded_without_moving_cash(escrow, cash, core, supplier1, alliance, args, funded):
    before = cash.balanceOf(core)
    tx = call(escrow, args, core)
    order_id = tx.return_value
    o = escrow.orderInfo(order_id)
    assert (o["buyer"], o["supplier"], o["amount"], o["credit"], o["status"]) == (core, supplier1, AMOUNT, True,
                                                                                 OrderStatus.PLACED)
    assert (o["deadline"], o["paymentTermDays"], o["allianceId"]) == (args["deadline"], 60, alliance)
    assert escrow.orderOfHash(args["orderHash"]) == order_id
    assert cash.balanceOf(core) == before and cash.balanceOf(escrow) == 0
    assert tx.events["OrderPlaced"]["credit"] is True


def test_cash_order_escrows_the_amount(escrow, cash, core, args, funded):
    args.update(credit=CASH, term=0)
    before = cash.balanceOf(core)
    order_id = call(escrow, args, core).return_value
    assert cash.balanceOf(escrow) == AMOUNT
    assert cash.balanceOf(core) == before - AMOUNT
    assert escrow.orderInfo(order_id)["credit"] is False


def test_zero_amount(escrow, core, args, views, funded):
    args["amount"] = 0
    with refused("ZeroAmount", views=views):
        call(escrow, args, core)


def test_amount_too_large(escrow, core, args, views, funded):
    args["amount"] = 2**96
    with refused("AmountTooLarge", 2**96, views=views):
        call(escrow, args, core)


def test_zero_order_hash(escrow, core, args, views, funded):
    args["orderHash"] = b"\x00" * 32
    with refused("ZeroDocument", views=views):
        call(escrow, args, core)


@pytest.mark.parametrize("offset", [-3600, 365 * DAY + 3600], ids=["past", "beyond-a-year"])
def test_deadline_out_of_range(escrow, core, args, views, funded, offset):
    args["deadline"] = chain.time() + offset
    with refused("DeadlineOutOfRange", views=views):
        call(escrow, args, core)


@pytest.mark.parametrize("credit,term,bounds", [(CREDIT, 0, (1, 365)), (CREDIT, 366, (1, 365)), (CASH, 30, (0, 0))],
                         ids=["credit-0", "credit-366", "cash-30"])
def test_payment_term_out_of_range(escrow, core, args, views, funded, credit, term, bounds):
    args.update(credit=credit, term=term)
    with refused("PaymentTermOutOfRange", term, *bounds, views=views):
        call(escrow, args, core)


def test_currency_not_a_contract(escrow, core, args, views, funded, rando):
    args["currency"] = rando
    with refused("CurrencyNotAllowed", rando, views=views):
        call(escrow, args, core)


def test_regression_credit_order_in_a_currency_the_operator_never_approved(escrow, trades, core, args, views,
                                                                          funded, operator, FeeOnTransferToken):
    """issue 10 item 6: a credit order in a token the operator never approved (here
    fee-on-transfer) used to be placed and became a confirmed receivable on acceptance."""
    fot = FeeOnTransferToken.deploy({"from": operator})
    args["currency"] = fot
    with refused("CurrencyNotAllowed", fot, views=views):
        call(escrow, args, core)
    assert not trades.currencyAllowed(fot)


def test_cash_order_in_a_currency_the_operator_never_approved(escrow, core, args, views, funded, operator,
                                                              SettlementToken):
    """Escrowed cash too stays in approved currencies (a plain ERC-20 here: the list, not the
    transfer check, refuses it)."""
    other = SettlementToken.deploy("Other", "OTH", operator, {"from": operator})
    other.mint(core, AMOUNT, {"from": operator})
    other.approve(escrow, MAX_UINT, {"from": core})
    args.update(currency=other, credit=CASH, term=0)
    with refused("CurrencyNotAllowed", other, views=views + (lambda: other.balanceOf(core),)):
        call(escrow, args, core)


def test_currency_withdrawn_by_the_operator(escrow, trades, core, args, views, funded, operator, cash):
    trades.setCurrencyAllowed(cash, False, {"from": operator})
    with refused("CurrencyNotAllowed", cash, views=views):
        call(escrow, args, core)


def test_self_order(escrow, core, args, views, funded):
    args["supplier"] = core
    with refused("SelfOrder", core, views=views):
        call(escrow, args, core)


def test_order_hash_already_used(escrow, core, args, views, funded):
    first = call(escrow, args, core).return_value
    with refused("OrderHashUsed", args["orderHash"], first, views=views):
        call(escrow, args, core)


def test_buyer_not_core(escrow, supplier2, args, views, alliance):
    with refused("BuyerNotCore", alliance, supplier2, views=views):
        call(escrow, args, supplier2)


@pytest.mark.parametrize("who", ["outsider", "bank_a"])
def test_supplier_not_member(escrow, core, args, views, funded, alliance, actors, who):
    args["supplier"] = actors[who]
    with refused("SupplierNotMember", alliance, actors[who], views=views):
        call(escrow, args, core)


def test_cash_order_needs_allowance(escrow, cash, core, args, views, funded):
    cash.approve(escrow, 0, {"from": core})
    args.update(credit=CASH, term=0)
    with refused("ERC20InsufficientAllowance", escrow, 0, AMOUNT, views=views):
        call(escrow, args, core)


def test_fee_on_transfer_currency_refused(escrow, trades, core, args, funded, FeeTakingCash, operator):
    """Even a fee-taking token the operator approved by mistake cannot be escrowed."""
    fee_cash = FeeTakingCash.deploy({"from": operator})
    trades.setCurrencyAllowed(fee_cash, True, {"from": operator})
    fee_cash.mint(core, AMOUNT, {"from": operator})
    fee_cash.approve(escrow, MAX_UINT, {"from": core})
    args.update(credit=CASH, term=0, currency=fee_cash)
    with refused("UnsupportedCurrency", fee_cash, AMOUNT, AMOUNT - AMOUNT // 100,
                 views=(escrow.orderCount, lambda: fee_cash.balanceOf(core))):
        call(escrow, args, core)


def test_reentrant_currency_cannot_reenter(escrow, trades, core, args, funded, ReenteringCash, operator):
    bad = ReenteringCash.deploy({"from": operator})
    trades.setCurrencyAllowed(bad, True, {"from": operator})
    give(bad, operator, core, 1_000_000, escrow)
    args.update(credit=CASH, term=0, currency=bad)
    bad.arm(escrow, escrow.cancel.encode_input(1), {"from": operator})
    with refused("ReentrancyGuardReentrantCall", views=(escrow.orderCount, lambda: bad.balanceOf(escrow))):
        call(escrow, args, core)
    assert bad.target() != ZERO  # still armed: the whole transaction was undone
