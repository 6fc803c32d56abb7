"""Assertion helpers shared by the tests (importable as ``helpers``: tests/ is on sys.path)."""

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import brownie

from scf.brownie.clock import mine_at, next_block_at, now, travel_to  # noqa: F401  (tests import them from here)


def _fmt(value: Any) -> str:
    """Format an argument the way brownie prints a decoded custom error."""
    if hasattr(value, "address"):
        value = value.address
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.startswith("0x") and len(value) == 42:
        return value.lower()
    if isinstance(value, (bytes, bytearray)):
        return str(bytes(value))
    if isinstance(value, str) and value.startswith("0x"):
        return str(bytes.fromhex(value[2:]))
    return str(int(value)) if not isinstance(value, str) else value


def error_text(name: str, *args: Any) -> str:
    return f"{name}: {', '.join(_fmt(a) for a in args)}"


@contextmanager
def reverts(name: str, *args: Any):
    """Expect a revert with custom error ``name``; with ``args``, the arguments must match too."""
    if args:
        with brownie.reverts(error_text(name, *args)):
            yield
    else:
        with brownie.reverts(revert_pattern=rf"{name}: .*") as ctx:
            yield ctx


@contextmanager
def unchanged(*views: Callable[[], Any]):
    """Evaluate each view before and after the block and assert nothing changed."""
    before = [v() for v in views]
    yield
    after = [v() for v in views]
    for view, b, a in zip(views, before, after):
        assert b == a, f"{getattr(view, '__name__', view)} changed: {b!r} -> {a!r}"


@contextmanager
def refused(name: str, *args: Any, views: tuple[Callable[[], Any], ...] = ()):
    """Expect custom error ``name`` (with ``args`` if given) and the views unchanged."""
    with unchanged(*views):
        with reverts(name, *args):
            yield


def stand_in(deployer):
    """A contract account standing in for a platform contract: contract roles go only to
    contracts (IPlatformAccess), so a test deploys a PlatformStandIn, wires it at deployment
    (``extra_grants``) and sends transactions from it by impersonation (Anvil)."""
    from brownie import PlatformStandIn, accounts, web3

    contract = PlatformStandIn.deploy({"from": deployer})
    web3.provider.make_request("anvil_setBalance", [contract.address, hex(10**21)])
    web3.provider.make_request("anvil_impersonateAccount", [contract.address])
    return accounts.at(contract.address, force=True)


def stateful_settings(examples: int = 50, steps: int = 30) -> dict:
    """Hypothesis settings for brownie state machines. CI runs the defaults (50 examples x 30
    steps); SCF_STATEFUL_EXAMPLES / SCF_STATEFUL_STEPS run a longer campaign, e.g.
    ``SCF_STATEFUL_EXAMPLES=1000 make test-stateful``."""
    import os

    return {
        "max_examples": int(os.environ.get("SCF_STATEFUL_EXAMPLES", examples)),
        "stateful_step_count": int(os.environ.get("SCF_STATEFUL_STEPS", steps)),
        "deadline": None,
    }
