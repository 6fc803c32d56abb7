"""scf.pieces against the token: a root's live pieces are found from its event logs, then only
those pieces are read (issue 12: no per-id scan). ``ledger.live_pieces`` (a scan of every id) is
the reference."""

from brownie import web3

from scf.pieces import live_pieces, live_root_pieces, piece_states
from scf.units import to_base


def test_live_pieces_match_the_token(receivables, root, other_root, supplier1, supplier2, custodian, split_to_self,
                                     ledger):
    """Splits (to itself and to another holder, of a child), a merge, a burn, another root's pieces
    in between: the same ids as a scan of every id, with the token's record and holder."""
    a = split_to_self(root, supplier1, to_base(100_000))
    b = receivables.splitOff(root, supplier2, to_base(50_000), {"from": supplier1}).return_value
    other = receivables.splitOff(other_root, supplier1, to_base(1_000), {"from": supplier2}).return_value
    c = split_to_self(a, supplier1, to_base(10_000))
    d = split_to_self(a, supplier1, to_base(20_000))
    receivables.merge([root, a], {"from": supplier1})
    receivables.burn(c, {"from": custodian})

    assert live_pieces(web3, receivables, root) == sorted(ledger.live_pieces(root)) == [root, b, d]
    assert live_pieces(web3, receivables, other_root) == sorted(ledger.live_pieces(other_root)) == [other_root, other]
    states = {p.id: p for p in live_root_pieces(web3, receivables, root)}
    for piece_id, piece in states.items():
        view = ledger.piece(piece_id)
        assert (piece.value, piece.root_id, piece.parent_id, piece.tier, piece.locked) == (
            view.value, view.root, view.parent, view.tier, view.locked)
        assert piece.holder == receivables.ownerOf(piece_id)
    assert states[b].holder == supplier2 and states[d].parent_id == a


def test_live_pieces_of_ids_that_are_not_roots(receivables, root, supplier1, split_to_self):
    child = split_to_self(root, supplier1, to_base(1_000))
    assert live_pieces(web3, receivables, child) == []
    assert live_pieces(web3, receivables, 10**9) == []
    assert live_pieces(web3, receivables, 0) == []


def test_piece_states_leave_out_burned_and_unminted_ids(receivables, root, supplier1, split_to_self):
    child = split_to_self(root, supplier1, to_base(1_000))
    receivables.merge([root, child], {"from": supplier1})

    assert [p.id for p in piece_states(web3, receivables.address, [root, child, 10**9])] == [root]


class _CountingToken:
    """The token with every read through it counted (the old scan read pieceInfo per id)."""

    def __init__(self, token) -> None:
        self.token, self.reads = token, 0

    @property
    def address(self) -> str:
        return self.token.address

    def __getattr__(self, name: str):
        self.reads += 1
        return getattr(self.token, name)


def test_regression_live_pieces_reads_no_piece_by_id(receivables, root, other_root, supplier1, supplier2):
    """issue 12 item 4: live_pieces made one node call per token id from the root to the newest
    piece; now it reads the token's logs and a batch of the root's own pieces, whatever the other
    roots hold."""
    receivables.split(other_root, [supplier1] * 50, [1] * 50, {"from": supplier2})
    token = _CountingToken(receivables)
    assert live_pieces(web3, token, root) == [root]
    assert token.reads == 0
