"""Decode raw logs of the platform contracts into named events with plain-JSON arguments.

A log is matched by (emitting address, topic0), so two contracts may share an event signature
(ERC-721 and ERC-20 ``Transfer``) without confusion. Arguments become JSON-friendly values:
ints stay ints (exact, any size), addresses are checksummed, bytes are ``0x`` hex.

Decoding is on the indexer's hot path: static 32-byte words (uint, int, address, bool,
bytesN — nearly every argument) are read straight from the hex; events with strings or
arrays in their data go through eth_abi.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from eth_abi import decode as abi_decode
from eth_typing import ABIEvent
from eth_utils import event_abi_to_log_topic, to_checksum_address

from scf.abis import load_abi


@dataclass(frozen=True)
class Event:
    """One decoded platform event, where it happened and what it says."""

    block_number: int
    log_index: int
    tx_hash: str
    block_hash: str
    contract: str
    name: str
    args: dict[str, Any]
    timestamp: int | None = None


@lru_cache(maxsize=4096)
def _checksum(address: str) -> str:
    return to_checksum_address(address)


def _word_reader(abi_type: str) -> Callable[[str], Any] | None:
    """A reader of one 64-hex-digit ABI word for a static type, or None for dynamic types."""
    if abi_type == "address":
        return lambda word: _checksum("0x" + word[24:])
    if abi_type == "bool":
        return lambda word: int(word, 16) != 0
    if abi_type.startswith("uint"):
        return lambda word: int(word, 16)
    if abi_type.startswith("int"):
        bits = int(abi_type[3:] or 256)
        return lambda word: _signed(int(word, 16), bits)
    if abi_type.startswith("bytes") and abi_type[5:].isdigit():
        size = int(abi_type[5:])
        return lambda word: "0x" + word[:2 * size].lower()
    return None


def _signed(value: int, bits: int) -> int:
    value &= (1 << 256) - 1
    return value - (1 << 256) if value >= 1 << 255 else value


def _plain(abi_type: str, value: Any) -> Any:
    if abi_type == "address":
        return _checksum(value)
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    if isinstance(value, (list, tuple)):
        inner = abi_type[: abi_type.rindex("[")] if abi_type.endswith("]") else ""
        return [_plain(inner, v) for v in value]
    return value


@dataclass(frozen=True)
class EventSpec:
    """How to decode one event of one contract."""

    contract: str
    name: str
    topic0: str
    indexed: tuple[tuple[str, str], ...]   # (name, type) in topic order
    data: tuple[tuple[str, str], ...]      # (name, type) in data order
    order: tuple[str, ...]                 # argument names in declaration order
    # word readers, set in __post_init__: one per indexed argument (None: a dynamic value's hash);
    # one per data argument, or None when a data argument is dynamic (decoded by eth_abi instead)
    _topic_readers: list[Callable[[str], Any] | None] = field(init=False, repr=False, compare=False)
    _data_readers: list[Callable[[str], Any]] | None = field(init=False, repr=False, compare=False)

    @classmethod
    def from_abi(cls, contract: str, abi: Mapping) -> "EventSpec":
        inputs = abi["inputs"]
        return cls(
            contract=contract,
            name=abi["name"],
            topic0="0x" + event_abi_to_log_topic(cast(ABIEvent, dict(abi))).hex(),
            indexed=tuple((i["name"], i["type"]) for i in inputs if i["indexed"]),
            data=tuple((i["name"], i["type"]) for i in inputs if not i["indexed"]),
            order=tuple(i["name"] for i in inputs),
        )

    def __post_init__(self) -> None:
        readers = [reader for _, t in self.data if (reader := _word_reader(t)) is not None]
        object.__setattr__(self, "_data_readers", readers if len(readers) == len(self.data) else None)
        object.__setattr__(self, "_topic_readers", [_word_reader(t) for _, t in self.indexed])

    def decode_args(self, topics: list[str], data: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for (name, _abi_type), reader, topic in zip(self.indexed, self._topic_readers, topics[1:]):
            values[name] = reader(topic[2:]) if reader else topic     # indexed dynamic values are hashes
        if self._data_readers is not None:
            for i, ((name, _abi_type), reader) in enumerate(zip(self.data, self._data_readers)):
                values[name] = reader(data[2 + 64 * i: 66 + 64 * i])
        elif self.data:
            decoded = abi_decode([t for _, t in self.data], bytes.fromhex(data[2:]))
            for (name, abi_type), value in zip(self.data, decoded):
                values[name] = _plain(abi_type, value)
        return {name: values[name] for name in self.order}


class EventDecoder:
    """Decodes logs emitted by a set of named contracts at known addresses."""

    def __init__(self, contracts: Mapping[str, str], abis: Mapping[str, Iterable[Mapping]] | None = None) -> None:
        """``contracts`` maps contract name -> address; ABIs default to the committed ones."""
        self.addresses = {name: _checksum(address) for name, address in contracts.items()}
        self._specs: dict[tuple[str, str], EventSpec] = {}
        self._discovered: dict[tuple[str, str], str] = {}     # (address, topic0) -> checksummed address
        for name, address in self.addresses.items():
            abi = abis[name] if abis is not None else load_abi(name)
            for item in abi:
                if item.get("type") == "event" and not item.get("anonymous"):
                    spec = EventSpec.from_abi(name, item)
                    self._specs[(address.lower(), spec.topic0)] = spec

    def add_contract(self, name: str, address: str, abi: Iterable[Mapping] | None = None) -> None:
        """Decode the logs of one more contract of type ``name`` at ``address`` (a contract the
        platform deployed while it ran, e.g. a pool's tranche token). Its events carry the
        emitting address as the extra argument ``contract_address`` (several contracts share the name)."""
        address = _checksum(address)
        for item in (abi if abi is not None else load_abi(name)):
            if item.get("type") == "event" and not item.get("anonymous"):
                spec = EventSpec.from_abi(name, item)
                self._specs[(address.lower(), spec.topic0)] = spec
                self._discovered[(address.lower(), spec.topic0)] = address

    def spec_for(self, address: str, topic0: str) -> EventSpec | None:
        return self._specs.get((address.lower(), topic0.lower()))

    def decode(self, log: Mapping[str, Any]) -> Event | None:
        """Decode a raw JSON-RPC log (hex strings, as ``eth_getLogs`` returns it); None if unknown."""
        topics = [_hex(t) for t in log["topics"]]
        if not topics:
            return None
        spec = self.spec_for(_hex(log["address"]), topics[0])
        if spec is None:
            return None
        timestamp = log.get("blockTimestamp")
        args = spec.decode_args(topics, _hex(log["data"], lower=False))
        emitter = self._discovered.get((_hex(log["address"]), topics[0]))
        if emitter is not None:
            args["contract_address"] = emitter
        return Event(
            block_number=_int(log["blockNumber"]),
            log_index=_int(log["logIndex"]),
            tx_hash=_hex(log["transactionHash"]),
            block_hash=_hex(log["blockHash"]),
            contract=spec.contract,
            name=spec.name,
            args=args,
            timestamp=_int(timestamp) if timestamp is not None else None,
        )


def _int(value: Any) -> int:
    return int(value, 16) if isinstance(value, str) else int(value)


def _hex(value: Any, lower: bool = True) -> str:
    """``0x`` hex of bytes (web3 receipts) or a hex string (raw JSON-RPC). Word readers take
    either case, so long data strings are not lower-cased."""
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    text = value.lower() if lower else value
    return text if text.startswith("0x") else "0x" + text
