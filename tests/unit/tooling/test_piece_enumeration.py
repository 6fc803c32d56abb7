"""Listing a root's and a holder's pieces without a per-id scan (issue 12): from the token's piece
events (scf.pieces) and from the index (scf.api), on hand-written event histories."""

import pytest

from scf import api
from scf.errors import NotFound
from scf.indexer.decoding import Event
from scf.pieces import address_topic, id_topic, live_ids_of_root
from scf.reporting.model import PlatformState

ZERO = "0x" + "00" * 20
CORE, S1, S2, BANK = ("0x" + c * 40 for c in "ABCD")


class History:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, contract: str, event: str, **args) -> None:
        n = len(self.events)
        self.events.append(Event(n + 1, 0, f"0x{n:064x}", f"0x{n:064x}", contract, event, args, 1_780_000_000 + n))

    def issue(self, root: int, holder: str, value: int) -> None:
        self.add("ReceivableToken", "Transfer", **{"from": ZERO, "to": holder, "tokenId": root})
        self.add("ReceivableToken", "ReceivableIssued", rootId=root, tradeId=root, obligor=CORE, faceValue=value,
                 maturity=1_790_000_000, allianceId=1)

    def split(self, parent: int, child: int, to: str, value: int, tier: int = 2) -> None:
        self.add("ReceivableToken", "Transfer", **{"from": ZERO, "to": to, "tokenId": child})
        self.add("ReceivableToken", "PieceSplit", parentId=parent, childId=child, to=to, value=value, tier=tier)

    def transfer(self, piece: int, frm: str, to: str) -> None:
        self.add("ReceivableToken", "Transfer", **{"from": frm, "to": to, "tokenId": piece})

    def merge(self, into: int, merged: int, holder: str, value: int) -> None:
        self.add("ReceivableToken", "Transfer", **{"from": holder, "to": ZERO, "tokenId": merged})
        self.add("ReceivableToken", "PiecesMerged", intoId=into, mergedId=merged, value=value)

    def burn(self, piece: int, root: int, holder: str, value: int) -> None:
        self.add("ReceivableToken", "Transfer", **{"from": holder, "to": ZERO, "tokenId": piece})
        self.add("ReceivableToken", "PieceBurned", pieceId=piece, rootId=root, value=value)


@pytest.fixture
def history() -> History:
    """Root 1 (1000, S1) and root 3 (500, S2), their pieces interleaved:
    1 -> 2 (S2, 300) -> 5 (BANK, 100); 1 -> 4 (S1, 200) merged back into 1; 2 sold to BANK;
    3 -> 6 (S1, 50); 6 burned by settlement."""
    h = History()
    for address, name in ((CORE, "Core Co"), (S1, "Tier One"), (S2, "Tier Two"), (BANK, "Bank A")):
        h.add("AllianceRegistry", "EnterpriseRegistered", account=address, idHash="0x", roles=2, name=name)
    h.issue(1, S1, 1000)
    h.split(1, 2, S2, 300)
    h.issue(3, S2, 500)
    h.split(1, 4, S1, 200, tier=1)
    h.split(2, 5, BANK, 100, tier=2)
    h.split(3, 6, S1, 50)
    h.merge(1, 4, S1, 200)
    h.transfer(2, S2, BANK)
    h.burn(6, 3, S1, 50)
    return h


def test_live_ids_of_root_follow_splits_merges_and_burns(history):
    assert live_ids_of_root(history.events, 1) == [1, 2, 5]
    assert live_ids_of_root(history.events, 3) == [3]


def test_live_ids_of_root_ignore_non_roots_and_unknown_ids(history):
    assert live_ids_of_root(history.events, 2) == []      # a piece, not a root
    assert live_ids_of_root(history.events, 99) == []
    assert live_ids_of_root([], 1) == []


def test_live_ids_of_root_closed_root_piece_keeps_its_children(history):
    """The root's first piece merged into a child: the child (same root) stays, the first piece goes."""
    history.split(1, 7, S1, 100, tier=1)
    history.merge(7, 1, S1, 600)
    assert live_ids_of_root(history.events, 1) == [2, 5, 7]


def test_topics_are_32_byte_words():
    assert id_topic(1) == "0x" + "00" * 31 + "01"
    assert address_topic(S1) == "0x" + "00" * 12 + S1[2:].lower()


def test_api_pieces_of_root_live_by_default(history):
    state = PlatformState.from_events(history.events)
    assert [p.id for p in api.pieces_of_root(state, 1)] == [1, 2, 5]
    assert [p.value for p in api.pieces_of_root(state, 1)] == [1000 - 300 - 200 + 200, 300 - 100, 100]
    assert [p.id for p in api.pieces_of_root(state, 1, live_only=False)] == [1, 2, 4, 5]
    closed = api.pieces_of_root(state, 1, live_only=False)[2]
    assert closed.burned and closed.merged_into == 1 and closed.value == 0
    assert [p.id for p in api.pieces_of_root(state, 3)] == [3]
    assert api.pieces_of_root(state, 2) == [] and api.pieces_of_root(state, 99) == []


def test_api_pieces_of_holder_by_name_or_address(history):
    state = PlatformState.from_events(history.events)
    assert [p.id for p in api.pieces_of_holder(state, "Bank A")] == [2, 5]
    assert [p.id for p in api.pieces_of_holder(state, "bank_a")] == [2, 5]        # the demo's handle
    assert [p.id for p in api.pieces_of_holder(state, BANK.lower())] == [2, 5]    # any case
    assert [p.id for p in api.pieces_of_holder(state, "Tier One")] == [1]
    assert [p.id for p in api.pieces_of_holder(state, "Tier One", live_only=False)] == [1, 4, 6]
    assert [p.id for p in api.pieces_of_holder(state, "Tier Two")] == [3]         # 2 went to the bank
    assert api.pieces_of_holder(state, "0x" + "ee" * 20) == []
    with pytest.raises(NotFound):
        api.pieces_of_holder(state, "nobody")
