"""Views: claimable, statusOf, accountOf, recourseOf, recourseAmount."""

from brownie import chain
from settlement_helpers import CURRENT, travel_to

from scf import pricing
from scf.units import DAY, to_base

ZERO = "0x0000000000000000000000000000000000000000"


def test_claimable_follows_repayments_and_claims(settlement, receivables, pieces, root, core, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    assert [settlement.claimable(h.piece) for h in pieces] == [0, 0, 0]
    repaid = 0
    for amount in (to_base("250000.000001"), to_base(500_000)):
        settlement.repay(root, amount, {"from": core})
        repaid += amount
        for h in pieces:
            assert settlement.claimable(h.piece) == h.value * repaid // face_value - settlement.claimedOf(h.piece)
        settlement.claim(pieces[0].piece, {"from": core})
        assert settlement.claimable(pieces[0].piece) == 0


def test_claimable_of_unknown_or_burned_piece_is_zero(settlement, receivables, pieces, root, core, face_value,
                                                      funded):
    assert settlement.claimable(receivables.lastPieceId() + 1) == 0
    assert settlement.claimable(0) == 0
    settlement.repay(root, face_value, {"from": core})
    settlement.claim(pieces[2].piece, {"from": core})
    assert settlement.claimable(pieces[2].piece) == 0


def test_status_and_account(settlement, receivables, root, core, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    assert settlement.statusOf(root) == (CURRENT, False, face_value)
    assert settlement.accountOf(root) == (0, 0, 0, CURRENT)
    settlement.repay(root, to_base(1), {"from": core})
    assert settlement.statusOf(root) == (CURRENT, False, face_value - to_base(1))
    settlement.repay(root, face_value - to_base(1), {"from": core})
    assert settlement.statusOf(root) == (CURRENT, True, 0)
    unknown = receivables.lastPieceId() + 1
    assert settlement.statusOf(unknown) == (CURRENT, False, 0)
    assert settlement.accountOf(unknown) == (0, 0, 0, CURRENT)


def test_recourse_views(settlement, market, receivables, sell, pieces, root, core, bank_b, face_value, funded):
    piece, _ = sell(root, bank_b, 800, True, amount=to_base(300_000))
    seller, sold_at, rate, recourse, financier, price, amount = market.saleOf(piece)
    value = to_base(300_000)
    assert amount == value
    assert settlement.recourseOf(piece) == (ZERO, 0, ZERO, 0, False, 0)
    # at the sale: the price; later: price + interest, rounded up by whole days, capped at the value
    assert settlement.recourseAmount(piece, sold_at) == price
    for days in (1, 10, 45.5, 200, 3000):
        t = sold_at + int(days * DAY)
        expected = min(price + pricing.interest(price, rate, sold_at, t), value)
        assert settlement.recourseAmount(piece, t) == expected
    assert settlement.recourseAmount(piece, sold_at + 3000 * DAY) == value
    # what the piece collected is deducted
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, face_value // 2, {"from": core})
    settlement.claim(piece, {"from": core})
    t = sold_at + 100 * DAY
    assert settlement.recourseAmount(piece, t) == min(
        price + pricing.interest(price, rate, sold_at, t), value) - value // 2
    # no sale with recourse: nothing
    for other in (pieces[1].piece, pieces[2].piece, receivables.lastPieceId() + 1):
        assert settlement.recourseAmount(other, chain.time() + 365 * DAY) == 0
        assert settlement.recourseOf(other) == (ZERO, 0, ZERO, 0, False, 0)
