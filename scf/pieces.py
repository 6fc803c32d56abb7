"""Enumerating ERC-721 pieces from the contracts' event logs, then reading only those pieces.

A root's pieces are its first piece (id = root id, ``ReceivableIssued``) and every piece split off
one of them (``PieceSplit`` links each child to its parent); a piece closes when it is merged into
another (``PiecesMerged``) or burned by settlement (``PieceBurned``). Finding a root's live pieces
therefore takes two log queries (the root's issue, then the piece events from that block on) and
batched reads of the pieces found (``pieceInfo``, then ``ownerOf``), all at one block: the cost
grows with the number of piece events after the root's issue, not with one node call per token
id. (The token's events carry no root id in a split, so the log query cannot be narrowed to one
root on the node.)

Warehouse receipts and any other ERC-721 are enumerated from their ``Transfer`` logs: minted (from
the zero address) and not burned (to it).

Web3-only: every function takes the ``Web3`` to read through (brownie's ``web3`` in scripts and
tests, a JSON-RPC connection in the CLI); ``live_root_pieces`` / ``live_pieces`` accept any token
object with an ``address`` (a brownie or web3.py contract).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode
from eth_utils import (
    event_abi_to_log_topic,
    function_abi_to_4byte_selector,
    get_abi_input_types,
    get_abi_output_types,
    to_checksum_address,
)
from web3 import Web3

from scf.abis import load_abi
from scf.indexer.decoding import Event, EventDecoder
from scf.indexer.source import LogRangeTooLarge, Web3Source

TOKEN = "ReceivableToken"
ZERO_TOPIC = "0x" + "00" * 32
PIECE_EVENTS: tuple[str, ...] = ("ReceivableIssued", "PieceSplit", "PiecesMerged", "PieceBurned")
CALLS_PER_BATCH = 500       # eth_call requests per JSON-RPC batch


@dataclass(frozen=True)
class PieceState:
    """A live piece as the token reads it (``pieceInfo`` and ``ownerOf``) at one block."""

    id: int
    value: int
    root_id: int
    parent_id: int
    tier: int
    locked: bool
    holder: str


# ---------------------------------------------------------------- ABI helpers


@cache
def _abi_item(contract: str, kind: str, name: str) -> Any:
    for item in load_abi(contract):
        if item.get("type") == kind and item.get("name") == name:
            return item
    raise KeyError(f"{contract} has no {kind} {name}")


def event_topic(contract: str, event: str) -> str:
    """``topic0`` of one of a platform contract's events."""
    return "0x" + event_abi_to_log_topic(_abi_item(contract, "event", event)).hex()


def id_topic(value: int) -> str:
    """An indexed ``uint256`` as a log topic."""
    return "0x" + value.to_bytes(32, "big").hex()


def address_topic(address: str) -> str:
    """An indexed ``address`` as a log topic."""
    return "0x" + "00" * 12 + str(address)[2:].lower()


def call_many(w3: Web3, contract: str, address: str, function: str, args: Sequence[Sequence[Any]],
              block: int | str = "latest") -> list[tuple]:
    """``function(*a)`` of the contract at ``address`` for each ``a`` in ``args``, at ``block``:
    batched JSON-RPC ``eth_call`` requests (CALLS_PER_BATCH per request). Returns each call's
    decoded outputs as a tuple (a struct output is one tuple of its fields)."""
    abi = _abi_item(contract, "function", function)
    selector = function_abi_to_4byte_selector(abi)
    in_types, out_types = get_abi_input_types(abi), get_abi_output_types(abi)
    tag = hex(block) if isinstance(block, int) else block
    source = Web3Source(w3)
    results: list[tuple] = []
    for start in range(0, len(args), CALLS_PER_BATCH):
        calls = [("eth_call", [{"to": address, "data": "0x" + (selector + abi_encode(in_types, list(a))).hex()}, tag])
                 for a in args[start:start + CALLS_PER_BATCH]]
        for raw in source.batch(calls):
            results.append(tuple(abi_decode(out_types, bytes.fromhex(raw[2:]))))
    return results


# ---------------------------------------------------------------- logs


def _logs(source: Web3Source, address: str, topics: list, start: int, end: int) -> list[dict]:
    """Logs in ``[start, end]``; a range the node refuses as too large is read in halves."""
    if start > end:
        return []
    try:
        return source.logs([address], start, end, topics)
    except LogRangeTooLarge:
        if start == end:
            raise
        middle = (start + end) // 2
        return _logs(source, address, topics, start, middle) + _logs(source, address, topics, middle + 1, end)


def live_ids_of_root(events: Iterable[Event], root_id: int) -> list[int]:
    """Ids of ``root_id``'s live pieces from the token's piece events in chain order (other events
    and other roots' pieces are ignored); [] if the root was never issued."""
    members: set[int] = set()
    live: set[int] = set()
    for event in events:
        a = event.args
        if event.name == "ReceivableIssued" and a["rootId"] == root_id:
            members.add(root_id)
            live.add(root_id)
        elif event.name == "PieceSplit" and a["parentId"] in members:
            members.add(a["childId"])
            live.add(a["childId"])
        elif event.name == "PiecesMerged" and a["mergedId"] in members:
            live.discard(a["mergedId"])
        elif event.name == "PieceBurned" and a["pieceId"] in members:
            live.discard(a["pieceId"])
    return sorted(live)


def find_events(w3: Web3, contract: str, address: str, events: Sequence[str], indexed: Sequence[str | None] = (),
                from_block: int = 0, to_block: int | None = None) -> list[Event]:
    """Decoded ``events`` (any of these names) of a platform contract in ``[from_block, to_block]``
    (default: the head), in chain order; ``indexed`` filters the indexed arguments in order, as
    topics (``id_topic``, ``address_topic``; None for any)."""
    source = Web3Source(w3)
    end = source.head() if to_block is None else to_block
    logs = _logs(source, address, [[event_topic(contract, name) for name in events], *indexed], from_block, end)
    decoder = EventDecoder({contract: address})
    decoded = (decoder.decode(log) for log in logs if not log.get("removed"))
    return [e for e in decoded if e is not None]


def root_piece_ids(w3: Web3, token: str, root_id: int, from_block: int = 0, to_block: int | None = None) -> list[int]:
    """Ids of ``root_id``'s live pieces from the token's logs in ``[from_block, to_block]`` (default:
    the head): the root's issue, then the piece events from that block on. No state is read."""
    end = Web3Source(w3).head() if to_block is None else to_block
    issued = find_events(w3, TOKEN, token, ["ReceivableIssued"], [id_topic(root_id)], from_block, end)
    if not issued:
        return []
    return live_ids_of_root(find_events(w3, TOKEN, token, PIECE_EVENTS, (), issued[0].block_number, end), root_id)


# ---------------------------------------------------------------- state


def piece_states(w3: Web3, token: str, piece_ids: Sequence[int], block: int | str = "latest") -> list[PieceState]:
    """The token's record and holder of each live piece among ``piece_ids`` at ``block`` (two
    batched reads); burned ids and ids never minted are left out."""
    infos = call_many(w3, TOKEN, token, "pieceInfo", [(i,) for i in piece_ids], block)
    live = [(piece_id, info[0]) for piece_id, info in zip(piece_ids, infos) if info[0][0] > 0]
    holders = call_many(w3, TOKEN, token, "ownerOf", [(piece_id,) for piece_id, _ in live], block)
    return [PieceState(piece_id, value, root, parent, tier, locked, to_checksum_address(holder[0]))
            for (piece_id, (value, root, parent, tier, locked)), holder in zip(live, holders)]


def root_pieces(w3: Web3, token: str, root_id: int, from_block: int = 0) -> list[PieceState]:
    """``root_id``'s live pieces (id order) with their state, all read at the current head."""
    head = Web3Source(w3).head()
    ids = root_piece_ids(w3, token, root_id, from_block, head)
    return [s for s in piece_states(w3, token, ids, head) if s.root_id == root_id]


def live_root_pieces(w3: Web3, receivables: Any, root_id: int) -> list[PieceState]:
    """``root_pieces`` of a ``ReceivableToken`` contract object (anything with an ``address``)."""
    return root_pieces(w3, receivables.address, root_id)


def live_pieces(w3: Web3, receivables: Any, root_id: int) -> list[int]:
    """Ids of a root's pieces that are still live (value > 0), in id order; [] for an id that is
    not a root. Found from the token's event logs, then only those pieces are read."""
    return [piece.id for piece in live_root_pieces(w3, receivables, root_id)]


def live_token_ids(w3: Web3, contract: str, address: str, from_block: int = 0,
                   to_block: int | None = None) -> list[int]:
    """Ids of an ERC-721's tokens that exist (minted and not burned), from its ``Transfer`` logs."""
    end = Web3Source(w3).head() if to_block is None else to_block

    def ids(indexed: list[str | None]) -> set[int]:
        return {e.args["tokenId"] for e in find_events(w3, contract, address, ["Transfer"], indexed, from_block, end)}

    return sorted(ids([ZERO_TOPIC]) - ids([None, ZERO_TOPIC]))
