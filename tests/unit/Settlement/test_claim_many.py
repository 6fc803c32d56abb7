"""claimMany: a keeper claims for several pieces in one transaction, each exactly as `claim`
does; a piece that cannot be claimed reverts the whole call with claim's own error."""

from helpers import refused
from settlement_helpers import travel_to

from scf.units import to_base

PARTIAL = to_base(400_000) + 7


def state(settlement, cash, receivables, pieces, root):
    """Everything a claim changes: balances, claimed totals, per-piece records and holders."""
    return (
        tuple(cash.balanceOf(h.holder) for h in pieces),
        cash.balanceOf(settlement),
        tuple(settlement.accountOf(root)),
        tuple(settlement.claimedOf(h.piece) for h in pieces),
        tuple(receivables.balanceOf(h.holder) for h in pieces),
    )


def test_claim_many_pays_each_as_claim_would(settlement, cash, receivables, pieces, root, core, face_value,
                                             funded, rando):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    expected = [h.value * PARTIAL // face_value for h in pieces]
    before = [cash.balanceOf(h.holder) for h in pieces]

    tx = settlement.claimMany([h.piece for h in pieces], {"from": rando})

    assert tx.return_value == expected
    assert [(e["pieceId"], e["holder"], e["amount"], e["closed"]) for e in tx.events["Claimed"]] == [
        (h.piece, h.holder, amount, False) for h, amount in zip(pieces, expected)]
    assert [cash.balanceOf(h.holder) - b for h, b in zip(pieces, before)] == expected
    assert [settlement.claimedOf(h.piece) for h in pieces] == expected
    assert settlement.accountOf(root)[1] == sum(expected)
    assert "PieceBurned" not in tx.events


def test_claim_many_closes_and_burns(settlement, cash, receivables, pieces, root, core, face_value, funded, rando):
    settlement.repay(root, face_value, {"from": core})
    tx = settlement.claimMany([h.piece for h in pieces], {"from": rando})
    assert tx.return_value == [h.value for h in pieces]
    assert [e["pieceId"] for e in tx.events["PieceBurned"]] == [h.piece for h in pieces]
    assert settlement.accountOf(root)[:2] == (face_value, face_value)
    assert cash.balanceOf(settlement) == 0


def test_claim_many_across_roots(settlement, cash, receivables, pieces, root, make_root, core, face_value,
                                 funded, supplier1, rando):
    other = make_root(to_base(1_000))
    settlement.repay(root, face_value, {"from": core})
    travel_to(receivables.rootState(other)[0])  # part-payments only from maturity
    settlement.repay(other, to_base(500), {"from": core})
    tx = settlement.claimMany([other, pieces[1].piece], {"from": rando})
    assert tx.return_value == [to_base(500), pieces[1].value]
    assert settlement.claimedOf(other) == to_base(500)


def test_claim_many_refuses_when_one_piece_has_nothing(settlement, cash, receivables, pieces, root, core,
                                                       funded, rando):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    settlement.claim(pieces[1].piece, {"from": rando})
    ids = [h.piece for h in pieces]
    with refused("NothingToClaim", pieces[1].piece,
                 views=(lambda: state(settlement, cash, receivables, pieces, root),)):
        settlement.claimMany(ids, {"from": rando})


def test_claim_many_refuses_a_duplicate(settlement, cash, receivables, pieces, root, core, funded, rando):
    """A piece listed twice: its second claim has nothing left, so the whole call reverts."""
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    with refused("NothingToClaim", pieces[0].piece,
                 views=(lambda: state(settlement, cash, receivables, pieces, root),)):
        settlement.claimMany([pieces[0].piece, pieces[1].piece, pieces[0].piece], {"from": rando})


def test_claim_many_refuses_a_burned_piece(settlement, cash, receivables, pieces, root, core, face_value,
                                           funded, rando):
    settlement.repay(root, face_value, {"from": core})
    settlement.claim(pieces[2].piece, {"from": rando})  # fully paid: burned
    with refused("ERC721NonexistentToken", pieces[2].piece,
                 views=(lambda: state(settlement, cash, receivables, pieces, root),)):
        settlement.claimMany([pieces[0].piece, pieces[2].piece], {"from": rando})


def test_claim_many_list_bounds(settlement, cash, receivables, pieces, root, core, funded, rando):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, PARTIAL, {"from": core})
    maximum = int(settlement.MAX_BATCH())
    assert maximum == 50
    views = (lambda: state(settlement, cash, receivables, pieces, root),)
    with refused("BadClaimList", 0, maximum, views=views):
        settlement.claimMany([], {"from": rando})
    with refused("BadClaimList", maximum + 1, maximum, views=views):
        settlement.claimMany([pieces[0].piece] * (maximum + 1), {"from": rando})
