"""Aging per obligor: what each core enterprise still owes, by days to maturity, past due,
marked overdue and defaulted (as of the last indexed block, or a given time)."""

from collections import defaultdict
from dataclasses import dataclass, field

from scf.reporting.model import PlatformState, Root
from scf.reporting.tree import day
from scf.tables import table
from scf.units import fmt

# (label, lowest days to maturity, highest) for roots not yet due
DUE_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("due 0-30 d", 0, 30), ("31-90 d", 31, 90), ("91-180 d", 91, 180), ("181+ d", 181, 10**9),
)
LATE_BUCKETS: tuple[str, ...] = ("past due", "overdue", "defaulted")
BUCKETS: tuple[str, ...] = tuple(b[0] for b in DUE_BUCKETS) + LATE_BUCKETS


def bucket_of(state: PlatformState, root: Root) -> str:
    if root.status in ("overdue", "defaulted"):
        return root.status
    days = state.days_to_maturity(root)
    if days <= 0:
        return "past due"
    return next(label for label, low, high in DUE_BUCKETS if low <= days <= high)


@dataclass
class ObligorAging:
    obligor: str
    open_roots: int = 0
    buckets: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def outstanding(self) -> int:
        return sum(self.buckets.values())


@dataclass
class Aging:
    state: PlatformState
    rows: list[ObligorAging]
    roots: list[Root]

    def text(self, detail: bool = False) -> str:
        s = self.state
        out = [f"Aging of outstanding payables as of {day(s.last_timestamp)} (face value less repayments)", ""]
        out.append(table(["obligor", "open roots", *BUCKETS, "outstanding"],
                         [(s.name(r.obligor), r.open_roots, *(fmt(r.buckets[b]) for b in BUCKETS), fmt(r.outstanding))
                          for r in self.rows] or [("-", 0, *("0.00" for _ in BUCKETS), "0.00")],
                         "lr" + "r" * len(BUCKETS) + "r"))
        if detail and self.roots:
            out += ["", table(["root", "obligor", "face", "repaid", "outstanding", "maturity", "days", "bucket"],
                              [(f"#{r.id}", s.name(r.obligor), fmt(r.face_value), fmt(r.repaid), fmt(r.outstanding),
                                day(r.maturity), s.days_to_maturity(r), bucket_of(s, r)) for r in self.roots],
                              "rlrrrlrl")]
        return "\n".join(out)


def aging(state: PlatformState) -> Aging:
    by_obligor: dict[str, ObligorAging] = {}
    open_roots = [r for r in sorted(state.roots.values(), key=lambda r: r.id) if r.outstanding > 0]
    for root in open_roots:
        row = by_obligor.setdefault(root.obligor, ObligorAging(root.obligor))
        row.open_roots += 1
        row.buckets[bucket_of(state, root)] += root.outstanding
    rows = sorted(by_obligor.values(), key=lambda r: -r.outstanding)
    return Aging(state, rows, open_roots)
