"""One import for the brownie console: the deployed platform and the named actors.

    $ make console            (or: brownie console)
    >>> from scf.brownie.console import *
    >>> root = demo_receivable(1_000_000)                       # audited trade, confirmed, held by supplier1
    >>> receivables.splitOff(root, supplier2, to_base(400_000), {"from": supplier1})
    >>> show(root)

On a local chain the platform is deployed on first import if the manifest's addresses have no
code; on other networks it must have been deployed with scripts/deploy.py.
"""

from brownie import accounts, chain, network, web3

from scf import actors as _actors
from scf import manifest as _manifest
from scf.brownie import accounts as _cast
from scf.brownie import fixes as _brownie_fixes
from scf.brownie import revert_sentences as _revert_sentences
from scf.brownie.deployment import current_platform, deploy_platform
from scf.brownie.quiet import quiet as _quiet
from scf.onboarding import audited_trade, confirm_receivable, form_alliance
from scf.pieces import address_topic, find_events, live_root_pieces, piece_states
from scf.roles import Role
from scf.tables import table
from scf.units import DAY, fmt, to_base

_brownie_fixes.install()
_quiet()  # brownie's per-transaction receipts off (SCF_VERBOSE=1 keeps them)
_revert_sentences.install()  # a reverted custom error is also explained in words (as the CLI does)
operator = accounts[0]
actors = _cast.load_cast(funder=operator if chain.id in _manifest.LOCAL_CHAIN_IDS else None)
platform = current_platform()
if platform is None:
    if chain.id not in _manifest.LOCAL_CHAIN_IDS:
        raise RuntimeError(f"no scf-chain deployment recorded for chain {chain.id}: run scripts/deploy.py")
    platform, _man = deploy_platform(operator)
    _manifest.save(_man)

registry, trades, receivables, cash = platform.registry, platform.trades, platform.receivables, platform.cash
core, core2 = actors["core"], actors["core2"]
supplier1, supplier2, supplier3 = actors["supplier1"], actors["supplier2"], actors["supplier3"]
bank_a, bank_b, auditor = actors["bank_a"], actors["bank_b"], actors["auditor"]
logistics, investor = actors["logistics"], actors["investor"]
distributor, outsider = actors["distributor"], actors["outsider"]

_DEMO_MEMBERS = ["supplier1", "supplier2", "supplier3", "bank_a", "bank_b", "auditor", "logistics", "investor",
                 "distributor"]
_invoice_counter = [0]


def demo_alliance() -> int:
    """The demo alliance led by ``core`` with every actor as a member (formed on first use)."""
    created_by_core = find_events(web3, "AllianceRegistry", registry.address, ["AllianceCreated"],
                                  [None, address_topic(core)])
    for created in created_by_core:
        if registry.isActiveMember(created.args["allianceId"], supplier1, 0):
            return created.args["allianceId"]
    members = [(actors[n], _actors.CAST_BY_NAME[n].roles, _actors.CAST_BY_NAME[n].description) for n in _DEMO_MEMBERS]
    return form_alliance(registry, operator, core, members, "Demo supply chain", core_name="Core Electronics")


def demo_receivable(units: int = 1_000_000, days: int = 120, seller=None) -> int:
    """Audit a trade ``seller`` -> core and have core confirm it; returns the root id."""
    seller = seller or supplier1
    alliance_id = demo_alliance()
    if cash.balanceOf(core) == 0:
        cash.mint(core, to_base(100_000_000), {"from": operator})
    _invoice_counter[0] += 1
    invoice = f"DEMO-{chain.height}-{_invoice_counter[0]}"
    trade_id = audited_trade(trades, alliance_id, seller, core, auditor, cash, to_base(units), invoice)
    root_id, _tx = confirm_receivable(receivables, trade_id, core, to_base(units), chain.time() + days * DAY)
    return root_id


def name_of(address) -> str:
    for name, account in actors.items():
        if account.address == str(address):
            return name
    return str(address)


def show(root_id: int, piece_ids=None) -> None:
    """Print the pieces of a root that are still live (or those of ``piece_ids`` that are): found
    from the token's event logs, then read in one batch."""
    if piece_ids:
        pieces = [p for p in piece_states(web3, receivables.address, list(piece_ids)) if p.root_id == root_id]
    else:
        pieces = live_root_pieces(web3, receivables, root_id)
    rows = [(p.id, p.parent_id or "-", p.tier, name_of(p.holder), fmt(p.value), "yes" if p.locked else "")
            for p in pieces]
    print(table(["piece", "parent", "tier", "holder", "value", "locked"], rows, "rrrlrl"))


__all__ = [
    "accounts", "chain", "network", "Role", "DAY", "fmt", "to_base", "table",
    "platform", "registry", "trades", "receivables", "cash", "operator", "actors",
    "core", "core2", "supplier1", "supplier2", "supplier3", "bank_a", "bank_b", "auditor",
    "logistics", "investor", "distributor", "outsider",
    "demo_alliance", "demo_receivable", "show", "name_of",
]
