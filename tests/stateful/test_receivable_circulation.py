"""Stateful test: pieces of two roots circulate at random (splitOff, split, transfer, merge) among
alliance members and non-members (a certified outsider, an unregistered account, a suspended
member). A Python model predicts every outcome: moves to non-members, zero values, exhausting
splits, merges across roots and moves by non-holders must be refused with the exact error.

Invariants (after every step): each root's live value equals its face value and the sum of its
pieces in the model; only active members hold pieces; every piece belongs to a known root.
Each successful rule reads the touched pieces back from the chain, and every example ends with a
full sweep of all token ids (value, root, parent, tier, holder, burned ids gone, per-root sums).

Brownie snapshots the chain after ``__init__`` and reverts to it before each example.
"""

from collections import Counter
from dataclasses import dataclass

import pytest
from brownie import ZERO_ADDRESS, AllianceRegistry
from brownie.exceptions import VirtualMachineError
from brownie.test import strategy
from helpers import reverts, stateful_settings

from scf.onboarding import audited_trade
from scf.roles import Role
from scf.units import to_base

SECOND_FACE = to_base(300_000)


@dataclass
class Piece:
    holder: str
    value: int
    root: int
    parent: int
    tier: int

    def record(self) -> tuple:
        """The on-chain ``pieceInfo`` tuple (value, rootId, parentId, tier, locked)."""
        return (self.value, self.root, self.parent, self.tier, False)


@pytest.fixture(scope="module")
def second_root(receivables, trades, alliance, supplier2, core, auditor, cash, maturity):
    """A second root (300,000), held by supplier2."""
    trade_id = audited_trade(trades, alliance, supplier2, core, auditor, cash, SECOND_FACE, "INV-S-0002")
    tx = receivables.confirm(trade_id, SECOND_FACE, maturity, {"from": core})
    return tx.events["ReceivableIssued"]["rootId"]


class Circulation:
    st_piece = strategy("uint16")
    st_other = strategy("uint16")
    st_to = strategy("uint8")
    st_to2 = strategy("uint8")
    # basis points of the piece value; above 10,000 a split takes all or more than the piece
    st_bps = strategy("uint16", max_value=11_000)
    st_bps2 = strategy("uint16", max_value=11_000)

    def __init__(cls, receivables, alliance, roots, members, strangers, outcomes):
        """``roots``: {root id: (holder, face value)}; ``outcomes`` counts (rule, outcome) over
        the whole run. Runs once (on the generated machine class); brownie snapshots afterwards."""
        cls.r = receivables
        cls.alliance = alliance
        cls.roots = roots
        cls.everyone = list(members) + list(strangers)
        cls.accounts = {a.address: a for a in cls.everyone}
        cls.member_addresses = {a.address for a in members}
        # the tier (IReceivableToken.Piece.tier) stays on moves to or from a financier
        registry = AllianceRegistry.at(receivables.alliances())
        cls.financiers = {a.address for a in members if registry.membershipOf(alliance, a)[1] & Role.FINANCIER}
        cls.first_id = int(receivables.lastPieceId()) + 1
        assert cls.first_id == max(roots) + 1
        cls.outcomes = outcomes

    def setup(self):
        self.pieces = {
            root: Piece(holder.address, face, root, 0, 1) for root, (holder, face) in self.roots.items()
        }
        self.next_id = self.first_id
        self.burned = set()

    # ------------------------------------------------------------ model helpers

    def _pick(self, index):
        ids = sorted(self.pieces)
        piece_id = ids[index % len(ids)]
        return piece_id, self.pieces[piece_id]

    def _account(self, index):
        return self.everyone[index % len(self.everyone)]

    def _is_member(self, account):
        return account.address in self.member_addresses

    def _verify(self, *piece_ids, tx=None):
        """The chain agrees with the model on these live pieces. With ``tx``, holders are read
        from its Transfer events (cheaper; the teardown sweep reads every holder from storage)."""
        moved = {e["tokenId"]: e["to"] for e in tx.events["Transfer"]} if tx and "Transfer" in tx.events else {}
        for piece_id in piece_ids:
            piece = self.pieces[piece_id]
            assert self.r.pieceInfo(piece_id) == piece.record(), f"piece {piece_id}"
            holder = moved[piece_id] if piece_id in moved else self.r.ownerOf(piece_id)
            assert holder == piece.holder, f"holder of piece {piece_id}"

    def _tier_after(self, tier, frm, to):
        """One up for a payment between enterprises; kept to oneself or to / from a financier."""
        if frm == to or frm in self.financiers or to in self.financiers:
            return tier
        return min(tier + 1, 2**16 - 1)

    def _refused(self, rule, expected, call, *args):
        self.outcomes[rule, expected[0]] += 1
        with reverts(*expected):
            call(*args)

    def _mint(self, parent_id, parent, to, value):
        """Model a new child piece; returns its id."""
        child_id = self.next_id
        self.next_id += 1
        tier = self._tier_after(parent.tier, parent.holder, to.address)
        self.pieces[child_id] = Piece(to.address, value, parent.root, parent_id, tier)
        parent.value -= value
        return child_id

    # ------------------------------------------------------------ rules

    def rule_split_off(self, st_piece, st_to, st_bps):
        piece_id, piece = self._pick(st_piece)
        holder, to = self.accounts[piece.holder], self._account(st_to)
        value = piece.value * st_bps // 10_000
        if not self._is_member(to):
            expected = ("RecipientNotMember", self.alliance, to)
        elif value == 0:
            expected = ("ZeroValue",)
        elif value >= piece.value:
            expected = ("SplitExhaustsPiece", piece_id, piece.value, value)
        else:
            tx = self.r.splitOff(piece_id, to, value, {"from": holder})
            child_id = self._mint(piece_id, piece, to, value)
            assert tx.events["PieceSplit"]["childId"] == child_id
            self._verify(piece_id, child_id, tx=tx)
            self.outcomes["splitOff", "ok"] += 1
            return
        self._refused("splitOff", expected, self.r.splitOff, piece_id, to, value, {"from": holder})

    def rule_split(self, st_piece, st_to, st_to2, st_bps, st_bps2):
        piece_id, piece = self._pick(st_piece)
        holder = self.accounts[piece.holder]
        recipients = [self._account(st_to), self._account(st_to2)]
        # up to ~3/4 of the piece each: the two together sometimes exhaust it
        amounts = [piece.value * bps // 15_000 for bps in (st_bps, st_bps2)]
        strangers = [a for a in recipients if not self._is_member(a)]
        # the contract checks the amounts before the recipients
        if 0 in amounts:
            expected = ("ZeroValue",)
        elif sum(amounts) >= piece.value:
            expected = ("SplitExhaustsPiece", piece_id, piece.value, sum(amounts))
        elif strangers:
            expected = ("RecipientNotMember", self.alliance, strangers[0])
        else:
            tx = self.r.split(piece_id, recipients, amounts, {"from": holder})
            children = [self._mint(piece_id, piece, to, v) for to, v in zip(recipients, amounts)]
            assert [e["childId"] for e in tx.events["PieceSplit"]] == children
            self._verify(piece_id, *children, tx=tx)
            self.outcomes["split", "ok"] += 1
            return
        self._refused("split", expected, self.r.split, piece_id, recipients, amounts, {"from": holder})

    def rule_transfer(self, st_piece, st_to):
        piece_id, piece = self._pick(st_piece)
        holder, to = self.accounts[piece.holder], self._account(st_to)
        if not self._is_member(to):
            expected = ("RecipientNotMember", self.alliance, to)
            self._refused("transfer", expected, self.r.transferFrom, holder, to, piece_id, {"from": holder})
            return
        tx = self.r.transferFrom(holder, to, piece_id, {"from": holder})
        if to.address != piece.holder:
            piece.tier = self._tier_after(piece.tier, piece.holder, to.address)
            piece.holder = to.address
        self._verify(piece_id, tx=tx)
        self.outcomes["transfer", "ok"] += 1

    def rule_merge(self, st_piece, st_other):
        ids = sorted(self.pieces)
        same_holder = [(a, b) for a in ids for b in ids if a != b and self.pieces[a].holder == self.pieces[b].holder]
        mergeable = [(a, b) for a, b in same_holder if self.pieces[a].root == self.pieces[b].root]
        pairs = mergeable if st_other % 4 in (1, 2) and mergeable else same_holder
        if pairs and st_other % 4:
            # mostly two pieces of one holder, usually of one root
            piece_id, other_id = pairs[st_piece % len(pairs)]
        else:
            # now and then any two pieces
            piece_id = ids[st_piece % len(ids)]
            others = [i for i in ids if i != piece_id]
            if not others:
                return
            other_id = others[st_other % len(others)]
        piece, other = self.pieces[piece_id], self.pieces[other_id]
        holder = self.accounts[piece.holder]
        if other.holder != piece.holder:
            expected = ("NotPieceHolder", other_id, holder)
        elif other.root != piece.root:
            expected = ("DifferentRoots", other_id, other.root, piece.root)
        else:
            tx = self.r.merge([piece_id, other_id], {"from": holder})
            assert tx.events["PiecesMerged"] == {"intoId": piece_id, "mergedId": other_id, "value": other.value}
            assert tx.events["Transfer"] == {"from": holder, "to": ZERO_ADDRESS, "tokenId": other_id}
            piece.value += other.value
            piece.tier = max(piece.tier, other.tier)
            del self.pieces[other_id]
            self.burned.add(other_id)
            self._verify(piece_id)
            self.outcomes["merge", "ok"] += 1
            return
        self._refused("merge", expected, self.r.merge, [piece_id, other_id], {"from": holder})

    def rule_move_by_non_holder(self, st_piece, st_to):
        """Anyone but the holder (member or not) is refused."""
        piece_id, piece = self._pick(st_piece)
        caller = self._account(st_to)
        if caller.address == piece.holder:
            caller = self._account(st_to + 1)
        expected = ("NotPieceHolder", piece_id, caller)
        self._refused("non-holder", expected, self.r.splitOff, piece_id, caller, 1, {"from": caller})

    # ------------------------------------------------------------ invariants

    def invariant_value_conserved(self):
        for root, (_, face) in self.roots.items():
            modelled = sum(p.value for p in self.pieces.values() if p.root == root)
            _, _, frozen, _, face_value = self.r.rootState(root)
            assert modelled == face_value == face, f"root {root}"  # nothing is burned here
            assert not frozen

    def invariant_only_members_hold(self):
        assert {p.holder for p in self.pieces.values()} <= self.member_addresses

    def invariant_piece_provenance(self):
        for piece_id, p in self.pieces.items():
            assert p.root in self.roots
            assert p.value > 0
            assert (piece_id == p.root) == (p.parent == 0)
            assert p.parent < piece_id  # parents are older than their children
            assert p.tier >= 1

    def teardown(self):
        """Full sweep: every token id on chain against the model."""
        assert self.r.lastPieceId() == self.next_id - 1
        sums = dict.fromkeys(self.roots, 0)
        for piece_id in range(min(self.roots), self.next_id):
            if piece_id in self.pieces:
                self._verify(piece_id)
                sums[self.pieces[piece_id].root] += self.pieces[piece_id].value
            else:
                assert piece_id in self.burned
                assert self.r.pieceInfo(piece_id) == (0, 0, 0, 0, False)
                with pytest.raises(VirtualMachineError):
                    self.r.ownerOf(piece_id)
        for root, (_, face) in self.roots.items():
            assert sums[root] == self.r.rootState(root)["faceValue"] == face
        for account in self.everyone:
            held = sum(1 for p in self.pieces.values() if p.holder == account.address)
            assert self.r.balanceOf(account) == held, account


def test_receivable_circulation(state_machine, receivables, alliance, registry, core, root, second_root, face_value,
                                supplier1, supplier2, supplier3, bank_a, bank_b, outsider, rando, distributor):
    registry.suspend(alliance, distributor, {"from": core})
    outcomes = Counter()
    state_machine(
        Circulation,
        receivables,
        alliance,
        {root: (supplier1, face_value), second_root: (supplier2, SECOND_FACE)},
        [supplier1, supplier2, supplier3, bank_a, bank_b],
        [outsider, rando, distributor],
        outcomes,
        settings=stateful_settings(),
    )
    print("\noutcomes:", dict(sorted(outcomes.items())))
    # every kind of move succeeded somewhere in the run, and non-members were turned away
    for rule in ("splitOff", "split", "transfer", "merge"):
        assert outcomes[rule, "ok"] > 0, rule
    assert outcomes["splitOff", "RecipientNotMember"] + outcomes["transfer", "RecipientNotMember"] > 0
    assert outcomes["non-holder", "NotPieceHolder"] > 0
