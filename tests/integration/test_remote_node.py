"""A remote alliance node, played by an Anvil this module starts on its own port (not brownie's
network): deploy with the web3.py deployer, deploy again (nothing to do), replace a contract
whose code went missing, play the live scenario through the CLI, index it and check the
reports; then a reorganisation on the node is rolled back by the indexer. Issue 12's live
safety: a dry run sends nothing, the manifest of another node is refused unless forced, an
interrupted deploy records what it sent, every transaction has its line and run-log entry."""

import importlib.util
import logging
import os
import threading

import pytest
from web3 import Web3

from scf import api, cli
from scf import manifest as manifest_mod
from scf.abis import load_abi, load_bytecode
from scf.deployment import COMPONENTS
from scf.devnode import ANVIL_FIRST_KEY, anvil
from scf.errors import ConfigError
from scf.live.deployer import deploy, genesis_hash, platform_at
from scf.live.runlog import read_run_log
from scf.live.sender import TxSender, TxSettings
from scf.live.signers import Signer
from scf.live.story import run_live_story
from scf.manifest import GenesisMismatch
from scf.units import to_base

PORT = int(os.environ.get("SCF_REMOTE_TEST_PORT", "8560"))   # another port when sessions share a machine
CHAIN_ID = 72_021          # not a local chain id: treated as a real network (no test keys by default)
DEPTH = 5                  # finality depth of the reorganisation test


@pytest.fixture(scope="module")
def node():
    with anvil(PORT, chain_id=CHAIN_ID) as url:
        yield url


@pytest.fixture(scope="module")
def w3(node):
    return api.connect(node)


@pytest.fixture(scope="module")
def deployments(tmp_path_factory):
    return tmp_path_factory.mktemp("deployments")


@pytest.fixture(scope="module")
def operator():
    return Signer.from_key("operator", ANVIL_FIRST_KEY)


class BackgroundMiner:
    """Mines a block every few milliseconds, so confirmations come without waiting seconds."""

    def __init__(self, w3: Web3, interval: float = 0.02) -> None:
        self.w3, self.interval = w3, interval
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.w3.provider.make_request("evm_mine", [])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def test_a_dry_run_estimates_every_deployment_and_sends_nothing(node, w3, deployments, operator, tmp_path,
                                                                monkeypatch, capsys):
    monkeypatch.setenv("SCF_OPERATOR_KEY", ANVIL_FIRST_KEY)
    block, nonce = w3.eth.block_number, w3.eth.get_transaction_count(operator.address)
    assert cli.main(["deploy", "--dry-run", "--demo-cash", "--rpc", node, "--deployments", str(deployments),
                     "--runs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"dry run: {len(COMPONENTS)} transaction(s)" in out and "nothing sent" in out
    assert out.count("not sent, gas estimate") == len(COMPONENTS)
    assert (w3.eth.block_number, w3.eth.get_transaction_count(operator.address)) == (block, nonce)
    assert not manifest_mod.path_for(CHAIN_ID, deployments).exists()
    (log,) = tmp_path.glob(f"{CHAIN_ID}-*.jsonl")
    assert {entry["status"] for entry in read_run_log(log)} == {"estimated"}


def test_deploy_waits_for_confirmations_and_is_idempotent(w3, deployments, operator):
    sender = TxSender(w3, TxSettings(confirmations=3, poll_interval=0.02))
    with BackgroundMiner(api.connect(f"http://127.0.0.1:{PORT}")):
        first = deploy(sender, operator, deployments, demo_cash=True)     # a test network: demo cash asked for
    assert first.deployed == [name for name, _ in COMPONENTS]
    for record in first.manifest.contracts.values():
        assert w3.eth.block_number >= record.block + 2          # three confirmations each
    saved = manifest_mod.path_for(CHAIN_ID, deployments).read_text()

    again = deploy(TxSender(w3), operator, deployments, demo_cash=True)
    assert again.deployed == [] and again.transactions == 0
    assert manifest_mod.path_for(CHAIN_ID, deployments).read_text() == saved


def test_regression_the_manifest_of_another_node_is_refused_unless_forced(w3, deployments, operator, tmp_path):
    """issue 12 item "live tooling": a manifest made on another node with the same chain id was
    silently overwritten; now it is refused (nothing sent, nothing written) unless --force."""
    man = manifest_mod.load(CHAIN_ID, deployments)
    assert man.genesis_hash == genesis_hash(w3)
    other = genesis_hash(w3)[:-4] + "beef"
    man.genesis_hash = other
    manifest_mod.save(man, tmp_path)
    before, block = manifest_mod.path_for(CHAIN_ID, tmp_path).read_text(), w3.eth.block_number
    with pytest.raises(GenesisMismatch, match="another chain with id"):
        deploy(TxSender(w3), operator, tmp_path)
    assert manifest_mod.path_for(CHAIN_ID, tmp_path).read_text() == before and w3.eth.block_number == block

    forced = deploy(TxSender(w3), operator, tmp_path, force=True, demo_cash=True)
    assert forced.deployed == [] and forced.transactions == 0      # the same code is at the same addresses here
    assert manifest_mod.load(CHAIN_ID, tmp_path).genesis_hash == genesis_hash(w3)
    assert (tmp_path / f"{CHAIN_ID}.{other[:10]}.json").read_text() == before


class InterruptedWait(TxSender):
    """Interrupted (Ctrl-C) while waiting for its second transaction, which the node accepted."""

    def wait(self, tx_hash):
        if self.sent == 2:
            raise KeyboardInterrupt
        return super().wait(tx_hash)


def test_regression_an_interrupted_deploy_records_the_contract_it_sent(w3, operator, tmp_path):
    """issue 12 item "live tooling": a deploy interrupted mid-flight left a deployed contract
    unrecorded; the pending deployment is in the manifest and the next run records it."""
    with pytest.raises(KeyboardInterrupt):
        deploy(InterruptedWait(w3), operator, tmp_path)
    first, second = (name for name, _ in COMPONENTS[:2])
    man = manifest_mod.load(CHAIN_ID, tmp_path)
    assert list(man.contracts) == [first] and list(man.pending) == [second]
    # the node accepted the transaction; under load it may be mined a moment after the interrupt
    receipt = w3.eth.wait_for_transaction_receipt(man.pending[second], timeout=120, poll_latency=0.05)
    result = deploy(TxSender(w3), operator, tmp_path)
    assert first not in result.deployed and second not in result.deployed
    assert result.manifest.address(second) == receipt["contractAddress"] and result.manifest.pending == {}


def test_regression_a_real_network_gets_no_demo_cash_and_allow_lists_the_named_currency(w3, operator, tmp_path,
                                                                                       caplog):
    """issue 13: SettlementToken (demo cash the operator can mint) was deployed and allow-listed on
    every network, real ones included; now a real network gets the currencies the operator names."""
    sender = TxSender(w3)
    stablecoin = sender.deploy(operator, load_abi("SettlementToken"), load_bytecode("SettlementToken")[0],
                               ["Alliance Dollar", "aUSD", operator.address], label="an existing stablecoin")
    stablecoin = stablecoin["contractAddress"]
    with caplog.at_level(logging.INFO, logger="scf"):
        result = deploy(sender, operator, tmp_path, currencies=(stablecoin,))
    logged = [r.getMessage() for r in caplog.records if r.name == "scf.live.deployer"]
    assert logged[0] == f"deploying on chain {CHAIN_ID} from {operator.address}: demo cash no, currencies {stablecoin}"
    assert any(m.startswith("AllianceRegistry: deployed at ") for m in logged)
    assert f"currency {stablecoin} allow-listed for trades" in [r.getMessage() for r in caplog.records]
    assert result.deployed == [name for name, _ in COMPONENTS if name != "SettlementToken"]
    assert result.platform.cash is None
    assert "SettlementToken" not in manifest_mod.load(CHAIN_ID, tmp_path).contracts
    assert result.platform.trades.currencyAllowed(stablecoin)
    with pytest.raises(ConfigError, match="--demo-cash"):      # the live scenario needs mintable cash
        run_live_story(result.platform, sender, operator, {}, "no-cash")

    again = deploy(TxSender(w3), operator, tmp_path, currencies=(stablecoin,))
    assert again.deployed == [] and again.transactions == 0


def test_a_currency_without_a_contract_is_refused_before_anything_is_sent(w3, operator, tmp_path, node,
                                                                         monkeypatch, capsys):
    block = w3.eth.block_number
    with pytest.raises(ConfigError, match="no contract at that address"):
        deploy(TxSender(w3), operator, tmp_path, currencies=(operator.address,))
    assert w3.eth.block_number == block and not manifest_mod.path_for(CHAIN_ID, tmp_path).exists()
    monkeypatch.setenv("SCF_OPERATOR_KEY", ANVIL_FIRST_KEY)
    assert cli.main(["deploy", "--rpc", node, "--deployments", str(tmp_path), "--runs", str(tmp_path),
                     "--currency", "0x1234"]) == 2
    assert capsys.readouterr().err.strip().endswith("--currency 0x1234: not an address")
    assert w3.eth.block_number == block


def test_a_recorded_contract_without_code_is_redeployed_with_what_is_built_on_it(w3, deployments, operator):
    man = manifest_mod.load(CHAIN_ID, deployments)
    market = man.address("FinancingMarket")
    w3.provider.make_request("anvil_setCode", [market, "0x"])
    result = deploy(TxSender(w3), operator, deployments, demo_cash=True)
    # the market, everything built on it, and every sealed contract whose wiring names a
    # redeployed one (the token's PLATFORM_ROLE, the trade registry's ISSUER_ROLE...); the alliance
    # registry (it names no contract), the cash and the warehouse-receipt side stay
    kept = {"AllianceRegistry", "SettlementToken", "WarehouseReceipt", "InventoryFinancing", "AdvancePayment"}
    assert result.deployed == [name for name, _ in COMPONENTS if name not in kept]
    reasons = {s.name: s.reason for s in result.steps if not s.reuse}
    assert reasons["FinancingMarket"] == "no code at the recorded address"
    assert reasons["Settlement"] == "built on redeployed market"
    assert reasons["ReceivableToken"].startswith("sealed wiring names redeployed market")
    updated = manifest_mod.load(CHAIN_ID, deployments)
    assert updated.address("FinancingMarket") != market
    assert updated.address("AllianceRegistry") == man.address("AllianceRegistry")
    assert updated.address("SettlementToken") == man.address("SettlementToken")


def test_live_scenario_through_the_cli_indexes_and_reports(node, w3, deployments, tmp_path_factory, monkeypatch,
                                                          capsys):
    out = tmp_path_factory.mktemp("pictures")
    runs = tmp_path_factory.mktemp("runs")
    db = tmp_path_factory.mktemp("data") / "remote.sqlite"
    formats = "png,svg,html" if importlib.util.find_spec("matplotlib") else "svg,html"
    monkeypatch.setenv("SCF_OPERATOR_KEY", ANVIL_FIRST_KEY)
    code = cli.main(["scenario", "--rpc", node, "--deployments", str(deployments), "--db", str(db), "--out", str(out),
                     "--format", formats, "--test-actors", "--demo-cash", "--tag", "remote-1", "--finality-depth", "3",
                     "--runs", str(runs)])
    assert code == 0
    printed = [line.strip() for line in capsys.readouterr().out.splitlines() if line.strip().startswith("tx ")]
    (log,) = runs.glob(f"{CHAIN_ID}-*.jsonl")
    entries = read_run_log(log)
    assert len(entries) == len(printed) > 20 and {e["status"] for e in entries} == {"ok"}
    for entry, line in zip(entries, printed):
        assert line.startswith(f"tx {entry['label']}: {entry['hash']} block {entry['block']:,}, gas {entry['gas']:,}")
        assert w3.eth.get_transaction_receipt(entry["hash"])["gasUsed"] == entry["gas"]

    state = api.load_state(db)
    (root_id,) = [r.id for r in state.roots.values()]
    tree = api.credit_tree(state, root_id)
    assert [(t.tier, t.received, t.passed_on, t.financed) for t in tree.tiers] == [
        (1, to_base(1_000_000), to_base(400_000), to_base(600_000)),
        (2, to_base(400_000), to_base(150_000), 0),
        (3, to_base(150_000), 0, to_base(150_000)),
    ]
    assert [(state.name(f.seller), state.name(f.financier), f.rate_bps) for f in tree.financings] == [
        ("Tier-3 Moulds (micro-firm)", "Bank A", 450), ("Tier-1 Components Ltd", "Bank B Factoring", 520)]
    assert sum(c.amount for c in tree.claims) == to_base(1_000_000)
    if "png" in formats:
        assert (out / f"root-{root_id}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (out / f"root-{root_id}.html").read_text()

    totals = api.totals(state)
    assert totals.value("roots issued") == "1" and totals.value("outstanding") == "0.00"
    assert totals.value("pieces financed") == "2"
    bank_a = api.portfolio(state, "Bank A")
    assert bank_a.positions == [] and bank_a.claimed == to_base(150_000)
    costs = api.costs(state)
    assert [state.name(c.seller) for c in costs.sellers] == ["Tier-1 Components Ltd", "Tier-3 Moulds (micro-firm)"]
    assert 0.04 < costs.sellers[1].annual_cost < 0.06


def test_the_keeper_on_a_remote_node_finds_the_story_settled_and_refuses_another_chains_manifest(
        node, w3, deployments, tmp_path, monkeypatch, capsys):
    """The keeper command against a real network's node: the live story repaid and claimed
    everything, so a run (its own fresh index) sends nothing; a manifest of another chain with the
    same id is refused before anything is read or sent."""
    monkeypatch.setenv("SCF_OPERATOR_KEY", ANVIL_FIRST_KEY)
    block = w3.eth.block_number
    args = ["keeper", "--rpc", node, "--db", str(tmp_path / "keeper.sqlite"), "--runs", str(tmp_path / "runs"),
            "--finality-depth", "0"]
    assert cli.main(args + ["--deployments", str(deployments)]) == 0
    out = capsys.readouterr().out
    assert "nothing due: no transaction" in out and "indexed blocks" in out
    assert w3.eth.block_number == block and not (tmp_path / "runs").exists()

    other = manifest_mod.load(CHAIN_ID, deployments)
    other.genesis_hash = genesis_hash(w3)[:-4] + "beef"
    manifest_mod.save(other, tmp_path / "other")
    assert cli.main(args + ["--deployments", str(tmp_path / "other")]) == 2
    assert "another chain with id" in capsys.readouterr().err
    assert w3.eth.block_number == block


def test_a_reorganisation_on_the_node_is_rolled_back(w3, deployments, operator, tmp_path_factory):
    db = tmp_path_factory.mktemp("reorg") / "reorg.sqlite"
    man = manifest_mod.load(CHAIN_ID, deployments)
    api.sync(w3, db, man, finality_depth=DEPTH)
    sender = TxSender(w3)
    platform = platform_at(sender, man)
    before = api.load_state(db).events

    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]
    platform.registry.register(b"\x07" * 32, 2, "Short-lived Ltd", {"from": operator})    # an event...
    api.sync(w3, db, man, finality_depth=DEPTH)
    assert "Short-lived Ltd" in [e.name for e in api.load_state(db).enterprises.values()]

    w3.provider.make_request("evm_revert", [snapshot])                               # ...reorganised away
    w3.provider.make_request("anvil_mine", [hex(2)])
    report = api.sync(w3, db, man, finality_depth=DEPTH)
    assert report.rolled_back_blocks >= 1 and report.dropped_events == 1
    state = api.load_state(db)
    assert state.events == before
    assert "Short-lived Ltd" not in [e.name for e in state.enterprises.values()]
