"""tokenURI: on-chain ERC-721 metadata, a base64 data URI of JSON built from pieceInfo and rootInfo."""

import base64
import json

import pytest
from brownie import chain
from helpers import refused

from scf.units import to_base

PREFIX = "data:application/json;base64,"
DAY = 86_400


def metadata(receivables, piece_id: int) -> dict:
    uri = receivables.tokenURI(piece_id)
    assert uri.startswith(PREFIX)
    return json.loads(base64.b64decode(uri[len(PREFIX):], validate=True))


def attributes(doc: dict) -> dict:
    names = [a["trait_type"] for a in doc["attributes"]]
    assert len(names) == len(set(names)), "an attribute appears twice"
    return {a["trait_type"]: a["value"] for a in doc["attributes"]}


def assert_matches_chain(receivables, piece_id: int, status: str) -> dict:
    """Every field of the metadata equals what pieceInfo / rootInfo say."""
    doc = metadata(receivables, piece_id)
    piece = receivables.pieceInfo(piece_id)
    root = receivables.rootInfo(piece["rootId"])
    assert doc["name"] == f"scf-chain receivable piece #{piece_id}"
    assert doc["description"]
    assert attributes(doc) == {
        "value": str(piece["value"]),  # a decimal string: exact beyond 2**53
        "currency": root["currency"],  # checksummed, as brownie returns addresses
        "obligor": root["obligor"],
        "maturity": root["maturity"],
        "tier": piece["tier"],
        "root id": piece["rootId"],
        "parent id": piece["parentId"],
        "status": status,
    }
    return doc


def test_root_piece(receivables, root, core, cash, face_value, maturity):
    doc = assert_matches_chain(receivables, root, "live")
    attrs = attributes(doc)
    assert (attrs["value"], attrs["obligor"], attrs["currency"]) == (str(face_value), core, cash)
    assert (attrs["maturity"], attrs["tier"], attrs["root id"], attrs["parent id"]) == (maturity, 1, root, 0)


def test_split_child(receivables, root, supplier1, supplier2):
    child = receivables.splitOff(root, supplier2, to_base(123_456), {"from": supplier1}).events["PieceSplit"]["childId"]
    attrs = attributes(assert_matches_chain(receivables, child, "live"))
    assert (attrs["value"], attrs["parent id"], attrs["root id"], attrs["tier"]) == (
        str(to_base(123_456)), root, root, 2)
    assert_matches_chain(receivables, root, "live")  # the parent's value went down


def test_locked_piece(receivables, root, custodian):
    receivables.lock(root, {"from": custodian})
    assert_matches_chain(receivables, root, "locked")


def test_frozen_root(receivables, root, custodian):
    receivables.freezeRoot(root, {"from": custodian})
    assert_matches_chain(receivables, root, "frozen")


def test_matured_root(receivables, root, maturity, next_block_at):
    assert_matches_chain(receivables, root, "live")
    next_block_at(maturity)  # the first block at maturity: matured from that second on
    chain.mine()
    assert_matches_chain(receivables, root, "matured")


def test_burned_piece_has_no_metadata(receivables, root, supplier1, custodian):
    receivables.burn(root, {"from": custodian})
    with refused("ERC721NonexistentToken", root):
        receivables.tokenURI(root)


def test_merged_piece_has_no_metadata(receivables, root, supplier1, split_to_self):
    a = split_to_self(root, supplier1, 10)
    receivables.merge([root, a], {"from": supplier1})
    with refused("ERC721NonexistentToken", a):
        receivables.tokenURI(a)


@pytest.mark.parametrize("offset", [1, 1000])
def test_never_minted(receivables, root, offset):
    with refused("ERC721NonexistentToken", root + offset):
        receivables.tokenURI(root + offset)
