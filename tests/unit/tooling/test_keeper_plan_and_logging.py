"""The keeper's plan from the index and its batching (pure: no node), and the command line's
logging (issue 12 left out: a keeper command; logging with timestamps in the indexer)."""

import logging
import re

from web3 import Web3

from scf import cli
from scf.live.keeper import MAX_BATCH, Keeper, KeeperPlan, plan_from_index
from scf.live.sender import TxSettings
from scf.reporting.activity import Pool
from scf.reporting.model import Holding, Piece, PlatformState, RecourseCall, Root

DAY = 86_400
NOW = 1_800_000_000
SUPPLIER, BANK, POOL, MARKET = ("0x" + c * 40 for c in "1234")


def piece(piece_id: int, root_id: int, value: int, holder: str, claimed: int = 0) -> Piece:
    return Piece(piece_id, root_id, value=value, original_value=value, holders=[Holding(holder, "issued", 0, 1)],
                 claimed=claimed)


def a_state() -> PlatformState:
    state = PlatformState()
    state.default_periods = [(0, 30 * DAY)]                          # no alliance: grace period 0
    state.roots = {
        1: Root(1, 1, BANK, 1000, NOW + DAY, 1, 0, repaid=500),        # half repaid, not due
        2: Root(2, 2, BANK, 1000, NOW - DAY, 1, 0),                    # past maturity: overdue now
        3: Root(3, 3, BANK, 1000, NOW - 40 * DAY, 1, 0, status="overdue"),   # past the default period
        4: Root(4, 4, BANK, 1000, NOW - 40 * DAY, 1, 0),               # both marks in one run
        5: Root(5, 5, BANK, 1000, NOW - 40 * DAY, 1, 0, repaid=1000),  # repaid: nothing to mark
        6: Root(6, 6, BANK, 1000, NOW + 90 * DAY, 1, 0, repaid=300),   # pooled
    }
    state.pieces = {
        1: piece(1, 1, 600, SUPPLIER),                  # claimable 300
        7: piece(7, 1, 400, MARKET),                    # held by a platform contract: not claimed by the keeper
        8: piece(8, 5, 1000, SUPPLIER, claimed=1000),   # nothing left to claim
        6: piece(6, 6, 1000, POOL),                     # the pool's: collected, not claimed
        9: piece(9, 3, 1000, POOL),                     # pooled, bought back on recourse
    }
    pool = Pool(1, BANK, "0x" + "cc" * 20, 1, 0, phase="active", pieces=[6, 9], piece_values={6: 1000, 9: 1000},
                credited={6: 100})
    state.activity.pools = {1: pool, 2: Pool(2, BANK, "0x" + "cc" * 20, 1, 0, phase="building", pieces=[])}
    state.recourse = {9: RecourseCall(9, POOL, SUPPLIER, 700, NOW - DAY, settled_at=NOW - 1)}
    return state


def test_the_plan_names_what_is_due_from_the_index():
    plan = plan_from_index(a_state(), NOW, {POOL, MARKET})
    assert plan.overdue == [2, 4]
    assert plan.defaulted == [3, 4]
    assert plan.claims == [1]
    assert plan.collects == {1: [6, 9]}           # 6: repaid 300 > credited 100; 9: recourse paid
    assert plan.pools == [1]                      # only active pools are distributed


class FakeSender:
    dry_run = False

    def __init__(self) -> None:
        self.w3 = Web3()
        self.settings = TxSettings()


def test_claims_and_collections_are_batched_by_max_batch_and_checked_on_chain():
    keeper = Keeper(FakeSender(), None, {"Settlement": "0x" + "a5" * 20, "SecuritizationPool": POOL})
    nothing_for = {13, 77}

    def view(contract, function, *args):
        if function == "claimable":
            return 0 if args[0] in nothing_for else 5
        if function == "pooledPiece":
            return (1, 1000, 0, False)
        if function == "entitlementOf":
            return (0 if args[0] in nothing_for else 10, True)
        if function == "accountsOf":
            return (0, 0)
        raise AssertionError(function)

    keeper._view = view
    ids = list(range(1, 122))                     # 121 candidates, 2 with nothing due
    calls = keeper.calls(KeeperPlan(claims=ids, collects={1: ids}, pools=[1]))
    claims = [c.args[0] for c in calls if c.function == "claimMany"]
    collects = [c.args[1] for c in calls if c.function == "collectMany"]
    expected = [i for i in ids if i not in nothing_for]
    assert [len(c) for c in claims] == [MAX_BATCH, MAX_BATCH, 19] and sum(claims, []) == expected
    assert [len(c) for c in collects] == [MAX_BATCH, MAX_BATCH, 19] and sum(collects, []) == expected
    (distribute,) = [c for c in calls if c.function == "distribute"]
    assert distribute.after_previous                 # its cash comes from this run's collections
    assert calls[0].label == "Settlement.claimMany 50 pieces: #1, #2, #3, #4, #5, #6 and 44 more"
    assert keeper.calls(KeeperPlan(claims=[13], collects={1: [77]}, pools=[1])) == []


def test_logging_has_utc_timestamps_and_verbosity(capsys):
    cli.configure_logging(0)
    logging.getLogger("scf.indexer").info("hidden")
    logging.getLogger("scf.indexer").warning("shown")
    cli.configure_logging(0, long_running=True)       # index --follow: info by default
    logging.getLogger("scf.indexer").info("batch line")
    logging.getLogger("scf.indexer").debug("hidden too")
    cli.configure_logging(2)
    logging.getLogger("scf.indexer").debug("every batch")
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[1] for line in err] == ["shown", "batch line", "every batch"]
    assert all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|DEBUG) +scf\.indexer", line) for line in err)
    assert cli.build_parser().parse_args(["pools", "-vv"]).verbose == 2
    assert cli.build_parser().parse_args(["-v", "pools"]).verbose == 1
    cli.configure_logging(0)
    logging.getLogger("scf").handlers.clear()
