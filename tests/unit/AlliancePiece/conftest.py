"""Fixtures of the shared alliance-piece tests: one piece of each token (a receivable root and a
warehouse receipt, both held by supplier1) behind one adapter, and two platform-contract
stand-ins wired with PLATFORM_ROLE on both tokens (``custodian`` locks, ``other_custodian`` is
every other platform contract)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from brownie.exceptions import VirtualMachineError
from helpers import stand_in
from loop_helpers import issue_receipt

KINDS = ("receivable", "receipt")


@dataclass(frozen=True)
class PieceUnderTest:
    """One piece of one token, with the calls whose names differ between the two tokens."""

    kind: str
    token: Any
    piece: int
    holder: Any
    amount: int                          # a valid split amount (a value, a quantity)
    record: Callable[[int], Any]         # the token's own record of a piece
    holder_split: Callable[[Any, Any, int], Any]  # (sender, to, amount) -> tx

    def owner(self, piece_id: int):
        """The holder, or None for a burned piece."""
        try:
            return self.token.ownerOf(piece_id)
        except VirtualMachineError:
            return None

    def views(self, *holders) -> tuple[Callable[[], Any], ...]:
        """What a refusal must leave unchanged: holder, lock and record of the piece, the id
        counter, the given holders' balances."""
        counter = self.token.lastPieceId if self.kind == "receivable" else self.token.lastReceiptId
        return (
            lambda: self.owner(self.piece),
            lambda: self.token.lockerOf(self.piece),
            lambda: tuple(self.record(self.piece)),
            counter,
            *(lambda h=h: self.token.balanceOf(h) for h in holders),
        )


@pytest.fixture(scope="module")
def custodian(operator):
    """The locker: a platform-contract stand-in (a contract, impersonated)."""
    return stand_in(operator)


@pytest.fixture(scope="module")
def other_custodian(operator):
    """Every other platform contract: PLATFORM_ROLE on both tokens, not the locker."""
    return stand_in(operator)


@pytest.fixture(scope="module")
def extra_grants(custodian, other_custodian):
    return tuple((token, "PLATFORM_ROLE", c) for token in ("receivables", "receipts")
                 for c in (custodian, other_custodian))


@pytest.fixture(scope="module")
def receipt(receipts, alliance, logistics, supplier1, cash):
    """1,000 units of copper cathode valued 100,000, held by supplier1."""
    return issue_receipt(receipts, alliance, logistics, supplier1, cash, 1_000, 100_000)


@pytest.fixture(scope="module", params=KINDS)
def kind(request):
    return request.param


@pytest.fixture(scope="module")
def subject(kind, receivables, receipts, root, receipt, supplier1) -> PieceUnderTest:
    """The piece under test: the receivable root or the warehouse receipt, held by supplier1."""
    if kind == "receivable":
        return PieceUnderTest(
            kind, receivables, root, supplier1, 100, receivables.pieceInfo,
            lambda sender, to, amount: receivables.splitOff(root, to, amount, {"from": sender}))
    return PieceUnderTest(
        kind, receipts, receipt, supplier1, 250, receipts.receiptOf,
        lambda sender, to, amount: receipts.split(receipt, amount, to, {"from": sender}))


@pytest.fixture
def locked(subject, custodian) -> PieceUnderTest:
    """The piece under test, locked by ``custodian``."""
    subject.token.lock(subject.piece, {"from": custodian})
    return subject
