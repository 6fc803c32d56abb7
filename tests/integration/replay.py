"""Index brownie's chain with the web3.py indexer and replay it (shared by integration tests)."""

from brownie import chain, web3

from scf.deployment import COMPONENTS
from scf.indexer import INDEXED_CONTRACTS, Deployment, Indexer, IndexerConfig, Store, Web3Source
from scf.reporting.model import PlatformState


def replay(platform, tmp_path) -> PlatformState:
    """Index the test chain (web3.py, no brownie objects) and replay it."""
    contracts = {name: getattr(platform, attr).address for name, attr in COMPONENTS if name in INDEXED_CONTRACTS}
    with Store(tmp_path / "index.sqlite") as store:
        Indexer(Web3Source(web3), store, Deployment(chain.id, contracts, 0), IndexerConfig(finality_depth=0)).sync()
        state = PlatformState.from_events(store.events(), store.tip_timestamp)
        state.currencies = store.currencies()
        return state
