"""The rules every holder move obeys (split, splitOff, transferFrom, safeTransferFrom, merge):
the recipient must be an active member (never a platform contract), the piece unlocked, the root
neither matured nor frozen, the caller the holder or approved, the piece existing."""

import pytest
from brownie import chain
from helpers import refused

from scf.units import DAY

UNKNOWN_ID = 999


def _split(r, piece, holder, to, sender):
    return r.split(piece, [to], [1], {"from": sender})


def _split_off(r, piece, holder, to, sender):
    return r.splitOff(piece, to, 1, {"from": sender})


def _transfer(r, piece, holder, to, sender):
    return r.transferFrom(holder, to, piece, {"from": sender})


def _safe_transfer(r, piece, holder, to, sender):
    return r.safeTransferFrom["address,address,uint256"](holder, to, piece, {"from": sender})


# moves that have a recipient: (name, call(receivables, piece, holder, to, sender))
SENDING = {"split": _split, "splitOff": _split_off, "transferFrom": _transfer, "safeTransferFrom": _safe_transfer}
ALL_MOVES = [*SENDING, "merge"]


@pytest.fixture
def spare(root, supplier1, split_to_self):
    """A second piece of supplier1's root, so every test can also try a merge."""
    return split_to_self(root, supplier1, 1_000)


@pytest.fixture
def move(receivables, root, spare, supplier1, supplier2):
    """``move(name, piece=root, sender=supplier1, to=supplier2)``; a merge merges ``spare`` into ``piece``
    (or ``piece`` into ``root`` when ``piece`` is ``spare``)."""

    def _move(name, piece=None, sender=None, to=None):
        piece = root if piece is None else piece
        sender = supplier1 if sender is None else sender
        if name == "merge":
            pieces = [piece, spare] if piece != spare else [root, spare]
            return receivables.merge(pieces, {"from": sender})
        return SENDING[name](receivables, piece, supplier1, supplier2 if to is None else to, sender)

    return _move


@pytest.fixture
def frozen_views(ledger, root, spare, supplier1, supplier2):
    return ledger.views(root, spare, spare + 1, roots=(root,), holders=(supplier1, supplier2))


# ---------------------------------------------------------------- recipients


@pytest.mark.parametrize("name", SENDING)
@pytest.mark.parametrize("stranger", ["outsider", "rando", "core2"],
                         ids=["certified non-member", "unregistered", "core of no alliance here"])
def test_recipient_must_be_member(move, name, alliance, actors, rando, frozen_views, stranger):
    account = rando if stranger == "rando" else actors[stranger]
    with refused("RecipientNotMember", alliance, account, views=frozen_views):
        move(name, to=account)


@pytest.mark.parametrize("name", SENDING)
def test_suspended_member_cannot_receive(move, name, alliance, supplier2, suspend, frozen_views):
    suspend(supplier2)
    with refused("RecipientNotMember", alliance, supplier2, views=frozen_views):
        move(name)


@pytest.mark.parametrize("name", SENDING)
def test_member_who_left_cannot_receive(move, name, registry, alliance, supplier3, frozen_views):
    registry.leave(alliance, {"from": supplier3})
    with refused("RecipientNotMember", alliance, supplier3, views=frozen_views):
        move(name, to=supplier3)


@pytest.mark.parametrize("name", SENDING)
def test_reinstated_member_receives_again(move, name, registry, alliance, core, supplier2, suspend, receivables):
    suspend(supplier2)
    registry.reinstate(alliance, supplier2, {"from": core})
    before = receivables.balanceOf(supplier2)
    move(name)
    assert receivables.balanceOf(supplier2) == before + 1


@pytest.mark.parametrize("name", SENDING)
def test_suspended_holder_can_still_pay_on(move, name, receivables, supplier1, supplier2, suspend):
    """Suspension stops receiving, not paying: a suspended holder may still move pieces to members."""
    suspend(supplier1)
    before = receivables.balanceOf(supplier2)
    move(name)
    assert receivables.balanceOf(supplier2) == before + 1


@pytest.mark.parametrize("name", SENDING)
def test_regression_platform_contract_is_not_a_recipient(move, name, receivables, alliance, custodian,
                                                         frozen_views):
    """issue 10 item 10: a holder could transferFrom / safeTransferFrom / split / splitOff a piece
    straight into a platform contract (market, settlement, pool), where nothing moves it out again.
    Only active members receive from a holder; platform contracts only through their own paths."""
    with refused("RecipientNotMember", alliance, custodian,
                 views=frozen_views + (lambda: receivables.balanceOf(custodian),)):
        move(name, to=custodian)
    assert receivables.balanceOf(custodian) == 0


# ---------------------------------------------------------------- caller


@pytest.mark.parametrize("name", ALL_MOVES)
@pytest.mark.parametrize("stranger", ["supplier2", "core", "operator"])
def test_caller_must_hold_or_be_approved(move, name, actors, operator, frozen_views, root, stranger):
    account = operator if stranger == "operator" else actors[stranger]
    with refused("NotPieceHolder", root, account, views=frozen_views):
        move(name, sender=account)


# ---------------------------------------------------------------- maturity


@pytest.mark.parametrize("name", ALL_MOVES)
def test_no_moves_after_maturity(move, name, root, maturity, frozen_views):
    chain.sleep(maturity - chain.time() + DAY)
    with refused("RootMatured", root, maturity, views=frozen_views):
        move(name)


@pytest.mark.parametrize("name", ALL_MOVES)
def test_no_moves_at_maturity_exactly(move, name, root, maturity, frozen_views, next_block_at):
    next_block_at(maturity)
    with refused("RootMatured", root, maturity, views=frozen_views):
        move(name)


@pytest.mark.parametrize("name", ALL_MOVES)
def test_moves_until_the_second_before_maturity(move, name, root, maturity, next_block_at, ledger, face_value):
    next_block_at(maturity - 1)
    tx = move(name)
    assert tx.timestamp == maturity - 1
    ledger.assert_conserved(root, face_value)


# ---------------------------------------------------------------- locks and freezes


@pytest.mark.parametrize("name", ALL_MOVES)
def test_locked_piece_does_not_move(move, name, receivables, root, custodian, frozen_views):
    receivables.lock(root, {"from": custodian})
    with refused("PieceLockedBy", root, custodian, views=frozen_views):
        move(name)


def test_locked_piece_cannot_be_merged_in(receivables, root, spare, supplier1, custodian, frozen_views):
    receivables.lock(spare, {"from": custodian})
    with refused("PieceLockedBy", spare, custodian, views=frozen_views):
        receivables.merge([root, spare], {"from": supplier1})


@pytest.mark.parametrize("name", ALL_MOVES)
def test_unlocked_piece_moves_again(move, name, receivables, root, custodian, ledger, face_value):
    receivables.lock(root, {"from": custodian})
    receivables.unlock(root, {"from": custodian})
    move(name)
    ledger.assert_conserved(root, face_value)


@pytest.mark.parametrize("name", ALL_MOVES)
def test_frozen_root_stops_every_piece(move, name, receivables, root, spare, custodian, frozen_views):
    """Freezing the root stops its child pieces too, not only the root piece."""
    receivables.freezeRoot(root, {"from": custodian})
    with refused("RootIsFrozen", root, views=frozen_views):
        move(name, piece=spare)


@pytest.mark.parametrize("name", ALL_MOVES)
def test_frozen_root_does_not_stop_other_roots(move, name, receivables, root, other_root, custodian, supplier2,
                                               supplier3):
    receivables.freezeRoot(other_root, {"from": custodian})
    move(name)
    with refused("RootIsFrozen", other_root):
        receivables.splitOff(other_root, supplier3, 1, {"from": supplier2})


# ---------------------------------------------------------------- unknown pieces


@pytest.mark.parametrize("name", ALL_MOVES)
def test_unknown_piece(move, name, frozen_views):
    with refused("ERC721NonexistentToken", UNKNOWN_ID, views=frozen_views):
        move(name, piece=UNKNOWN_ID)


def test_unknown_piece_in_a_merge(receivables, root, supplier1, frozen_views):
    with refused("ERC721NonexistentToken", UNKNOWN_ID, views=frozen_views):
        receivables.merge([root, UNKNOWN_ID], {"from": supplier1})


@pytest.mark.parametrize("name", ALL_MOVES)
def test_burned_piece(move, name, receivables, spare, custodian, ledger, root):
    receivables.burn(spare, {"from": custodian})
    with refused("ERC721NonexistentToken", spare, views=ledger.views(root, spare, roots=(root,))):
        move(name, piece=spare)
