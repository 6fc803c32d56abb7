"""Repayment: before maturity by the obligor only and in full; from maturity by anyone, in one or
several payments up to the face value; O(1) in the number of pieces; the first payment freezes
the root; refusals leave everything as it was."""

import pytest
from brownie import chain
from helpers import refused, reverts
from settlement_helpers import CURRENT, at, travel_to

from scf.units import DAY, to_base


@pytest.fixture
def views(settlement, receivables, cash, root, core):
    """What a refused repayment must not change."""
    return (
        lambda: settlement.accountOf(root),
        lambda: settlement.currencyOf(root),
        lambda: receivables.rootState(root),
        lambda: cash.balanceOf(core),
        lambda: cash.balanceOf(settlement),
    )


def test_repay_in_one_payment(settlement, receivables, cash, root, core, face_value, funded):
    core_before = cash.balanceOf(core)
    tx = settlement.repay(root, face_value, {"from": core})

    assert tx.events["Repaid"][0]["rootId"] == root
    assert tx.events["Repaid"][0]["payer"] == core
    assert tx.events["Repaid"][0]["amount"] == face_value
    assert tx.events["Repaid"][0]["totalRepaid"] == face_value
    assert cash.balanceOf(core) == core_before - face_value
    assert cash.balanceOf(settlement) == face_value
    repaid, claimed, marked_at, status = settlement.accountOf(root)
    assert (repaid, claimed, marked_at, status) == (face_value, 0, 0, CURRENT)
    assert settlement.statusOf(root) == (CURRENT, True, 0)
    assert settlement.currencyOf(root) == cash


def test_repay_in_several_payments(settlement, receivables, cash, root, core, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    payments = [to_base("100000.5"), to_base(250_000), 1, face_value - to_base("350000.5") - 1]
    assert sum(payments) == face_value
    total = 0
    for amount in payments:
        tx = settlement.repay(root, amount, {"from": core})
        total += amount
        assert tx.events["Repaid"]["amount"] == amount
        assert tx.events["Repaid"]["totalRepaid"] == total
        assert settlement.accountOf(root)[0] == total
        assert settlement.statusOf(root) == (CURRENT, total == face_value, face_value - total)
    assert cash.balanceOf(settlement) == face_value


def test_repayment_gas_does_not_depend_on_pieces(settlement, receivables, make_root, root, core, supplier1,
                                                 supplier2, supplier3, bank_a, bank_b, face_value, funded):
    # root: 20 pieces among five members; single: one piece (both mature on the same day)
    recipients = [supplier2, supplier3, bank_a, bank_b, supplier1] * 4
    recipients = recipients[:19]
    receivables.split(root, recipients, [face_value // 20] * 19, {"from": supplier1})
    assert receivables.lastPieceId() >= root + 19
    single = make_root(face_value)
    warm_up = make_root(face_value)
    travel_to(max(receivables.rootState(r)[0] for r in (root, single, warm_up)))  # part-payments from maturity
    # warm-up on a third root: the settlement's cash balance is no longer zero for either measure
    settlement.repay(warm_up, 1, {"from": core})

    first_1 = settlement.repay(single, to_base(1000), {"from": core}).gas_used
    first_20 = settlement.repay(root, to_base(1000), {"from": core}).gas_used
    next_1 = settlement.repay(single, to_base(2000), {"from": core}).gas_used
    next_20 = settlement.repay(root, to_base(2000), {"from": core}).gas_used

    assert abs(first_20 - first_1) <= first_1 * 0.02, (first_1, first_20)
    assert abs(next_20 - next_1) <= next_1 * 0.02, (next_1, next_20)
    # and a repayment is cheap in absolute terms (no loop over pieces)
    assert first_20 < 150_000 and next_20 < 80_000


def test_first_repayment_freezes_the_root(settlement, receivables, market, pieces, core, supplier1, supplier2,
                                          bank_a, face_value, funded):
    root, child = pieces[0].piece, pieces[1].piece
    maturity = receivables.rootState(root)[0]
    assert not receivables.rootState(root)[2]
    # before any repayment the pieces move freely
    receivables.transferFrom(supplier2, bank_a, child, {"from": supplier2})
    receivables.transferFrom(bank_a, supplier2, child, {"from": bank_a})

    tx = settlement.repay(root, face_value, {"from": core})  # early: only in full

    assert tx.events["RootFrozen"]["rootId"] == root
    assert tx.events["RootFrozen"]["by"] == settlement
    assert receivables.rootState(root)[2]
    with refused("RootIsFrozen", root, views=(lambda: receivables.ownerOf(root),)):
        receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    with refused("RootIsFrozen", root, views=(lambda: receivables.pieceInfo(child),)):
        receivables.splitOff(child, bank_a, 1, {"from": supplier2})
    with reverts("RootIsFrozen", root):
        receivables.merge([root, root + 100], {"from": supplier1})
    with reverts("PieceNotTradable", child, maturity, True):
        market.postOffer(child, 1000, 100, market.feeBps(), False, chain.time() + DAY, {"from": bank_a})


def test_first_repayment_from_maturity_freezes_the_root_once(settlement, receivables, root, core, funded):
    travel_to(receivables.rootState(root)[0])
    tx = settlement.repay(root, to_base(10), {"from": core})
    assert tx.events["RootFrozen"]["rootId"] == root and receivables.rootState(root)[2]
    # the second repayment does not freeze again
    assert "RootFrozen" not in settlement.repay(root, to_base(10), {"from": core}).events


def test_regression_obligor_cannot_freeze_its_receivable_with_a_part_payment(
        settlement, market, receivables, cash, pieces, core, supplier1, supplier2, bank_a, face_value, funded, views):
    """issue 10 follow-up: before maturity the obligor's first payment, even of 1 base unit,
    froze the root: no split, transfer, offer or pool inclusion until maturity, so the obligor
    could end its creditors' means of payment early. A part-payment before maturity is now
    refused (nothing changes) and the pieces keep circulating; a payment in full is accepted."""
    root, child = pieces[0].piece, pieces[1].piece
    offer = market.postOffer(child, to_base(1000), 500, market.feeBps(), False, chain.time() + 3 * DAY,
                             {"from": bank_a}).return_value
    for offered in (1, face_value - 1):
        with refused("EarlyRepaymentMustBeInFull", root, face_value, offered, views=views):
            settlement.repay(root, offered, {"from": core})
    assert receivables.rootState(root)[2] is False
    # the pieces still move, split and sell
    receivables.transferFrom(supplier1, bank_a, root, {"from": supplier1})
    receivables.splitOff(child, supplier1, 1, {"from": supplier2})
    sold = market.acceptOffer(offer, 0, {"from": supplier2}).events["PieceFinanced"]
    assert sold["financier"] == bank_a and receivables.ownerOf(sold["boughtPieceId"]) == bank_a
    # and the obligor may still pay everything early: then every piece is paid in full
    settlement.repay(root, face_value, {"from": core})
    assert settlement.statusOf(root) == (CURRENT, True, 0) and receivables.rootState(root)[2]


def test_early_repayment_before_maturity(settlement, receivables, pieces, core, supplier2, face_value, funded, cash):
    maturity = receivables.rootState(pieces[0].piece)[0]
    tx = settlement.repay(pieces[0].piece, face_value, {"from": core})
    assert tx.timestamp < maturity - 100 * DAY
    assert settlement.statusOf(pieces[0].piece)[1]
    # and holders can collect at once
    before = cash.balanceOf(supplier2)
    settlement.claim(pieces[1].piece, {"from": supplier2})
    assert cash.balanceOf(supplier2) - before == pieces[1].value


def test_regression_outsider_cannot_freeze_before_maturity(settlement, market, receivables, cash, root, core,
                                                           rando, bank_a, supplier1, operator, funded, views):
    """issue 10 item 2: before maturity an outsider's 1-unit repayment used to freeze the root
    (and front-run a pending acceptance); now it is refused and the piece keeps circulating."""
    cash.mint(rando, 1, {"from": operator})
    cash.approve(settlement, 1, {"from": rando})
    maturity = receivables.rootState(root)[0]
    offer = market.postOffer(root, to_base(1000), 500, market.feeBps(), False, chain.time() + DAY,
                             {"from": bank_a}).return_value
    with refused("EarlyRepaymentByOthers", root, rando, maturity, views=views):
        settlement.repay(root, 1, {"from": rando})
    assert receivables.rootState(root)[2] is False
    market.acceptOffer(offer, 0, {"from": supplier1})  # the honest acceptance still lands


def test_anyone_may_repay_for_the_obligor_from_maturity(settlement, receivables, cash, root, core, rando,
                                                        operator, face_value, funded):
    cash.mint(rando, to_base(400_000), {"from": operator})
    core_before = cash.balanceOf(core)
    at(receivables.rootState(root)[0])
    tx = settlement.repay(root, to_base(400_000), {"from": rando})
    assert tx.events["Repaid"]["payer"] == rando
    assert cash.balanceOf(rando) == 0
    assert cash.balanceOf(core) == core_before
    # the core pays the rest
    settlement.repay(root, face_value - to_base(400_000), {"from": core})
    assert settlement.statusOf(root) == (CURRENT, True, 0)


def test_zero_amount_refused(settlement, root, core, funded, views):
    with refused("ZeroAmount", views=views):
        settlement.repay(root, 0, {"from": core})


@pytest.mark.parametrize("unknown", ["never issued", "a child piece", "zero"])
def test_unknown_root_refused(settlement, pieces, core, funded, views, unknown, receivables):
    rid = {"never issued": receivables.lastPieceId() + 1, "a child piece": pieces[1].piece, "zero": 0}[unknown]
    with refused("UnknownRoot", rid, views=views):
        settlement.repay(rid, 1, {"from": core})


def test_repayment_over_face_value_refused(settlement, root, core, face_value, funded, views):
    with refused("RepaymentExceedsOutstanding", face_value + 1, face_value, views=views):
        settlement.repay(root, face_value + 1, {"from": core})


def test_repayment_over_the_remainder_refused(settlement, receivables, root, core, face_value, funded, views):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    first = to_base("600000.000001")
    settlement.repay(root, first, {"from": core})
    rest = face_value - first
    with refused("RepaymentExceedsOutstanding", rest + 1, rest, views=views):
        settlement.repay(root, rest + 1, {"from": core})
    settlement.repay(root, rest, {"from": core})
    with refused("RepaymentExceedsOutstanding", 1, 0, views=views):
        settlement.repay(root, 1, {"from": core})


def test_insufficient_allowance_refused(settlement, receivables, cash, root, core, face_value, funded, views):
    cash.approve(settlement, face_value - 1, {"from": core})
    with refused("ERC20InsufficientAllowance", settlement, face_value - 1, face_value, views=views):
        settlement.repay(root, face_value, {"from": core})
    # in particular the root is still not frozen
    assert not receivables.rootState(root)[2]


def test_insufficient_balance_refused(settlement, receivables, cash, root, rando, funded, views):
    assert cash.balanceOf(rando) == 0
    at(receivables.rootState(root)[0])
    with refused("ERC20InsufficientBalance", rando, 0, 5, views=views):
        settlement.repay(root, 5, {"from": rando})
