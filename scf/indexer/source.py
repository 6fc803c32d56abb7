"""Where the indexer reads the chain from: a small protocol and its web3.py implementation.

The indexer only needs the head, block headers (hash, parent, timestamp) and logs in a block
range. Keeping that behind ``ChainSource`` lets the unit tests replay reorganisations on a fake
chain; ``Web3Source`` talks JSON-RPC with raw requests (no per-log formatting) and fetches
headers in batch requests.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from web3 import Web3
from web3.types import RPCEndpoint

from scf.errors import NodeError


@dataclass(frozen=True)
class BlockHeader:
    number: int
    hash: str
    parent_hash: str
    timestamp: int


class RPCError(NodeError, RuntimeError):
    """The node answered a request with an error."""

    def __init__(self, method: str, error: Any) -> None:
        self.error = error
        message = error.get("message", error) if isinstance(error, dict) else error
        super().__init__(f"{method}: {message}")


class LogRangeTooLarge(RPCError):
    """The node refuses this log query as too large: ask for fewer blocks."""


# what nodes say when a log query is too large (geth, erigon, besu, nethermind, providers)
_TOO_LARGE = re.compile(
    r"query returned more than|block range|range is too|too many|limit exceeded|response size|"
    r"exceed|-32005|max results|too large",
    re.IGNORECASE,
)


class ChainSource(Protocol):
    def chain_id(self) -> int: ...

    def head(self) -> int: ...

    def headers(self, numbers: Sequence[int]) -> dict[int, BlockHeader | None]:
        """Headers of the given blocks; None for blocks the chain does not have."""
        ...

    def logs(self, addresses: Sequence[str], from_block: int, to_block: int) -> list[dict]:
        """Raw JSON-RPC logs emitted by ``addresses`` in ``[from_block, to_block]``."""
        ...


def _header(raw: dict | None) -> BlockHeader | None:
    if raw is None:
        return None
    return BlockHeader(int(raw["number"], 16), raw["hash"].lower(), raw["parentHash"].lower(),
                       int(raw["timestamp"], 16))


class Web3Source:
    """``ChainSource`` over any web3.py provider."""

    def __init__(self, w3: Web3, headers_per_batch: int = 200) -> None:
        self.w3 = w3
        self.headers_per_batch = headers_per_batch

    def _request(self, method: str, params: list) -> Any:
        response = self.w3.provider.make_request(RPCEndpoint(method), params)
        if "error" in response:
            too_large = method == "eth_getLogs" and _TOO_LARGE.search(str(response["error"]))
            raise (LogRangeTooLarge if too_large else RPCError)(method, response["error"])
        return response["result"]

    def chain_id(self) -> int:
        return int(self._request("eth_chainId", []), 16)

    def head(self) -> int:
        return int(self._request("eth_blockNumber", []), 16)

    def headers(self, numbers: Sequence[int]) -> dict[int, BlockHeader | None]:
        wanted = sorted(set(numbers))
        found: dict[int, BlockHeader | None] = {}
        for start in range(0, len(wanted), self.headers_per_batch):
            chunk = wanted[start:start + self.headers_per_batch]
            for number, raw in zip(chunk, self._blocks(chunk)):
                found[number] = _header(raw)
        return found

    def _blocks(self, numbers: Sequence[int]) -> list[dict | None]:
        return self.batch([("eth_getBlockByNumber", [hex(n), False]) for n in numbers])

    def batch(self, calls: Sequence[tuple[str, list]]) -> list[Any]:
        """Results of ``(method, params)`` requests, in order: one JSON-RPC batch request when the
        provider can send one, else one request each."""
        if len(calls) == 1 or not hasattr(self.w3.provider, "make_batch_request"):
            return [self._request(method, params) for method, params in calls]
        responses = self.w3.provider.make_batch_request(list(calls))
        if isinstance(responses, dict):  # the node refused the batch as a whole
            raise RPCError(f"batch {calls[0][0]}", responses.get("error", responses))
        out = []
        for (method, _params), response in zip(calls, sorted(responses, key=lambda r: r["id"])):
            if "error" in response:
                raise RPCError(method, response["error"])
            out.append(response["result"])
        return out

    def call(self, address: str, data: str) -> str | None:
        """``eth_call`` at the latest block: the returned hex, or None when the call reverts."""
        try:
            return self._request("eth_call", [{"to": address, "data": data}, "latest"])
        except RPCError:
            return None

    def logs(self, addresses: Sequence[str], from_block: int, to_block: int,
             topics: Sequence[Any] | None = None) -> list[dict]:
        """Raw logs of ``addresses`` in ``[from_block, to_block]``; ``topics`` filters them as
        ``eth_getLogs`` does (one entry per position: None for any, a list for any of these)."""
        query: dict[str, Any] = {"address": list(addresses), "fromBlock": hex(from_block), "toBlock": hex(to_block)}
        if topics is not None:
            query["topics"] = list(topics)
        try:
            return self._request("eth_getLogs", [query])
        except (ValueError, OSError) as exc:  # some providers raise instead of returning the error
            if _TOO_LARGE.search(str(exc)):
                raise LogRangeTooLarge("eth_getLogs", str(exc)) from exc
            raise
