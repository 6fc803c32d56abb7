"""Revert sentences in the brownie console (issue 12 left out: "brownie's own messages are
unchanged"): a transaction that reverts with a platform custom error is explained below brownie's
traceback with the sentence the command line gives; brownie's own message, which the tests match,
stays exactly as it was."""

import sys

import pytest
from brownie._cli.console import Console
from brownie.exceptions import VirtualMachineError
from eth_abi import encode as abi_encode
from eth_utils import function_signature_to_4byte_selector

from scf.brownie import revert_sentences
from scf.live.errors import ErrorDecoder


class Screen:
    """What a console writes."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


def shown(exc: BaseException) -> str:
    screen = Screen()
    try:
        raise exc
    except type(exc):
        Console.showtraceback(screen)
    return screen.text


def test_regression_console_explains_a_custom_error_in_words(settlement, rando):
    """issue 12 left out: revert sentences in the brownie console."""
    revert_sentences.install()
    revert_sentences.install()                          # idempotent: one wrapper, one sentence
    with pytest.raises(VirtualMachineError) as info:
        settlement.markOverdue(999, {"from": rando})

    assert info.value.revert_msg == "UnknownRoot: 999"   # brownie's message (what brownie.reverts matches)
    selector = function_signature_to_4byte_selector("UnknownRoot(uint256)")
    revert_data = "0x" + (selector + abi_encode(["uint256"], [999])).hex()
    cli_sentence = ErrorDecoder().explain(revert_data)                    # what the command line says
    assert revert_sentences.sentence(info.value) == cli_sentence == "UnknownRoot: unknown root (root id 999)"
    screen = shown(info.value)
    assert screen.count("why: UnknownRoot: unknown root (root id 999)\n") == 1
    assert screen.index("VirtualMachineError") < screen.index("why:")


def test_other_errors_get_no_sentence():
    revert_sentences.install()
    assert revert_sentences.sentence(ValueError("no revert")) is None
    assert "why:" not in shown(ValueError("no revert"))
    assert sys.exc_info() == (None, None, None)
