"""Platform contracts (PLATFORM_ROLE): lock, unlock, freezeRoot, platformTransfer, platformSplit, burn.

``custodian`` stands in for the market / settlement / pool contracts: trusted, not a member.
Who may lock, unlock, move, split or burn a locked piece is tested for both piece tokens in
tests/unit/AlliancePiece/test_lock_model.py.
"""

import pytest
from brownie import ZERO_ADDRESS
from helpers import refused

from scf.units import to_base

UNKNOWN_ID = 999
PLATFORM_ONLY = ["lock", "unlock", "freezeRoot", "platformTransfer", "platformSplit", "burn"]


def _call(receivables, name, root, sender, holder, to):
    args = {
        "lock": (root,),
        "unlock": (root,),
        "freezeRoot": (root,),
        "platformTransfer": (holder, to, root),
        "platformSplit": (root, 1, to),
        "burn": (root,),
    }[name]
    return getattr(receivables, name)(*args, {"from": sender})


def test_role_is_wired_at_deployment(receivables, custodian, operator, supplier1):
    role = receivables.PLATFORM_ROLE()
    assert receivables.hasRole(role, custodian)
    assert receivables.getRoleAdmin(role) == receivables.DEFAULT_ADMIN_ROLE()
    assert receivables.hasRole(receivables.DEFAULT_ADMIN_ROLE(), operator)
    with refused("AccessControlUnauthorizedAccount", supplier1, receivables.DEFAULT_ADMIN_ROLE(),
                 views=(lambda: receivables.hasRole(role, supplier1),)):
        receivables.grantRole(role, supplier1, {"from": supplier1})


@pytest.mark.parametrize("name", PLATFORM_ONLY)
@pytest.mark.parametrize("caller", ["supplier1", "operator", "core"], ids=["holder", "admin", "obligor"])
def test_platform_only(receivables, root, name, caller, actors, operator, supplier1, supplier2, ledger):
    """Not even the holder, the admin or the obligor: only accounts with PLATFORM_ROLE."""
    account = operator if caller == "operator" else actors[caller]
    with refused("AccessControlUnauthorizedAccount", account, receivables.PLATFORM_ROLE(),
                 views=ledger.views(root, root + 1, roots=(root,))):
        _call(receivables, name, root, account, supplier1, supplier2)


def test_platform_role_cannot_be_revoked_after_the_seal(receivables, custodian, operator):
    """The wiring is frozen both ways: the operator cannot take a platform contract's role away
    (which would strand the pieces it holds) any more than it can grant one."""
    role = receivables.PLATFORM_ROLE()
    with refused("WiringIsSealed", role, custodian, views=(lambda: receivables.hasRole(role, custodian),)):
        receivables.revokeRole(role, custodian, {"from": operator})
    assert receivables.hasRole(role, custodian)


@pytest.mark.parametrize("name", PLATFORM_ONLY)
def test_unknown_piece(receivables, name, custodian, root, supplier1, supplier2, ledger):
    with refused("ERC721NonexistentToken", UNKNOWN_ID, views=ledger.views(root, roots=(root,))):
        _call(receivables, name, UNKNOWN_ID, custodian, supplier1, supplier2)


# ---------------------------------------------------------------- lock / unlock


def test_lock_is_per_piece(receivables, root, custodian, supplier1, supplier2, split_to_self):
    spare = split_to_self(root, supplier1, 100)
    receivables.lock(root, {"from": custodian})
    assert not receivables.pieceInfo(spare)["locked"]
    receivables.splitOff(spare, supplier2, 10, {"from": supplier1})
    assert receivables.pieceInfo(spare)["value"] == 90


# ---------------------------------------------------------------- freezeRoot


def test_freeze_root(receivables, root, custodian, alliance, maturity, face_value):
    tx = receivables.freezeRoot(root, {"from": custodian})
    assert tx.events["RootFrozen"] == {"rootId": root, "by": custodian}
    assert receivables.rootInfo(root)["frozen"]
    assert receivables.rootState(root) == (maturity, alliance, True, 1, face_value)


def test_freeze_is_idempotent(receivables, root, custodian):
    receivables.freezeRoot(root, {"from": custodian})
    tx = receivables.freezeRoot(root, {"from": custodian})
    assert "RootFrozen" not in tx.events
    assert receivables.rootState(root)["frozen"]


def test_freeze_needs_a_root_id(receivables, root, custodian, supplier1, supplier2, ledger):
    """A child piece's id is no root: refused as unknown."""
    child = receivables.splitOff(root, supplier2, 10, {"from": supplier1}).events["PieceSplit"]["childId"]
    with refused("ERC721NonexistentToken", child, views=ledger.views(root, child, roots=(root,))):
        receivables.freezeRoot(child, {"from": custodian})


def test_platform_still_works_on_frozen_roots(receivables, root, custodian, supplier1, face_value, ledger):
    """Settlement freezes the root, then moves and burns its pieces."""
    receivables.freezeRoot(root, {"from": custodian})
    child = receivables.platformSplit(root, 100, custodian, {"from": custodian}).events["PieceSplit"]["childId"]
    receivables.platformTransfer(supplier1, custodian, root, {"from": custodian})
    receivables.burn(child, {"from": custodian})
    assert ledger.assert_conserved(root, face_value - 100).keys() == {root}


# ---------------------------------------------------------------- platformTransfer


def test_platform_transfer(receivables, root, custodian, supplier1, supplier2, face_value, ledger):
    tx = receivables.platformTransfer(supplier1, custodian, root, {"from": custodian})
    assert tx.events["Transfer"] == {"from": supplier1, "to": custodian, "tokenId": root}
    assert receivables.ownerOf(root) == custodian
    assert receivables.pieceInfo(root)["tier"] == 1          # custody by a platform contract keeps the tier

    receivables.platformTransfer(custodian, supplier2, root, {"from": custodian})
    assert receivables.ownerOf(root) == supplier2
    assert receivables.pieceInfo(root)["tier"] == 1
    ledger.assert_conserved(root, face_value)


def test_platform_transfer_to_same_holder_keeps_tier(receivables, root, custodian, supplier1):
    receivables.platformTransfer(supplier1, supplier1, root, {"from": custodian})
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root)["tier"] == 1


def test_platform_transfer_from_wrong_holder(receivables, root, custodian, supplier2, supplier3, ledger):
    with refused("ERC721IncorrectOwner", supplier2, root, receivables.ownerOf(root), views=ledger.views(root)):
        receivables.platformTransfer(supplier2, supplier3, root, {"from": custodian})


def test_platform_transfer_to_zero(receivables, root, custodian, supplier1, ledger):
    with refused("ERC721InvalidReceiver", ZERO_ADDRESS, views=ledger.views(root)):
        receivables.platformTransfer(supplier1, ZERO_ADDRESS, root, {"from": custodian})


# ---------------------------------------------------------------- platformSplit


def test_platform_split(receivables, root, custodian, supplier1, face_value, ledger):
    tx = receivables.platformSplit(root, to_base(400_000), custodian, {"from": custodian})
    child = tx.events["PieceSplit"]["childId"]
    assert tx.events["PieceSplit"] == {"parentId": root, "childId": child, "to": custodian,
                                       "value": to_base(400_000), "tier": 1}
    assert receivables.ownerOf(child) == custodian
    assert receivables.pieceInfo(child) == (to_base(400_000), root, root, 1, False)  # platform split: same tier
    assert receivables.pieceInfo(root) == (to_base(600_000), root, 0, 1, False)
    assert receivables.ownerOf(root) == supplier1
    ledger.assert_conserved(root, face_value)


def test_platform_split_to_holder_keeps_tier(receivables, root, custodian, supplier1):
    child = receivables.platformSplit(root, 5, supplier1, {"from": custodian}).events["PieceSplit"]["childId"]
    assert receivables.pieceInfo(child)["tier"] == 1


def test_platform_split_to_zero(receivables, root, custodian, ledger):
    with refused("ZeroAddress", views=ledger.views(root, root + 1, roots=(root,))):
        receivables.platformSplit(root, 1, ZERO_ADDRESS, {"from": custodian})


def test_platform_split_zero_value(receivables, root, custodian, ledger):
    with refused("ZeroValue", views=ledger.views(root, root + 1, roots=(root,))):
        receivables.platformSplit(root, 0, custodian, {"from": custodian})


@pytest.mark.parametrize("extra", [0, 1])
def test_platform_split_must_leave_a_remainder(receivables, root, custodian, face_value, ledger, extra):
    with refused("SplitExhaustsPiece", root, face_value, face_value + extra,
                 views=ledger.views(root, root + 1, roots=(root,))):
        receivables.platformSplit(root, face_value + extra, custodian, {"from": custodian})


# ---------------------------------------------------------------- burn


def test_burn_reduces_live_value(receivables, root, custodian, supplier1, supplier2, face_value, ledger):
    child = receivables.splitOff(root, supplier2, to_base(300_000), {"from": supplier1}).events["PieceSplit"]["childId"]
    tx = receivables.burn(child, {"from": custodian})

    assert tx.events["PieceBurned"] == {"pieceId": child, "rootId": root, "value": to_base(300_000)}
    assert tx.events["Transfer"] == {"from": supplier2, "to": ZERO_ADDRESS, "tokenId": child}
    assert ledger.owner(child) is None
    assert receivables.pieceInfo(child) == (0, 0, 0, 0, False)
    assert receivables.balanceOf(supplier2) == 0
    assert receivables.rootInfo(root)["faceValue"] == face_value
    assert ledger.live_value(root) == to_base(700_000)
    assert ledger.assert_conserved(root, to_base(700_000)).keys() == {root}


def test_burn_every_piece(receivables, root, custodian, supplier1, supplier2, face_value, ledger):
    child = receivables.splitOff(root, supplier2, 1, {"from": supplier1}).events["PieceSplit"]["childId"]
    receivables.burn(root, {"from": custodian})
    receivables.burn(child, {"from": custodian})
    assert ledger.live_value(root) == 0
    assert receivables.rootState(root)["faceValue"] == face_value
    assert ledger.assert_conserved(root, 0) == {}


def test_burn_twice(receivables, root, custodian, ledger):
    receivables.burn(root, {"from": custodian})
    with refused("ERC721NonexistentToken", root, views=ledger.views(root, roots=(root,))):
        receivables.burn(root, {"from": custodian})


def test_a_member_that_left_keeps_its_piece_until_settled(receivables, registry, root, alliance, custodian,
                                                          supplier1, ledger):
    """Leaving does not take a piece away: it stays the leaver's until settlement burns it."""
    registry.leave(alliance, {"from": supplier1})
    assert receivables.ownerOf(root) == supplier1
    receivables.burn(root, {"from": custodian})
    assert receivables.balanceOf(supplier1) == 0
    assert ledger.live_value(root) == 0
