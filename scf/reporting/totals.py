"""Platform totals: members, trades, receivables issued and circulating, financing, settlement."""

from dataclasses import dataclass

from scf.reporting.activity import Activity
from scf.reporting.model import PlatformState
from scf.reporting.tree import day
from scf.tables import table
from scf.units import fmt


@dataclass
class Totals:
    state: PlatformState
    rows: list[tuple[str, str, str]]    # (section, measure, value)

    def value(self, measure: str) -> str:
        return next(v for _, m, v in self.rows if m == measure)

    def text(self) -> str:
        s = self.state
        head = f"Platform totals as of {day(s.last_timestamp)} (block {s.last_block:,}, {s.events:,} events)"
        return head + "\n\n" + table(["area", "measure", "value"], self.rows, "llr")


def totals(state: PlatformState) -> Totals:
    s = state
    roots = list(s.roots.values())
    pieces = list(s.pieces.values())
    financings = s.financings
    settled_recourse = [r for r in s.recourse.values() if r.settled_at]
    rows: list[tuple[str, str, object]] = [
        ("members", "enterprises certified", sum(e.status == "certified" for e in s.enterprises.values())),
        ("members", "alliances started", sum(a.started_at is not None for a in s.alliances.values())),
        ("trades", "trades submitted", len(s.trades)),
        ("trades", "trades verified or confirmed",
         sum(t.status in ("verified", "confirmed") for t in s.trades.values())),
        ("receivables", "roots issued", len(roots)),
        ("receivables", "face value issued", fmt(sum(r.face_value for r in roots))),
        ("receivables", "pieces created by splits", sum(p.origin in ("split", "bought") for p in pieces)),
        ("receivables", "highest tier reached", max((h.tier for p in pieces for h in p.holders), default=0)),
        ("receivables", "live pieces", sum(p.live for p in pieces)),
        ("financing", "pieces financed", len(financings)),
        ("financing", "value financed", fmt(sum(f.amount for f in financings))),
        ("financing", "cash paid to sellers", fmt(sum(f.seller_receives for f in financings))),
        ("financing", "platform fees", fmt(sum(f.fee for f in financings))),
        ("financing", "open on-chain offers", sum(v == "open" for v in s.offers.values())),
        ("settlement", "repaid", fmt(sum(r.repaid for r in roots))),
        ("settlement", "claimed", fmt(sum(r.claimed for r in roots))),
        ("settlement", "outstanding", fmt(sum(r.outstanding for r in roots))),
        ("settlement", "roots overdue", sum(r.status == "overdue" and r.outstanding > 0 for r in roots)),
        ("settlement", "roots defaulted", sum(r.status == "defaulted" and r.outstanding > 0 for r in roots)),
        ("settlement", "recourse called", fmt(sum(r.amount for r in s.recourse.values()))),
        ("settlement", "recourse settled", fmt(sum(r.paid for r in settled_recourse))),
        *activity_totals(s.activity),
    ]
    return Totals(state, [(section, measure, str(value)) for section, measure, value in rows])


def activity_totals(act: Activity) -> list[tuple[str, str, object]]:
    """Pools and the closed loop in the totals (details: the ``pools`` and ``closed-loop`` reports)."""
    pools = act.pools.values()
    return [
        ("pools", "pools created", len(act.pools)),
        ("pools", "raised from investors", fmt(sum(p.raised - p.refunded for p in pools))),
        ("pools", "collected", fmt(sum(p.collected for p in pools))),
        ("pools", "distributed", fmt(sum(p.distributed for p in pools))),
        ("pools", "written down", fmt(sum(p.written_down for p in pools))),
        ("closed loop", "orders placed", len(act.orders)),
        ("closed loop", "warehouse receipts", len(act.receipts)),
        ("closed loop", "pledge loans funded", sum(ln.status in ("active", "repaid", "foreclosed")
                                                   for ln in act.loans.values())),
        ("closed loop", "advance-payment deals funded", sum(d.status not in ("proposed", "accepted", "cancelled")
                                                            for d in act.deals.values())),
        ("closed loop", "advance payments outstanding", fmt(sum(d.outstanding for d in act.deals.values()))),
    ]
