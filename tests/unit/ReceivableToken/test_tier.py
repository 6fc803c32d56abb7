"""Tier = the supply-chain tier of the enterprise that received the piece as payment
(IReceivableToken.Piece.tier): bounded, so no number of moves can ever block a piece."""

from brownie import web3
from eth_utils import keccak

MAX_TIER = 2**16 - 1
TIER_SHIFT = 96 + 40 + 40          # Piece packs value (96 bits), rootId (40), parentId (40), tier (16), locked


def _piece_slot(receivables, piece_id: int) -> bytes:
    """The storage slot of ``_pieces[piece_id]``, found by its packed content (no layout file)."""
    info = receivables.pieceInfo(piece_id)
    packed = info["value"] | info["rootId"] << 96 | info["parentId"] << 136 | info["tier"] << TIER_SHIFT
    for index in range(64):
        slot = keccak(piece_id.to_bytes(32, "big") + index.to_bytes(32, "big"))
        if int.from_bytes(web3.eth.get_storage_at(receivables.address, slot), "big") == packed:
            return slot
    raise LookupError("piece slot not found")


def _set_tier(receivables, piece_id: int, tier: int) -> None:
    slot = _piece_slot(receivables, piece_id)
    word = int.from_bytes(web3.eth.get_storage_at(receivables.address, slot), "big")
    word = word & ~(0xFFFF << TIER_SHIFT) | tier << TIER_SHIFT
    web3.provider.make_request("anvil_setStorageAt", [receivables.address, "0x" + slot.hex(),
                                                      "0x" + word.to_bytes(32, "big").hex()])
    assert receivables.pieceInfo(piece_id)["tier"] == tier


def test_regression_tier_saturates_instead_of_blocking_the_piece(receivables, root, supplier1, supplier2,
                                                                  supplier3, face_value, ledger):
    """issue 10 item 13: the tier was a uint16 that grew on every move; after 65,535 moves the piece
    could never move again (checked-arithmetic overflow). It now stops at MAX_TIER."""
    _set_tier(receivables, root, MAX_TIER)
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier2 and receivables.pieceInfo(root)["tier"] == MAX_TIER
    child = receivables.splitOff(root, supplier3, 10, {"from": supplier2}).events["PieceSplit"]["childId"]
    assert receivables.pieceInfo(child)["tier"] == MAX_TIER
    tx = receivables.split(root, [supplier1], [10], {"from": supplier2})
    assert tx.events["PieceSplit"]["tier"] == MAX_TIER
    ledger.assert_conserved(root, face_value)


def test_max_tier_is_published(receivables):
    assert receivables.MAX_TIER() == MAX_TIER


def test_custody_round_trip_keeps_the_tier(receivables, root, supplier1, supplier2, bank_a):
    """A supplier pays tier 2, tier 2 lends the piece to a bank and gets it back: still tier 2."""
    receivables.transferFrom(supplier1, supplier2, root, {"from": supplier1})
    receivables.transferFrom(supplier2, bank_a, root, {"from": supplier2})
    receivables.transferFrom(bank_a, supplier2, root, {"from": bank_a})
    assert receivables.pieceInfo(root)["tier"] == 2


def test_merge_keeps_the_highest_tier(receivables, root, supplier1, supplier2):
    """supplier2 receives two parts, one through a payment from supplier1 (tier 2) and its own
    split of it (tier 2): merged, tier 2."""
    child = receivables.splitOff(root, supplier2, 100, {"from": supplier1}).events["PieceSplit"]["childId"]
    own = receivables.splitOff(child, supplier2, 10, {"from": supplier2}).events["PieceSplit"]["childId"]
    receivables.merge([own, child], {"from": supplier2})
    assert receivables.pieceInfo(own)["tier"] == 2
