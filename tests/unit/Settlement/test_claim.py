"""Claims: each piece pulls floor(value * repaid / face) minus what it already got, paid to
its holder whoever triggers it; claims never exceed repayments; the last claim pays the exact
rest and burns the piece; the rounding dust is below one base unit per piece and vanishes
once the root is fully repaid and claimed."""

import itertools

import pytest
from brownie.test import given, strategy
from helpers import refused, reverts
from hypothesis import settings
from settlement_helpers import travel_to

from scf.units import to_base

PARTIAL = to_base(400_000) + 7  # does not divide the uneven pieces evenly


def entitlement(value: int, repaid: int, face: int) -> int:
    return value * repaid // face


def test_partial_claims_are_pro_rata(settlement, receivables, cash, pieces, root, core, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    for h in pieces:
        expected = entitlement(h.value, PARTIAL, face_value)
        assert settlement.claimable(h.piece) == expected
        before = cash.balanceOf(h.holder)
        tx = settlement.claim(h.piece, {"from": h.holder})
        ev = tx.events["Claimed"]
        assert (ev["pieceId"], ev["rootId"], ev["holder"], ev["amount"], ev["closed"]) == (
            h.piece, root, h.holder, expected, False)
        assert tx.return_value == expected
        assert cash.balanceOf(h.holder) - before == expected
        assert settlement.claimedOf(h.piece) == expected
        assert settlement.claimable(h.piece) == 0
        assert "PieceBurned" not in tx.events
    assert settlement.accountOf(root)[1] == sum(entitlement(h.value, PARTIAL, face_value) for h in pieces)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_claims_in_any_order_never_exceed_repaid(settlement, receivables, cash, pieces, root, core, face_value, funded,
                                                 order):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    repayments = [to_base("123456.654321"), to_base("300000.000003"), None]
    schedule = [[order[0]], [order[1], order[0]], [order[2], order[1], order[0]]]
    got = {h.piece: 0 for h in pieces}
    repaid = 0
    for amount, claims in zip(repayments, schedule):
        amount = amount or face_value - repaid
        settlement.repay(root, amount, {"from": core})
        repaid += amount
        for i in claims:
            h = pieces[i]
            got[h.piece] += settlement.claim(h.piece, {"from": h.holder}).events["Claimed"]["amount"]
            assert got[h.piece] == entitlement(h.value, repaid, face_value)
            claimed = settlement.accountOf(root)[1]
            assert claimed == sum(got.values()) <= repaid
            assert cash.balanceOf(settlement) == repaid - claimed
    # every holder got exactly its piece's value, nothing is left
    assert got == {h.piece: h.value for h in pieces}
    assert settlement.accountOf(root)[:2] == (face_value, face_value)
    assert cash.balanceOf(settlement) == 0


def test_final_claim_pays_exactly_the_rest_and_burns(settlement, receivables, cash, pieces, root, core,
                                                      supplier2, face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    h = pieces[1]
    settlement.repay(root, PARTIAL, {"from": core})
    first = settlement.claim(h.piece, {"from": supplier2}).return_value
    settlement.repay(root, face_value - PARTIAL, {"from": core})
    assert settlement.claimable(h.piece) == h.value - first

    before = cash.balanceOf(supplier2)
    tx = settlement.claim(h.piece, {"from": supplier2})

    assert tx.events["Claimed"]["amount"] == h.value - first
    assert tx.events["Claimed"]["closed"] is True
    assert first + tx.events["Claimed"]["amount"] == h.value
    assert cash.balanceOf(supplier2) - before == h.value - first
    burned = tx.events["PieceBurned"]
    assert (burned["pieceId"], burned["rootId"], burned["value"]) == (h.piece, root, h.value)
    with reverts("ERC721NonexistentToken", h.piece):
        receivables.ownerOf(h.piece)
    assert receivables.pieceInfo(h.piece) == (0, 0, 0, 0, False)
    assert settlement.claimedOf(h.piece) == 0
    assert settlement.claimable(h.piece) == 0
    # a burned piece cannot claim again
    with refused("ERC721NonexistentToken", h.piece, views=(lambda: settlement.accountOf(root),)):
        settlement.claim(h.piece, {"from": supplier2})


def test_single_claim_after_full_repayment_pays_the_value(settlement, receivables, cash, pieces, root, core,
                                                          face_value, funded):
    settlement.repay(root, face_value, {"from": core})
    for h in pieces:
        before = cash.balanceOf(h.holder)
        tx = settlement.claim(h.piece, {"from": h.holder})
        assert tx.events["Claimed"]["amount"] == h.value and tx.events["Claimed"]["closed"]
        assert cash.balanceOf(h.holder) - before == h.value
    assert receivables.balanceOf(pieces[0].holder) == 0


def test_anyone_can_trigger_a_claim_for_the_holder(settlement, receivables, cash, pieces, root, core, rando, supplier2,
                                                   face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    before = cash.balanceOf(supplier2)
    tx = settlement.claim(pieces[1].piece, {"from": rando})
    expected = entitlement(pieces[1].value, PARTIAL, face_value)
    assert tx.events["Claimed"]["holder"] == supplier2
    assert cash.balanceOf(supplier2) - before == expected
    assert cash.balanceOf(rando) == 0


def test_claims_follow_the_piece_not_the_original_holder(settlement, receivables, cash, pieces, root, core,
                                                         supplier2, bank_a, face_value, funded):
    receivables.transferFrom(supplier2, bank_a, pieces[1].piece, {"from": supplier2})
    settlement.repay(root, face_value, {"from": core})
    s2, a = cash.balanceOf(supplier2), cash.balanceOf(bank_a)
    settlement.claim(pieces[1].piece, {"from": supplier2})
    assert cash.balanceOf(bank_a) - a == pieces[1].value
    assert cash.balanceOf(supplier2) == s2


def test_nothing_to_claim_before_any_repayment(settlement, cash, pieces, funded):
    for h in pieces:
        assert settlement.claimable(h.piece) == 0
        with refused("NothingToClaim", h.piece, views=(lambda h=h: cash.balanceOf(h.holder),
                                                       lambda h=h: settlement.claimedOf(h.piece))):
            settlement.claim(h.piece, {"from": h.holder})


def test_nothing_to_claim_twice_in_a_row(settlement, receivables, cash, pieces, root, core, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    h = pieces[2]
    settlement.repay(root, PARTIAL, {"from": core})
    settlement.claim(h.piece, {"from": h.holder})
    views = (lambda h=h: cash.balanceOf(h.holder), lambda h=h: settlement.claimedOf(h.piece),
             lambda: settlement.accountOf(root))
    with refused("NothingToClaim", h.piece, views=views):
        settlement.claim(h.piece, {"from": h.holder})
    # a new repayment opens a new claim
    settlement.repay(root, to_base(1000), {"from": core})
    assert settlement.claim(h.piece, {"from": h.holder}).return_value > 0


def test_nothing_to_claim_when_the_share_rounds_to_zero(settlement, receivables, pieces, root, core, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, 1, {"from": core})  # one base unit for the whole root
    for h in pieces:
        assert settlement.claimable(h.piece) == 0
        with reverts("NothingToClaim", h.piece):
            settlement.claim(h.piece, {"from": h.holder})


def test_claim_of_a_piece_that_never_existed(settlement, receivables):
    missing = receivables.lastPieceId() + 1
    assert settlement.claimable(missing) == 0
    with reverts("ERC721NonexistentToken", missing):
        settlement.claim(missing)


def test_dust_is_below_one_unit_per_piece_and_vanishes(settlement, receivables, cash, pieces, root, core, face_value,
                                                       funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    for h in pieces:
        settlement.claim(h.piece, {"from": h.holder})
    repaid, claimed = settlement.accountOf(root)[:2]
    dust = repaid - claimed
    assert dust == PARTIAL - sum(entitlement(h.value, PARTIAL, face_value) for h in pieces)
    assert 0 < dust < len(pieces)  # the chosen figures do leave dust
    assert cash.balanceOf(settlement) == dust

    settlement.repay(root, face_value - PARTIAL, {"from": core})
    for h in pieces:
        settlement.claim(h.piece, {"from": h.holder})
    repaid, claimed = settlement.accountOf(root)[:2]
    assert repaid == claimed == face_value
    assert cash.balanceOf(settlement) == 0


@settings(max_examples=12)
@given(
    cuts=strategy("uint256[]", min_value=1, max_value=10**6, min_length=1, max_length=6),
    payments=strategy("uint256[]", min_value=1, max_value=10**12, min_length=1, max_length=4),
)
def test_dust_bound_holds_for_any_split_and_payments(settlement, receivables, cash, root, supplier1, supplier2,
                                                     supplier3, bank_a, core, face_value, funded, cuts, payments):
    # split off len(cuts) pieces whose values are proportional to `cuts` (at most 90% of the root)
    values = [face_value * 9 // 10 * c // (sum(cuts)) or 1 for c in cuts]
    recipients = [supplier2, supplier3, bank_a] * 2
    receivables.split(root, recipients[:len(values)], values, {"from": supplier1})
    pieces = [root] + list(range(root + 1, root + 1 + len(values)))
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    repaid = 0
    for amount in payments:
        amount = min(amount, face_value - repaid)
        if amount == 0:
            break
        settlement.repay(root, amount, {"from": core})
        repaid += amount
        for piece in pieces:
            if settlement.claimable(piece):
                settlement.claim(piece)
        claimed = settlement.accountOf(root)[1]
        assert repaid - len(pieces) < claimed <= repaid
        assert cash.balanceOf(settlement) == repaid - claimed
    if repaid < face_value:
        settlement.repay(root, face_value - repaid, {"from": core})
    for piece in pieces:
        if settlement.claimable(piece):  # a piece paid in full inside the loop is already burned
            settlement.claim(piece)
    assert settlement.accountOf(root)[:2] == (face_value, face_value)
    assert cash.balanceOf(settlement) == 0
    assert receivables.balanceOf(supplier1) == 0
