"""Reorganisations: blocks above head - depth are kept by hash and rolled back on mismatch."""

import pytest
from fakechain import FakeChain, event_keys, repaid, transfer

from scf.indexer import DeepReorg


def chain_with_events(blocks: int = 20) -> FakeChain:
    chain = FakeChain()
    for n in range(1, blocks + 1):
        chain.mine(transfer(n))
    return chain


def test_only_the_unfinal_window_and_its_anchor_are_kept(make_indexer):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=4)
    indexer.sync()
    assert [n for n, _ in indexer.store.unfinal_hashes()] == [20, 19, 18, 17, 16]
    chain.mine_empty(10)
    indexer.sync()
    assert [n for n, _ in indexer.store.unfinal_hashes()] == [30, 29, 28, 27, 26]
    assert indexer.store.final_block == 26


def test_a_reorg_within_the_depth_is_rolled_back_and_reindexed(make_indexer, tmp_path):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=4)
    indexer.sync()

    chain.reorg(3, [repaid(18, 5)], [], [transfer(118)], [transfer(119)])   # 18-20 replaced, 21 new
    report = indexer.sync()

    assert report.rolled_back_blocks == 3 and report.dropped_events == 3
    names = [(e.block_number, e.name) for e in indexer.store.events() if e.block_number >= 17]
    assert names == [(17, "Transfer"), (18, "Repaid"), (20, "Transfer"), (21, "Transfer")]
    fresh = make_indexer(chain, depth=4, path=tmp_path / "fresh.sqlite")
    fresh.sync()
    assert event_keys(indexer.store) == event_keys(fresh.store)


def test_a_reorg_as_deep_as_the_depth_is_still_handled(make_indexer):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=4)
    indexer.sync()
    chain.reorg(4, [], [], [], [])                           # blocks 17-20 replaced, 16 (the anchor) kept
    report = indexer.sync()
    assert report.rolled_back_blocks == 4
    assert [e.block_number for e in indexer.store.events()][-1] == 16


def test_a_shorter_chain_rolls_the_tip_back(make_indexer):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=5)
    indexer.sync()
    chain.reorg(3, [transfer(500)])                          # 18-20 gone, new 18
    indexer.sync()
    assert indexer.store.tip == 18
    assert [e.args["tokenId"] for e in indexer.store.events()][-2:] == [17, 500]


def test_a_reorg_below_the_anchor_is_refused(make_indexer):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=3)
    indexer.sync()
    chain.reorg(6, *([[]] * 6))
    with pytest.raises(DeepReorg, match="--reset"):
        indexer.sync()


def test_a_reorg_while_a_range_is_read_is_detected_and_retried(make_indexer, tmp_path):
    chain = chain_with_events(20)
    indexer = make_indexer(chain, depth=5, batch=100)
    indexer.sync(until=12)
    # the node serves the logs of 13-20, then reorganises 18-20 before the headers are read
    chain.after_logs = lambda c: c.reorg(3, [repaid(1, 1)], [], [])
    report = indexer.sync()
    assert report.events > 0
    fresh = make_indexer(chain, depth=5, path=tmp_path / "fresh.sqlite")
    fresh.sync()
    assert event_keys(indexer.store) == event_keys(fresh.store)
    assert ("Repaid" in [e.name for e in indexer.store.events()])


def test_a_reorg_under_an_empty_range_is_caught_by_the_parent_hash(make_indexer, tmp_path):
    chain = chain_with_events(15)
    chain.mine_empty(5)                                       # 16-20 carry no events
    indexer = make_indexer(chain, depth=10, batch=5)
    indexer.sync(until=15)
    # while 16-20 are read (no logs), 13-20 are replaced: only the parent hash of 16 shows it
    chain.after_logs = lambda c: c.reorg(8, *([[]] * 8))
    report = indexer.sync()
    assert report.rolled_back_blocks == 3 and report.dropped_events == 3
    fresh = make_indexer(chain, depth=10, path=tmp_path / "fresh.sqlite")
    fresh.sync()
    assert event_keys(indexer.store) == event_keys(fresh.store)
    assert indexer.store.tip == 20


def test_depth_zero_keeps_only_the_tip(make_indexer):
    chain = chain_with_events(10)
    indexer = make_indexer(chain, depth=0)
    indexer.sync()
    assert [n for n, _ in indexer.store.unfinal_hashes()] == [10]
