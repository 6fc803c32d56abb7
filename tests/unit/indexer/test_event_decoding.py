"""Every event of every platform ABI decodes back to what was encoded (fast path and eth_abi)."""

import pytest
from eth_abi import encode as abi_encode
from eth_utils import to_checksum_address

from scf.abis import EXPORTED, load_abi
from scf.indexer.decoding import EventDecoder, EventSpec


def sample(abi_type: str, i: int):
    """(value to encode, value the decoder should return)."""
    if abi_type == "address":
        address = "0x" + f"{0xABCDEF * (i + 1):040x}"
        return address, to_checksum_address(address)
    if abi_type.startswith("uint"):
        value = 2 ** int(abi_type[4:] or 256) - 1 - i            # the largest values: exact big ints
        return value, value
    if abi_type == "bool":
        return i % 2 == 1, i % 2 == 1
    if abi_type.startswith("bytes") and abi_type[5:].isdigit():
        raw = bytes([0xA0 + i]) * int(abi_type[5:])
        return raw, "0x" + raw.hex()
    if abi_type == "string":
        return f"企业 {i} Ltd", f"企业 {i} Ltd"
    raise AssertionError(f"no sample for {abi_type}")


def all_events() -> list:
    return [pytest.param(contract, item, id=f"{contract}.{item['name']}")
            for contract in EXPORTED for item in load_abi(contract) if item.get("type") == "event"]


@pytest.mark.parametrize("contract,abi", all_events())
def test_event_round_trip(contract, abi):
    spec = EventSpec.from_abi(contract, abi)
    samples = {inp["name"]: sample(inp["type"], i) for i, inp in enumerate(abi["inputs"])}
    topics = [spec.topic0] + ["0x" + abi_encode([t], [samples[n][0]]).hex() for n, t in spec.indexed]
    data = "0x" + abi_encode([t for _, t in spec.data], [samples[n][0] for n, _ in spec.data]).hex()
    address = "0x" + "42" * 20
    log = {"address": address, "topics": topics, "data": data, "blockNumber": "0x10", "logIndex": "0x2",
           "transactionHash": "0x" + "ab" * 32, "blockHash": "0x" + "cd" * 32, "blockTimestamp": "0x64"}

    event = EventDecoder({contract: address}).decode(log)

    assert (event.contract, event.name, event.block_number, event.log_index, event.timestamp) == \
        (contract, abi["name"], 16, 2, 100)
    assert event.args == {name: expected for name, (_value, expected) in samples.items()}
    assert list(event.args) == [inp["name"] for inp in abi["inputs"]]


def test_logs_of_other_contracts_and_unknown_events_are_skipped():
    decoder = EventDecoder({"Settlement": "0x" + "42" * 20})
    log = {"address": "0x" + "43" * 20, "topics": ["0x" + "00" * 32], "data": "0x"}
    assert decoder.decode(log) is None
    assert decoder.decode({**log, "address": "0x" + "42" * 20}) is None
