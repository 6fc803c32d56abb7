"""Batched indexing from the deployment block, decoding, resumption, refused ranges, progress."""

import pytest
from fakechain import FakeChain, event_keys, repaid, transfer

from scf.indexer import IndexMismatch


def busy_chain(blocks: int = 40, **kwargs) -> FakeChain:
    """Block 1 has a transfer; every third block from 3 a transfer and a repayment."""
    chain = FakeChain(**kwargs)
    chain.mine(transfer(99))
    for n in range(2, blocks + 1):
        logs = (transfer(n), repaid(n, n * 1_000)) if n % 3 == 0 else ()
        chain.mine(*logs)
    return chain


def test_indexes_every_event_from_the_deployment_block(make_indexer):
    chain = busy_chain()
    indexer = make_indexer(chain, start_block=2)
    report = indexer.sync()

    events = list(indexer.store.events())
    assert report.events == len(events) == 2 * len(range(3, 41, 3))
    assert all(e.block_number >= 2 for e in events)          # block 1's transfer is before the deployment
    first = events[0]
    assert (first.name, first.contract) == ("Transfer", "ReceivableToken")
    assert first.args == {"from": "0x" + "00" * 20, "to": "0x1111111111111111111111111111111111111111", "tokenId": 3}
    assert events[1].args == {"rootId": 3, "payer": "0x" + "22" * 20, "amount": 3_000, "totalRepaid": 3_000}
    assert first.timestamp == chain.blocks[3].timestamp
    assert indexer.store.tip == chain.head()
    assert report.batches == 4                                 # 39 blocks in ranges of 10


def test_addresses_are_checksummed_and_integers_exact(make_indexer):
    chain = FakeChain()
    huge = 2**96 - 1
    chain.mine(repaid(1, huge))
    indexer = make_indexer(chain)
    indexer.sync()
    (event,) = indexer.store.events()
    assert event.args["amount"] == huge
    assert event.args["payer"] == "0x2222222222222222222222222222222222222222"


def test_resumes_where_the_last_run_stopped(make_indexer, tmp_path):
    chain = busy_chain()
    first_run = make_indexer(chain)
    first_run.sync(until=17)
    assert first_run.store.tip == 17

    second_run = make_indexer(chain)                          # a new process, same database
    report = second_run.sync()
    assert report.first_block == 18
    assert min(q[0] for q in chain.log_queries[-report.batches:]) == 18

    one_pass = make_indexer(chain, path=tmp_path / "one-pass.sqlite")
    one_pass.sync()
    assert event_keys(second_run.store) == event_keys(one_pass.store)


def test_a_crash_mid_run_loses_only_the_uncommitted_range(make_indexer, tmp_path):
    chain = busy_chain()
    indexer = make_indexer(chain)
    calls = {"n": 0}
    real_logs = chain.logs

    def flaky_logs(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ConnectionError("node went away")
        return real_logs(*args)

    chain.logs = flaky_logs
    with pytest.raises(ConnectionError):
        indexer.sync()
    assert indexer.store.tip == 20                            # two ranges of 10 committed

    chain.logs = real_logs
    make_indexer(chain).sync()
    one_pass = make_indexer(chain, path=tmp_path / "one-pass.sqlite")
    one_pass.sync()
    assert event_keys(make_indexer(chain).store) == event_keys(one_pass.store)


def test_a_range_the_node_refuses_is_halved(make_indexer):
    chain = busy_chain(blocks=60, max_log_range=8)
    indexer = make_indexer(chain, batch=50)
    report = indexer.sync()
    assert indexer.store.tip == 60
    assert all(hi - lo + 1 <= 8 for lo, hi in chain.log_queries)
    assert report.events == 1 + 2 * len(range(3, 61, 3))


def test_timestamps_from_logs_save_header_requests(make_indexer):
    chain = busy_chain(with_timestamps=True)
    asked = []
    real_headers = chain.headers
    chain.headers = lambda numbers: asked.extend(numbers) or real_headers(numbers)
    make_indexer(chain, depth=0).sync()
    # genesis (identity), and each range's first and last block (continuity, tip time) only
    assert set(asked) == {0, 1, 10, 11, 20, 21, 30, 31, 40}


def test_progress_is_reported_to_the_end(make_indexer):
    seen = []
    make_indexer(busy_chain(), progress=seen.append).sync()
    assert seen[-1].fraction == 1.0 and seen[-1].block == 40
    assert [p.block for p in seen] == sorted(p.block for p in seen)
    assert "ev/s" in seen[-1].line()


def test_an_index_of_another_chain_is_refused_unless_reset(make_indexer):
    make_indexer(busy_chain()).sync()
    other = busy_chain()
    other.fork = 7                                            # a restarted local chain: other genesis
    other.blocks.clear()
    other.mine()
    other.mine_empty(5)
    with pytest.raises(IndexMismatch):
        make_indexer(other).sync()
    report = make_indexer(other).sync(reset_on_mismatch=True)
    assert report.first_block == 1 and report.events == 0
