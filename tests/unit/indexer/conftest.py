import pytest
from fakechain import CONTRACTS, FakeChain

from scf.indexer import Deployment, Indexer, IndexerConfig, Store


@pytest.fixture
def fake_chain():
    return FakeChain()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "index.sqlite"


@pytest.fixture
def make_indexer(db_path):
    """Build an indexer over a chain; each call opens the database afresh (like a new run)."""
    stores = []

    def make(chain, depth: int = 3, batch: int = 10, start_block: int = 1, progress=None, path=None) -> Indexer:
        store = Store(path or db_path)
        stores.append(store)
        deployment = Deployment(chain.chain_id(), CONTRACTS, start_block)
        return Indexer(chain, store, deployment, IndexerConfig(finality_depth=depth, batch_blocks=batch), progress)

    yield make
    for store in stores:
        store.close()
