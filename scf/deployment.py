"""Deploy and wire the platform, then seal the wiring; load a deployed one from its manifest.

Trust model (IPlatformAccess): the contract roles that let one contract act on another
(PLATFORM_ROLE, OBLIGOR_PROXY_ROLE, ISSUER_ROLE, AUDITING_CONTRACT_ROLE) are granted here, to
contracts only, and then frozen by ``sealWiring`` on every
contract: afterwards the operator key cannot grant them to itself or anyone else. A redeployed
contract therefore means redeploying every sealed contract that names it (``plan_deployment``).

Demo cash: ``SettlementToken`` is a currency the operator can mint, for demonstrations and tests.
It is deployed and allow-listed only on local development chains (``demo_cash_default``) or when
asked for (``demo_cash=True``, ``scf deploy --demo-cash``); on a real network the operator names
the existing ERC-20 currencies to allow-list instead (``currencies``, ``--currency ADDR``), and
``Platform.cash`` is None.

This module imports without brownie: the components and their constructor arguments, the role
table, ``wire`` / ``seal`` (shared with the web3.py deployer), the plan of an idempotent
deployment (``plan_deployment``, ``code_matches``). Deploying through brownie (``deploy_platform``, ``ensure_platform``,
``load_platform``, ``current_platform``) lives in ``scf.brownie.deployment``; the web3.py deployer
in ``scf.live.deployer``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scf.manifest import LOCAL_CHAIN_IDS, Manifest

log = logging.getLogger(__name__)

CASH_NAME = "Digital CNY"
CASH_SYMBOL = "dCNY"
PLATFORM_FEE_BPS = 10            # 0.10 % of the price, paid by the financier to the operator
DEFAULT_PERIOD = 30 * 86_400     # overdue -> defaulted
DISPUTE_WINDOW = 7 * 86_400      # order escrow: buyer may dispute a delivery this long


@dataclass
class Platform:
    """Handles to every deployed platform contract."""

    registry: Any
    trades: Any
    receivables: Any
    cash: Any            # demo cash (SettlementToken); None where it is not deployed
    market: Any
    settlement: Any
    securitization: Any
    escrow: Any          # closed loop: OrderEscrow
    receipts: Any        # WarehouseReceipt
    pledges: Any         # InventoryFinancing
    advances: Any        # AdvancePayment

    def contracts(self) -> dict[str, Any]:
        return {name: getattr(self, attr) for name, attr in COMPONENTS if getattr(self, attr) is not None}


# (contract name, Platform attribute) in deployment order
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("AllianceRegistry", "registry"),
    ("TradeRegistry", "trades"),
    ("ReceivableToken", "receivables"),
    ("SettlementToken", "cash"),
    ("FinancingMarket", "market"),
    ("Settlement", "settlement"),
    ("SecuritizationPool", "securitization"),
    ("OrderEscrow", "escrow"),
    ("WarehouseReceipt", "receipts"),
    ("InventoryFinancing", "pledges"),
    ("AdvancePayment", "advances"),
)

DEMO_CASH = "SettlementToken"


def demo_cash_default(chain_id: int, development: bool = False) -> bool:
    """Whether demo cash is deployed when nobody says: on local chains (ids 1337, 31337) and
    brownie's development networks only."""
    return development or chain_id in LOCAL_CHAIN_IDS


def components(demo_cash: bool) -> tuple[tuple[str, str], ...]:
    """``COMPONENTS`` to deploy: all, or all but the demo cash."""
    return COMPONENTS if demo_cash else tuple(c for c in COMPONENTS if c[0] != DEMO_CASH)


# contracts that get PLATFORM_ROLE on the receivable token
PLATFORM_CONTRACTS: tuple[str, ...] = ("market", "settlement", "securitization")


def constructor_args(name: str, operator: Any, deployed: dict[str, Any]) -> list:
    """Constructor arguments of ``name``; ``deployed`` maps Platform attributes to contracts
    (or addresses), ``operator`` is an account (or an address)."""
    return _constructor_args(name, operator, deployed)


def dependencies(name: str) -> tuple[str, ...]:
    """Platform attributes whose addresses ``name``'s constructor takes."""

    class Recorder(dict):
        def __missing__(self, key: str) -> str:
            used.append(key)
            return key

    used: list[str] = []
    _constructor_args(name, "operator", Recorder())
    return tuple(used)

# closed loop: (contract, role, grantee) granted by wire()
ROLE_GRANTS: tuple[tuple[str, str, str], ...] = (
    ("trades", "AUDITING_CONTRACT_ROLE", "escrow"),
    ("receivables", "OBLIGOR_PROXY_ROLE", "escrow"),
    ("receipts", "PLATFORM_ROLE", "pledges"),
    ("receipts", "PLATFORM_ROLE", "advances"),
)


def contract_role_grants() -> tuple[tuple[str, str, str], ...]:
    """Every contract role ``wire()`` grants: (contract, role name, grantee), Platform attributes.
    The one role table: docs/architecture.md is generated from it (tools/architecture.py)."""
    return (("trades", "ISSUER_ROLE", "receivables"),
            *(("receivables", "PLATFORM_ROLE", attr) for attr in PLATFORM_CONTRACTS),
            *ROLE_GRANTS)


def _constructor_args(name: str, operator: Any, deployed: dict[str, Any]) -> list:
    args: dict[str, Callable[[], list]] = {
        "AllianceRegistry": lambda: [operator],
        "TradeRegistry": lambda: [operator, deployed["registry"]],
        "ReceivableToken": lambda: [operator, deployed["registry"], deployed["trades"]],
        "SettlementToken": lambda: [CASH_NAME, CASH_SYMBOL, operator],
        "FinancingMarket": lambda: [operator, deployed["receivables"], deployed["trades"], deployed["registry"],
                                    PLATFORM_FEE_BPS],
        "Settlement": lambda: [operator, deployed["receivables"], deployed["trades"], deployed["registry"],
                               deployed["market"], DEFAULT_PERIOD],
        "SecuritizationPool": lambda: [operator, deployed["receivables"], deployed["trades"], deployed["registry"],
                                       deployed["settlement"]],
        "OrderEscrow": lambda: [operator, deployed["registry"], deployed["trades"], deployed["receivables"],
                                DISPUTE_WINDOW],
        "WarehouseReceipt": lambda: [operator, deployed["registry"]],
        "InventoryFinancing": lambda: [deployed["receipts"], deployed["registry"]],
        "AdvancePayment": lambda: [deployed["receipts"], deployed["registry"]],
    }
    return args[name]()


# Platform attributes whose contracts have an admin (PlatformAccess) and are sealed after wiring.
SEALED: tuple[str, ...] = ("registry", "trades", "receivables", "cash", "market", "settlement", "escrow", "receipts")

# An extra contract-role grant made before the seal: (Platform attribute, role name, grantee
# address). Tests use it to wire a stand-in contract the way the deployer wires the real ones.
Grant = tuple[str, str, Any]


def wiring() -> dict[str, set[str]]:
    """For each sealed contract, the Platform attributes of the contracts its wiring names
    (roles granted to them)."""
    names: dict[str, set[str]] = {"trades": {"receivables"}, "receivables": set(PLATFORM_CONTRACTS)}
    for target, _role, grantee in ROLE_GRANTS:
        names.setdefault(target, set()).add(grantee)
    return names


def wire(platform: Platform, operator: Any, tx_params: dict | None = None, extra_grants: tuple[Grant, ...] = (),
         currencies: tuple[str, ...] = ()) -> None:
    """Grant the roles the contracts need from each other (and ``extra_grants``); allow-list the
    demo cash (if deployed) and ``currencies`` (ERC-20 addresses) for trades. Safe to re-run; on a
    sealed contract it only checks that nothing is missing."""
    params = {"from": operator, **(tx_params or {})}
    trades = platform.trades
    allowed = ([platform.cash] if platform.cash is not None else []) + list(currencies)
    for currency in allowed:
        if not trades.currencyAllowed(currency):
            trades.setCurrencyAllowed(currency, True, params)
            log.info("currency %s allow-listed for trades", currency)
    for target, role_name, grantee in contract_role_grants():
        contract, account = getattr(platform, target), getattr(platform, grantee)
        role = getattr(contract, role_name)()
        if not contract.hasRole(role, account):
            contract.grantRole(role, account, params)
    for target, role_name, account in extra_grants:
        contract = getattr(platform, target)
        role = getattr(contract, role_name)()
        if not contract.hasRole(role, account):
            contract.grantRole(role, account, params)


def seal(platform: Platform, operator: Any, tx_params: dict | None = None) -> None:
    """Seal the wiring of every contract with an admin (once; skips sealed ones). From now on
    no contract role can be granted or revoked, by anyone."""
    params = {"from": operator, **(tx_params or {})}
    for attr in SEALED:
        contract = getattr(platform, attr)
        if contract is not None and not contract.wiringSealed():
            contract.sealWiring(params)
            log.info("%s: wiring sealed", attr)


def is_sealed(platform: Platform) -> bool:
    """True if every contract with an admin has sealed its wiring."""
    return all(getattr(platform, attr).wiringSealed() for attr in SEALED if getattr(platform, attr) is not None)


# ------------------------------------------------------------------ idempotent deployment


@dataclass(frozen=True)
class PlanStep:
    name: str
    attr: str
    reuse: bool
    reason: str        # why it is reused or (re)deployed


def code_matches(onchain: bytes, expected: bytes) -> bool:
    """True if the runtime code at an address is the build's runtime code.

    Immutable variables are zero placeholders in the build and filled in at deployment, so the
    code must have the same length and may differ only where the build has zero bytes."""
    if not onchain or len(onchain) != len(expected):
        return False
    return all(a == b or b == 0 for a, b in zip(onchain, expected))


def plan_deployment(man: Manifest | None, check_code: Callable[[str, str], str | None],
                    is_sealed: Callable[[str, str], bool] | None = None, demo_cash: bool = True) -> list[PlanStep]:
    """What to reuse and what to deploy, in deployment order.

    A component is reused when the manifest records it, ``check_code(name, address)`` finds no
    problem (returns None, else the reason), none of the contracts it is built on is redeployed
    and its sealed wiring names no redeployed contract (a sealed contract cannot be rewired);
    otherwise it is deployed. With ``is_sealed(name, address)`` the last rule applies only to
    contracts actually sealed (an interrupted first deploy resumes instead of starting over);
    without it every contract with wiring is taken as sealed. Without ``demo_cash`` the plan has
    no SettlementToken step (nothing is built on it)."""
    names = wiring()
    checked: dict[str, str | None] = {}
    reasons: dict[str, str] = {}
    changed = True
    planned = components(demo_cash)
    while changed:                       # until no redeployment forces another
        changed = False
        for name, attr in planned:
            if attr in reasons:
                continue
            record = man.contracts.get(name) if man else None
            reason: str | None
            rebuilt = [d for d in dependencies(name) if d in reasons]
            rewired = sorted(g for g in names.get(attr, ()) if g in reasons)
            if record is None:
                reason = "not in the manifest"
            elif rebuilt:
                reason = f"built on redeployed {', '.join(rebuilt)}"
            else:
                if name not in checked:
                    checked[name] = check_code(name, record.address)
                reason = checked[name]
                if reason is None and rewired and (is_sealed is None or is_sealed(name, record.address)):
                    reason = f"sealed wiring names redeployed {', '.join(rewired)}"
            if reason is not None:
                reasons[attr] = reason
                changed = True
    steps: list[PlanStep] = []
    for name, attr in planned:
        if attr in reasons:
            steps.append(PlanStep(name, attr, False, reasons[attr]))
        else:
            assert man is not None           # a component is reused only when the manifest records it
            steps.append(PlanStep(name, attr, True, f"recorded at {man.contracts[name].address}, code checked"))
    return steps
