"""Custom errors explained in words in the brownie console, as the command line explains them.

brownie shows a reverted transaction as ``VirtualMachineError: revert: PieceNotTradable: 3,
1804560972, True``. After ``install()`` the console prints, below brownie's own message, the
sentence ``scf.live.errors`` gives the command line::

    why: PieceNotTradable: piece not tradable (piece id 3, maturity 2027-03-05 10:49 UTC, frozen yes)

brownie's own message (``revert_msg``) is left exactly as it was: the tests and
``brownie.reverts`` match it. To find the revert data behind that message, brownie's
``decode_typed_error`` is wrapped: it returns the same text and remembers which data gave it.
"""

import sys
from collections import OrderedDict
from typing import Any

from scf.live.errors import ErrorDecoder

_REMEMBERED = 256            # recent typed errors kept (message -> revert data)
_data_of: "OrderedDict[str, str]" = OrderedDict()
_decoder: ErrorDecoder | None = None
_installed = False


def _remember(message: str, data: str) -> None:
    _data_of[message] = data
    _data_of.move_to_end(message)
    while len(_data_of) > _REMEMBERED:
        _data_of.popitem(last=False)


def sentence(exc: BaseException) -> str | None:
    """The sentence for a brownie revert with a platform custom error, else None."""
    global _decoder
    message = getattr(exc, "revert_msg", None)
    if not isinstance(message, str):
        return None
    data = _data_of.get(message)
    if data is None:
        return None
    _decoder = _decoder or ErrorDecoder()
    explained = _decoder.explain(data)
    return None if explained is None or explained.startswith(("reverted: ", "panic ")) else explained


def install() -> None:
    """Remember the data of brownie's typed errors and add the sentence to the console's
    traceback display. Idempotent."""
    global _installed
    if _installed:
        return
    from brownie import exceptions
    from brownie._cli import console
    from brownie.network import contract, transaction

    original = exceptions.decode_typed_error

    def decode_typed_error(data: Any) -> str:
        message = original(data)
        if isinstance(data, str) and data.startswith("0x") and len(data) >= 10:
            _remember(message, data)
        return message

    for module in (exceptions, contract, transaction):
        module.decode_typed_error = decode_typed_error      # type: ignore[attr-defined]

    show = console.Console.showtraceback

    def showtraceback(self: Any) -> None:
        show(self)
        current = sys.exc_info()[1]
        explained = sentence(current) if current is not None else None
        if explained is not None:
            self.write(f"why: {explained}\n")

    console.Console.showtraceback = showtraceback             # type: ignore[method-assign]
    _installed = True
