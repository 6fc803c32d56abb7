"""Generate docs/architecture.md from the compiled contracts and the deployment's role table.

    python tools/architecture.py            # after `brownie compile`; rewrites docs/architecture.md
    python tools/architecture.py --check    # exit 1 if the committed file differs (the test does this)

Every fact in the map comes from a source that the build or the deployer uses, so the map cannot
drift from the code:
- entry points: the compiled ABIs (brownie's ``build/contracts``);
- who calls whom: the compiler's AST of each platform contract (calls on a contract-typed
  expression, ``new`` expressions, library calls), interfaces resolved to the platform contract
  that implements them;
- guards: ``onlyRole(...)`` modifiers and ``EnterpriseRoles.*`` checks in each external function's
  body (direct, not through internal helpers);
- who holds which role: ``scf.deployment`` (constructor arguments, ``contract_role_grants()``,
  the sealed contracts);
- where each lifecycle step lives: the table ``LIFECYCLE`` below, checked against the ABIs (a step
  naming a function that no longer exists stops the generator).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scf import deployment  # noqa: E402  (the checkout's package, also without installing it)

BUILD_DIR = ROOT / "build" / "contracts"
OUTPUT = ROOT / "docs" / "architecture.md"

# contracts the deployer deploys, plus those the platform's contracts create themselves
DEPLOYED: tuple[str, ...] = tuple(name for name, _attr in deployment.COMPONENTS)
CREATED: tuple[str, ...] = ("TrancheToken",)

# Where each step of the lifecycle and each rule lives: (step, entry points "Contract.function",
# the rule in one line). Checked against the ABIs when the map is generated.
LIFECYCLE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Onboarding: enterprises", ("AllianceRegistry.register", "AllianceRegistry.certify",
                                 "AllianceRegistry.reject"),
     "an enterprise registers with its roles; the operator (registrar) certifies or rejects it"),
    ("Onboarding: alliances", ("AllianceRegistry.createAlliance", "AllianceRegistry.invite",
                               "AllianceRegistry.acceptInvitation", "AllianceRegistry.declineInvitation",
                               "AllianceRegistry.cancelInvitation", "AllianceRegistry.start",
                               "AllianceRegistry.suspend", "AllianceRegistry.reinstate",
                               "AllianceRegistry.leave", "AllianceRegistry.setGracePeriod"),
     "a certified core enterprise forms its alliance; only active members take part in anything"),
    ("Trade audit", ("TradeRegistry.submitTrade", "TradeRegistry.verifyTrade", "TradeRegistry.rejectTrade",
                     "TradeRegistry.withdrawTrade", "TradeRegistry.recordAuditedTrade"),
     "a supplier anchors invoice, order and delivery hashes; an alliance auditor verifies; an invoice "
     "binds only on the obligor's confirmation"),
    ("Confirmation (root issued)", ("ReceivableToken.confirm", "ReceivableToken.confirmWithSignature",
                                    "ReceivableToken.confirmAcceptedTrade",
                                    "ReceivableToken.cancelSignedConfirmations"),
     "the trade's buyer (the obligor), or the order escrow for it, confirms a verified trade once; the root "
     "is the whole payable"),
    ("Split and transfer", ("ReceivableToken.split", "ReceivableToken.splitOff", "ReceivableToken.merge",
                            "ReceivableToken.transferFrom", "ReceivableToken.safeTransferFrom"),
     "pieces move only between active members of the root's alliance; value is conserved by splits"),
    ("Discounting", ("FinancingMarket.postOffer", "FinancingMarket.acceptOffer",
                     "FinancingMarket.acceptSignedOffer", "FinancingMarket.cancelOffer",
                     "FinancingMarket.cancelSignedOffer", "FinancingMarket.bumpNonce"),
     "a financier's offer (posted or EIP-712 signed) is accepted by the holder; cash and piece swap "
     "atomically at the discount price, the platform fee to the operator"),
    ("Repayment", ("Settlement.repay",),
     "before maturity only the obligor repays; from maturity anyone may; never more than outstanding"),
    ("Claims", ("Settlement.claim", "Settlement.claimMany"),
     "anyone may trigger a claim; the piece's holder is paid its share of what was repaid; a fully paid "
     "piece is burned"),
    ("Overdue and default", ("Settlement.markOverdue", "Settlement.markDefaulted",
                             "Settlement.setDefaultPeriod"),
     "anyone marks a root overdue after the alliance's grace period and defaulted after the default "
     "period; periods changed later apply only to later maturities"),
    ("Recourse", ("Settlement.callRecourse", "Settlement.payRecourse", "ReceivableToken.setRecourseSale",
                  "SecuritizationPool.callRecourse"),
     "the holder of a piece sold with recourse calls it once its root is defaulted (not when repaid in "
     "full); the seller owes at most what it sold and gets the piece back when it pays"),
    ("Pooling (securitization)", ("SecuritizationPool.createPool", "SecuritizationPool.addPiece",
                                  "SecuritizationPool.openOffering", "SecuritizationPool.subscribe",
                                  "SecuritizationPool.close", "SecuritizationPool.cancel",
                                  "SecuritizationPool.refund", "SecuritizationPool.collect",
                                  "SecuritizationPool.distribute", "SecuritizationPool.writeDown"),
     "a financier pools pieces, investors subscribe to senior and junior tranches; collections pay "
     "senior first"),
    ("Closed loop: orders", ("OrderEscrow.placeOrder", "OrderEscrow.accept", "OrderEscrow.recordMilestone",
                             "OrderEscrow.dispute", "OrderEscrow.resolveDispute", "OrderEscrow.cancel"),
     "a buyer's order escrows cash or, on credit, is settled by a receivable the escrow issues"),
    ("Closed loop: warehouse receipts", ("WarehouseReceipt.issue", "WarehouseReceipt.split",
                                         "WarehouseReceipt.redeem", "WarehouseReceipt.release"),
     "logistics members issue receipts for goods they hold; a locked receipt moves only by its locker"),
    ("Closed loop: pledge loans", ("InventoryFinancing.requestLoan", "InventoryFinancing.cancelRequest",
                                   "InventoryFinancing.fund", "InventoryFinancing.repay",
                                   "InventoryFinancing.foreclose"),
     "a receipt is pledged for a loan; funding refuses if the collateral changed since the request"),
    ("Closed loop: advance payments", ("AdvancePayment.propose", "AdvancePayment.acceptOrder",
                                       "AdvancePayment.fund", "AdvancePayment.repay",
                                       "AdvancePayment.callBuyback", "AdvancePayment.payBuyback",
                                       "AdvancePayment.cancel"),
     "a financier pays a supplier in advance against a receipt it named; the buyer's buyback covers "
     "a default"),
)

# functions every PlatformAccess contract has (two-step admin, sealed wiring): listed once
ADMIN_FUNCTIONS = frozenset({
    "acceptDefaultAdminTransfer", "beginDefaultAdminTransfer", "cancelDefaultAdminTransfer",
    "changeDefaultAdminDelay", "rollbackDefaultAdminDelay", "grantRole", "revokeRole", "renounceRole",
    "sealWiring", "defaultAdmin", "defaultAdminDelay", "defaultAdminDelayIncreaseWait", "pendingDefaultAdmin",
    "pendingDefaultAdminDelay", "owner", "getRoleAdmin", "hasRole", "wiringSealed", "supportsInterface",
    "DEFAULT_ADMIN_ROLE",
})


class ArchitectureError(Exception):
    """The build or the lifecycle table does not fit: the message says what to do."""


# ------------------------------------------------------------------------------ build facts


def load_artifact(name: str, build_dir: Path) -> dict[str, Any]:
    path = build_dir / f"{name}.json"
    if not path.exists():
        raise ArchitectureError(f"{path} not found: run `brownie compile` first")
    artifact: dict[str, Any] = json.loads(path.read_text())
    return artifact


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every AST node (dict with a nodeType) under ``node``, depth first."""
    if isinstance(node, dict):
        if "nodeType" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def contract_node(artifact: dict[str, Any]) -> dict[str, Any]:
    for node in artifact["ast"]["nodes"]:
        if node.get("nodeType") == "ContractDefinition" and node["name"] == artifact["contractName"]:
            return node
    raise ArchitectureError(f"no contract {artifact['contractName']} in its own AST")


def _type_name(expression: dict[str, Any]) -> str | None:
    """``IReceivableToken`` for an expression of type ``contract IReceivableToken``."""
    type_string = (expression.get("typeDescriptions") or {}).get("typeString") or ""
    for prefix in ("contract ", "type(library "):
        if type_string.startswith(prefix):
            return type_string.removeprefix(prefix).rstrip(")")
    return None


@dataclass
class ContractFacts:
    name: str
    functions: list[dict[str, Any]]                           # ABI entries of external functions
    calls: dict[str, set[str]] = field(default_factory=dict)  # callee type -> functions called
    creates: set[str] = field(default_factory=set)
    libraries: set[str] = field(default_factory=set)
    guards: dict[str, list[str]] = field(default_factory=dict)  # function -> guards
    roles: list[str] = field(default_factory=list)            # *_ROLE constants declared
    constructor_grants: list[tuple[str, int]] = field(default_factory=list)  # (role, constructor argument)
    staff_roles: set[str] = field(default_factory=set)        # roles `_isStaffRole` names (held by people)
    bases: set[str] = field(default_factory=set)


def _guards(function: dict[str, Any]) -> list[str]:
    guards: list[str] = []
    for modifier in function.get("modifiers", []):
        name = modifier["modifierName"].get("name")
        if name == "onlyRole":
            argument = modifier["arguments"][0]
            guards.append(argument.get("name") or argument.get("memberName") or "?")
        elif name not in ("nonReentrant",):
            guards.append(name)
    for node in walk(function.get("body")):
        if (node["nodeType"] == "MemberAccess" and node["expression"].get("nodeType") == "Identifier"
                and node["expression"].get("name") == "EnterpriseRoles"):
            role = f"enterprise {node['memberName']}"
            if role not in guards:
                guards.append(role)
    return guards


def _constructor_grants(constructor: dict[str, Any]) -> list[tuple[str, int]]:
    """``_grantRole(ROLE, parameter)`` calls in a constructor: (role, the parameter's position)."""
    params = [p["name"] for p in constructor["parameters"]["parameters"]]
    grants = []
    for node in walk(constructor.get("body")):
        if (node["nodeType"] == "FunctionCall" and node["expression"].get("name") == "_grantRole"
                and node["arguments"][1].get("name") in params):
            grants.append((node["arguments"][0]["name"], params.index(node["arguments"][1]["name"])))
    return grants


def _project_bases(node: dict[str, Any], build_dir: Path) -> list[dict[str, Any]]:
    """The contract nodes of the project's own base contracts (under contracts/), nearest first,
    each once: their external functions are the contract's too (e.g. AlliancePiece's)."""
    found: list[dict[str, Any]] = []
    pending = [base["baseName"]["name"] for base in node.get("baseContracts", [])]
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen or not (build_dir / f"{name}.json").exists():
            continue
        seen.add(name)
        artifact = load_artifact(name, build_dir)
        if not str(artifact.get("sourcePath", "")).startswith("contracts/"):
            continue
        base = contract_node(artifact)
        found.append(base)
        pending += [b["baseName"]["name"] for b in base.get("baseContracts", [])]
    return found


def contract_facts(name: str, build_dir: Path) -> ContractFacts:
    artifact = load_artifact(name, build_dir)
    facts = ContractFacts(name, sorted((e for e in artifact["abi"] if e["type"] == "function"),
                                       key=lambda e: (e["name"], len(e["inputs"]))))
    node = contract_node(artifact)
    facts.bases = {base["baseName"]["name"] for base in node.get("baseContracts", [])}
    # guards of inherited functions the contract does not override: the nearest definition's
    defined = {child["name"] for child in node["nodes"] if child["nodeType"] == "FunctionDefinition"}
    for base in _project_bases(node, build_dir):
        for child in base["nodes"]:
            if (child["nodeType"] == "FunctionDefinition" and child.get("visibility") in ("external", "public")
                    and child["name"] and child["name"] not in defined):
                defined.add(child["name"])
                guards = _guards(child)
                if guards:
                    facts.guards[child["name"]] = guards
    for child in node["nodes"]:
        if (child["nodeType"] == "VariableDeclaration" and child.get("constant")
                and child["name"].endswith("_ROLE")):
            facts.roles.append(child["name"])
        if child["nodeType"] == "FunctionDefinition" and child["name"] == "_isStaffRole":
            facts.staff_roles = {n["name"] for n in walk(child.get("body"))
                                 if n["nodeType"] == "Identifier" and n["name"].endswith("_ROLE")}
        if child["nodeType"] == "FunctionDefinition" and child.get("kind") == "constructor":
            facts.constructor_grants = _constructor_grants(child)
        if child["nodeType"] == "FunctionDefinition" and child.get("visibility") in ("external", "public"):
            guards = _guards(child)
            if guards and child["name"]:
                facts.guards.setdefault(child["name"], [])
                facts.guards[child["name"]] += [g for g in guards if g not in facts.guards[child["name"]]]
    for sub in walk(node):
        if sub["nodeType"] == "NewExpression":
            created = _type_name(sub["typeName"]) or sub["typeName"].get("pathNode", {}).get("name")
            if created:
                facts.creates.add(created)
        if sub["nodeType"] != "FunctionCall" or sub["expression"].get("nodeType") != "MemberAccess":
            continue
        target = sub["expression"]["expression"]
        callee = _type_name(target)
        if callee is None:
            continue
        type_string = target["typeDescriptions"]["typeString"]
        if type_string.startswith("type(library "):
            facts.libraries.add(callee)
        elif callee != name:
            facts.calls.setdefault(callee, set()).add(sub["expression"]["memberName"])
    return facts


# ------------------------------------------------------------------------------ the document


def _implementer(interface: str, facts: dict[str, ContractFacts]) -> str:
    """The platform contract behind an interface type (``IReceivableToken`` -> ``ReceivableToken``)."""
    if interface in facts:
        return interface
    for name, fact in facts.items():
        if interface in fact.bases or interface == f"I{name}":
            return name
    return interface


def _callee(callee_type: str, functions: set[str], facts: dict[str, ContractFacts]) -> str:
    """Who is called: the implementing platform contract, else the only one whose ABI has every
    function called, else the interface's name (``ERC-20 cash`` for the currency)."""
    if callee_type in ("IERC20", "IERC20Metadata"):
        return "ERC-20 cash"
    callee = _implementer(callee_type, facts)
    if callee != callee_type or callee in facts:
        return callee
    fits = [name for name, fact in facts.items()
            if functions <= {entry["name"] for entry in fact.functions}]
    return fits[0] if len(fits) == 1 else callee_type


def _signature(entry: dict[str, Any]) -> str:
    return f"{entry['name']}({', '.join(i['type'] for i in entry['inputs'])})"


def _check_lifecycle(facts: dict[str, ContractFacts]) -> None:
    missing = []
    for step, entries, _rule in LIFECYCLE:
        for entry in entries:
            contract, function = entry.split(".")
            if contract not in facts or all(f["name"] != function for f in facts[contract].functions):
                missing.append(f"{step}: {entry}")
    if missing:
        raise ArchitectureError("tools/architecture.py LIFECYCLE names functions the build does not have "
                                "(update the table): " + "; ".join(missing))


def enterprise_roles(build_dir: Path) -> list[str]:
    """The single-bit role constants of the EnterpriseRoles library (masks such as SELLERS left out)."""
    node = contract_node(load_artifact("EnterpriseRoles", build_dir))
    roles = []
    for child in node["nodes"]:
        if child["nodeType"] == "VariableDeclaration" and child.get("constant"):
            value = int(child["value"].get("value", "0"), 0) if child["value"]["nodeType"] == "Literal" else 0
            if value and value & (value - 1) == 0:
                roles.append(child["name"])
    return roles


def role_holders(facts: dict[str, ContractFacts]) -> list[tuple[str, str, str]]:
    """(contract, role, holder): the operator's admin, the roles constructors grant to the
    deployer's arguments, and every contract-role grant of the deployer's table."""
    attr_to_name = {attr: name for name, attr in deployment.COMPONENTS}
    rows = []
    for name, attr in deployment.COMPONENTS:
        if attr in deployment.SEALED:
            rows.append((name, "DEFAULT_ADMIN_ROLE", "operator (two-step transfer, 2-day delay)"))
        args = deployment.constructor_args(name, "operator", attr_to_name)
        for role, position in facts[name].constructor_grants:
            kind = "staff role: the admin may grant it to anyone" if role in facts[name].staff_roles else "constructor"
            rows.append((name, role, f"{args[position]} ({kind})"))
    for target, role, grantee in deployment.contract_role_grants():
        rows.append((attr_to_name[target], role, attr_to_name[grantee]))
    return rows


def render(build_dir: Path = BUILD_DIR) -> str:
    names = DEPLOYED + CREATED
    facts = {name: contract_facts(name, build_dir) for name in names}
    _check_lifecycle(facts)
    attr_to_name = {attr: name for name, attr in deployment.COMPONENTS}
    out: list[str] = []
    add = out.append
    add("# Architecture map (generated)")
    add("")
    add("Generated by `python tools/architecture.py` from the compiled contracts (ABIs and the compiler's")
    add("AST in `build/contracts`) and the deployer's role table (`scf/deployment.py`). Do not edit:")
    add("`tests/unit/tooling/test_architecture.py` fails when this file differs from what the generator")
    add("writes. The NatSpec of every entry point is in `interfaces/`; the trust model in")
    add("[`operator-powers.md`](operator-powers.md) and [`threat-model.md`](threat-model.md).")
    add("")

    add("## Contracts and their constructor dependencies")
    add("")
    add("Deployment order (`scf.deployment.COMPONENTS`); `new` marks a contract a platform contract creates.")
    add("")
    add("| contract | deployed as | built on | sealed wiring |")
    add("|---|---|---|---|")
    for name, attr in deployment.COMPONENTS:
        deps = ", ".join(attr_to_name[d] for d in deployment.dependencies(name)) or "-"
        sealed = "yes" if attr in deployment.SEALED else "no admin"
        add(f"| {name} | `{attr}` | {deps} | {sealed} |")
    for name in CREATED:
        creators = sorted(n for n, f in facts.items() if name in f.creates)
        add(f"| {name} | `new` in {', '.join(creators)} | - | no admin |")
    add("")

    add("## Who calls whom")
    add("")
    add("Calls from one platform contract to another (from the AST; interfaces resolved to their")
    add("implementation; `ERC-20 cash` is any allow-listed currency).")
    add("")
    add("| caller | callee | functions called |")
    add("|---|---|---|")
    for name in names:
        callees: dict[str, set[str]] = {}
        for callee_type, functions in facts[name].calls.items():
            callees.setdefault(_callee(callee_type, functions, facts), set()).update(functions)
        for callee, functions in sorted(callees.items()):
            add(f"| {name} | {callee} | {', '.join(f'`{f}`' for f in sorted(functions))} |")
        for created in sorted(facts[name].creates):
            add(f"| {name} | {created} | `new` |")
    add("")
    add("Libraries: " + "; ".join(
        f"{name} uses {', '.join(sorted(facts[name].libraries))}" for name in names if facts[name].libraries) + ".")
    add("")

    add("## Who holds which role")
    add("")
    add("Contract roles are granted by the deployer (`scf.deployment.contract_role_grants()`), only to")
    add("contracts, then frozen by `sealWiring`. Enterprise roles (`EnterpriseRoles`: "
        + ", ".join(enterprise_roles(build_dir)) + ")")
    add("are registered by enterprises, certified by the operator and used within an alliance by active")
    add("members only.")
    add("")
    add("| contract | role | holder |")
    add("|---|---|---|")
    for contract, role, holder in role_holders(facts):
        add(f"| {contract} | `{role}` | {holder} |")
    add("")

    add("## Where each lifecycle step lives")
    add("")
    add("| step | entry points | rule |")
    add("|---|---|---|")
    for step, entries, rule in LIFECYCLE:
        add(f"| {step} | {', '.join(f'`{e}`' for e in entries)} | {rule} |")
    add("")

    add("## Trust edges: what each role may call")
    add("")
    add("Guards read from each external function: `onlyRole` modifiers and the enterprise roles it")
    add("checks (checks made in internal helpers, and holder/obligor checks, are not listed here).")
    add("")
    add("| role | may call |")
    add("|---|---|")
    by_role: dict[str, list[str]] = {}
    for name in names:
        for function, guards in sorted(facts[name].guards.items()):
            if function in ADMIN_FUNCTIONS:
                continue
            for guard in guards:
                by_role.setdefault(guard, []).append(f"`{name}.{function}`")
    by_role.setdefault("DEFAULT_ADMIN_ROLE", []).append(
        "and on every sealed contract `beginDefaultAdminTransfer` and `grantRole`/`revokeRole`: staff roles "
        "(`_isStaffRole`) to anyone at any time, contract roles only to contracts and only until `sealWiring`")
    for role in sorted(by_role):
        add(f"| {role} | {', '.join(by_role[role])} |")
    add("")

    add("## Entry points")
    add("")
    add("Every external function of the ABI; the admin functions shared by every sealed contract")
    add(f"(`PlatformAccess`: {len(ADMIN_FUNCTIONS)} names such as `grantRole`, `sealWiring`) are left out.")
    add("")
    for name in names:
        add(f"### {name}")
        add("")
        add("| function | kind | guard |")
        add("|---|---|---|")
        for entry in facts[name].functions:
            if entry["name"] in ADMIN_FUNCTIONS:
                continue
            kind = entry["stateMutability"]
            guard = ", ".join(facts[name].guards.get(entry["name"], [])) or "-"
            add(f"| `{_signature(entry)}` | {kind} | {guard} |")
        add("")
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/architecture.md is not up to date")
    parser.add_argument("--build", type=Path, default=BUILD_DIR, help="brownie's build/contracts")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        text = render(args.build)
    except ArchitectureError as error:
        print(f"architecture: {error}", file=sys.stderr)
        return 2
    if args.check:
        if not args.output.exists() or args.output.read_text() != text:
            print(f"{args.output} is out of date: run `python tools/architecture.py`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
