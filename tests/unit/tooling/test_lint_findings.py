"""Defects the type checker found in the web3-only core when `make lint` started checking it
(issue 13: lint gates)."""

import pytest

from scf.errors import ConfigError
from scf.live.deployer import DeployResult
from scf.live.sender import GWEI, TxSender, TxSettings
from scf.manifest import Manifest


class NoBaseFeeEth:
    """A node whose blocks carry no base fee (a chain without EIP-1559, as many alliance chains)."""

    chain_id = 5
    gas_price = 7 * GWEI
    max_priority_fee = 2 * GWEI

    def get_block(self, _which):
        return {"number": 1}


class NoBaseFeeWeb3:
    eth = NoBaseFeeEth()


def test_regression_eip1559_fees_asked_of_a_chain_without_base_fee_are_refused_in_words():
    """issue 13 item lint (mypy): legacy=False on a chain without a base fee multiplied None and
    failed with a TypeError; it is now a ConfigError that says to send legacy transactions."""
    sender = TxSender(NoBaseFeeWeb3(), TxSettings(legacy=False))
    with pytest.raises(ConfigError, match="legacy transactions"):
        sender.fee_fields()
    # automatic choice and forced legacy still price with gasPrice
    assert TxSender(NoBaseFeeWeb3()).fee_fields() == {"gasPrice": 7 * GWEI}
    assert TxSender(NoBaseFeeWeb3(), TxSettings(legacy=True)).fee_fields() == {"gasPrice": 7 * GWEI}


def test_regression_a_dry_run_result_hands_out_no_platform():
    """issue 13 item lint (mypy): callers passed `DeployResult.platform` (None after a dry run with
    contracts to deploy) straight to the story and the load generator; `live_platform()` refuses."""
    dry = DeployResult(None, Manifest(31337, "0x" + "00" * 20), [], 0, wired=False)
    with pytest.raises(ConfigError, match="dry run"):
        dry.live_platform()
    platform = object()
    real = DeployResult(platform, Manifest(31337, "0x" + "00" * 20), [], 3)
    assert real.live_platform() is platform
