"""The keeper command (issue 12 left out): `python -m scf keeper` finds in the index what is due and
settles it with web3.py, one line per transaction: an unpaid root past its grace and default
periods is marked overdue then defaulted, the repaid pieces of suppliers are claimed with one
`claimMany`, the pool's repaid pieces collected with one `collectMany`, the pool's cash
distributed. `--dry-run` sends nothing; a second run sends nothing either.

The chain is brownie's test node; the keeper talks to it as to any node (its RPC URL), signing
with a key of its own like the other live commands (no role needed)."""

import pytest
from brownie import accounts, chain, web3

from scf import cli
from scf import manifest as manifest_mod
from scf.deployment import COMPONENTS
from scf.live.deployer import genesis_hash
from scf.live.runlog import read_run_log
from scf.manifest import ContractRecord, Manifest
from scf.units import to_base

CURRENT, OVERDUE, DEFAULTED = 0, 1, 2


@pytest.fixture(scope="module", autouse=True)
def core_pays(cash, core, settlement, operator):
    cash.mint(core, to_base(10_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})


@pytest.fixture
def deployments(platform, operator, tmp_path):
    """A manifest of the test platform, as `deploy` would have written it."""
    contracts = {name: ContractRecord(getattr(platform, attr).address, "0x", 0) for name, attr in COMPONENTS}
    man = Manifest(chain.id, operator.address, contracts, genesis_hash=genesis_hash(web3))
    directory = tmp_path / "deployments"
    manifest_mod.save(man, directory)
    return directory


@pytest.fixture(scope="module")
def keeper_key(operator) -> str:
    """The keeper's own key (any account may keep: no role), funded with gas money; a fresh key works
    on Anvil and Ganache alike (their funded accounts differ)."""
    account = accounts.add()
    operator.transfer(account, 10**18)
    return account.private_key


def keeper(deployments, tmp_path, monkeypatch, key: str, *extra: str) -> int:
    monkeypatch.setenv("SCF_OPERATOR_KEY", key)
    return cli.main(["keeper", "--rpc", web3.provider.endpoint_uri, "--deployments", str(deployments),
                     "--db", str(tmp_path / "index.sqlite"), "--runs", str(tmp_path / "runs"),
                     "--finality-depth", "0", *extra])


def tx_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("tx ")]


@pytest.fixture
def due(active_pool, make_root, receivables, settlement, registry, alliance, supplier1, supplier2, core):
    """Work for the keeper: a supplier root split in two and repaid, two of the pool's three pieces
    repaid, and an unpaid root past maturity + grace + default period. (Before maturity the obligor
    repays in full only.)"""
    pool_id, (p1, p2, _p3), *_ = active_pool
    root = make_root(400_000, days=120)
    child = receivables.splitOff(root, supplier2, to_base(100_000), {"from": supplier1}).return_value
    settlement.repay(root, to_base(400_000), {"from": core})
    settlement.repay(p1, to_base(1_000_000), {"from": core})
    settlement.repay(p2, to_base(600_000), {"from": core})
    late = make_root(5_000, days=2)
    maturity = receivables.rootState(late)[0]
    chain.sleep(maturity + registry.gracePeriodOf(alliance) + settlement.defaultPeriod() + 1 - chain.time())
    chain.mine()
    return pool_id, (p1, p2), (root, child), late


def test_keeper_settles_everything_due_once(due, deployments, tmp_path, monkeypatch, capsys, securitization,
                                            settlement, cash, supplier1, supplier2, keeper_key):
    pool_id, (p1, p2), (root, child), late = due
    height = chain.height

    # dry run: every transaction listed with a gas estimate (or after the ones it needs), nothing sent
    assert keeper(deployments, tmp_path, monkeypatch, keeper_key, "--dry-run") == 0
    planned = tx_lines(capsys.readouterr().out)
    assert planned == [
        f"tx Settlement.markOverdue root #{late}: - not sent, gas estimate {_gas(planned[0])}",
        f"tx Settlement.markDefaulted root #{late}: not sent, not estimated (needs the transactions above)",
        f"tx Settlement.claimMany 2 pieces: #{root}, #{child}: - not sent, gas estimate {_gas(planned[2])}",
        f"tx SecuritizationPool.collectMany pool {pool_id}, 2 pieces: #{p1}, #{p2}: - not sent, gas estimate "
        f"{_gas(planned[3])}",
        f"tx SecuritizationPool.distribute pool {pool_id}: not sent, not estimated (needs the transactions above)",
    ]
    assert chain.height == height

    # the run: one line per transaction, with hash, block and gas; the run log has them all
    balances = cash.balanceOf(supplier1), cash.balanceOf(supplier2)
    assert keeper(deployments, tmp_path, monkeypatch, keeper_key) == 0
    out = capsys.readouterr().out
    sent = tx_lines(out)
    assert [line.split(":")[0] for line in sent] == [
        f"tx Settlement.markOverdue root #{late}", f"tx Settlement.markDefaulted root #{late}",
        "tx Settlement.claimMany 2 pieces", f"tx SecuritizationPool.collectMany pool {pool_id}, 2 pieces",
        f"tx SecuritizationPool.distribute pool {pool_id}"]
    assert all(" block " in line and ", gas " in line for line in sent)
    assert "5 transaction(s) sent" in out
    entries = [e for log in (tmp_path / "runs").glob("*.jsonl") for e in read_run_log(log)]  # dry run's and run's
    assert sorted(e["status"] for e in entries) == ["estimated"] * 3 + ["ok"] * 5

    assert _status(settlement, late) == DEFAULTED
    assert settlement.claimable(root) == settlement.claimable(child) == 0
    assert (cash.balanceOf(supplier1) - balances[0], cash.balanceOf(supplier2) - balances[1]) == (
        to_base(300_000), to_base(100_000))                 # the whole of 300,000 and of 100,000
    accounts = securitization.accountsOf(pool_id).dict()
    assert accounts["collected"] == to_base(1_600_000) == accounts["distributed"]

    # nothing is due any more: a second run sends nothing
    height = chain.height
    assert keeper(deployments, tmp_path, monkeypatch, keeper_key) == 0
    out = capsys.readouterr().out
    assert "nothing due: no transaction" in out and tx_lines(out) == []
    assert chain.height == height


def _gas(line: str) -> str:
    """The gas estimate printed at the end of a dry-run line (checked to be a positive number)."""
    text = line.rsplit("gas estimate ", 1)[1]
    assert int(text.replace(",", "")) > 20_000
    return text


def _status(settlement, root_id: int) -> int:
    return settlement.accountOf(root_id).dict()["status"]
