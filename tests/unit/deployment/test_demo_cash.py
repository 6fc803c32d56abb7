"""Demo cash only on local chains (issue 13): SettlementToken, a currency the operator can mint,
was deployed and allow-listed on every network, real ones included. Now it is planned only for
local chains or when asked for; the web3 deployer's real-network path is in
tests/integration/test_remote_node.py."""

from scf.deployment import COMPONENTS, DEMO_CASH, components, demo_cash_default, plan_deployment
from scf.manifest import ContractRecord, Manifest


def test_regression_demo_cash_by_default_only_on_local_chains():
    """issue 13: demo cash was deployed on every network, real ones included."""
    assert demo_cash_default(31337) and demo_cash_default(1337)
    assert demo_cash_default(72021, development=True)            # a brownie development network
    assert not demo_cash_default(1) and not demo_cash_default(72021)


def test_a_plan_without_demo_cash_has_every_other_contract_in_order():
    steps = plan_deployment(None, lambda name, address: None, demo_cash=False)
    assert [s.name for s in steps] == [name for name, _ in COMPONENTS if name != DEMO_CASH]
    assert [s.name for s in plan_deployment(None, lambda name, address: None)] == [name for name, _ in COMPONENTS]
    assert components(True) == COMPONENTS and DEMO_CASH not in dict(components(False))


def test_without_demo_cash_a_recorded_platform_is_reused_as_it_is():
    names = [name for name, _ in COMPONENTS if name != DEMO_CASH]
    man = Manifest(72021, "0xoperator", {n: ContractRecord(f"0x{n}", "0x", 1) for n in names})
    steps = plan_deployment(man, lambda name, address: None, demo_cash=False)
    assert [s.name for s in steps] == names and all(s.reuse for s in steps)


def test_the_development_chain_gets_demo_cash_allow_listed(platform, trades, cash):
    """brownie's development network: deploy_platform's default deploys the demo cash."""
    assert platform.cash is not None and platform.cash == cash
    assert trades.currencyAllowed(cash)
    assert dict(platform.contracts())[DEMO_CASH] == cash
