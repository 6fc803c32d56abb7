"""Readable reverts: custom errors of the platform ABIs, Error(string) and Panic(uint256)."""

from eth_abi import decode as abi_decode
from eth_utils import function_signature_to_4byte_selector

from scf.abis import EXPORTED, load_abi


def _signature(item: dict) -> str:
    return f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"


class ErrorDecoder:
    def __init__(self, contract_names: tuple[str, ...] = EXPORTED) -> None:
        self._errors: dict[bytes, tuple[str, list[str]]] = {
            function_signature_to_4byte_selector("Error(string)"): ("Error", ["string"]),
            function_signature_to_4byte_selector("Panic(uint256)"): ("Panic", ["uint256"]),
        }
        for name in contract_names:
            for item in load_abi(name):
                if item.get("type") == "error":
                    selector = function_signature_to_4byte_selector(_signature(item))
                    self._errors[selector] = (item["name"], [i["type"] for i in item["inputs"]])

    def describe(self, data: str | bytes | None) -> str | None:
        """``"NotPieceHolder(7, 0xabc...)"`` for revert data, or None if it is not recognised."""
        if data is None:
            return None
        raw = bytes.fromhex(data[2:] if data.startswith("0x") else data) if isinstance(data, str) else bytes(data)
        known = self._errors.get(raw[:4])
        if known is None:
            return None
        name, types = known
        try:
            values = abi_decode(types, raw[4:])
        except Exception:  # malformed arguments: the name alone still helps
            return name
        return f"{name}({', '.join(_shown(t, v) for t, v in zip(types, values))})"


def _shown(abi_type: str, value: object) -> str:
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if abi_type == "string":
        return repr(value)
    return str(value)
