"""Python API of the operator tooling: index a chain, build reports, draw a root's tree.

    from scf import api
    w3 = api.connect("http://127.0.0.1:8545")
    api.sync(w3)                                   # data/<chain id>.sqlite, from the manifest
    state = api.load_state(api.index_path(w3))
    print(api.totals(state).text())
    api.pieces_of_root(state, 1)                   # the root's live pieces: value, holder, tier, ...
    api.pieces_of_holder(state, "Bank A")          # a holder's live pieces (name or address)
    api.tranche_positions(state, 1)                # pool 1's investors: tranche tokens held
    print(api.pool_performance(state, "quarter").text())
    api.picture(state, root_id=1, out_dir="data/pictures")
"""

from pathlib import Path

from web3 import Web3

from scf import manifest as manifest_mod
from scf.errors import DataError, NotFound
from scf.indexer import DATA_DIR, IndexerConfig, ProgressCallback, Store, SyncReport, default_path, index_chain  # noqa: F401
from scf.pictures import FORMATS, render_tree  # noqa: F401
from scf.reporting.activity import ClosedLoopReport, PoolPerformanceReport, PoolsReport, parse_period  # noqa: F401
from scf.reporting.aging import Aging, aging  # noqa: F401
from scf.reporting.costs import Costs, costs  # noqa: F401
from scf.reporting.model import Piece, PlatformState  # noqa: F401
from scf.reporting.portfolio import Portfolio, portfolio  # noqa: F401
from scf.reporting.totals import Totals, totals  # noqa: F401
from scf.reporting.tree import CreditTree, credit_tree  # noqa: F401
from scf.rpc import connect  # noqa: F401

PICTURES_DIR = DATA_DIR / "pictures"


def index_path(w3: Web3) -> Path:
    return default_path(w3.eth.chain_id)


def sync(w3: Web3, db_path: Path | str | None = None, man: manifest_mod.Manifest | None = None,
         finality_depth: int = 12, batch_blocks: int = 5_000, progress: ProgressCallback | None = None,
         reset_on_mismatch: bool | None = None) -> SyncReport:
    """Index ``w3``'s chain up to its head (see ``scf.indexer.index_chain``)."""
    config = IndexerConfig(finality_depth=finality_depth, batch_blocks=batch_blocks)
    return index_chain(w3, db_path, man, config, progress, reset_on_mismatch)


def load_state(db_path: Path | str, final_only: bool = False, as_of: int | None = None) -> PlatformState:
    """Replay an index into the platform's state. ``final_only``: only blocks that were final at
    the last sync; ``as_of``: the time reports count days from (default: the last indexed block)."""
    path = Path(db_path)
    if not path.exists():
        raise DataError(f"no index at {path}: run `python -m scf index` first")
    with Store(path) as store:
        up_to = store.final_block if final_only else None
        state = PlatformState.from_events(store.events(up_to), None if final_only else store.tip_timestamp)
        state.currencies = store.currencies()
    if as_of is not None:
        state.last_timestamp = as_of
    return state


def pieces_of_root(state: PlatformState, root_id: int, live_only: bool = True) -> list[Piece]:
    """A root's pieces from the index, in id order: the live ones (held, value > 0) by default;
    with ``live_only=False`` also the closed ones (``burned``: merged into another piece, with
    ``merged_into`` set and value 0, or burned by settlement, with the value it had then).
    [] for an id that is not an indexed root. No node call."""
    return state.pieces_of_root(root_id, live_only)


def pieces_of_holder(state: PlatformState, holder: str, live_only: bool = True) -> list[Piece]:
    """The pieces a holder holds, from the index, in id order; ``holder`` is an address or an
    enterprise's name (as ``portfolio`` takes it; ``NotFound`` if no name matches). Pieces held
    for it by a platform contract (market escrow, pool) are the contract's. With
    ``live_only=False`` also the pieces it held when they closed (merged or burned). No node call."""
    return state.pieces_of_holder(state.find_account(holder), live_only)


def picture(state: PlatformState, root_id: int, out_dir: Path | str = PICTURES_DIR,
            formats: tuple[str, ...] = FORMATS) -> dict[str, Path]:
    """Draw a root's credit-penetration tree; returns ``{format: path}``."""
    return render_tree(credit_tree(state, root_id), Path(out_dir), formats)


def picture_of_root(w3: Web3, root_id: int, man: manifest_mod.Manifest | None = None,
                    out_dir: Path | str | None = None, finality_depth: int = 0) -> dict[str, Path]:
    """Index the chain and draw one root's tree (what the scenario script does at its end)."""
    db_path = index_path(w3)
    sync(w3, db_path, man, finality_depth=finality_depth)
    out = Path(out_dir) if out_dir else PICTURES_DIR / str(w3.eth.chain_id)
    return picture(load_state(db_path), root_id, out)


def pools(state: PlatformState) -> PoolsReport:
    """Securitization pools: pieces, phase, raise, collections, distributions, write-downs, investors."""
    return PoolsReport(state)


def tranche_positions(state: PlatformState, pool_id: int) -> dict[tuple[str, bool], int]:
    """A pool's investor positions from the index: ``{(holder, senior): tranche tokens held}``,
    from the tranche tokens' transfers (subscriptions, refunds, trades between investors).
    ``NotFound`` for a pool the index does not know. No node call."""
    pool = state.activity.pools.get(pool_id)
    if pool is None:
        raise NotFound(f"no pool {pool_id} in the index (pools: {sorted(state.activity.pools) or 'none'})")
    return {key: amount for key, amount in sorted(pool.positions.items()) if amount}


def pool_performance(state: PlatformState, period: str = "month") -> PoolPerformanceReport:
    """Per pool and period (day, week, month, quarter, year or ``<N>d``): collections, recoveries,
    write-downs and distributions, with running totals."""
    return PoolPerformanceReport(state, parse_period(period))


def closed_loop(state: PlatformState) -> ClosedLoopReport:
    """Orders and milestones, warehouse receipts, pledge loans, advance-payment deals."""
    return ClosedLoopReport(state)
