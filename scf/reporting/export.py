"""Machine-readable reports: every report as named tables of exact values, rendered as CSV or JSON.

Amounts are integers in the currency's base units (exact, as on chain), rates in basis points,
dates ISO ``YYYY-MM-DD`` (UTC), addresses checksummed with the enterprise's registered name
beside them. The text rendering (``report.text()``) stays the human view; this is for
spreadsheets and programs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from scf.reporting.activity import ClosedLoopReport, PoolPerformanceReport, PoolsReport, export_columns, export_rows
from scf.reporting.aging import BUCKETS, Aging, bucket_of
from scf.reporting.costs import Costs
from scf.reporting.model import Financing, PlatformState
from scf.reporting.portfolio import Portfolio
from scf.reporting.totals import Totals
from scf.reporting.tree import CreditTree, day

FORMATS = ("text", "csv", "json")


@dataclass(frozen=True)
class Section:
    """One table of a report: a name, its columns and rows of plain values (int, float, str, bool)."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _financings(state: PlatformState, financings: Iterable[Financing]) -> Section:
    return Section("financings", (
        "date", "seller", "seller_name", "financier", "financier_name", "piece_sold", "piece_bought", "root",
        "value", "rate_bps", "days_early", "price", "fee", "seller_received", "financier_paid", "annual_cost",
        "recourse", "tx"), [
        (day(f.at), f.seller, state.name(f.seller), f.financier, state.name(f.financier), f.piece_id,
         f.bought_piece_id, f.root_id, f.amount, f.rate_bps, f.days_early, f.price, f.fee, f.seller_receives,
         f.price, round(f.annual_cost, 6), f.recourse, f.tx) for f in financings])


def totals_sections(report: Totals) -> list[Section]:
    return [Section("totals", ("area", "measure", "value"), list(report.rows))]


def portfolio_sections(report: Portfolio) -> list[Section]:
    s = report.state
    positions = Section("positions", (
        "piece", "root", "obligor", "obligor_name", "tier", "value", "maturity", "days_to_maturity", "status",
        "claimable"), [
        (p.piece.id, p.piece.root_id, p.obligor, s.name(p.obligor), p.piece.tier, p.piece.value, day(p.maturity),
         p.days_to_maturity, p.status, p.claimable) for p in report.positions])
    flows = Section("cash_flows", ("flow", "amount"), [
        ("paid_for_pieces_bought", report.bought), ("received_for_pieces_sold_net_of_fee", report.sold_for),
        ("received_from_claims", report.claimed), ("recourse_paid", report.recourse_paid),
        ("recourse_received", report.recourse_received)])
    return [positions, flows]


def aging_sections(report: Aging) -> list[Section]:
    s = report.state
    obligors = Section("obligors", ("obligor", "obligor_name", "open_roots", *BUCKETS, "outstanding"), [
        (r.obligor, s.name(r.obligor), r.open_roots, *(r.buckets[b] for b in BUCKETS), r.outstanding)
        for r in report.rows])
    roots = Section("roots", ("root", "obligor", "obligor_name", "face_value", "repaid", "outstanding", "maturity",
                              "days_to_maturity", "bucket"), [
        (r.id, r.obligor, s.name(r.obligor), r.face_value, r.repaid, r.outstanding, day(r.maturity),
         s.days_to_maturity(r), bucket_of(s, r)) for r in report.roots])
    return [obligors, roots]


def costs_sections(report: Costs) -> list[Section]:
    s = report.state
    sellers = Section("sellers", ("seller", "seller_name", "deals", "value_sold", "cash_received", "cost", "fees",
                                  "average_rate_bps", "average_days_early", "annual_cost"), [
        (c.seller, s.name(c.seller), len(c.deals), c.value, c.received, c.cost, c.fees,
         round(c.average_rate_bps, 2), round(c.average_days, 2), round(c.annual_cost, 6)) for c in report.sellers])
    deals = sorted((f for c in report.sellers for f in c.deals), key=lambda f: f.at)
    return [sellers, _financings(s, deals)]


def tree_sections(report: CreditTree) -> list[Section]:
    s = report.state
    pieces = Section("pieces", ("piece", "parent", "origin", "tier", "first_holder", "first_holder_name",
                                "original_value", "value", "holder", "holder_name", "live", "merged_into",
                                "created"), [
        (n.piece.id, n.piece.parent_id, n.piece.origin, n.piece.tier, n.piece.first_holder,
         s.name(n.piece.first_holder), n.piece.original_value, n.piece.value, n.piece.holder, s.name(n.piece.holder),
         n.piece.live, n.piece.merged_into, day(n.piece.created_at)) for n in report.top.walk()])
    tiers = Section("tiers", ("tier", "enterprises", "received", "passed_on", "financed", "kept"), [
        (t.tier, "; ".join(t.enterprises), t.received, t.passed_on, t.financed, t.kept) for t in report.tiers])
    repayments = Section("repayments", ("date", "payer", "payer_name", "amount"), [
        (day(r.at), r.payer, s.name(r.payer), r.amount) for r in report.repayments])
    claims = Section("claims", ("date", "piece", "holder", "holder_name", "amount", "closed"), [
        (day(c.at), c.piece_id, c.holder, s.name(c.holder), c.amount, c.closed) for c in report.claims])
    return [pieces, tiers, _financings(s, report.financings), repayments, claims]


def activity_sections(report: PoolsReport | ClosedLoopReport | PoolPerformanceReport) -> list[Section]:
    return [Section(t.name, export_columns(t), export_rows(report.state, t)) for t in report.tables()]


SECTIONS: dict[type, Callable[[Any], list[Section]]] = {
    Totals: totals_sections, Portfolio: portfolio_sections, Aging: aging_sections, Costs: costs_sections,
    CreditTree: tree_sections, PoolsReport: activity_sections, ClosedLoopReport: activity_sections,
    PoolPerformanceReport: activity_sections}


def sections_of(report: Any) -> list[Section]:
    return SECTIONS[type(report)](report)


def render_json(report: Any, name: str) -> str:
    s = report.state
    document = {"report": name, "as_of": day(s.last_timestamp), "block": s.last_block,
                "amounts": "integers in the currency's base units",
                **{section.name: section.records() for section in sections_of(report)}}
    return json.dumps(document, indent=2)


def render_csv(report: Any) -> str:
    """One CSV: a ``section`` column first when the report has several tables."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    sections = sections_of(report)
    for index, section in enumerate(sections):
        prefix = ("section",) if len(sections) > 1 else ()
        if index:
            out.write("\n")
        writer.writerow(prefix + section.columns)
        for row in section.rows:
            writer.writerow(((section.name,) if prefix else ()) + tuple("" if v is None else v for v in row))
    return out.getvalue()
