"""The rest of the platform replayed from events: securitization pools and the closed loop
(orders in escrow, warehouse receipts, pledge loans, advance-payment deals).

``Activity`` is filled by ``PlatformState.apply`` for events of the contracts in
``ACTIVITY_CONTRACTS``; statuses use the names of the contracts' enums (lower case).
The pools' tranche tokens are found by the indexer when their offering opens; their transfers
give each investor's position per tranche (subscriptions mint, refunds burn, trades move them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from scf.enums import Milestone
from scf.indexer.decoding import Event
from scf.tables import table
from scf.units import fmt

ACTIVITY_CONTRACTS = frozenset({"SecuritizationPool", "OrderEscrow", "WarehouseReceipt", "InventoryFinancing",
                                "AdvancePayment", "TrancheToken"})
ZERO = "0x" + "00" * 20


@dataclass(frozen=True)
class PoolFlow:
    """One dated movement of a pool's cash or value, for the performance per period."""

    at: int
    kind: str           # collected | recovered | written_down | senior_interest | senior_principal | junior_paid
    amount: int
ORDER_MILESTONES = tuple(m.key for m in Milestone)     # IOrderEscrow.Milestone: shipped, inWarehouse, delivered


@dataclass
class Pool:
    id: int
    originator: str
    currency: str
    alliance_id: int
    created_at: int
    phase: str = "building"                 # building | offering | active | cancelled
    pieces: list[int] = field(default_factory=list)
    pieces_value: int = 0
    senior_token: str | None = None
    junior_token: str | None = None
    senior_capacity: int = 0
    junior_capacity: int = 0
    senior_raised: int = 0
    junior_raised: int = 0
    refunded: int = 0
    proceeds: int = 0
    collected: int = 0
    recovered: int = 0                      # collections flagged ``recovery`` (recourse)
    senior_interest_paid: int = 0
    senior_principal_paid: int = 0
    junior_paid: int = 0
    written_down: int = 0
    senior_loss: int = 0
    junior_loss: int = 0
    pieces_returned: int = 0
    subscriptions: dict[tuple[str, bool], int] = field(default_factory=dict)   # (investor, senior) -> amount
    positions: dict[tuple[str, bool], int] = field(default_factory=dict)       # (holder, senior) -> tranche tokens
    withdrawn: dict[tuple[str, bool], int] = field(default_factory=dict)       # (holder, senior) -> cash withdrawn
    piece_values: dict[int, int] = field(default_factory=dict)                 # piece -> value when added
    credited: dict[int, int] = field(default_factory=dict)                     # piece -> cash it brought
    flows: list[PoolFlow] = field(default_factory=list)

    @property
    def raised(self) -> int:
        return self.senior_raised + self.junior_raised

    @property
    def distributed(self) -> int:
        return self.senior_interest_paid + self.senior_principal_paid + self.junior_paid


@dataclass
class Order:
    id: int
    buyer: str
    supplier: str
    amount: int
    credit: bool
    placed_at: int
    status: str = "placed"       # IOrderEscrow.OrderStatus
    milestones: list[str] = field(default_factory=list)
    supplier_amount: int = 0
    refund: int = 0
    trade_id: int = 0
    root_id: int = 0


@dataclass
class Receipt:
    id: int
    warehouse: str
    holder: str
    quantity: int
    value: int
    parent_id: int = 0
    locked: bool = False
    redeemed: bool = False


@dataclass
class Loan:
    id: int
    receipt_id: int
    borrower: str
    financier: str
    principal: int
    rate_bps: int
    quantity: int
    collateral_value: int
    status: str = "requested"    # ILoan.LoanStatus
    due_at: int = 0
    interest_paid: int = 0


@dataclass
class Deal:
    id: int
    distributor: str
    core: str
    financier: str
    quantity: int
    price: int
    owed: int
    status: str = "proposed"     # IAdvancePayment.DealStatus
    receipt_id: int = 0
    due_at: int = 0
    repaid: int = 0
    released_quantity: int = 0
    buyback_price: int = 0

    @property
    def outstanding(self) -> int:
        return max(self.owed - self.repaid, 0) if self.status in ("active", "defaulted") else 0


# events that only move a record to a new status: (contract, event) -> (records, id argument, status)
_STATUS_EVENTS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("OrderEscrow", "OrderDisputed"): ("orders", "orderId", "disputed"),
    ("OrderEscrow", "OrderAccepted"): ("orders", "orderId", "accepted"),
    ("OrderEscrow", "DisputeResolved"): ("orders", "orderId", "resolved"),
    ("InventoryFinancing", "LoanForeclosed"): ("loans", "loanId", "foreclosed"),
    ("InventoryFinancing", "LoanCancelled"): ("loans", "loanId", "cancelled"),
    ("AdvancePayment", "BoughtBack"): ("deals", "dealId", "boughtBack"),
    ("AdvancePayment", "DealCancelled"): ("deals", "dealId", "cancelled"),
}


@dataclass
class Activity:
    pools: dict[int, Pool] = field(default_factory=dict)
    tranche_tokens: dict[str, tuple[int, bool]] = field(default_factory=dict)   # token (lower) -> (pool, senior)
    orders: dict[int, Order] = field(default_factory=dict)
    receipts: dict[int, Receipt] = field(default_factory=dict)
    loans: dict[int, Loan] = field(default_factory=dict)
    deals: dict[int, Deal] = field(default_factory=dict)

    def apply(self, event: Event) -> None:
        status_only = _STATUS_EVENTS.get((event.contract, event.name))
        if status_only is not None:
            records, key, status = status_only
            getattr(self, records)[event.args[key]].status = status
            return
        handler: Callable[[dict, Event], None] | None = getattr(self, f"_{event.contract}_{event.name}", None)
        if handler is not None:
            handler(event.args, event)

    # securitization pools

    def _SecuritizationPool_PoolCreated(self, a: dict, e: Event) -> None:
        self.pools[a["poolId"]] = Pool(a["poolId"], a["originator"], a["currency"], a["allianceId"], e.timestamp or 0)

    def _SecuritizationPool_PieceAdded(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.pieces.append(a["pieceId"])
        pool.pieces_value += a["value"]
        pool.piece_values[a["pieceId"]] = a["value"]

    def _SecuritizationPool_OfferingOpened(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.phase = "offering"
        pool.senior_token, pool.junior_token = a["seniorToken"], a["juniorToken"]
        pool.senior_capacity, pool.junior_capacity = a["seniorCapacity"], a["juniorCapacity"]
        self.tranche_tokens[a["seniorToken"].lower()] = (pool.id, True)
        self.tranche_tokens[a["juniorToken"].lower()] = (pool.id, False)

    def _SecuritizationPool_Subscribed(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        key = (a["investor"], bool(a["senior"]))
        pool.subscriptions[key] = pool.subscriptions.get(key, 0) + a["amount"]
        if a["senior"]:
            pool.senior_raised += a["amount"]
        else:
            pool.junior_raised += a["amount"]

    def _SecuritizationPool_Refunded(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.refunded += a["seniorAmount"] + a["juniorAmount"]
        for senior, amount in ((True, a["seniorAmount"]), (False, a["juniorAmount"])):
            key = (a["holder"], senior)
            if key in pool.subscriptions:
                pool.subscriptions[key] -= amount

    def _SecuritizationPool_PoolClosed(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.phase, pool.proceeds = "active", a["proceeds"]

    def _SecuritizationPool_PoolCancelled(self, a: dict, e: Event) -> None:
        self.pools[a["poolId"]].phase = "cancelled"

    def _SecuritizationPool_PieceReturned(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.pieces_returned += 1
        if a["pieceId"] in pool.pieces:
            pool.pieces.remove(a["pieceId"])

    def _SecuritizationPool_Collected(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.collected += a["amount"]
        if a["recovery"]:
            pool.recovered += a["amount"]
        pool.credited[a["pieceId"]] = pool.credited.get(a["pieceId"], 0) + a["amount"]
        pool.flows.append(PoolFlow(e.timestamp or 0, "recovered" if a["recovery"] else "collected", a["amount"]))

    def _SecuritizationPool_Distributed(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.senior_interest_paid += a["seniorInterest"]
        pool.senior_principal_paid += a["seniorPrincipal"]
        pool.junior_paid += a["junior"]
        for kind, key in (("senior_interest", "seniorInterest"), ("senior_principal", "seniorPrincipal"),
                          ("junior_paid", "junior")):
            if a[key]:
                pool.flows.append(PoolFlow(e.timestamp or 0, kind, a[key]))

    def _SecuritizationPool_WrittenDown(self, a: dict, e: Event) -> None:
        pool = self.pools[a["poolId"]]
        pool.written_down += a["loss"]
        pool.senior_loss += a["seniorLoss"]
        pool.junior_loss += a["juniorLoss"]
        pool.flows.append(PoolFlow(e.timestamp or 0, "written_down", a["loss"]))

    # tranche tokens (found by the indexer; ``contract_address`` names the token)

    def _tranche(self, a: dict) -> tuple[Pool, bool] | None:
        found = self.tranche_tokens.get(str(a.get("contract_address", "")).lower())
        return (self.pools[found[0]], found[1]) if found is not None else None

    def _TrancheToken_Transfer(self, a: dict, e: Event) -> None:
        tranche = self._tranche(a)
        if tranche is None:
            return
        pool, senior = tranche
        for holder, sign in ((a["from"], -1), (a["to"], 1)):
            if holder != ZERO:
                key = (holder, senior)
                pool.positions[key] = pool.positions.get(key, 0) + sign * a["value"]

    def _TrancheToken_FundsWithdrawn(self, a: dict, e: Event) -> None:
        tranche = self._tranche(a)
        if tranche is not None:
            pool, senior = tranche
            key = (a["holder"], senior)
            pool.withdrawn[key] = pool.withdrawn.get(key, 0) + a["amount"]

    # orders in escrow

    def _OrderEscrow_OrderPlaced(self, a: dict, e: Event) -> None:
        self.orders[a["orderId"]] = Order(a["orderId"], a["buyer"], a["supplier"], a["amount"], a["credit"],
                                          e.timestamp or 0)

    def _OrderEscrow_MilestoneRecorded(self, a: dict, e: Event) -> None:
        order = self.orders[a["orderId"]]
        order.status = ORDER_MILESTONES[a["milestone"]]
        order.milestones.append(order.status)

    def _OrderEscrow_OrderCancelled(self, a: dict, e: Event) -> None:
        order = self.orders[a["orderId"]]
        order.status, order.refund = "cancelled", a["refund"]

    def _OrderEscrow_OrderSettled(self, a: dict, e: Event) -> None:
        order = self.orders[a["orderId"]]
        order.supplier_amount, order.refund = a["supplierAmount"], a["buyerRefund"]
        order.trade_id, order.root_id = a["tradeId"], a["rootId"]

    # warehouse receipts

    def _WarehouseReceipt_ReceiptIssued(self, a: dict, e: Event) -> None:
        self.receipts[a["receiptId"]] = Receipt(a["receiptId"], a["warehouse"], a["holder"], a["quantity"], a["value"])

    def _WarehouseReceipt_ReceiptSplit(self, a: dict, e: Event) -> None:
        parent = self.receipts[a["parentId"]]
        parent.quantity -= a["quantity"]
        parent.value -= a["value"]
        self.receipts[a["childId"]] = Receipt(a["childId"], parent.warehouse, a["to"], a["quantity"], a["value"],
                                              parent_id=parent.id)

    def _WarehouseReceipt_Transfer(self, a: dict, e: Event) -> None:
        receipt = self.receipts.get(a["tokenId"])
        if receipt is not None and int(a["to"], 16) != 0:
            receipt.holder = a["to"]

    def _WarehouseReceipt_PieceLocked(self, a: dict, e: Event) -> None:
        self.receipts[a["pieceId"]].locked = True

    def _WarehouseReceipt_PieceUnlocked(self, a: dict, e: Event) -> None:
        self.receipts[a["pieceId"]].locked = False

    def _WarehouseReceipt_ReceiptRedeemed(self, a: dict, e: Event) -> None:
        receipt = self.receipts[a["receiptId"]]
        receipt.redeemed, receipt.quantity = True, 0

    # pledge loans

    def _InventoryFinancing_LoanRequested(self, a: dict, e: Event) -> None:
        self.loans[a["loanId"]] = Loan(a["loanId"], a["receiptId"], a["borrower"], a["financier"], a["principal"],
                                       a["rateBps"], a["quantity"], a["value"])

    def _InventoryFinancing_LoanFunded(self, a: dict, e: Event) -> None:
        loan = self.loans[a["loanId"]]
        loan.status, loan.receipt_id, loan.financier = "active", a["receiptId"], a["financier"]
        loan.principal, loan.due_at = a["principal"], a["dueAt"]

    def _InventoryFinancing_LoanRepaid(self, a: dict, e: Event) -> None:
        loan = self.loans[a["loanId"]]
        loan.status, loan.interest_paid = "repaid", a["interest"]

    # advance-payment deals

    def _AdvancePayment_DealProposed(self, a: dict, e: Event) -> None:
        self.deals[a["dealId"]] = Deal(a["dealId"], a["distributor"], a["core"], a["financier"], a["quantity"],
                                       a["price"], a["owed"])

    def _AdvancePayment_DealAccepted(self, a: dict, e: Event) -> None:
        deal = self.deals[a["dealId"]]
        deal.status, deal.receipt_id = "accepted", a["receiptId"]

    def _AdvancePayment_DealFunded(self, a: dict, e: Event) -> None:
        deal = self.deals[a["dealId"]]
        deal.status, deal.financier, deal.due_at = "active", a["financier"], a["dueAt"]

    def _AdvancePayment_InstalmentPaid(self, a: dict, e: Event) -> None:
        deal = self.deals[a["dealId"]]
        deal.repaid = a["totalRepaid"]
        deal.released_quantity += a["releasedQuantity"]
        if deal.repaid >= deal.owed:
            deal.status = "repaid"

    def _AdvancePayment_BuybackCalled(self, a: dict, e: Event) -> None:
        deal = self.deals[a["dealId"]]
        deal.status, deal.buyback_price = "defaulted", a["price"]


# ---------------------------------------------------------------- reports
#
# Each table is a list of columns (name, kind): "address" columns read as the enterprise's name in
# text and as the address with a ``<name>_name`` column beside it in CSV/JSON; "money" columns are
# base units, formatted in text; anything else is printed as it is.

Column = tuple[str, str]


@dataclass(frozen=True)
class Table:
    name: str            # section name in CSV/JSON
    title: str           # heading in text
    columns: tuple[Column, ...]
    rows: list[tuple]


def _text_cell(state: Any, kind: str, value: object) -> object:
    if kind == "address":
        return state.name(value)
    if kind == "money" and isinstance(value, int):
        return fmt(value)
    return value


def tables_text(state: Any, tables: list[Table]) -> str:
    parts = []
    for t in tables:
        headers = [name.replace("_", " ") for name, _ in t.columns]
        align = "".join("l" if kind in ("address", "text") else "r" for _, kind in t.columns)
        rows = [tuple(_text_cell(state, kind, v) for (_, kind), v in zip(t.columns, row)) for row in t.rows]
        parts.append(f"{t.title}\n\n{table(headers, rows, align)}")
    return "\n\n".join(parts)


def export_columns(t: Table) -> tuple[str, ...]:
    return tuple(c for name, kind in t.columns for c in ((name, f"{name}_name") if kind == "address" else (name,)))


def export_rows(state: Any, t: Table) -> list[tuple]:
    return [tuple(c for (_, kind), v in zip(t.columns, row)
                  for c in ((v, state.name(v)) if kind == "address" else (v,))) for row in t.rows]


def _share(amount: int, pool: Pool, senior: bool) -> str:
    """A holder's share of the tranche's tokens outstanding, in percent."""
    outstanding = sum(v for (_, s), v in pool.positions.items() if s == senior)
    return f"{100 * amount / outstanding:.2f}" if outstanding else "0.00"


@dataclass
class PoolsReport:
    """Pools: pieces, phase, raise, collections, distributions, write-downs; investor subscriptions."""

    state: Any     # PlatformState (names and as-of)

    def tables(self) -> list[Table]:
        pools = sorted(self.state.activity.pools.values(), key=lambda p: p.id)
        money = "money"
        return [
            Table("pools", "Pools", (
                ("pool", "id"), ("originator", "address"), ("currency", "text"), ("phase", "text"), ("pieces", "int"),
                ("pieces_value", money), ("senior_raised", money), ("junior_raised", money), ("refunded", money),
                ("proceeds", money), ("collected", money), ("recovered", money), ("senior_interest_paid", money),
                ("senior_principal_paid", money), ("junior_paid", money), ("written_down", money),
                ("senior_loss", money), ("junior_loss", money)), [
                (p.id, p.originator, self.state.currency_symbol(p.currency), p.phase, len(p.pieces), p.pieces_value,
                 p.senior_raised, p.junior_raised, p.refunded, p.proceeds, p.collected, p.recovered,
                 p.senior_interest_paid, p.senior_principal_paid,
                 p.junior_paid, p.written_down, p.senior_loss, p.junior_loss) for p in pools]),
            Table("subscriptions", "Investor subscriptions", (
                ("pool", "id"), ("investor", "address"), ("tranche", "text"), ("subscribed", money)), [
                (p.id, investor, "senior" if senior else "junior", amount)
                for p in pools for (investor, senior), amount in sorted(p.subscriptions.items()) if amount]),
            Table("positions", "Investor positions per tranche (tranche tokens held, from their transfers)", (
                ("pool", "id"), ("tranche", "text"), ("holder", "address"), ("tokens", money),
                ("share_pct", "text"), ("withdrawn", money)), [
                (p.id, "senior" if senior else "junior", holder, amount, _share(amount, p, senior),
                 p.withdrawn.get((holder, senior), 0))
                for p in pools for (holder, senior), amount in sorted(p.positions.items(), key=lambda kv: (
                    not kv[0][1], kv[0][0])) if amount]),
        ]

    def text(self) -> str:
        return tables_text(self.state, self.tables())


@dataclass
class ClosedLoopReport:
    """Orders and milestones, warehouse receipts, pledge loans, advance-payment deals."""

    state: Any

    def tables(self) -> list[Table]:
        act = self.state.activity

        def by_id(items: dict) -> list:
            return [items[k] for k in sorted(items)]
        money = "money"
        return [
            Table("orders", "Orders", (
                ("order", "id"), ("buyer", "address"), ("supplier", "address"), ("amount", money),
                ("terms", "text"), ("status", "text"), ("milestones", "text"), ("supplier_amount", money),
                ("refund", money), ("root", "id")), [
                (o.id, o.buyer, o.supplier, o.amount, "credit" if o.credit else "cash", o.status,
                 ",".join(o.milestones), o.supplier_amount, o.refund, o.root_id) for o in by_id(act.orders)]),
            Table("receipts", "Warehouse receipts", (
                ("receipt", "id"), ("parent", "id"), ("warehouse", "address"), ("holder", "address"),
                ("quantity", "int"), ("value", money), ("locked", "text"), ("redeemed", "text")), [
                (r.id, r.parent_id, r.warehouse, r.holder, r.quantity, r.value, r.locked, r.redeemed)
                for r in by_id(act.receipts)]),
            Table("loans", "Pledge loans", (
                ("loan", "id"), ("receipt", "id"), ("borrower", "address"), ("financier", "address"),
                ("status", "text"), ("principal", money), ("rate_bps", "int"), ("quantity", "int"),
                ("collateral_value", money), ("interest_paid", money)), [
                (ln.id, ln.receipt_id, ln.borrower, ln.financier, ln.status, ln.principal, ln.rate_bps, ln.quantity,
                 ln.collateral_value, ln.interest_paid) for ln in by_id(act.loans)]),
            Table("deals", "Advance-payment deals", (
                ("deal", "id"), ("distributor", "address"), ("core", "address"), ("financier", "address"),
                ("status", "text"), ("quantity", "int"), ("price", money), ("owed", money), ("repaid", money),
                ("outstanding", money), ("released_quantity", "int"), ("receipt", "id")), [
                (d.id, d.distributor, d.core, d.financier, d.status, d.quantity, d.price, d.owed, d.repaid,
                 d.outstanding, d.released_quantity, d.receipt_id) for d in by_id(act.deals)]),
        ]

    def text(self) -> str:
        return tables_text(self.state, self.tables())


# ---------------------------------------------------------------- pool performance per period

PERIODS = ("day", "week", "month", "quarter", "year")
PERIOD_HELP = "day, week, month (default), quarter, year, or a number of days such as 7d or 30d"
_FLOW_KINDS = ("collected", "recovered", "written_down", "senior_interest", "senior_principal", "junior_paid")


def parse_period(text: str) -> str:
    """A period name or ``<N>d``; ValueError naming the choices otherwise."""
    period = text.strip().lower()
    if period in PERIODS or (period.endswith("d") and period[:-1].isdigit() and int(period[:-1]) > 0):
        return period
    raise ValueError(f"unknown period {text!r}: use {PERIOD_HELP}")


def period_of(moment: int, period: str) -> tuple[str, int]:
    """``(label, start)`` of the period holding the unix time ``moment`` (UTC calendar periods;
    ``<N>d`` periods count from 1970-01-01)."""
    day = datetime.fromtimestamp(moment, tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "day":
        start = day
        label = start.strftime("%Y-%m-%d")
    elif period == "week":
        start = day - timedelta(days=day.weekday())
        label = start.strftime("%G-W%V")
    elif period == "month":
        start = day.replace(day=1)
        label = start.strftime("%Y-%m")
    elif period == "quarter":
        start = day.replace(day=1, month=3 * ((day.month - 1) // 3) + 1)
        label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    elif period == "year":
        start = day.replace(day=1, month=1)
        label = str(start.year)
    else:
        days = int(parse_period(period)[:-1])
        seconds = days * 86_400
        start = datetime.fromtimestamp(moment // seconds * seconds, tz=UTC)
        label = start.strftime("%Y-%m-%d") + f"+{days}d"
    return label, int(start.timestamp())


@dataclass
class PoolPerformanceReport:
    """Per pool and period: collections, recoveries, write-downs (losses) and what the waterfall
    paid (senior interest, senior principal, junior), with running totals. Periods without any
    movement are left out."""

    state: Any
    period: str = "month"

    def rows(self) -> list[tuple]:
        out = []
        for pool in sorted(self.state.activity.pools.values(), key=lambda p: p.id):
            sums: dict[tuple[int, str], dict[str, int]] = {}
            for flow in pool.flows:
                label, start = period_of(flow.at, self.period)
                bucket = sums.setdefault((start, label), dict.fromkeys(_FLOW_KINDS, 0))
                bucket[flow.kind] += flow.amount
            collected_total = distributed_total = 0
            for (start, label), b in sorted(sums.items()):
                distributed = b["senior_interest"] + b["senior_principal"] + b["junior_paid"]
                collected_total += b["collected"] + b["recovered"]
                distributed_total += distributed
                first_day = datetime.fromtimestamp(start, tz=UTC).strftime("%Y-%m-%d")
                out.append((pool.id, self.state.currency_symbol(pool.currency), label, first_day, b["collected"],
                            b["recovered"], b["written_down"], b["senior_interest"], b["senior_principal"],
                            b["junior_paid"], distributed, collected_total, distributed_total))
        return out

    def tables(self) -> list[Table]:
        money = "money"
        return [Table("performance", f"Pool performance per {self.period}", (
            ("pool", "id"), ("currency", "text"), ("period", "text"), ("period_start", "text"),
            ("collected", money), ("recovered", money), ("written_down", money), ("senior_interest", money),
            ("senior_principal", money), ("junior_paid", money), ("distributed", money),
            ("collected_to_date", money), ("distributed_to_date", money)), self.rows())]

    def text(self) -> str:
        if not any(t.rows for t in self.tables()):
            return f"Pool performance per {self.period}\n\nno collections, write-downs or distributions indexed yet"
        return tables_text(self.state, self.tables())
