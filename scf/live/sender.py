"""Build, sign (eth-account, locally), send and confirm transactions on any EVM node.

Fees are EIP-1559 (``maxFeePerGas = 2 x base fee + priority fee``, capped by ``max_fee_gwei``)
when the node's blocks have a base fee, legacy ``gasPrice`` otherwise (many alliance chains).
Every transaction waits for its receipt, then for ``confirmations`` blocks on top of it,
re-reading the receipt so a transaction that a reorganisation dropped is waited for again.

This is the one place transactions are sent: every mined transaction (confirmed or reverted) is
reported to ``listeners`` as a ``TxRecord`` (label, hash, block, gas used, status), which the
command line prints as one line and appends to its JSON run log (``scf.live.runlog``).
``DryRunSender`` estimates instead of sending.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, cast

from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import ContractLogicError, TimeExhausted, TransactionNotFound, Web3RPCError
from web3.types import Nonce, TxParams
from web3.utils.address import get_create_address

from scf.errors import ConfigError, TransactionRefused
from scf.live.errors import ErrorDecoder
from scf.live.signers import Signer

GWEI = 10**9


class TransactionFailed(TransactionRefused, RuntimeError):
    """A transaction reverted (or would revert); the message names the custom error."""


@dataclass
class TxSettings:
    confirmations: int = 1          # 1 = the block that includes it
    timeout: float = 300.0          # seconds to wait for a receipt and its confirmations
    poll_interval: float = 0.5
    priority_fee_gwei: float | None = None   # default: the node's eth_maxPriorityFeePerGas
    max_fee_gwei: float | None = None        # cap on maxFeePerGas (or gasPrice)
    gas_multiplier: float = 1.25             # head-room over eth_estimateGas
    legacy: bool | None = None               # None: EIP-1559 when blocks have a base fee


@dataclass(frozen=True)
class TxRecord:
    """One mined transaction, as printed and logged."""

    label: str
    hash: str
    block: int | None       # None: not sent (a dry run)
    gas: int                # gas used (an estimate in a dry run)
    status: str             # "ok", "reverted" or "estimated"
    time: str = ""          # UTC, ISO 8601

    def line(self) -> str:
        where = f"block {self.block:,}" if self.block is not None else "not sent"
        what = "gas" if self.status != "estimated" else "gas estimate"
        flag = "" if self.status in ("ok", "estimated") else f" {self.status.upper()}"
        return f"tx {self.label}: {self.hash or '-'} {where}, {what} {self.gas:,}{flag}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class TxSender:
    def __init__(self, w3: Web3, settings: TxSettings | None = None, errors: ErrorDecoder | None = None) -> None:
        self.w3 = w3
        self.settings = settings or TxSettings()
        self.errors = errors or ErrorDecoder()
        self.chain_id = w3.eth.chain_id
        self.sent = 0
        self.observers: list[Callable[[Any], None]] = []   # called with every confirmed receipt
        self.listeners: list[Callable[[TxRecord], None]] = []   # called with every mined transaction
        self.dry_run = False

    # ---------------------------------------------------------------- fees

    def fee_fields(self) -> dict[str, int]:
        s = self.settings
        cap = int(s.max_fee_gwei * GWEI) if s.max_fee_gwei is not None else None
        base_fee = self.w3.eth.get_block("latest").get("baseFeePerGas")
        if s.legacy or (s.legacy is None and base_fee is None):
            price = self.w3.eth.gas_price
            return {"gasPrice": min(price, cap) if cap is not None else price}
        priority = int(s.priority_fee_gwei * GWEI) if s.priority_fee_gwei is not None else self._node_priority_fee()
        if base_fee is None:            # legacy=False asked for EIP-1559 fields on a chain without them
            raise ConfigError("the node's blocks have no base fee: this chain takes legacy transactions "
                              "(gasPrice), not EIP-1559 ones")
        max_fee = 2 * base_fee + priority
        if cap is not None:
            max_fee = min(max_fee, cap)
            priority = min(priority, max_fee)
        return {"maxFeePerGas": max_fee, "maxPriorityFeePerGas": priority, "type": 2}

    def _node_priority_fee(self) -> int:
        try:
            return self.w3.eth.max_priority_fee
        except (Web3RPCError, ValueError):
            return GWEI

    # ---------------------------------------------------------------- sending

    def transact(self, signer: Signer, to: str | None, data: str | bytes = b"", value: int = 0,
                 label: str = "transaction", on_sent: Callable[[str], None] | None = None) -> Any:
        """Send one transaction and return its receipt once confirmed; raises TransactionFailed.

        ``on_sent`` is called with the hash as soon as the node accepted it (before waiting)."""
        tx: dict[str, Any] = {"from": signer.address, "value": value, "data": data, "chainId": self.chain_id}
        if to is not None:
            tx["to"] = to
        tx["gas"] = self._estimate(tx, label)
        tx.update(self.fee_fields())
        tx["nonce"] = self.w3.eth.get_transaction_count(signer.address, "pending")
        signed = self.w3.eth.account.sign_transaction(tx, signer.private_key)
        tx_hash = self.w3.eth.send_raw_transaction(signed.raw_transaction)
        self.sent += 1
        if on_sent is not None:
            on_sent("0x" + bytes(tx_hash).hex())
        receipt = self.wait(tx_hash)
        self._report(TxRecord(label, "0x" + bytes(tx_hash).hex(), receipt["blockNumber"], receipt["gasUsed"],
                              "ok" if receipt["status"] == 1 else "reverted", _utc_now()))
        if receipt["status"] != 1:
            raise TransactionFailed(f"{label} reverted in block {receipt['blockNumber']} (tx {tx_hash.hex()})")
        for observe in self.observers:
            observe(receipt)
        return receipt

    def _report(self, record: TxRecord) -> None:
        for listen in self.listeners:
            listen(record)

    def _estimate(self, tx: dict, label: str) -> int:
        return int(self.estimate(tx, label) * self.settings.gas_multiplier)

    def estimate(self, tx: dict, label: str) -> int:
        """eth_estimateGas of ``tx`` (no head-room); TransactionFailed if it would revert."""
        try:
            estimate = self.w3.eth.estimate_gas(cast(TxParams, {k: v for k, v in tx.items() if k != "chainId"}))
        except ContractLogicError as exc:
            reason = self.errors.explain(getattr(exc, "data", None)) or str(exc)
            raise TransactionFailed(f"{label} would revert: {reason}") from None
        return int(estimate)

    def wait(self, tx_hash: HexBytes) -> Any:
        s = self.settings
        deadline = time.monotonic() + s.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeExhausted(f"transaction {tx_hash.hex()} not confirmed within {s.timeout:.0f}s")
            receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash, timeout=remaining,
                                                               poll_latency=min(s.poll_interval, 0.1))
            if s.confirmations <= 1:
                return receipt
            if self._confirmed(tx_hash, receipt, deadline):
                return receipt

    def _confirmed(self, tx_hash: HexBytes, receipt: Any, deadline: float) -> bool:
        """Wait until ``confirmations`` blocks sit on the receipt's block; False if it moved."""
        wanted = receipt["blockNumber"] + self.settings.confirmations - 1
        while self.w3.eth.block_number < wanted:
            if time.monotonic() > deadline:
                raise TimeExhausted(f"transaction {tx_hash.hex()}: "
                                    f"fewer than {self.settings.confirmations} confirmations")
            time.sleep(self.settings.poll_interval)
        try:
            again = self.w3.eth.get_transaction_receipt(tx_hash)
        except TransactionNotFound:  # dropped by a reorganisation: wait for it to be mined again
            return False
        return again["blockHash"] == receipt["blockHash"]

    def deploy(self, signer: Signer, abi: list | tuple, bytecode: str, args: list, label: str,
               on_sent: Callable[[str], None] | None = None) -> Any:
        data = self.w3.eth.contract(abi=list(abi), bytecode=bytecode).constructor(*args).data_in_transaction
        return self.transact(signer, None, data, label=label, on_sent=on_sent)


class DryRunSender(TxSender):
    """Sends nothing: each transaction is only estimated (eth_estimateGas) and reported with
    status "estimated"; ``planned`` keeps them in order. A deployment gets the address it would
    have (the signer's nonce counted on from the node's), so later constructors can name it."""

    def __init__(self, w3: Web3, settings: TxSettings | None = None, errors: ErrorDecoder | None = None) -> None:
        super().__init__(w3, settings, errors)
        self.dry_run = True
        self.planned: list[TxRecord] = []
        self._nonces: dict[str, int] = {}

    @property
    def total_gas(self) -> int:
        return sum(r.gas for r in self.planned)

    def transact(self, signer: Signer, to: str | None, data: str | bytes = b"", value: int = 0,
                 label: str = "transaction", on_sent: Callable[[str], None] | None = None) -> Any:
        tx: dict[str, Any] = {"from": signer.address, "value": value, "data": data}
        if to is not None:
            tx["to"] = to
        nonce = self._nonces.get(signer.address)
        if nonce is None:
            nonce = self.w3.eth.get_transaction_count(signer.address, "pending")
        self._nonces[signer.address] = nonce + 1
        record = TxRecord(label, "", None, self.estimate(tx, label), "estimated", _utc_now())
        self.planned.append(record)
        self._report(record)
        created = get_create_address(signer.address, Nonce(nonce)) if to is None else None
        return {"status": 1, "blockNumber": None, "gasUsed": record.gas, "transactionHash": b"",
                "contractAddress": created, "logs": []}
