"""confirm: the obligor confirms a verified trade's payable; the root goes to the seller.

The module-scoped ``root`` fixture would confirm ``trade`` for every later test of the module,
so these tests confirm inside the test instead.
"""

import brownie
import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.enums import TradeStatus
from scf.onboarding import doc_hash
from scf.units import DAY, to_base

MAX_TENOR = 365 * DAY


@pytest.fixture
def confirm_views(receivables, trades, trade, supplier1, ledger):
    """What a refused confirmation must leave alone."""
    return ledger.views(1, roots=(1,), holders=(supplier1,)) + (lambda: tuple(trades.tradeInfo(trade)),)


def test_confirm_issues_root_to_seller(receivables, trades, trade, alliance, core, supplier1, cash, face_value,
                                       maturity, ledger):
    tx = receivables.confirm(trade, face_value, maturity, {"from": core})
    root = tx.events["ReceivableIssued"]["rootId"]

    assert root == 1 == receivables.lastPieceId()
    assert tx.return_value == root
    assert receivables.ownerOf(root) == supplier1
    assert receivables.balanceOf(supplier1) == 1

    info = receivables.rootInfo(root)
    assert info == (core, cash, face_value, maturity, alliance, trade, False)
    assert receivables.rootState(root) == (maturity, alliance, False, trade, face_value)
    assert receivables.pieceInfo(root) == (face_value, root, 0, 1, False)  # value, root, parent, tier, locked

    assert tx.events["ReceivableIssued"] == {
        "rootId": root, "tradeId": trade, "obligor": core, "faceValue": face_value,
        "maturity": maturity, "allianceId": alliance,
    }
    assert tx.events["Transfer"] == {"from": ZERO_ADDRESS, "to": supplier1, "tokenId": root}
    assert tx.events["TradeConfirmed"] == {"tradeId": trade, "rootId": root, "faceValue": face_value}

    record = trades.tradeInfo(trade)
    assert record["status"] == TradeStatus.CONFIRMED
    assert record["rootId"] == root
    ledger.assert_conserved(root, face_value)


def test_face_value_below_trade_amount(receivables, trade, core, supplier1, face_value, maturity):
    """The obligor may confirm less than the invoice (e.g. after a deduction)."""
    tx = receivables.confirm(trade, face_value - 1, maturity, {"from": core})
    root = tx.events["ReceivableIssued"]["rootId"]
    assert receivables.rootState(root)["faceValue"] == face_value - 1
    assert receivables.pieceInfo(root)["value"] == face_value - 1


def test_root_ids_follow_one_sequence(receivables, trade, other_trade, core, face_value, maturity):
    first = receivables.confirm(trade, face_value, maturity, {"from": core}).events["ReceivableIssued"]["rootId"]
    tx = receivables.confirm(other_trade, to_base(500_000), maturity, {"from": core})
    assert tx.events["ReceivableIssued"]["rootId"] == first + 1 == receivables.lastPieceId()


def test_unknown_root_reads_empty(receivables, trade, core, face_value, maturity):
    root = receivables.confirm(trade, face_value, maturity, {"from": core}).events["ReceivableIssued"]["rootId"]
    assert receivables.rootInfo(root + 1) == (ZERO_ADDRESS, ZERO_ADDRESS, 0, 0, 0, 0, False)
    assert receivables.rootState(root + 1) == (0, 0, False, 0, 0)


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("caller", ["supplier1", "supplier2", "bank_a", "core2"])
def test_only_the_obligor_confirms(receivables, trade, face_value, maturity, confirm_views, actors, caller):
    account = actors[caller]
    with refused("NotObligor", trade, account, views=confirm_views):
        receivables.confirm(trade, face_value, maturity, {"from": account})


def test_zero_face_value(receivables, trade, core, maturity, confirm_views):
    with refused("ZeroValue", views=confirm_views):
        receivables.confirm(trade, 0, maturity, {"from": core})


def test_face_value_above_trade_amount(receivables, trade, core, face_value, maturity, confirm_views):
    with refused("FaceValueExceedsTrade", face_value + 1, face_value, views=confirm_views):
        receivables.confirm(trade, face_value + 1, maturity, {"from": core})


@pytest.mark.parametrize("offset", [-DAY, -1, 0], ids=["past", "a second ago", "now"])
def test_maturity_not_in_the_future(receivables, trade, core, face_value, confirm_views, next_block_at, offset):
    now = next_block_at()
    with refused("MaturityOutOfRange", now + offset, now + 1, now + MAX_TENOR, views=confirm_views):
        receivables.confirm(trade, face_value, now + offset, {"from": core})


def test_maturity_beyond_max_tenor(receivables, trade, core, face_value, confirm_views, next_block_at):
    assert receivables.MAX_TENOR() == MAX_TENOR
    now = next_block_at()
    with refused("MaturityOutOfRange", now + MAX_TENOR + 1, now + 1, now + MAX_TENOR, views=confirm_views):
        receivables.confirm(trade, face_value, now + MAX_TENOR + 1, {"from": core})


@pytest.mark.parametrize("offset", [1, MAX_TENOR], ids=["next second", "max tenor"])
def test_maturity_bounds_are_inclusive(receivables, trade, core, face_value, next_block_at, offset):
    now = next_block_at()
    tx = receivables.confirm(trade, face_value, now + offset, {"from": core})
    assert receivables.rootState(tx.events["ReceivableIssued"]["rootId"])["maturity"] == now + offset


def test_unverified_trade(receivables, trades, alliance, supplier2, core, cash, maturity, ledger):
    tx = trades.submitTrade(alliance, core, cash, to_base(10), doc_hash("invoice X"), doc_hash("order X"),
                            doc_hash("delivery X"), {"from": supplier2})
    pending = tx.events["TradeSubmitted"]["tradeId"]
    views = ledger.views(1, holders=(supplier2,)) + (lambda: tuple(trades.tradeInfo(pending)),)
    with refused("WrongTradeStatus", pending, TradeStatus.SUBMITTED, TradeStatus.VERIFIED, views=views):
        receivables.confirm(pending, to_base(10), maturity, {"from": core})


def test_rejected_trade(receivables, trades, alliance, supplier2, core, auditor, cash, maturity, ledger):
    tx = trades.submitTrade(alliance, core, cash, to_base(10), doc_hash("invoice Y"), doc_hash("order Y"),
                            doc_hash("delivery Y"), {"from": supplier2})
    rejected = tx.events["TradeSubmitted"]["tradeId"]
    trades.rejectTrade(rejected, doc_hash("forged delivery note"), {"from": auditor})
    with refused("WrongTradeStatus", rejected, TradeStatus.REJECTED, TradeStatus.VERIFIED,
                 views=ledger.views(1, holders=(supplier2,))):
        receivables.confirm(rejected, to_base(10), maturity, {"from": core})


def test_unknown_trade(receivables, core, maturity, ledger):
    with refused("UnknownTrade", 42, views=ledger.views(1)):
        receivables.confirm(42, to_base(10), maturity, {"from": core})


def test_second_confirmation_is_double_financing(receivables, trades, trade, core, face_value, maturity,
                                                 ledger, supplier1):
    root = receivables.confirm(trade, face_value, maturity, {"from": core}).events["ReceivableIssued"]["rootId"]
    views = (ledger.views(root, root + 1, roots=(root,), holders=(supplier1,))
             + (lambda: tuple(trades.tradeInfo(trade)),))
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.VERIFIED, views=views):
        receivables.confirm(trade, face_value, maturity, {"from": core})
    # not even for a smaller amount or another maturity
    with refused("WrongTradeStatus", trade, TradeStatus.CONFIRMED, TradeStatus.VERIFIED, views=views):
        receivables.confirm(trade, 1, maturity + DAY, {"from": core})
    assert trades.tradeInfo(trade)["rootId"] == root


def test_suspended_seller_cannot_receive_root(receivables, trade, alliance, core, supplier1, face_value, maturity,
                                              confirm_views, suspend):
    suspend(supplier1)
    with refused("RecipientNotMember", alliance, supplier1, views=confirm_views):
        receivables.confirm(trade, face_value, maturity, {"from": core})


def test_refused_confirmation_leaves_trade_confirmable(receivables, trades, trade, core, face_value, maturity,
                                                       registry, alliance, supplier1, suspend):
    """A refusal inside the token rolls back the registry's record too (one transaction)."""
    suspend(supplier1)
    with brownie.reverts():
        receivables.confirm(trade, face_value, maturity, {"from": core})
    assert trades.tradeInfo(trade)["status"] == TradeStatus.VERIFIED
    registry.reinstate(alliance, supplier1, {"from": core})
    tx = receivables.confirm(trade, face_value, maturity, {"from": core})
    assert receivables.ownerOf(tx.events["ReceivableIssued"]["rootId"]) == supplier1
