"""Idempotent deployment: the plan (pure) and brownie's ensure_platform on the test chain."""

from brownie import chain, web3

from scf import manifest as manifest_mod
from scf.brownie.deployment import ensure_platform
from scf.deployment import COMPONENTS, code_matches, dependencies, is_sealed, plan_deployment
from scf.manifest import ContractRecord, Manifest


def recorded(*names: str) -> Manifest:
    return Manifest(1, "0xoperator", {n: ContractRecord(f"0x{n}", "0x", 1) for n in names})


def test_dependencies_follow_the_constructors():
    assert dependencies("AllianceRegistry") == ()
    assert set(dependencies("Settlement")) == {"receivables", "trades", "registry", "market"}


def test_plan_reuses_checked_contracts_and_redeploys_what_is_built_on_a_replaced_one():
    everything = recorded(*(name for name, _ in COMPONENTS))
    assert all(step.reuse for step in plan_deployment(everything, lambda name, address: None))

    missing_trades = plan_deployment(everything, lambda name, a: "no code" if name == "TradeRegistry" else None)
    # what is built on the trade registry is redeployed; the alliance registry names no other
    # contract, so it stays, and with it what is built on it alone (the receipts' contracts)
    assert [s.name for s in missing_trades if s.reuse] == ["AllianceRegistry", "SettlementToken", "WarehouseReceipt",
                                                           "InventoryFinancing", "AdvancePayment"]
    reasons = {s.name: s.reason for s in missing_trades}
    assert reasons["ReceivableToken"] == "built on redeployed trades"
    assert reasons["FinancingMarket"] == "built on redeployed receivables, trades"

    missing_pledges = plan_deployment(everything, lambda name, a: "no code" if name == "InventoryFinancing" else None)
    assert [s.name for s in missing_pledges if not s.reuse] == ["WarehouseReceipt", "InventoryFinancing",
                                                                 "AdvancePayment"]

    assert not any(s.reuse for s in plan_deployment(None, lambda name, a: None))
    partly = plan_deployment(recorded("AllianceRegistry", "SettlementToken"), lambda name, a: None)
    # recorded contracts whose wiring names nothing unrecorded are reused
    assert [s.name for s in partly if s.reuse] == ["AllianceRegistry", "SettlementToken"]


def test_code_matches_only_where_immutables_fill_zero_placeholders():
    build = bytes.fromhex("6080" + "00" * 4 + "5b")
    assert code_matches(bytes.fromhex("6080" + "deadbeef" + "5b"), build)
    assert not code_matches(bytes.fromhex("6081" + "00" * 4 + "5b"), build)
    assert not code_matches(b"", build)
    assert not code_matches(build + b"\x00", build)


def test_ensure_platform_deploys_once_then_reuses(operator, tmp_path):
    platform, first, steps = ensure_platform(operator, directory=tmp_path)
    assert not any(s.reuse for s in steps)
    assert manifest_mod.load(chain.id, tmp_path) == first

    height = chain.height
    again, second, steps = ensure_platform(operator, directory=tmp_path)
    assert all(s.reuse for s in steps) and chain.height == height          # no transaction at all
    assert second == first and again.settlement.address == platform.settlement.address

    first.contracts["Settlement"] = ContractRecord(operator.address, "0x", 0)  # an address without code
    manifest_mod.save(first, tmp_path)
    _platform, third, steps = ensure_platform(operator, directory=tmp_path)
    # the sealed receivable token cannot grant PLATFORM_ROLE to a new Settlement: it is redeployed,
    # and so is everything that names it or is built on it; the alliance registry (it names no
    # contract), the cash token and the warehouse-receipt side are reused
    assert [s.name for s in steps if s.reuse] == ["AllianceRegistry", "SettlementToken", "WarehouseReceipt",
                                                  "InventoryFinancing", "AdvancePayment"]
    assert third.address("SettlementToken") == first.address("SettlementToken")
    assert len(web3.eth.get_code(third.address("Settlement"))) > 0
    assert _platform.receivables.hasRole(_platform.receivables.PLATFORM_ROLE(), third.address("Settlement"))
    assert is_sealed(_platform)


def test_regression_brownie_deploy_records_the_genesis_hash(operator, tmp_path):
    """issue 12 left out: the brownie deploy path records the chain's genesis hash in the manifest as
    the web3 deployer does, and fills it into a manifest made before it was recorded, sending nothing."""
    genesis = "0x" + bytes(web3.eth.get_block(0)["hash"]).hex()
    _platform, man, _steps = ensure_platform(operator, directory=tmp_path)
    assert man.genesis_hash == genesis and len(genesis) == 66
    assert manifest_mod.load(chain.id, tmp_path).genesis_hash == genesis

    man.genesis_hash = ""                                         # a manifest from before the genesis was recorded
    manifest_mod.save(man, tmp_path)
    height = chain.height
    _platform, again, steps = ensure_platform(operator, directory=tmp_path)
    assert all(s.reuse for s in steps) and chain.height == height
    assert again.genesis_hash == genesis == manifest_mod.load(chain.id, tmp_path).genesis_hash
    assert again.contracts == man.contracts
