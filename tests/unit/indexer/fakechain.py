"""An in-memory chain for indexer tests: blocks with hashes and parents, platform logs encoded
with the real ABIs, reorganisations on demand, and a node that refuses large log queries."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eth_abi import encode as abi_encode
from eth_utils import keccak

from scf.abis import load_abi
from scf.indexer.decoding import EventSpec
from scf.indexer.source import BlockHeader, LogRangeTooLarge

CONTRACTS = {
    "AllianceRegistry": "0x" + "a1" * 20,
    "TradeRegistry": "0x" + "a2" * 20,
    "ReceivableToken": "0x" + "a3" * 20,
    "FinancingMarket": "0x" + "a4" * 20,
    "Settlement": "0x" + "a5" * 20,
}
ALICE = "0x" + "11" * 20
BOB = "0x" + "22" * 20


def _spec(contract: str, event: str) -> EventSpec:
    abi = next(i for i in load_abi(contract) if i.get("type") == "event" and i["name"] == event)
    return EventSpec.from_abi(contract, abi)


def encode_log(contract: str, event: str, **args) -> dict:
    """A raw log (without its position) as a node would return it."""
    spec = _spec(contract, event)
    topics = [spec.topic0] + ["0x" + abi_encode([t], [args[n]]).hex() for n, t in spec.indexed]
    data = "0x" + abi_encode([t for _, t in spec.data], [args[n] for n, _ in spec.data]).hex()
    return {"address": CONTRACTS.get(contract, "0x" + "00" * 20), "topics": topics, "data": data}


def transfer(token_id: int, to: str = ALICE, frm: str = "0x" + "00" * 20) -> dict:
    return encode_log("ReceivableToken", "Transfer", **{"from": frm, "to": to, "tokenId": token_id})


def repaid(root_id: int, amount: int) -> dict:
    return encode_log("Settlement", "Repaid", rootId=root_id, payer=BOB, amount=amount, totalRepaid=amount)


@dataclass
class FakeBlock:
    number: int
    hash: str
    parent_hash: str
    timestamp: int
    logs: list[dict] = field(default_factory=list)


class FakeChain:
    """Implements scf.indexer.source.ChainSource."""

    def __init__(self, chain_id: int = 4242, max_log_range: int | None = None, with_timestamps: bool = False) -> None:
        self.id = chain_id
        self.max_log_range = max_log_range
        self.with_timestamps = with_timestamps
        self.fork = 0
        self.blocks: list[FakeBlock] = []
        self.log_queries: list[tuple[int, int]] = []
        self.after_logs: Callable[[FakeChain], None] | None = None   # runs once after the next log query
        self.mine()  # genesis

    # ---------------------------------------------------------------- building

    def mine(self, *logs: dict) -> int:
        number = len(self.blocks)
        parent = self.blocks[-1].hash if self.blocks else "0x" + "00" * 32
        block_hash = "0x" + keccak(text=f"{number}/{parent}/{self.fork}").hex()
        self.blocks.append(FakeBlock(number, block_hash, parent, 1_700_000_000 + 12 * number, list(logs)))
        return number

    def mine_empty(self, count: int) -> None:
        for _ in range(count):
            self.mine()

    def reorg(self, depth: int, *replacement_blocks: Sequence[dict]) -> None:
        """Drop the newest ``depth`` blocks and mine ``replacement_blocks`` (lists of logs) instead."""
        self.fork += 1
        del self.blocks[len(self.blocks) - depth:]
        for logs in replacement_blocks:
            self.mine(*logs)

    # ---------------------------------------------------------------- ChainSource

    def chain_id(self) -> int:
        return self.id

    def head(self) -> int:
        return len(self.blocks) - 1

    def headers(self, numbers: Sequence[int]) -> dict[int, BlockHeader | None]:
        out: dict[int, BlockHeader | None] = {}
        for n in numbers:
            b = self.blocks[n] if 0 <= n < len(self.blocks) else None
            out[n] = BlockHeader(b.number, b.hash, b.parent_hash, b.timestamp) if b else None
        return out

    def logs(self, addresses: Sequence[str], from_block: int, to_block: int) -> list[dict]:
        if self.max_log_range is not None and to_block - from_block + 1 > self.max_log_range:
            raise LogRangeTooLarge("eth_getLogs", "block range is too wide")
        self.log_queries.append((from_block, to_block))
        wanted = {a.lower() for a in addresses}
        out = []
        for block in self.blocks[from_block:to_block + 1]:
            for index, log in enumerate(block.logs):
                if log["address"].lower() in wanted:
                    raw = {**log, "blockNumber": hex(block.number), "blockHash": block.hash, "logIndex": hex(index),
                           "transactionHash": "0x" + keccak(text=f"{block.hash}/{index}").hex()}
                    if self.with_timestamps:
                        raw["blockTimestamp"] = hex(block.timestamp)
                    out.append(raw)
        if self.after_logs:
            hook, self.after_logs = self.after_logs, None
            hook(self)
        return out


def event_keys(store) -> list[tuple[int, str, dict]]:
    """What an index holds, comparable across runs."""
    return [(e.block_number, e.name, e.args) for e in store.events()]
