"""ERC-721 basics: interfaces, metadata, balances."""

import pytest
from helpers import refused

INTERFACES = {
    "ERC165": "0x01ffc9a7",
    "ERC721": "0x80ac58cd",
    "ERC721Metadata": "0x5b5e139f",
    "AccessControl": "0x7965db0b",
}


@pytest.mark.parametrize("interface_id", INTERFACES.values(), ids=INTERFACES.keys())
def test_supports_interface(receivables, interface_id):
    assert receivables.supportsInterface(interface_id)


@pytest.mark.parametrize("interface_id", ["0xffffffff", "0x780e9d63", "0x36372b07"],
                         ids=["invalid", "ERC721Enumerable", "ERC20"])
def test_does_not_claim_other_interfaces(receivables, interface_id):
    assert not receivables.supportsInterface(interface_id)


def test_name_and_symbol(receivables):
    assert receivables.name() == "scf-chain Receivable"
    assert receivables.symbol() == "SCFR"


def test_wired_to_the_registries(receivables, registry, trades):
    assert receivables.alliances() == registry
    assert receivables.trades() == trades
    assert trades.hasRole(trades.ISSUER_ROLE(), receivables)


def test_balances_count_pieces(receivables, root, supplier1, supplier2):
    assert receivables.balanceOf(supplier1) == 1
    receivables.split(root, [supplier2, supplier2, supplier1], [1, 2, 3], {"from": supplier1})
    assert (receivables.balanceOf(supplier1), receivables.balanceOf(supplier2)) == (2, 2)


def test_token_uri_is_on_chain_metadata(receivables, root):
    """issue 12: tokenURI was empty; the metadata itself is tested in test_token_uri.py."""
    assert receivables.tokenURI(root).startswith("data:application/json;base64,")


def test_unknown_token(receivables, root):
    with refused("ERC721NonexistentToken", root + 1):
        receivables.ownerOf(root + 1)
    with refused("ERC721NonexistentToken", root + 1):
        receivables.tokenURI(root + 1)
    assert receivables.pieceInfo(root + 1) == (0, 0, 0, 0, False)


@pytest.mark.parametrize("missing", ["registry", "trades"])
def test_constructor_refuses_zero_addresses(ReceivableToken, operator, registry, trades, missing):
    zero = "0x" + "00" * 20
    args = [operator, zero if missing == "registry" else registry, zero if missing == "trades" else trades]
    with refused("ZeroAddress"):
        ReceivableToken.deploy(*args, {"from": operator})
