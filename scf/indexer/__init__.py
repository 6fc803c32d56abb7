"""Index every platform event into SQLite with plain web3.py (no brownie needed).

    from scf.indexer import index_chain
    report = index_chain(w3)                      # manifest of w3's chain -> data/<chain id>.sqlite

See ``engine`` for batching, resumption and reorganisation handling.
"""

from pathlib import Path

from web3 import Web3

from scf import manifest as manifest_mod
from scf.errors import DataError
from scf.indexer.engine import (DeepReorg, Deployment, Indexer, IndexerConfig, IndexMismatch,  # noqa: F401
                                SyncReport)
from scf.indexer.progress import Progress, ProgressCallback, ProgressPrinter  # noqa: F401
from scf.indexer.source import ChainSource, Web3Source  # noqa: F401
from scf.indexer.store import DATA_DIR, Store, default_path  # noqa: F401

# the contracts whose events are indexed (the settlement token is any ERC-20, not the platform)
INDEXED_CONTRACTS: tuple[str, ...] = ("AllianceRegistry", "TradeRegistry", "ReceivableToken", "FinancingMarket",
                                      "Settlement")


def deployment_from_manifest(man: manifest_mod.Manifest) -> Deployment:
    return Deployment(man.chain_id, {name: man.address(name) for name in INDEXED_CONTRACTS}, man.start_block)


def index_chain(w3: Web3, db_path: Path | str | None = None, man: manifest_mod.Manifest | None = None,
                config: IndexerConfig | None = None, progress: ProgressCallback | None = None,
                reset_on_mismatch: bool | None = None, until: int | None = None) -> SyncReport:
    """Sync the index of ``w3``'s chain with the deployment in its manifest.

    ``reset_on_mismatch`` defaults to True on local chains (Anvil, Ganache restart empty) and
    False elsewhere, where a mismatch raises ``IndexMismatch``.
    """
    chain_id = w3.eth.chain_id
    man = man or manifest_mod.load(chain_id)
    if man is None:
        raise DataError(f"no deployment manifest for chain {chain_id}: deploy first")
    if reset_on_mismatch is None:
        reset_on_mismatch = chain_id in manifest_mod.LOCAL_CHAIN_IDS
    with Store(db_path or default_path(chain_id)) as store:
        indexer = Indexer(Web3Source(w3), store, deployment_from_manifest(man), config, progress)
        return indexer.sync(until=until, reset_on_mismatch=reset_on_mismatch)
