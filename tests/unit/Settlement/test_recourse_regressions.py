"""Recourse under attack: merging, splitting, selling on and repaying in full around a sale with
recourse must never make a seller owe more than it sold, nor let a holder collect twice."""

import pytest
from helpers import refused, reverts
from settlement_helpers import DEFAULTED

from scf import pricing
from scf.units import to_base

SOLD = to_base(400_000)


def share(sale, at_time: int, value: int) -> int:
    """A piece's share of the seller's guarantee, independently of the contract."""
    _seller, sold_at, rate, _recourse, _financier, price, amount = sale
    return min(price + pricing.interest(price, rate, sold_at, at_time), amount) * value // amount


@pytest.fixture
def sold(sell, root, bank_b, funded):
    """400,000 of supplier1's root sold to bank_b with recourse at 6 %."""
    piece, _ = sell(root, bank_b, 600, True, amount=SOLD)
    return piece


def test_regression_merge_cannot_lift_the_recourse_cap(settlement, receivables, sell, pieces, root, sold, bank_b):
    """issue 10 item 4: bank_b merged a piece bought without recourse into the one bought with
    recourse, and the seller then owed more than it sold. The merge is now refused (the pieces
    carry different rights of recourse) and nothing changes."""
    other, _ = sell(pieces[1].piece, bank_b, 600, False)
    views = (lambda: receivables.pieceInfo(sold), lambda: receivables.pieceInfo(other),
             lambda: receivables.recourseSaleOf(sold), lambda: receivables.recourseSaleOf(other),
             lambda: settlement.recourseAmount(sold, 2**40))
    with refused("RecourseMismatch", other, 0, sold, views=views):
        receivables.merge([sold, other], {"from": bank_b})
    with refused("RecourseMismatch", sold, sold, 0, views=views):
        receivables.merge([other, sold], {"from": bank_b})
    assert settlement.recourseAmount(sold, 2**40) == SOLD  # capped at the value sold


def test_regression_split_pieces_share_the_recourse_cap(settlement, market, receivables, cash, root, sold, bank_a,
                                                        bank_b, supplier1, default_root):
    """issue 10 item 4 (and 11): bank_b splits the recourse piece, passes part to bank_a, splits
    again and merges back; every piece keeps a pro-rata share, the shares add up to at most the
    seller's cap, and each holder calls its own share."""
    part = receivables.splitOff(sold, bank_a, to_base(150_000), {"from": bank_b}).return_value
    mine = receivables.splitOff(sold, bank_b, to_base(50_000), {"from": bank_b}).return_value
    receivables.merge([sold, mine], {"from": bank_b})  # same sale: allowed, value back together
    assert [receivables.recourseSaleOf(p) for p in (sold, part)] == [sold, sold]
    assert receivables.pieceInfo(sold)[0] + receivables.pieceInfo(part)[0] == SOLD
    default_root(root)
    sale = market.saleOf(sold)
    a = settlement.callRecourse(sold, {"from": bank_b})
    b = settlement.callRecourse(part, {"from": bank_a})
    total = min(sale[5] + pricing.interest(sale[5], sale[2], sale[1], b.timestamp), SOLD)
    assert a.return_value == share(sale, a.timestamp, to_base(250_000))
    assert b.return_value == share(sale, b.timestamp, to_base(150_000))
    assert total - 2 <= a.return_value + b.return_value <= total
    s1 = cash.balanceOf(supplier1)
    settlement.payRecourse(sold, {"from": supplier1})
    settlement.payRecourse(part, {"from": supplier1})
    assert s1 - cash.balanceOf(supplier1) == a.return_value + b.return_value <= SOLD


def test_regression_no_recourse_call_on_a_root_repaid_in_full(settlement, receivables, root, sold, core, bank_b,
                                                               face_value, default_root):
    """issue 10 item 7: after the obligor repaid the defaulted root in full, recourse could still
    be called and the call could never be paid or closed. Now the call is refused."""
    default_root(root)
    settlement.repay(root, face_value, {"from": core})
    with refused("RootRepaid", root, views=(lambda: settlement.recourseOf(sold),)):
        settlement.callRecourse(sold, {"from": bank_b})


def test_regression_open_call_closes_at_zero_after_full_repayment(settlement, receivables, cash, root, sold, core,
                                                                  rando, supplier1, bank_b, face_value,
                                                                  default_root):
    """issue 10 item 7: an open call on a root the obligor then repays in full is closed at zero
    by anyone, before or after the holder's claim burned the piece: the financier is paid once
    (by the obligor), the seller pays nothing and the piece stays where it is."""
    default_root(root)
    settlement.callRecourse(sold, {"from": bank_b})
    settlement.repay(root, face_value, {"from": core})
    s1 = cash.balanceOf(supplier1)
    tx = settlement.payRecourse(sold, {"from": rando})
    assert tx.events["RecourseSettled"]["amount"] == 0
    assert receivables.ownerOf(sold) == bank_b and cash.balanceOf(supplier1) == s1
    assert settlement.recourseOf(sold)[1] == 0 and settlement.recourseOf(sold)[4] is True
    b0 = cash.balanceOf(bank_b)
    settlement.claim(sold, {"from": rando})
    assert cash.balanceOf(bank_b) - b0 == SOLD


def test_open_call_on_a_piece_burned_by_its_claim_closes_at_zero(settlement, cash, root, sold, core, rando,
                                                                 supplier1, bank_b, face_value, default_root):
    default_root(root)
    settlement.callRecourse(sold, {"from": bank_b})
    settlement.repay(root, face_value, {"from": core})
    settlement.claim(sold, {"from": rando})  # burns the piece
    s1 = cash.balanceOf(supplier1)
    assert settlement.payRecourse(sold, {"from": rando}).events["RecourseSettled"]["amount"] == 0
    assert cash.balanceOf(supplier1) == s1


def test_seller_pays_then_obligor_pays_no_double_recovery(settlement, cash, root, sold, core, rando, supplier1,
                                                          bank_b, face_value, default_root):
    default_root(root)
    called = settlement.callRecourse(sold, {"from": bank_b}).return_value
    b0 = cash.balanceOf(bank_b)
    settlement.payRecourse(sold, {"from": supplier1})
    settlement.repay(root, face_value, {"from": core})
    settlement.claim(sold, {"from": rando})
    assert cash.balanceOf(bank_b) - b0 == called  # the obligor's payment went to the seller


def test_sold_on_without_recourse_the_right_goes_to_the_buyer(sell, market, receivables, sold, bank_a, bank_b):
    bought, _ = sell(sold, bank_a, 500, False)
    assert bought == sold and receivables.recourseSaleOf(sold) == sold
    assert market.saleOf(sold)[0] != bank_b  # still the original seller's guarantee


def test_piece_carrying_recourse_cannot_be_sold_again_with_recourse(market, receivables, cash, sold, bank_a, bank_b):
    offer = market.postOffer(sold, SOLD, 500, market.feeBps(), True, 2**39, {"from": bank_a}).return_value
    with refused("PieceCarriesRecourse", sold, sold, views=(lambda: receivables.ownerOf(sold),
                                                          lambda: cash.balanceOf(bank_b))):
        market.acceptOffer(offer, 0, {"from": bank_b})


def test_outsider_cannot_call_recourse(settlement, receivables, root, sold, bank_b, rando, default_root):
    default_root(root)
    with reverts("NotRecourseFinancier", sold, rando):
        settlement.callRecourse(sold, {"from": rando})
    assert settlement.accountOf(root)[3] == DEFAULTED
