"""Local fixtures for the receivable token's unit tests.

``custodian`` stands in for a platform contract (market, settlement, pool): it holds PLATFORM_ROLE
and is no alliance member. ``ledger`` reads pieces and roots back and checks the per-root
invariant (sum of live piece values == live value). ``next_block_at`` pins the timestamp of the
next block (Anvil ``evm_setNextBlockTimestamp``) for exact time boundaries.
"""

from dataclasses import dataclass

import pytest
from brownie import chain
from brownie.exceptions import VirtualMachineError
from helpers import stand_in

from scf.brownie import clock
from scf.onboarding import audited_trade
from scf.units import to_base


@dataclass(frozen=True)
class PieceView:
    value: int
    root: int
    parent: int
    tier: int
    locked: bool


class Ledger:
    """Read-only views over the receivable token."""

    def __init__(self, receivables):
        self.r = receivables

    def piece(self, piece_id: int) -> PieceView:
        value, root, parent, tier, locked = self.r.pieceInfo(piece_id)
        return PieceView(int(value), int(root), int(parent), int(tier), bool(locked))

    def owner(self, piece_id: int):
        """The holder, or None for a burned / unknown piece."""
        try:
            return self.r.ownerOf(piece_id)
        except VirtualMachineError:
            return None

    def live_value(self, root: int) -> int:
        """Face value less the value of the root's pieces burned by settlement (the token does
        not store the burned total; its PieceBurned events carry it)."""
        events = self.r.events.get_sequence(0, event_type="PieceBurned")
        burned = sum(int(e["args"]["value"]) for e in events if int(e["args"]["rootId"]) == root)
        return int(self.r.rootState(root)["faceValue"]) - burned

    def live_pieces(self, root: int) -> dict[int, PieceView]:
        """Every live piece of ``root`` (pieceInfo reads all zeros for a burned piece)."""
        found = {}
        for piece_id in range(1, int(self.r.lastPieceId()) + 1):
            p = self.piece(piece_id)
            if p.value and p.root == root:
                found[piece_id] = p
        return found

    def assert_conserved(self, root: int, expected: int | None = None) -> dict[int, PieceView]:
        """Sum of live piece values == live value (== ``expected`` if given); every live piece
        has a holder. Returns the live pieces."""
        live = self.live_pieces(root)
        total = sum(p.value for p in live.values())
        assert total == self.live_value(root), f"root {root}: pieces sum to {total}, live value {self.live_value(root)}"
        if expected is not None:
            assert total == expected
        for piece_id in live:
            assert self.owner(piece_id) is not None, f"live piece {piece_id} has no holder"
        return live

    def views(self, *piece_ids: int, roots=(), holders=()):
        """Callables for ``helpers.refused(views=...)``: the id counter, each piece's record and
        holder, each root's state, each holder's balance."""
        views = [self.r.lastPieceId]
        for piece_id in piece_ids:
            views.append(lambda piece_id=piece_id: self.piece(piece_id))
            views.append(lambda piece_id=piece_id: self.owner(piece_id))
        for root in roots:
            views.append(lambda root=root: tuple(self.r.rootState(root)))
        for holder in holders:
            views.append(lambda holder=holder: self.r.balanceOf(holder))
        return tuple(views)


@pytest.fixture(scope="module")
def ledger(receivables):
    return Ledger(receivables)


@pytest.fixture(scope="module")
def custodian(operator):
    """A platform contract stand-in (a contract, impersonated): PLATFORM_ROLE wired at
    deployment, not a member of any alliance."""
    return stand_in(operator)


@pytest.fixture(scope="module")
def obligor_proxy(operator):
    """An obligor-proxy stand-in (like the order escrow): OBLIGOR_PROXY_ROLE wired at deployment."""
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(custodian, obligor_proxy):
    return (("receivables", "PLATFORM_ROLE", custodian), ("receivables", "OBLIGOR_PROXY_ROLE", obligor_proxy))


@pytest.fixture(scope="module")
def suspend(registry, alliance, core):
    """Suspend a member of the alliance (by its core enterprise)."""

    def _suspend(member):
        registry.suspend(alliance, member, {"from": core})

    return _suspend


@pytest.fixture(scope="module")
def other_trade(trades, alliance, supplier2, core, auditor, cash):
    """A second verified trade: supplier2 sold 500,000 of goods to core."""
    return audited_trade(trades, alliance, supplier2, core, auditor, cash, to_base(500_000), "INV-0002")


@pytest.fixture(scope="module")
def other_root(receivables, other_trade, core, maturity):
    """A second root (500,000, held by supplier2), for cross-root refusals."""
    tx = receivables.confirm(other_trade, to_base(500_000), maturity, {"from": core})
    return tx.events["ReceivableIssued"]["rootId"]


@pytest.fixture
def next_block_at():
    """Pin the next block's timestamp (default: a little ahead of the chain); returns it."""

    def _at(timestamp: int | None = None) -> int:
        if timestamp is None:
            timestamp = max(chain.time(), chain[-1].timestamp) + 100
        return clock.next_block_at(timestamp)

    return _at


@pytest.fixture
def split_to_self(receivables):
    """Split ``value`` off ``piece`` to its own holder; returns the new piece id."""

    def _split(piece, holder, value):
        tx = receivables.splitOff(piece, holder, value, {"from": holder})
        return tx.events["PieceSplit"]["childId"]

    return _split
