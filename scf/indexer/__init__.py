"""Index every platform event into SQLite with plain web3.py (no brownie needed).

    from scf.indexer import index_chain
    report = index_chain(w3)                      # manifest of w3's chain -> data/<chain id>.sqlite

See ``engine`` for batching, resumption and reorganisation handling.
"""

from pathlib import Path

from web3 import Web3

from scf import manifest as manifest_mod
from scf.errors import DataError
from scf.indexer.engine import DeepReorg, Deployment, Indexer, IndexerConfig, IndexMismatch, SyncReport  # noqa: F401
from scf.indexer.progress import Progress, ProgressCallback, ProgressPrinter  # noqa: F401
from scf.indexer.source import ChainSource, Web3Source  # noqa: F401
from scf.indexer.store import DATA_DIR, Store, default_path  # noqa: F401

# the contracts whose events are indexed (the settlement token is any ERC-20, not the platform); the pools'
# TrancheToken contracts are found during a sync from the events that announce them (engine.DISCOVERIES)
CORE_CONTRACTS: tuple[str, ...] = ("AllianceRegistry", "TradeRegistry", "ReceivableToken", "FinancingMarket",
                                   "Settlement")
ACTIVITY_CONTRACTS: tuple[str, ...] = ("SecuritizationPool", "OrderEscrow", "WarehouseReceipt", "InventoryFinancing",
                                       "AdvancePayment")
INDEXED_CONTRACTS: tuple[str, ...] = CORE_CONTRACTS + ACTIVITY_CONTRACTS


def deployment_from_manifest(man: manifest_mod.Manifest) -> Deployment:
    """Every platform contract of the manifest; the five core ones are required (an older manifest
    without the pool or closed-loop contracts is indexed without them)."""
    names = CORE_CONTRACTS + tuple(name for name in ACTIVITY_CONTRACTS if name in man.contracts)
    return Deployment(man.chain_id, {name: man.address(name) for name in names}, man.start_block)


def genesis_of(w3: Web3) -> str:
    """The genesis block hash as the index records it in its identity."""
    genesis = Web3Source(w3).headers([0])[0]
    return genesis.hash if genesis else ""


def reset_index(w3: Web3, db_path: Path | str, force: bool = False) -> None:
    """Delete the index at ``db_path`` (and its WAL files) to rebuild it from the deployment block.

    An index of another chain (another chain id or genesis hash than ``w3``'s node) is refused
    with ``IndexMismatch`` unless ``force``: pointing ``--rpc`` at the wrong node must not wipe a
    good index. An index of the same chain (whatever deployment it indexes) and an index of a
    local chain (Anvil, Ganache: a new genesis at every restart) are deleted."""
    db = Path(db_path)
    if db.exists() and not force:
        with Store(db) as store:
            current = store.identity
        chain_id = w3.eth.chain_id
        if current is not None and chain_id not in manifest_mod.LOCAL_CHAIN_IDS:
            genesis = genesis_of(w3)
            if (current.get("chain_id"), current.get("genesis_hash")) != (chain_id, genesis):
                raise IndexMismatch(
                    f"refusing to reset {db}: it indexes chain {current.get('chain_id')} (genesis "
                    f"{str(current.get('genesis_hash'))[:10]}...), the node is chain {chain_id} (genesis "
                    f"{genesis[:10]}...): check --rpc, use another --db, or pass --force to wipe it")
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)


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
