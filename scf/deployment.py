"""Deploy and wire the platform; load a deployed one from its manifest.

Needs a loaded brownie project (scripts, tests, console). Contract classes are looked up on the
loaded project, so this module imports without brownie running.
"""

from dataclasses import dataclass
from typing import Any, Callable

from scf import manifest as manifest_mod
from scf.manifest import ContractRecord, Manifest

CASH_NAME = "Digital CNY"
CASH_SYMBOL = "dCNY"
PLATFORM_FEE_BPS = 10            # 0.10 % of the price, paid by the financier to the operator
DEFAULT_PERIOD = 30 * 86_400     # overdue -> defaulted
DISPUTE_WINDOW = 7 * 86_400      # order escrow: buyer may dispute a delivery this long


def _project():
    from brownie import project

    loaded = project.get_loaded_projects()
    if not loaded:
        raise RuntimeError("no brownie project is loaded: run this through brownie (run/test/console)")
    return loaded[0]


@dataclass
class Platform:
    """Handles to every deployed platform contract."""

    registry: Any
    trades: Any
    receivables: Any
    cash: Any
    market: Any
    settlement: Any
    escrow: Any          # closed loop: OrderEscrow
    receipts: Any        # WarehouseReceipt
    pledges: Any         # InventoryFinancing
    advances: Any        # AdvancePayment

    def contracts(self) -> dict[str, Any]:
        return {name: getattr(self, attr) for name, attr in COMPONENTS}


# (contract name, Platform attribute) in deployment order
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("AllianceRegistry", "registry"),
    ("TradeRegistry", "trades"),
    ("ReceivableToken", "receivables"),
    ("SettlementToken", "cash"),
    ("FinancingMarket", "market"),
    ("Settlement", "settlement"),
    ("OrderEscrow", "escrow"),
    ("WarehouseReceipt", "receipts"),
    ("InventoryFinancing", "pledges"),
    ("AdvancePayment", "advances"),
)

# contracts that get PLATFORM_ROLE on the receivable token
PLATFORM_CONTRACTS: tuple[str, ...] = ("market", "settlement")

# closed loop: (contract, role, grantee) granted by wire()
ROLE_GRANTS: tuple[tuple[str, str, str], ...] = (
    ("trades", "AUDITING_CONTRACT_ROLE", "escrow"),
    ("receivables", "OBLIGOR_PROXY_ROLE", "escrow"),
    ("receipts", "PLATFORM_ROLE", "pledges"),
    ("receipts", "PLATFORM_ROLE", "advances"),
)


def _constructor_args(name: str, operator, deployed: dict[str, Any]) -> list:
    args: dict[str, Callable[[], list]] = {
        "AllianceRegistry": lambda: [operator],
        "TradeRegistry": lambda: [operator, deployed["registry"]],
        "ReceivableToken": lambda: [operator, deployed["registry"], deployed["trades"]],
        "SettlementToken": lambda: [CASH_NAME, CASH_SYMBOL, operator],
        "FinancingMarket": lambda: [operator, deployed["receivables"], deployed["trades"], deployed["registry"],
                                    PLATFORM_FEE_BPS],
        "Settlement": lambda: [operator, deployed["receivables"], deployed["trades"], deployed["registry"],
                               deployed["market"], DEFAULT_PERIOD],
        "OrderEscrow": lambda: [operator, deployed["registry"], deployed["trades"], deployed["receivables"],
                                DISPUTE_WINDOW],
        "WarehouseReceipt": lambda: [operator, deployed["registry"]],
        "InventoryFinancing": lambda: [deployed["receipts"], deployed["registry"]],
        "AdvancePayment": lambda: [deployed["receipts"], deployed["registry"]],
    }
    return args[name]()


def wire(platform: Platform, operator, tx_params: dict | None = None) -> None:
    """Grant the roles the contracts need from each other. Safe to re-run."""
    params = {"from": operator, **(tx_params or {})}
    trades, receivables, registry = platform.trades, platform.receivables, platform.registry
    issuer = trades.ISSUER_ROLE()
    if not trades.hasRole(issuer, receivables):
        trades.grantRole(issuer, receivables, params)
    if registry.holdingsSource() != receivables.address:
        registry.setHoldingsSource(receivables, params)
    platform_role = receivables.PLATFORM_ROLE()
    for attr in PLATFORM_CONTRACTS:
        contract = getattr(platform, attr)
        if not receivables.hasRole(platform_role, contract):
            receivables.grantRole(platform_role, contract, params)
    for target, role_name, grantee in ROLE_GRANTS:
        contract, account = getattr(platform, target), getattr(platform, grantee)
        role = getattr(contract, role_name)()
        if not contract.hasRole(role, account):
            contract.grantRole(role, account, params)


def deploy_platform(operator, tx_params: dict | None = None, publish_source: bool = False) -> tuple[Platform, Manifest]:
    """Deploy every contract from ``operator`` and wire them together."""
    from brownie import chain

    project = _project()
    params = {"from": operator, **(tx_params or {})}
    deployed: dict[str, Any] = {}
    records: dict[str, ContractRecord] = {}
    for name, attr in COMPONENTS:
        container = getattr(project, name)
        contract = container.deploy(
            *_constructor_args(name, operator, deployed), params, publish_source=publish_source, silent=None
        )
        deployed[attr] = contract
        tx = contract.tx
        records[name] = ContractRecord(contract.address, tx.txid if tx else "", tx.block_number if tx else 0)
    platform = Platform(**deployed)
    wire(platform, operator, tx_params)
    return platform, Manifest(chain.id, operator.address, records)


def load_platform(man: Manifest) -> Platform:
    """Attach to a deployed platform; raises if an address has no code."""
    from brownie import web3

    project = _project()
    handles: dict[str, Any] = {}
    for name, attr in COMPONENTS:
        address = man.address(name)
        if len(web3.eth.get_code(address)) == 0:
            raise LookupError(f"{name} at {address} has no code on chain {man.chain_id}: redeploy")
        handles[attr] = getattr(project, name).at(address)
    return Platform(**handles)


def current_platform() -> Platform | None:
    """The platform recorded for the connected chain, if its code is there."""
    from brownie import chain

    man = manifest_mod.load(chain.id)
    if man is None:
        return None
    try:
        return load_platform(man)
    except (LookupError, KeyError):
        return None
