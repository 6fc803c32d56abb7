"""issue 13 (one constructor rule): every constructor address argument is refused with the
platform's ZeroAddress() when zero, before anything is stored or granted."""

import pytest
from brownie import project
from helpers import reverts

from scf.deployment import COMPONENTS, _constructor_args

ZERO = "0x" + "00" * 20
ATTRIBUTE = dict(COMPONENTS)
# the contracts whose constructors take platform addresses (the two piece tokens are checked in
# their own unit tests)
CHECKED = ("AllianceRegistry", "TradeRegistry", "SettlementToken", "FinancingMarket", "Settlement",
           "SecuritizationPool", "OrderEscrow", "InventoryFinancing", "AdvancePayment")


def _address_positions(args: list) -> list[int]:
    return [i for i, arg in enumerate(args)
            if hasattr(arg, "address") or (isinstance(arg, str) and arg.startswith("0x"))]


def _deployed(platform) -> dict:
    return {attr: getattr(platform, attr) for _name, attr in COMPONENTS}


@pytest.mark.parametrize("name", CHECKED)
def test_regression_every_constructor_address_is_checked(name, platform, operator):
    """issue 13 (constructor rule): TradeRegistry, FinancingMarket, Settlement, OrderEscrow,
    InventoryFinancing and AdvancePayment accepted a zero registry, token or market address and
    deployed a contract that could never work."""
    args = _constructor_args(name, operator, _deployed(platform))
    positions = _address_positions(args)
    assert positions, f"{name} takes no address"
    container = getattr(project.get_loaded_projects()[0], name)
    for position in positions:
        bad = list(args)
        bad[position] = ZERO
        with reverts("ZeroAddress"):
            container.deploy(*bad, {"from": operator})
    assert container.deploy(*args, {"from": operator}).address != ZERO   # the real arguments pass


def test_regression_tranche_token_refuses_a_zero_currency(TrancheToken, operator, cash):
    """issue 13 (constructor rule): a tranche token could be created without a currency."""
    with reverts("ZeroAddress"):
        TrancheToken.deploy("pool 1 senior", "SCF1S", 6, ZERO, 1, True, {"from": operator})
    assert TrancheToken.deploy("pool 1 senior", "SCF1S", 6, cash, 1, True, {"from": operator}).currency() == cash
