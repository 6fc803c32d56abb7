"""Connect to an EVM JSON-RPC node with web3.py (no brownie)."""

import os

from web3 import Web3
from web3.middleware import ExtraDataToPOAMiddleware

from scf.errors import ConfigError, NodeError

RPC_URL_ENV = "SCF_RPC_URL"
DEFAULT_RPC_URL = "http://127.0.0.1:8545"


def default_url() -> str:
    return os.environ.get(RPC_URL_ENV, DEFAULT_RPC_URL)


def connect(url: str | None = None, timeout: float = 60.0) -> Web3:
    """A Web3 for ``url`` (default: $SCF_RPC_URL or http://127.0.0.1:8545).

    Proof-of-authority chains (clique, IBFT/QBFT: typical alliance chains) put more than 32
    bytes in a header's extraData, so the PoA middleware is installed; the chain id is cached."""
    url = url or default_url()
    if url.startswith(("ws://", "wss://")):
        raise ConfigError(f"{url}: use an http:// or https:// JSON-RPC URL (websockets are not supported)")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{url!r} is not a URL: write it with its scheme, e.g. http://{url}")
    w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": timeout}, cache_allowed_requests=True))
    w3.middleware_onion.inject(ExtraDataToPOAMiddleware, layer=0)
    if not w3.is_connected():
        raise NodeError(f"no JSON-RPC node answers at {url}: is it running, and is the address right?")
    return w3
