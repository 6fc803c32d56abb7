"""The index covers every platform contract of the manifest (issue 12: "the index sees half the
platform"), and an index made with the five original contracts is rebuilt, not silently extended."""

import pytest
from fakechain import CONTRACTS, FakeChain, encode_log, transfer

from scf.indexer import (
    ACTIVITY_CONTRACTS,
    INDEXED_CONTRACTS,
    Deployment,
    Indexer,
    IndexerConfig,
    IndexMismatch,
    Store,
    deployment_from_manifest,
)
from scf.manifest import ContractRecord, Manifest

MORE = {name: "0x" + f"b{i}" * 20 for i, name in enumerate(ACTIVITY_CONTRACTS, start=1)}
EVERY = {**CONTRACTS, **MORE}
ALICE = "0x" + "11" * 20


def at(contract: str, event: str, **args) -> dict:
    """A raw log of ``contract`` at its address in EVERY."""
    return {**encode_log(contract, event, **args), "address": EVERY[contract]}


def chain_with_every_contract() -> FakeChain:
    chain = FakeChain()
    chain.mine(transfer(1))
    chain.mine(at("WarehouseReceipt", "Transfer", **{"from": "0x" + "00" * 20, "to": ALICE, "tokenId": 7}))
    chain.mine(at("SecuritizationPool", "PoolCreated", poolId=1, originator=ALICE, currency=ALICE, allianceId=1,
                  maxPieces=10, maxTotalValue=1000))
    chain.mine_empty(5)
    return chain


def indexer(chain: FakeChain, path, contracts: dict[str, str]) -> Indexer:
    return Indexer(chain, Store(path), Deployment(chain.chain_id(), contracts, 1),
                   IndexerConfig(finality_depth=3, batch_blocks=10))


def test_every_contract_of_the_manifest_is_indexed():
    records = {name: ContractRecord(address, "0x", 5) for name, address in EVERY.items()}
    deployment = deployment_from_manifest(Manifest(31337, ALICE, records))
    assert set(deployment.contracts) == set(INDEXED_CONTRACTS) == set(EVERY)
    older = {name: records[name] for name in CONTRACTS}            # a manifest from before the closed loop
    assert set(deployment_from_manifest(Manifest(31337, ALICE, older)).contracts) == set(CONTRACTS)


def test_events_of_two_contracts_with_the_same_signature_keep_their_contract(tmp_path):
    run = indexer(chain_with_every_contract(), tmp_path / "i.sqlite", EVERY)
    run.sync()
    assert [(e.contract, e.name) for e in run.store.events()] == [
        ("ReceivableToken", "Transfer"), ("WarehouseReceipt", "Transfer"), ("SecuritizationPool", "PoolCreated")]


def test_an_index_of_five_contracts_is_rebuilt_with_every_contract(tmp_path):
    chain = chain_with_every_contract()
    path = tmp_path / "i.sqlite"
    old = indexer(chain, path, CONTRACTS)
    old.sync()
    assert [e.contract for e in old.store.events()] == ["ReceivableToken"]
    old.store.close()

    new = indexer(chain, path, EVERY)
    report = new.sync(reset_on_mismatch=False)                   # not another deployment: no refusal
    assert report.first_block == 1
    assert [e.contract for e in new.store.events()] == ["ReceivableToken", "WarehouseReceipt", "SecuritizationPool"]
    assert set(new.store.identity["contracts"]) == set(EVERY)
    new.store.close()


def test_a_moved_contract_is_still_another_deployment(tmp_path):
    chain = chain_with_every_contract()
    path = tmp_path / "i.sqlite"
    old = indexer(chain, path, CONTRACTS)
    old.sync()
    old.store.close()
    moved = {**EVERY, "Settlement": "0x" + "c5" * 20}
    new = indexer(chain, path, moved)
    with pytest.raises(IndexMismatch):
        new.sync(reset_on_mismatch=False)
    assert [e.contract for e in new.store.events()] == ["ReceivableToken"]    # nothing changed
    new.store.close()
