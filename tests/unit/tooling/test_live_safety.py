"""Live tooling that talks and protects (issue 12, "Live tooling is silent and can destroy state"):
one line and one JSON run-log entry per transaction, the manifest and the index tied to the
chain's genesis hash (another node with the same chain id is refused unless --force), pending
deployments recorded before waiting, and a dry run that estimates and sends nothing.

Pure Python: the node is a fake web3 object."""

import json
from datetime import UTC
from types import SimpleNamespace

import pytest
from eth_account import Account
from web3.exceptions import TransactionNotFound

from scf import cli
from scf import manifest as manifest_mod
from scf.indexer import IndexMismatch, Store, reset_index
from scf.live.deployer import deploy, genesis_hash, settle_pending
from scf.live.runlog import FIELDS, RunLog, read_run_log, run_log_path
from scf.live.sender import DryRunSender, TransactionFailed, TxRecord, TxSender, TxSettings
from scf.live.signers import Signer
from scf.manifest import ContractRecord, GenesisMismatch, Manifest, check_genesis

KEY = "0x" + "11" * 32
CHAIN_ID = 4242
GENESIS = "0x" + "aa" * 32
OTHER_GENESIS = "0x" + "bb" * 32


class FakeEth:
    """The part of ``w3.eth`` the sender and the deployer use; every sent transaction is mined at once."""

    def __init__(self, chain_id: int, genesis: str, revert: bool = False) -> None:
        self.chain_id = chain_id
        self.genesis = genesis
        self.revert = revert
        self.account = Account
        self.block_number = 100
        self.gas_price = 10**9
        self.max_priority_fee = 10**9
        self.sent: list[bytes] = []
        self.receipts: dict[bytes, dict] = {}
        self.estimates: list[dict] = []
        self.nonce = 7

    def get_block(self, which):
        if which == 0:
            return {"hash": bytes.fromhex(self.genesis[2:]), "number": 0}
        return {"number": self.block_number, "baseFeePerGas": None, "timestamp": 1}

    def estimate_gas(self, tx: dict) -> int:
        self.estimates.append(tx)
        return 50_000 + len(self.estimates)

    def get_transaction_count(self, address: str, block: str) -> int:
        return self.nonce

    def send_raw_transaction(self, raw: bytes) -> bytes:
        tx_hash = bytes([len(self.sent) + 1]) * 32
        self.sent.append(raw)
        self.block_number += 1
        self.nonce += 1
        self.receipts[tx_hash] = {"status": 0 if self.revert else 1, "blockNumber": self.block_number,
                                  "gasUsed": 42_000, "transactionHash": tx_hash, "blockHash": b"\x01" * 32,
                                  "contractAddress": None}
        return tx_hash

    def wait_for_transaction_receipt(self, tx_hash: bytes, timeout: float, poll_latency: float) -> dict:
        return self.receipts[bytes(tx_hash)]

    def get_transaction(self, tx_hash: str) -> dict:
        if bytes.fromhex(tx_hash.removeprefix("0x")) not in self.receipts:
            raise TransactionNotFound(tx_hash)
        return {"hash": tx_hash}


class FakeProvider:
    endpoint_uri = "http://node.example:8545"

    def __init__(self, eth: FakeEth) -> None:
        self.eth = eth

    def make_request(self, method: str, params: list) -> dict:
        assert method == "eth_getBlockByNumber" and params[0] == "0x0"
        return {"result": {"number": "0x0", "hash": self.eth.genesis, "parentHash": "0x" + "00" * 32,
                           "timestamp": "0x0"}}


def fake_w3(chain_id: int = CHAIN_ID, genesis: str = GENESIS, revert: bool = False) -> SimpleNamespace:
    eth = FakeEth(chain_id, genesis, revert)
    return SimpleNamespace(eth=eth, provider=FakeProvider(eth))


@pytest.fixture
def operator() -> Signer:
    return Signer.from_key("operator", KEY)


def saved_manifest(directory, genesis: str = GENESIS, chain_id: int = CHAIN_ID) -> Manifest:
    registry = ContractRecord("0x" + "02" * 20, "0x" + "03" * 32, 5)
    man = Manifest(chain_id, "0x" + "01" * 20, {"AllianceRegistry": registry}, genesis_hash=genesis)
    manifest_mod.save(man, directory)
    return man


# ---------------------------------------------------------------- one line and a run log per transaction


def test_every_mined_transaction_is_reported_with_label_hash_block_and_gas(operator):
    w3 = fake_w3()
    sender = TxSender(w3, TxSettings(poll_interval=0))
    records: list[TxRecord] = []
    sent: list[str] = []
    sender.listeners.append(records.append)
    sender.transact(operator, "0x" + "22" * 20, b"", label="registry.certify", on_sent=sent.append)
    (record,) = records
    assert (record.label, record.hash, record.block, record.gas, record.status) == (
        "registry.certify", "0x" + "01" * 32, 101, 42_000, "ok")
    assert sent == [record.hash]                     # announced before the receipt was awaited
    assert record.line() == f"tx registry.certify: {record.hash} block 101, gas 42,000"
    assert record.time.endswith("Z")


def test_a_reverted_transaction_is_logged_then_refused(operator, tmp_path):
    sender = TxSender(fake_w3(revert=True), TxSettings(poll_interval=0))
    log = RunLog(tmp_path / "run.jsonl")
    sender.listeners.append(log)
    with pytest.raises(TransactionFailed, match="market.acceptOffer reverted in block 101"):
        sender.transact(operator, "0x" + "22" * 20, label="market.acceptOffer")
    (entry,) = read_run_log(log.path)
    assert entry["status"] == "reverted" and entry["label"] == "market.acceptOffer"
    assert "REVERTED" in TxRecord(**{k: entry[k] for k in FIELDS}).line()


def test_the_run_log_is_one_json_object_per_line_named_by_chain_and_utc_time(tmp_path):
    from datetime import datetime

    path = run_log_path(4242, tmp_path, datetime(2026, 12, 2, 6, 5, 4, tzinfo=UTC))
    assert path == tmp_path / "4242-20261202T060504Z.jsonl"
    log = RunLog(path)
    log(TxRecord("deploy Settlement", "0xab", 12, 1_234_567, "ok", "2026-12-02T06:05:04Z"))
    log(TxRecord("Settlement.claim", "0xcd", 13, 80_000, "ok", "2026-12-02T06:05:05Z"))
    lines = path.read_text().splitlines()
    assert [list(json.loads(line)) for line in lines] == [list(FIELDS)] * 2
    assert json.loads(lines[0]) == {"time": "2026-12-02T06:05:04Z", "label": "deploy Settlement", "hash": "0xab",
                                    "block": 12, "gas": 1_234_567, "status": "ok"}
    assert log.count == 2


# ---------------------------------------------------------------- dry run


def test_a_dry_run_estimates_every_transaction_and_sends_none(operator):
    w3 = fake_w3()
    sender = DryRunSender(w3)
    first = sender.transact(operator, None, b"\x60\x00", label="deploy AllianceRegistry")
    second = sender.transact(operator, None, b"\x60\x01", label="deploy TradeRegistry")
    sender.transact(operator, "0x" + "22" * 20, b"", label="registry.grantRole")
    assert w3.eth.sent == [] and sender.sent == 0
    assert [r.gas for r in sender.planned] == [50_001, 50_002, 50_003] and sender.total_gas == 150_006
    assert {r.status for r in sender.planned} == {"estimated"}
    # the addresses the deployments would get: the operator's nonces 7 and 8
    from web3.utils.address import get_create_address
    assert first["contractAddress"] == get_create_address(operator.address, 7)
    assert second["contractAddress"] == get_create_address(operator.address, 8)
    assert sender.planned[0].line() == "tx deploy AllianceRegistry: - not sent, gas estimate 50,001"


# ---------------------------------------------------------------- manifest tied to the genesis hash


def test_the_manifest_records_the_genesis_hash_and_reads_old_manifests(tmp_path):
    man = saved_manifest(tmp_path)
    again = manifest_mod.load(CHAIN_ID, tmp_path)
    assert again == man and again.genesis_hash == GENESIS and again.pending == {}
    data = json.loads(manifest_mod.path_for(CHAIN_ID, tmp_path).read_text())
    del data["genesis_hash"], data["pending"]
    old = Manifest.from_json(json.dumps(data))
    assert old.genesis_hash == "" and old.pending == {}
    check_genesis(old, OTHER_GENESIS)               # nothing recorded: accepted (and recorded by the deployer)


def test_regression_deploy_refuses_the_manifest_of_another_node_with_the_same_chain_id(tmp_path, operator):
    """issue 12 item "live tooling": `deploy` against another node with the same chain id silently
    redeployed and overwrote the manifest; now it refuses in one line and changes nothing."""
    saved_manifest(tmp_path, genesis=GENESIS)
    before = manifest_mod.path_for(CHAIN_ID, tmp_path).read_text()
    w3 = fake_w3(genesis=OTHER_GENESIS)
    with pytest.raises(GenesisMismatch, match=r"another chain with id 4242 .*--force"):
        deploy(TxSender(w3), operator, tmp_path)
    assert w3.eth.sent == [] and w3.eth.estimates == []
    assert manifest_mod.path_for(CHAIN_ID, tmp_path).read_text() == before


def test_regression_the_cli_refuses_another_node_in_one_line(tmp_path, monkeypatch, capsys):
    """issue 12 item "live tooling": deploy and scenario on another node with the manifest's chain
    id stop with one `error:` line; the manifest is untouched and nothing is sent."""
    saved_manifest(tmp_path)
    before = manifest_mod.path_for(CHAIN_ID, tmp_path).read_text()
    w3 = fake_w3(genesis=OTHER_GENESIS)
    monkeypatch.setattr(cli.api, "connect", lambda url=None: w3)
    monkeypatch.setenv("SCF_OPERATOR_KEY", KEY)
    for command in (["deploy"], ["deploy", "--dry-run"], ["scenario", "--test-actors"]):
        assert cli.main([*command, "--deployments", str(tmp_path), "--runs", str(tmp_path / "runs")]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: ") and "\n" not in err and "another chain with id 4242" in err
    assert w3.eth.sent == []
    assert manifest_mod.path_for(CHAIN_ID, tmp_path).read_text() == before


def test_local_chains_and_forced_runs_are_not_refused(tmp_path):
    check_genesis(Manifest(31337, "0x", genesis_hash=GENESIS), OTHER_GENESIS)      # Anvil restarts: new genesis
    check_genesis(Manifest(CHAIN_ID, "0x", genesis_hash=GENESIS), OTHER_GENESIS, force=True)
    check_genesis(Manifest(CHAIN_ID, "0x", genesis_hash=GENESIS), GENESIS.upper().replace("0X", "0x"))
    assert genesis_hash(fake_w3()) == GENESIS


# ---------------------------------------------------------------- interrupted deployments


def test_regression_a_deployment_sent_before_an_interruption_is_recorded_on_the_next_run(tmp_path):
    """issue 12 item "live tooling": a deploy interrupted mid-flight left a deployed contract
    unrecorded; the pending transaction is now recorded and the next run looks it up."""
    w3 = fake_w3()
    mined = w3.eth.send_raw_transaction(b"raw")
    w3.eth.receipts[mined]["contractAddress"] = "0x" + "44" * 20
    man = Manifest(CHAIN_ID, "0x" + "01" * 20, genesis_hash=GENESIS,
                   pending={"TradeRegistry": "0x" + mined.hex(), "ReceivableToken": "0x" + "99" * 32})
    said: list[str] = []
    assert settle_pending(TxSender(w3, TxSettings(poll_interval=0)), man, said.append)
    assert man.pending == {}
    assert man.contracts["TradeRegistry"] == ContractRecord("0x" + "44" * 20, "0x" + mined.hex(), 101)
    assert "ReceivableToken" not in man.contracts
    assert any("never mined" in line for line in said)


# ---------------------------------------------------------------- index --reset


def indexed_store(path, chain_id: int = CHAIN_ID, genesis: str = GENESIS) -> None:
    with Store(path) as store:
        store.reset({"chain_id": chain_id, "genesis_hash": genesis, "contracts": {}, "start_block": 1})


def test_regression_index_reset_refuses_to_wipe_the_index_of_another_chain(tmp_path, monkeypatch, capsys):
    """issue 12 item "live tooling": `index --reset` on the wrong node wiped a good index; now it
    refuses in one line and the index stays as it was."""
    db = tmp_path / "4242.sqlite"
    indexed_store(db, genesis=GENESIS)
    before = db.read_bytes()
    with pytest.raises(IndexMismatch, match="refusing to reset"):
        reset_index(fake_w3(genesis=OTHER_GENESIS), db)
    monkeypatch.setattr(cli.api, "connect", lambda url=None: fake_w3(genesis=OTHER_GENESIS))
    assert cli.main(["index", "--reset", "--db", str(db), "--deployments", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: refusing to reset") and "--force" in err and "\n" not in err
    assert db.read_bytes() == before
    with Store(db) as store:
        assert store.identity["genesis_hash"] == GENESIS


@pytest.mark.parametrize("chain_id, genesis, force", [
    (CHAIN_ID, GENESIS, False),         # the same chain: rebuilt
    (CHAIN_ID, OTHER_GENESIS, True),    # forced
    (31337, OTHER_GENESIS, False),      # a local chain restarted
])
def test_index_reset_wipes_an_index_of_the_same_chain_or_when_forced(tmp_path, chain_id, genesis, force):
    db = tmp_path / "index.sqlite"
    indexed_store(db, chain_id=chain_id, genesis=GENESIS)
    reset_index(fake_w3(chain_id=chain_id, genesis=genesis), db, force=force)
    assert not db.exists()


def test_regression_a_resumed_deploy_reuses_the_unsealed_contracts_it_recorded():
    """issue 12 item "live tooling": resuming an interrupted first deploy redeployed everything it
    had recorded (their wiring "names" the contracts still to deploy); an unsealed contract can
    still be wired, so it is reused; a sealed one whose wiring names a contract still to deploy is
    replaced."""
    from scf.deployment import COMPONENTS, plan_deployment

    first_two = Manifest(CHAIN_ID, "0x", {name: ContractRecord(f"0x{name}", "0x", 1) for name, _ in COMPONENTS[:2]})
    unsealed = plan_deployment(first_two, lambda name, address: None, lambda name, address: False)
    assert [s.name for s in unsealed if s.reuse] == [name for name, _ in COMPONENTS[:2]]
    sealed = plan_deployment(first_two, lambda name, address: None, lambda name, address: True)
    # the alliance registry's wiring names no other contract (a member leaves whatever it holds),
    # so even sealed it is kept; the trade registry's names the receivable token: replaced
    assert [s.name for s in sealed if s.reuse] == ["AllianceRegistry"]
    assert plan_deployment(first_two, lambda name, address: None) == sealed     # without the check: as sealed
