"""Contracts the platform deploys while it runs (issue 12 left out: "tranche-token transfers are not
indexed, token addresses appear mid-sync"): a pool's tranche tokens are indexed from the block that
announces them, also within the range being read; a reorganisation that drops the announcement
drops the token; an index made before tokens were followed is rebuilt. The currencies the events
name get their symbol and decimals read once into the index."""

import json
import logging

import pytest
from eth_abi import encode as abi_encode
from eth_utils import to_checksum_address as _cs
from fakechain import CONTRACTS, FakeChain, encode_log, event_keys

from scf import api, cli
from scf.errors import NotFound
from scf.indexer import Deployment, Indexer, IndexerConfig, Store
from scf.indexer.decoding import EventDecoder
from scf.indexer.engine import currency_metadata
from scf.reporting import export
from scf.reporting.activity import PoolPerformanceReport, PoolsReport
from scf.reporting.model import PlatformState

POOL = "0x" + "b1" * 20
SENIOR, JUNIOR = "0x" + "c1" * 20, "0x" + "c2" * 20
CASH = "0x" + "d1" * 20
ALICE, BOB, ZERO = "0x" + "11" * 20, "0x" + "22" * 20, "0x" + "00" * 20
EVERY = {**CONTRACTS, "SecuritizationPool": POOL}


def pool_log(event: str, **args) -> dict:
    return {**encode_log("SecuritizationPool", event, **args), "address": POOL}


def token_transfer(token: str, frm: str, to: str, value: int) -> dict:
    return {**encode_log("TrancheToken", "Transfer", **{"from": frm, "to": to, "value": value}), "address": token}


def offering() -> dict:
    return pool_log("OfferingOpened", poolId=1, seniorToken=SENIOR, juniorToken=JUNIOR, seniorCapacity=800,
                    juniorCapacity=200, deadline=1_800_000_000)


class SymbolChain(FakeChain):
    """A fake node that also answers eth_call: symbol() and decimals() of one currency."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def call(self, address: str, data: str) -> str | None:
        self.calls.append((address.lower(), data))
        if address.lower() != CASH:
            return None                                  # not a token: the call reverts
        if data == "0x95d89b41":
            return "0x" + abi_encode(["string"], ["sCNY"]).hex()
        return "0x" + abi_encode(["uint8"], [6]).hex()


def a_pool_chain(chain: FakeChain) -> FakeChain:
    chain.mine(pool_log("PoolCreated", poolId=1, originator=ALICE, currency=CASH, allianceId=1, maxPieces=10,
                        maxTotalValue=1000))
    # the tokens are announced and used in the same block, then traded later
    chain.mine(offering(), token_transfer(SENIOR, ZERO, ALICE, 800), token_transfer(JUNIOR, ZERO, BOB, 200))
    chain.mine(token_transfer(SENIOR, ALICE, BOB, 300))
    chain.mine_empty(4)
    return chain


def indexer(chain, path, batch: int = 10, depth: int = 3) -> Indexer:
    return Indexer(chain, Store(path), Deployment(chain.chain_id(), EVERY, 1),
                   IndexerConfig(finality_depth=depth, batch_blocks=batch))


def tranche_events(store) -> list[tuple[int, str, dict]]:
    return [(e.block_number, e.name, e.args) for e in store.events() if e.contract == "TrancheToken"]


def test_tranche_tokens_are_indexed_from_the_block_that_announces_them(tmp_path):
    chain = a_pool_chain(SymbolChain())
    whole = indexer(chain, tmp_path / "one.sqlite", batch=100)   # announcement and transfers in one range
    whole.sync()
    assert [(b, a["contract_address"].lower(), a["value"]) for b, _, a in tranche_events(whole.store)] == [
        (2, SENIOR, 800), (2, JUNIOR, 200), (3, SENIOR, 300)]
    block_by_block = indexer(chain, tmp_path / "two.sqlite", batch=1)
    block_by_block.sync()
    assert event_keys(block_by_block.store) == event_keys(whole.store)

    state = PlatformState.from_events(whole.store.events())
    pool = state.activity.pools[1]
    assert pool.positions == {(_cs(ALICE), True): 500, (_cs(BOB), True): 300, (_cs(BOB), False): 200}
    assert api.tranche_positions(state, 1) == {k: v for k, v in sorted(pool.positions.items())}
    with pytest.raises(NotFound, match="no pool 2"):
        api.tranche_positions(state, 2)
    positions = next(t for t in PoolsReport(state).tables() if t.name == "positions")
    assert [(r[1], r[3], r[4]) for r in positions.rows] == [("senior", 500, "62.50"), ("senior", 300, "37.50"),
                                                          ("junior", 200, "100.00")]


def test_a_reorganisation_that_drops_the_announcement_drops_the_token(tmp_path):
    chain = a_pool_chain(SymbolChain())
    run = indexer(chain, tmp_path / "i.sqlite", depth=10)
    run.sync()
    assert len(tranche_events(run.store)) == 3
    # the offering's block and everything after it are replaced: the tokens were never announced
    chain.reorg(6, [token_transfer(SENIOR, ALICE, BOB, 1)], [], [], [], [])
    report = run.sync()
    assert report.rolled_back_blocks > 0
    assert tranche_events(run.store) == [] and run.discovered == {}


def test_an_index_made_before_tokens_were_followed_is_rebuilt(tmp_path):
    chain = a_pool_chain(SymbolChain())
    path = tmp_path / "i.sqlite"
    old = indexer(chain, path)
    old.sync()
    identity = dict(old.store.identity)
    del identity["discovered"]                        # as an index of the previous version records it
    old.store.reset(identity)
    old.store.close()
    again = indexer(chain, path)
    assert again.check_identity() is True             # rebuilt, not refused
    again.sync()
    assert len(tranche_events(again.store)) == 3


def test_currency_symbols_are_read_once_into_the_index(tmp_path, caplog):
    chain = a_pool_chain(SymbolChain())
    run = indexer(chain, tmp_path / "i.sqlite", batch=1)
    with caplog.at_level(logging.INFO, logger="scf.indexer"):
        run.sync()
    assert run.store.currencies() == {CASH: ("sCNY", 6)}
    assert chain.calls == [(CASH, "0x95d89b41"), (CASH, "0x313ce567")]            # once, not per event
    assert any("currency" in r.message and "sCNY" in r.message for r in caplog.records)
    assert any(r.message.startswith("block 2: indexing TrancheToken") for r in caplog.records)

    state = PlatformState.from_events(run.store.events())
    state.currencies = run.store.currencies()
    assert state.currency_symbol(CASH) == "sCNY"
    pools = next(t for t in PoolsReport(state).tables() if t.name == "pools")
    assert pools.rows[0][2] == "sCNY"


def test_currency_metadata_of_odd_tokens():
    def answers(symbol: str | None, decimals: str | None):
        return lambda address, data: symbol if data == "0x95d89b41" else decimals
    bytes32 = "0x" + b"MKR".ljust(32, b"\0").hex()
    assert currency_metadata(answers(bytes32, "0x" + "00" * 31 + "12"), CASH) == ("MKR", 18)
    assert currency_metadata(answers(None, None), CASH) == ("", 18)            # no IERC20Metadata


def test_pool_performance_per_period_from_the_events():
    day = 86_400
    jan, feb = 1_767_225_600, 1_767_225_600 + 31 * day      # 2026-01-01, 2026-02-01 (UTC)
    state = PlatformState()
    decoder = EventDecoder(EVERY)

    def apply(at: int, log: dict) -> None:
        raw = {**log, "blockNumber": "0x1", "blockHash": "0x" + "00" * 32, "logIndex": "0x0",
               "transactionHash": "0x" + "00" * 32, "blockTimestamp": hex(at)}
        state.apply(decoder.decode(raw))

    apply(jan, pool_log("PoolCreated", poolId=1, originator=ALICE, currency=CASH, allianceId=1, maxPieces=10,
                        maxTotalValue=1000))
    apply(jan + day, pool_log("Collected", poolId=1, pieceId=4, amount=100, recovery=False))
    apply(jan + 2 * day, pool_log("Distributed", poolId=1, seniorInterest=5, seniorPrincipal=95, junior=0))
    apply(feb + day, pool_log("WrittenDown", poolId=1, pieceId=5, loss=40, seniorLoss=0, juniorLoss=40))
    apply(feb + 2 * day, pool_log("Collected", poolId=1, pieceId=5, amount=10, recovery=True))
    state.currencies = {CASH: ("sCNY", 6)}

    monthly = PoolPerformanceReport(state, "month")
    assert monthly.rows() == [
        (1, "sCNY", "2026-01", "2026-01-01", 100, 0, 0, 5, 95, 0, 100, 100, 100),
        (1, "sCNY", "2026-02", "2026-02-01", 0, 10, 40, 0, 0, 0, 0, 110, 100)]
    assert [r[2] for r in PoolPerformanceReport(state, "quarter").rows()] == ["2026-Q1"]
    assert len(PoolPerformanceReport(state, "day").rows()) == 4
    records = json.loads(export.render_json(monthly, "pool-performance"))["performance"]
    assert records[1]["written_down"] == 40 and records[1]["recovered"] == 10
    assert export.render_csv(monthly).splitlines()[0].startswith("pool,currency,period,period_start,collected")



def test_pools_and_pool_performance_commands_read_the_index(tmp_path, capsys):
    chain = a_pool_chain(SymbolChain())
    chain.mine(pool_log("PoolClosed", poolId=1, originator=ALICE, proceeds=1000),
               pool_log("Collected", poolId=1, pieceId=4, amount=120, recovery=False))
    chain.mine(pool_log("Distributed", poolId=1, seniorInterest=20, seniorPrincipal=100, junior=0))
    path = tmp_path / "i.sqlite"
    run = indexer(chain, path)
    run.sync()
    run.store.close()

    assert cli.main(["pool-performance", "--db", str(path), "--period", "7d", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["performance"]
    assert (row["pool"], row["currency"], row["collected"], row["senior_interest"], row["distributed"]) == (
        1, "sCNY", 120, 20, 120)
    assert row["period"].endswith("+7d")
    assert cli.main(["pools", "--db", str(path), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("section,pool,originator,originator_name,currency,phase")
    assert sum(line.startswith("positions,1,senior,") for line in lines) == 2
    with pytest.raises(SystemExit):
        cli.main(["pool-performance", "--db", str(path), "--period", "fortnight"])
    assert "unknown period 'fortnight'" in capsys.readouterr().err
