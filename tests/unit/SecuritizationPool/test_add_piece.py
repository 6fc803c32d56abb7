"""addPiece: the originator moves an eligible piece into its Building pool; the pool holds and
locks it. Every eligibility rule refuses with its own error and changes nothing."""

import pytest
from brownie import ZERO_ADDRESS, chain
from helpers import refused

from scf.units import DAY, to_base


@pytest.fixture(scope="module")
def new_pool(securitization, pool_terms, bank_a):
    def make(**overrides):
        return securitization.createPool(pool_terms(**overrides), {"from": bank_a}).events["PoolCreated"]["poolId"]

    return make


@pytest.fixture(scope="module")
def core_pays(cash, core, settlement, operator):
    cash.mint(core, to_base(10_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})


def views(securitization, receivables, pool_id, piece):
    return (lambda: receivables.ownerOf(piece), lambda: receivables.pieceInfo(piece),
            lambda: securitization.poolInfo(pool_id), lambda: securitization.piecesOf(pool_id),
            lambda: securitization.pooledPiece(piece))


def test_add_piece_moves_it_into_the_pool(securitization, new_pool, make_root, receivables, bank_a, core):
    """The pool holds the piece without locking it (issue 13): holding is custody, and a lock of
    the pool's would keep Settlement from burning the paid piece or handing it back on recourse."""
    pool_id = new_pool()
    piece = make_root(1_000_000, 90, holder=bank_a)
    tier = receivables.pieceInfo(piece)[3]

    tx = securitization.addPiece(pool_id, piece, {"from": bank_a})

    assert receivables.ownerOf(piece) == securitization
    value, _root, _parent, new_tier, locked = receivables.pieceInfo(piece)
    assert not locked and value == to_base(1_000_000) and new_tier == tier   # pooling is custody: tier kept
    assert receivables.lockerOf(piece) == ZERO_ADDRESS
    info = securitization.poolInfo(pool_id).dict()
    assert info["poolValue"] == to_base(1_000_000) and info["pieceCount"] == 1
    assert securitization.pooledPiece(piece) == (pool_id, to_base(1_000_000), 0, False)
    assert securitization.piecesOf(pool_id) == [piece]
    assert securitization.exposureOf(pool_id, core) == to_base(1_000_000)
    ev = tx.events["PieceAdded"]
    assert (ev["poolId"], ev["pieceId"], ev["obligor"], ev["value"]) == (pool_id, piece, core, to_base(1_000_000))
    assert ev["maturity"] == receivables.rootState(piece)[0]


def test_pool_piece_cannot_move(securitization, new_pool, make_root, receivables, bank_a, supplier1):
    pool_id = new_pool()
    piece = make_root(1_000_000, 90, holder=bank_a)
    securitization.addPiece(pool_id, piece, {"from": bank_a})
    with refused("NotPieceHolder", views=(lambda: receivables.ownerOf(piece),)):
        receivables.transferFrom(securitization, supplier1, piece, {"from": bank_a})


def test_several_pieces_add_up(securitization, new_pool, make_root, bank_a, core):
    pool_id = new_pool(concentration_cap_bps=5_000)
    pieces = [make_root(v, 60 + i, holder=bank_a) for i, v in enumerate((1_000_000, 2_000_000, 2_000_000))]
    for piece in pieces:
        securitization.addPiece(pool_id, piece, {"from": bank_a})
    assert securitization.piecesOf(pool_id) == pieces
    assert securitization.poolInfo(pool_id).dict()["poolValue"] == to_base(5_000_000)
    assert securitization.exposureOf(pool_id, core) == to_base(5_000_000)  # exactly the cap


def test_unknown_pool(securitization, make_root, receivables, bank_a):
    piece = make_root(holder=bank_a)
    with refused("UnknownPool", 42, views=views(securitization, receivables, 42, piece)):
        securitization.addPiece(42, piece, {"from": bank_a})


def test_only_the_originator(securitization, new_pool, make_root, receivables, bank_b):
    pool_id = new_pool()
    piece = make_root(holder=bank_b)
    with refused("NotOriginator", pool_id, bank_b, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_b})


def test_only_while_building(securitization, make_pool, make_root, receivables, bank_a):
    pool_id, _ = make_pool()
    securitization.openOffering(pool_id, to_base(1_900_000), chain.time() + DAY, {"from": bank_a})
    piece = make_root(holder=bank_a)
    with refused("WrongPhase", pool_id, 2, 1, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_pool_full(securitization, new_pool, make_root, receivables, bank_a):
    pool_id = new_pool(max_pieces=1)
    securitization.addPiece(pool_id, make_root(holder=bank_a), {"from": bank_a})
    piece = make_root(holder=bank_a)
    with refused("PoolFull", 1, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_originator_must_hold_the_piece(securitization, new_pool, make_root, receivables, bank_a):
    pool_id = new_pool()
    piece = make_root()  # supplier1 keeps it
    with refused("NotPieceHolder", piece, bank_a, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


@pytest.fixture(scope="module")
def locker(operator):
    """A stand-in contract with PLATFORM_ROLE (wired at deployment: contract roles are sealed)."""
    from helpers import stand_in
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(locker):
    return (("receivables", "PLATFORM_ROLE", locker),)


def test_locked_piece_refused(securitization, new_pool, make_root, receivables, bank_a, locker):
    pool_id = new_pool()
    piece = make_root(holder=bank_a)
    receivables.lock(piece, {"from": locker})
    with refused("PieceIsLocked", piece, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_frozen_root_refused(securitization, new_pool, make_root, receivables, settlement, bank_a, core, core_pays):
    pool_id = new_pool()
    piece = make_root(holder=bank_a)
    settlement.repay(piece, receivables.rootState(piece)[4], {"from": core})  # early: in full only
    with refused("RootIsFrozen", piece, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_matured_root_refused(securitization, new_pool, make_root, receivables, bank_a):
    piece = make_root(days=5, holder=bank_a)
    pool_id = new_pool(min_maturity=0)
    maturity = receivables.rootState(piece)[0]
    chain.sleep(6 * DAY)
    chain.mine()
    with refused("RootMatured", piece, maturity, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


@pytest.mark.parametrize("days", [20, 150])
def test_maturity_outside_window(securitization, new_pool, make_root, receivables, bank_a, days):
    now = chain.time()
    pool_id = new_pool(min_maturity=now + 30 * DAY, max_maturity=now + 120 * DAY)
    piece = make_root(days=days, holder=bank_a)
    maturity = receivables.rootState(piece)[0]
    with refused("MaturityOutsideWindow", maturity, now + 30 * DAY, now + 120 * DAY,
                 views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_other_currency_refused(securitization, new_pool, make_root, receivables, bank_a, cash, operator):
    from brownie import SettlementToken

    other = SettlementToken.deploy("Digital USD", "dUSD", operator, {"from": operator})
    from brownie import TradeRegistry
    TradeRegistry.at(receivables.trades()).setCurrencyAllowed(other, True, {"from": operator})
    piece = make_root(holder=bank_a, currency=other)
    pool_id = new_pool()
    with refused("WrongCurrency", other, cash, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_obligor_not_on_allow_list(securitization, new_pool, make_root, receivables, bank_a, core, core2):
    pool_id = new_pool(obligors=[core2])
    piece = make_root(holder=bank_a)
    with refused("ObligorNotAllowed", pool_id, core, views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_allowed_obligor_accepted(securitization, new_pool, make_root, bank_a, core, core2):
    pool_id = new_pool(obligors=[core2, core])
    piece = make_root(holder=bank_a)
    securitization.addPiece(pool_id, piece, {"from": bank_a})
    assert securitization.piecesOf(pool_id) == [piece]


def test_concentration_cap(securitization, new_pool, make_root, receivables, bank_a, core):
    pool_id = new_pool(concentration_cap_bps=1_000)  # 10% of 10,000,000
    securitization.addPiece(pool_id, make_root(600_000, holder=bank_a), {"from": bank_a})
    piece = make_root(600_000, holder=bank_a)
    with refused("ConcentrationExceeded", core, to_base(1_200_000), to_base(1_000_000),
                 views=views(securitization, receivables, pool_id, piece)
                 + (lambda: securitization.exposureOf(pool_id, core),)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_total_value_cap(securitization, new_pool, make_root, receivables, bank_a):
    pool_id = new_pool(max_total_value=to_base(1_000_000))
    securitization.addPiece(pool_id, make_root(600_000, holder=bank_a), {"from": bank_a})
    piece = make_root(600_000, holder=bank_a)
    with refused("PoolValueExceeded", to_base(1_200_000), to_base(1_000_000),
                 views=views(securitization, receivables, pool_id, piece)):
        securitization.addPiece(pool_id, piece, {"from": bank_a})


def test_a_piece_sits_in_one_pool_only(securitization, new_pool, make_root, receivables, bank_a):
    first, second = new_pool(), new_pool()
    piece = make_root(holder=bank_a)
    securitization.addPiece(first, piece, {"from": bank_a})
    with refused("NotPieceHolder", piece, bank_a, views=views(securitization, receivables, first, piece)):
        securitization.addPiece(second, piece, {"from": bank_a})
