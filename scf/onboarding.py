"""Common multi-step flows: certify enterprises, form an alliance, record an audited trade,
confirm a receivable. Shared by the scenario, the console, the benchmark and the tests."""

from collections.abc import Iterable
from typing import Any

from eth_utils import keccak

from scf.enums import EnterpriseStatus
from scf.roles import Role


def doc_hash(label: str) -> bytes:
    """A stand-in document hash: keccak256 of a label (invoice numbers, delivery notes...)."""
    return keccak(text=label)


def certify(registry: Any, operator: Any, account: Any, roles: Role, name: str) -> None:
    """Register ``account`` (as itself) and have the operator certify it; skips what is done."""
    status = registry.enterpriseOf(account)[0]
    if status == EnterpriseStatus.CERTIFIED:
        return
    if status != EnterpriseStatus.PENDING:
        registry.register(doc_hash(f"identity documents of {name}"), int(roles), name, {"from": account})
    registry.certify(account, int(roles), {"from": operator})


def form_alliance(registry: Any, operator: Any, core: Any, members: Iterable[tuple[object, Role, str]], name: str,
                  grace_period: int = 30 * 86_400, core_name: str = "core enterprise") -> int:
    """Certify everyone, create the alliance led by ``core``, invite, accept and start it.

    ``members`` are ``(account, roles, display name)``. Returns the alliance id.
    """
    certify(registry, operator, core, Role.CORE, core_name)
    for account, roles, member_name in members:
        certify(registry, operator, account, roles, member_name)
    tx = registry.createAlliance(name, grace_period, {"from": core})
    alliance_id = tx.events["AllianceCreated"]["allianceId"]
    for account, roles, _ in members:
        registry.invite(alliance_id, account, int(roles), {"from": core})
    for account, _, _ in members:
        registry.acceptInvitation(alliance_id, {"from": account})
    registry.start(alliance_id, {"from": core})
    return alliance_id


def join_alliance(registry: Any, operator: Any, alliance_id: int, core: Any, account: Any, roles: Role,
                  label: str) -> None:
    """Certify ``account`` and bring it into a started alliance (``core`` invites, it accepts)."""
    certify(registry, operator, account, roles, label)
    registry.invite(alliance_id, account, int(roles), {"from": core})
    registry.acceptInvitation(alliance_id, {"from": account})


def audited_trade(trades: Any, alliance_id: int, seller: Any, buyer: Any, auditor: Any, currency: Any, amount: int,
                  invoice: str) -> int:
    """Submit a trade with documents derived from ``invoice`` and have ``auditor`` verify it."""
    tx = trades.submitTrade(
        alliance_id, buyer, currency, amount,
        doc_hash(f"invoice {invoice}"), doc_hash(f"purchase order for {invoice}"),
        doc_hash(f"delivery note for {invoice}"), {"from": seller},
    )
    trade_id = tx.events["TradeSubmitted"]["tradeId"]
    trades.verifyTrade(trade_id, {"from": auditor})
    return trade_id


def confirm_receivable(receivables: Any, trade_id: int, obligor: Any, face_value: int,
                       maturity: int) -> tuple[int, Any]:
    """The obligor confirms by transaction; returns (root id, transaction)."""
    tx = receivables.confirm(trade_id, face_value, maturity, {"from": obligor})
    return tx.events["ReceivableIssued"]["rootId"], tx
