"""brownie-style contract handles over web3.py, so the flows written for brownie run unchanged.

    registry.certify(account, roles, {"from": operator})     # transaction: signed and confirmed
    registry.enterpriseOf(account)                             # view: a call
    tx.events["AllianceCreated"]["allianceId"]                 # decoded events of the receipt

Arguments with an ``address`` (contracts, signers) are passed as their address. Only what the
platform's flows use is provided (no ``return_value``: read the events instead).
"""

from enum import IntEnum, IntFlag
from typing import Any

from web3 import Web3

from scf.abis import load_abi
from scf.indexer.decoding import EventDecoder
from scf.live.sender import TxSender


def _plain(value: Any) -> Any:
    if hasattr(value, "address"):
        return value.address
    if isinstance(value, (IntFlag, IntEnum)):
        return int(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


class EventList(list):
    """The events of one name in a receipt; ``events["X"]["field"]`` reads the first one."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(0)[key]
        return super().__getitem__(key)


class Receipt:
    def __init__(self, raw: Any, decoder: EventDecoder) -> None:
        self.raw = raw
        self.txid = "0x" + bytes(raw["transactionHash"]).hex()
        self.block_number = raw["blockNumber"]
        self.gas_used = raw["gasUsed"]
        self.events: dict[str, EventList] = {}
        for log in raw["logs"]:
            event = decoder.decode(log)
            if event is not None:
                self.events.setdefault(event.name, EventList()).append(event.args)

    def __repr__(self) -> str:
        return f"<Receipt {self.txid} block {self.block_number} events {list(self.events)}>"


class LiveFunction:
    def __init__(self, contract: "LiveContract", name: str) -> None:
        self.contract = contract
        self.name = name

    def __call__(self, *args: Any) -> Any:
        params = args[-1] if args and isinstance(args[-1], dict) else None
        if params is not None:
            args = args[:-1]
        bound = getattr(self.contract.web3_contract.functions, self.name)(*(_plain(a) for a in args))
        if bound.abi.get("stateMutability") in ("view", "pure"):
            return bound.call()
        if params is None or "from" not in params:
            raise TypeError(f"{self.contract.name}.{self.name} changes state: pass {{'from': signer}} last")
        data = bound._encode_transaction_data()
        raw = self.contract.sender.transact(params["from"], self.contract.address, data, params.get("value", 0),
                                            label=f"{self.contract.name}.{self.name}")
        return Receipt(raw, self.contract.decoder)

    def call(self, *args: Any) -> Any:
        return getattr(self.contract.web3_contract.functions, self.name)(*(_plain(a) for a in args)).call()


class LiveContract:
    def __init__(self, sender: TxSender, name: str, address: str, decoder: EventDecoder) -> None:
        self.sender = sender
        self.name = name
        self.address = Web3.to_checksum_address(address)
        self.decoder = decoder
        self.web3_contract = sender.w3.eth.contract(address=self.address, abi=list(load_abi(name)))

    def __getattr__(self, name: str) -> LiveFunction:
        if name.startswith("_"):
            raise AttributeError(name)
        return LiveFunction(self, name)

    def __str__(self) -> str:
        return self.address

    def __repr__(self) -> str:
        return f"<{self.name} {self.address}>"

    def __eq__(self, other: object) -> bool:
        return str(other).lower() == self.address.lower()

    def __hash__(self) -> int:
        return hash(self.address.lower())


def live_contracts(sender: TxSender, addresses: dict[str, str]) -> dict[str, LiveContract]:
    """Handles for contracts by name (``{"AllianceRegistry": "0x..."}``), sharing one decoder."""
    decoder = EventDecoder(addresses)
    return {name: LiveContract(sender, name, address, decoder) for name, address in addresses.items()}

