"""Readable reverts: custom errors of the platform ABIs, Error(string) and Panic(uint256).

``describe`` gives the compact form ``NotPieceHolder(7, 0xab...)``; ``explain`` gives a sentence
for people: the error's name in words and each argument with its name, timestamps as UTC dates,
basis points as percentages, amounts in base units, e.g. ``PieceNotTradable: piece not tradable
(piece id 3, maturity 2027-03-05 10:49 UTC, frozen yes)``.
"""

import re
from datetime import UTC, datetime

from eth_abi import decode as abi_decode
from eth_utils import function_signature_to_4byte_selector

from scf.abis import EXPORTED, load_abi


def _signature(item: dict) -> str:
    return f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"


# Solidity's panic codes (docs: "Panic via assert and Error via require")
PANICS = {0x01: "assertion failed", 0x11: "arithmetic overflow or underflow", 0x12: "division by zero",
          0x21: "invalid enum value", 0x22: "corrupt storage byte array", 0x31: "pop on an empty array",
          0x32: "array index out of bounds", 0x41: "out of memory", 0x51: "call to an invalid function"}


class ErrorDecoder:
    def __init__(self, contract_names: tuple[str, ...] = EXPORTED) -> None:
        self._errors: dict[bytes, tuple[str, list[str], list[str]]] = {
            function_signature_to_4byte_selector("Error(string)"): ("Error", ["string"], ["reason"]),
            function_signature_to_4byte_selector("Panic(uint256)"): ("Panic", ["uint256"], ["code"]),
        }
        for name in contract_names:
            for item in load_abi(name):
                if item.get("type") == "error":
                    selector = function_signature_to_4byte_selector(_signature(item))
                    self._errors[selector] = (item["name"], [i["type"] for i in item["inputs"]],
                                              [i.get("name", "") for i in item["inputs"]])

    def _decode(self, data: str | bytes | None) -> tuple[str, list[tuple[str, str, object]] | None] | None:
        """(error name, [(argument name, type, value)]) or None if unknown; arguments None if malformed."""
        if data is None:
            return None
        raw = bytes.fromhex(data[2:] if data.startswith("0x") else data) if isinstance(data, str) else bytes(data)
        known = self._errors.get(raw[:4])
        if known is None:
            return None
        name, types, names = known
        try:
            values = abi_decode(types, raw[4:])
        except Exception:  # malformed arguments: the name alone still helps
            return name, None
        return name, list(zip(names, types, values))

    def describe(self, data: str | bytes | None) -> str | None:
        """``"NotPieceHolder(7, 0xabc...)"`` for revert data, or None if it is not recognised."""
        decoded = self._decode(data)
        if decoded is None:
            return None
        name, args = decoded
        if args is None:
            return name
        return f"{name}({', '.join(_shown(t, v) for _, t, v in args)})"

    def explain(self, data: str | bytes | None) -> str | None:
        """A sentence for people (see the module), or None if the data is not recognised."""
        decoded = self._decode(data)
        if decoded is None:
            return None
        name, args = decoded
        if name == "Error" and args:
            return f"reverted: {args[0][2]}"
        if name == "Panic" and args and isinstance(code := args[0][2], int):
            return f"panic 0x{code:02x}: {PANICS.get(code, 'unknown panic code')}"
        sentence = f"{name}: {_words(name)}"
        if args:
            sentence += " (" + ", ".join(
                f"{_words(arg) or f'argument {i + 1}'} {_humane(arg, t, v)}"
                for i, (arg, t, v) in enumerate(args)) + ")"
        return sentence


_TIME_NAMES = re.compile(r"(time|maturity|deadline|expiry|expires|notbefore|notafter|^at$|at$|since|until|due$)", re.I)


def _words(identifier: str) -> str:
    """``PieceNotTradable`` -> ``piece not tradable``; ``rateBps`` -> ``rate bps``; ``_x`` -> ``x``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", identifier.strip("_"))
    return spaced.replace("_", " ").lower().strip()


def _humane(name: str, abi_type: str, value: object) -> str:
    if abi_type == "bool":
        return "yes" if value else "no"
    if abi_type.startswith("uint") and isinstance(value, int):
        lowered = name.lower()
        if lowered.endswith("bps"):
            return f"{value:,} bps ({value / 100:.2f}%)"
        if _TIME_NAMES.search(name) and 10**8 < value < 10**11:     # a unix timestamp (1973..5138)
            return datetime.fromtimestamp(value, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
        if lowered.endswith(("period", "duration", "seconds")):
            return f"{value:,} s ({value / 86_400:g} days)"
        if lowered.endswith("id") or lowered.endswith("ids") or lowered in ("nonce", "index"):
            return str(value)
        if value >= 10_000:
            return f"{value:,} base units"
    return _shown(abi_type, value)


def _shown(abi_type: str, value: object) -> str:
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if abi_type == "string":
        return repr(value)
    return str(value)
