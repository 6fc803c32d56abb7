"""Recourse: on a defaulted root the holder of a piece carrying a right of recourse (the piece
bought with recourse, whoever holds it now) calls the seller for its share of
min(price + interest at the sale's rate, value sold) minus what the piece already collected;
the seller (or anyone for it) pays the holder and gets the piece back, and then collects
whatever the obligor still pays."""

import pytest
from brownie import chain
from helpers import refused, reverts
from settlement_helpers import CURRENT, DEFAULTED, OVERDUE, at, travel_to

from scf import pricing
from scf.units import DAY, to_base

SOLD = to_base(400_000)  # bank_b buys this much of supplier1's root


def owed(sale, at_time: int, value: int, collected: int) -> int:
    """What recourse on a piece of ``value`` costs the seller, computed independently from
    scf.pricing: the piece's pro-rata share of min(price + interest, value sold)."""
    seller, sold_at, rate, recourse, financier, price, amount = sale
    assert recourse
    total = min(price + pricing.interest(price, rate, sold_at, at_time), amount) * value // amount
    return max(total - collected, 0)


@pytest.fixture
def sold(sell, root, bank_b, funded):
    """400,000 of the root sold by supplier1 to bank_b with recourse at 6 %, on-chain offer."""
    piece, tx = sell(root, bank_b, 600, True, amount=SOLD)
    return piece


def test_sale_with_recourse_is_recorded(market, sold, supplier1, bank_b, receivables):
    seller, sold_at, rate, recourse, financier, price, amount = market.saleOf(sold)
    assert (seller, rate, recourse, financier, amount) == (supplier1, 600, True, bank_b, SOLD)
    assert receivables.recourseSaleOf(sold) == sold and market.saleById(sold) == market.saleOf(sold)
    maturity = receivables.rootState(receivables.pieceInfo(sold)[1])[0]
    assert price == pricing.price(SOLD, 600, maturity, sold_at)
    assert receivables.ownerOf(sold) == bank_b and receivables.pieceInfo(sold)[0] == SOLD


@pytest.mark.parametrize("signed", [False, True], ids=["posted offer", "signed offer"])
@pytest.mark.parametrize("rate,days", [(600, 120), (10_000, 300)], ids=["capped at value", "price+interest"])
def test_call_recourse_amount(settlement, market, receivables, sell, make_root, bank_a, supplier1, operator,
                              default_root, funded, signed, rate, days):
    root = make_root(days=days)
    piece, _ = sell(root, bank_a, rate, True, amount=SOLD, signed=signed)
    sale = market.saleOf(piece)
    default_root(root)

    tx = settlement.callRecourse(piece, {"from": bank_a})

    expected = owed(sale, tx.timestamp, SOLD, 0)
    capped = sale[5] + pricing.interest(sale[5], rate, sale[1], tx.timestamp) >= SOLD
    assert capped == (rate == 600)  # both branches of the min() are exercised
    assert tx.return_value == expected
    ev = tx.events["RecourseCalled"]
    assert (ev["pieceId"], ev["financier"], ev["seller"], ev["amount"]) == (piece, bank_a, supplier1, expected)
    assert settlement.recourseOf(piece) == (supplier1, expected, bank_a, tx.timestamp, False, 0)


def test_call_deducts_what_the_piece_already_collected(settlement, receivables, market, cash, root, sold, core, bank_b,
                                                      default_root, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, face_value * 3 // 10, {"from": core})
    collected = settlement.claim(sold, {"from": bank_b}).return_value
    assert collected == SOLD * 3 // 10
    default_root(root)
    tx = settlement.callRecourse(sold, {"from": bank_b})
    assert tx.return_value == owed(market.saleOf(sold), tx.timestamp, SOLD, collected)
    assert tx.return_value == SOLD - collected  # capped at value at 6 %


def test_pay_recourse_moves_cash_to_financier_and_piece_to_seller(settlement, receivables, cash, root, sold,
                                                                  supplier1, bank_b, default_root, funded):
    default_root(root)
    amount = settlement.callRecourse(sold, {"from": bank_b}).return_value
    s1, b = cash.balanceOf(supplier1), cash.balanceOf(bank_b)

    tx = settlement.payRecourse(sold, {"from": supplier1})

    ev = tx.events["RecourseSettled"]
    assert (ev["pieceId"], ev["seller"], ev["financier"], ev["amount"]) == (sold, supplier1, bank_b, amount)
    assert cash.balanceOf(supplier1) == s1 - amount
    assert cash.balanceOf(bank_b) == b + amount
    assert receivables.ownerOf(sold) == supplier1
    assert settlement.recourseOf(sold)[4] is True
    assert cash.balanceOf(settlement) == 0


def test_later_repayment_is_claimed_by_the_seller(settlement, receivables, cash, root, sold, core, supplier1, bank_b,
                                                  default_root, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, face_value // 4, {"from": core})
    first = settlement.claim(sold, {"from": bank_b}).return_value
    default_root(root)
    settlement.callRecourse(sold, {"from": bank_b})
    settlement.payRecourse(sold, {"from": supplier1})
    settlement.repay(root, face_value - face_value // 4, {"from": core})
    s1, b = cash.balanceOf(supplier1), cash.balanceOf(bank_b)
    tx = settlement.claim(sold, {"from": bank_b})  # anyone triggers; the holder is now supplier1
    assert tx.events["Claimed"]["holder"] == supplier1
    assert cash.balanceOf(supplier1) - s1 == SOLD - first
    assert cash.balanceOf(bank_b) == b


def test_anyone_may_pay_recourse_for_the_seller(settlement, receivables, cash, operator, root, sold, rando,
                                                supplier1, bank_b, default_root, funded):
    default_root(root)
    amount = settlement.callRecourse(sold, {"from": bank_b}).return_value
    cash.mint(rando, amount, {"from": operator})
    s1 = cash.balanceOf(supplier1)
    settlement.payRecourse(sold, {"from": rando})
    assert cash.balanceOf(rando) == 0
    assert cash.balanceOf(supplier1) == s1
    assert receivables.ownerOf(sold) == supplier1  # the piece goes to the seller, not the payer


def test_claims_between_call_and_payment_reduce_what_the_seller_pays(settlement, market, cash, root, sold, core,
                                                                     rando, supplier1, bank_b, default_root,
                                                                     face_value, funded):
    """The obligor pays part after the call; anyone triggers the piece's claim, paying the
    financier while it still holds the piece. The seller must then owe that much less:
    the financier ends with exactly what the call said it was owed, not more."""
    default_root(root)
    call = settlement.callRecourse(sold, {"from": bank_b})
    called = call.return_value
    b0 = cash.balanceOf(bank_b)
    settlement.repay(root, face_value * 3 // 10, {"from": core})
    collected = settlement.claim(sold, {"from": rando}).return_value
    assert collected == SOLD * 3 // 10

    s1 = cash.balanceOf(supplier1)
    tx = settlement.payRecourse(sold, {"from": supplier1})

    assert tx.events["RecourseSettled"]["amount"] == called - collected
    assert cash.balanceOf(supplier1) == s1 - (called - collected)
    assert cash.balanceOf(bank_b) - b0 == called  # claims + recourse == what was called
    assert settlement.recourseOf(sold)[1] == called - collected
    # the seller then collects the rest of the piece
    settlement.repay(root, face_value - face_value * 3 // 10, {"from": core})
    assert settlement.claim(sold, {"from": rando}).events["Claimed"]["holder"] == supplier1


# ---------------------------------------------------------------- refusals


def test_no_recourse_when_sold_without_recourse(settlement, sell, root, bank_a, default_root, funded):
    piece, _ = sell(root, bank_a, 600, False, amount=SOLD, signed=True)
    default_root(root)
    with refused("NoRecourse", piece, views=(lambda: settlement.recourseOf(piece),)):
        settlement.callRecourse(piece, {"from": bank_a})
    assert settlement.recourseAmount(piece, chain.time()) == 0


def test_no_recourse_on_a_piece_never_sold(settlement, pieces, root, default_root, supplier2, funded):
    default_root(root)
    with reverts("NoRecourse", pieces[1].piece):
        settlement.callRecourse(pieces[1].piece, {"from": supplier2})


def test_recourse_called_only_once(settlement, root, sold, bank_b, supplier1, default_root):
    default_root(root)
    first = settlement.callRecourse(sold, {"from": bank_b})
    with refused("NoRecourse", sold, views=(lambda: settlement.recourseOf(sold),)):
        settlement.callRecourse(sold, {"from": bank_b})
    settlement.payRecourse(sold, {"from": supplier1})
    with reverts("NoRecourse", sold):
        settlement.callRecourse(sold, {"from": bank_b})
    assert settlement.recourseOf(sold)[3] == first.timestamp


@pytest.mark.parametrize("caller", ["bank_a", "supplier1", "rando"])
def test_only_the_recourse_financier_may_call(settlement, root, sold, default_root, caller, request):
    account = request.getfixturevalue(caller)
    default_root(root)
    with refused("NotRecourseFinancier", sold, account, views=(lambda: settlement.recourseOf(sold),)):
        settlement.callRecourse(sold, {"from": account})


def test_regression_recourse_travels_with_the_piece(settlement, receivables, cash, root, sold, bank_a, bank_b,
                                                    supplier1, default_root):
    """issue 10 item 11: the right of recourse follows the piece to a later holder (here a
    financier that bought it on without recourse): the former holder can no longer call it,
    the new holder can, and the seller's payment goes to the new holder."""
    receivables.transferFrom(bank_b, bank_a, sold, {"from": bank_b})
    assert receivables.recourseSaleOf(sold) == sold
    default_root(root)
    with reverts("NotRecourseFinancier", sold, bank_b):
        settlement.callRecourse(sold, {"from": bank_b})
    amount = settlement.callRecourse(sold, {"from": bank_a}).return_value
    assert amount > 0
    a0, b0 = cash.balanceOf(bank_a), cash.balanceOf(bank_b)
    settlement.payRecourse(sold, {"from": supplier1})
    assert cash.balanceOf(bank_a) - a0 == amount and cash.balanceOf(bank_b) == b0
    assert receivables.ownerOf(sold) == supplier1 and receivables.recourseSaleOf(sold) == 0


def test_recourse_needs_a_defaulted_root(settlement, receivables, root, sold, bank_b, grace, rando):
    views = (lambda: settlement.recourseOf(sold),)
    with refused("WrongRootStatus", root, CURRENT, DEFAULTED, views=views):
        settlement.callRecourse(sold, {"from": bank_b})
    at(receivables.rootState(root)[0] + grace + 1)
    settlement.markOverdue(root, {"from": rando})
    with refused("WrongRootStatus", root, OVERDUE, DEFAULTED, views=views):
        settlement.callRecourse(sold, {"from": bank_b})


def test_nothing_due_when_partial_repayments_covered_it(settlement, receivables, market, sell, make_root, core, bank_b,
                                                        default_root, face_value, funded):
    # at 100 % a year on a 300-day receivable, price + interest stays below the value
    root = make_root(days=300)
    piece, _ = sell(root, bank_b, 10_000, True, amount=SOLD)
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, face_value * 96 // 100, {"from": core})
    collected = settlement.claim(piece, {"from": bank_b}).return_value
    default_root(root)
    sale = market.saleOf(piece)
    assert owed(sale, chain.time() + 1, SOLD, 0) < collected < SOLD
    with refused("NothingDue", piece, views=(lambda: settlement.recourseOf(piece),)):
        settlement.callRecourse(piece, {"from": bank_b})


def test_pay_recourse_refused_when_nothing_was_called(settlement, root, sold, supplier1, default_root):
    default_root(root)
    with refused("RecourseNotOpen", sold, views=(lambda: settlement.recourseOf(sold),)):
        settlement.payRecourse(sold, {"from": supplier1})


def test_pay_recourse_twice_refused(settlement, cash, root, sold, supplier1, bank_b, default_root):
    default_root(root)
    settlement.callRecourse(sold, {"from": bank_b})
    settlement.payRecourse(sold, {"from": supplier1})
    with refused("RecourseNotOpen", sold, views=(lambda: settlement.recourseOf(sold),
                                                 lambda: cash.balanceOf(supplier1))):
        settlement.payRecourse(sold, {"from": supplier1})


def test_unpaid_recourse_leaves_everything_in_place(settlement, receivables, cash, root, sold, supplier1, bank_b,
                                                    default_root):
    default_root(root)
    amount = settlement.callRecourse(sold, {"from": bank_b}).return_value
    cash.approve(settlement, amount - 1, {"from": supplier1})
    views = (lambda: settlement.recourseOf(sold), lambda: receivables.ownerOf(sold),
             lambda: cash.balanceOf(bank_b), lambda: cash.balanceOf(supplier1))
    with refused("ERC20InsufficientAllowance", settlement, amount - 1, amount, views=views):
        settlement.payRecourse(sold, {"from": supplier1})
    assert settlement.recourseOf(sold)[4] is False


def test_regression_a_late_payment_costs_the_seller_interest(settlement, market, receivables, cash, sell, make_root,
                                                            bank_a, supplier1, default_root, funded):
    """issue 10 follow-up: the recourse amount stopped growing at the call, so a seller that let
    the call wait paid the price of the call's date. Interest now runs at the sale's rate until
    the seller pays (capped at the value sold): the holder gets the formula at the payment."""
    root = make_root(days=300)
    piece, _ = sell(root, bank_a, 10_000, True, amount=SOLD)  # 100 % a year: far from the cap
    sale = market.saleOf(piece)
    default_root(root)
    called = settlement.callRecourse(piece, {"from": bank_a})
    assert called.return_value == owed(sale, called.timestamp, SOLD, 0)
    paid_at = called.timestamp + 30 * DAY
    b0, s0 = cash.balanceOf(bank_a), cash.balanceOf(supplier1)

    at(paid_at)
    tx = settlement.payRecourse(piece, {"from": supplier1})

    due = owed(sale, paid_at, SOLD, 0)
    assert due > called.return_value and due < SOLD  # 30 days of interest more, still below the cap
    assert tx.events["RecourseSettled"]["amount"] == due == settlement.recourseOf(piece)[1]
    assert cash.balanceOf(bank_a) - b0 == due and s0 - cash.balanceOf(supplier1) == due
    assert receivables.ownerOf(piece) == supplier1
