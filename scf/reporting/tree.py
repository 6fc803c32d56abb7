"""A root's credit-penetration tree: how the core enterprise's payable spread up the supply
chain, which tier received how much, who financed which piece at what rate and when."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from scf.errors import NotFound
from scf.reporting.model import Claim, Financing, Piece, PlatformState, Repayment, Root
from scf.tables import table
from scf.units import fmt


def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d") if timestamp else "-"


@dataclass
class TreeNode:
    piece: Piece
    children: list["TreeNode"] = field(default_factory=list)
    financings: list[Financing] = field(default_factory=list)     # sales of this piece
    claims: list[Claim] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class TierRow:
    tier: int
    enterprises: list[str]
    received: int
    passed_on: int
    financed: int

    @property
    def kept(self) -> int:
        return self.received - self.passed_on - self.financed


@dataclass
class CreditTree:
    state: PlatformState
    root: Root
    top: TreeNode
    tiers: list[TierRow]
    financings: list[Financing]
    repayments: list[Repayment]
    claims: list[Claim]

    @property
    def title(self) -> str:
        s = self.state
        return (f"Root #{self.root.id}: {fmt(self.root.face_value)} owed by {s.name(self.root.obligor)}, "
                f"due {day(self.root.maturity)}")

    @property
    def subtitle(self) -> str:
        r = self.root
        alliance = self.state.alliances.get(r.alliance_id)
        parts = [f"alliance #{r.alliance_id}" + (f" {alliance.name}" if alliance else ""),
                 f"issued {day(r.issued_at)}", f"trade #{r.trade_id}",
                 f"repaid {fmt(r.repaid)} ({r.repaid * 100 // r.face_value if r.face_value else 0}%)"]
        if r.status != "current":
            parts.append(r.status)
        return " · ".join(parts)

    def node_lines(self, node: TreeNode) -> list[str]:
        """The text of one piece, as shown in every rendering."""
        s, p = self.state, node.piece
        lines = [f"piece #{p.id} · tier {p.holders[0].tier if p.holders else p.tier}",
                 f"{fmt(p.original_value)} to {s.name(p.first_holder)}"]
        if p.merged_into:
            lines.append(f"merged into #{p.merged_into}")
        elif p.value != p.original_value:
            lines.append(f"remaining value {fmt(p.value)}")
        for f in node.financings:
            lines.append(f"financed by {s.name(f.financier)} {day(f.at)}")
            lines.append(f"  {f.rate_bps / 100:.2f}%/yr, {f.days_early} d early, paid {fmt(f.seller_receives)}"
                         + (" (recourse)" if f.recourse else ""))
        returned = [h for h in p.holders if h.how == "recourse"]
        for h in returned:
            lines.append(f"recourse: back to {s.name(h.holder)} {day(h.at)}")
        for c in node.claims:
            lines.append(f"claimed {fmt(c.amount)} by {s.name(c.holder)} {day(c.at)}")
        if p.live and not node.claims:
            lines.append(f"held by {s.name(p.holder)}")
        return lines

    def edge_label(self, child: TreeNode) -> str:
        verb = "sold" if child.piece.origin == "bought" else "split"
        return f"{verb} {fmt(child.piece.original_value)} · {day(child.piece.created_at)}"

    def text(self) -> str:
        out = [self.title, self.subtitle, ""]

        def draw(node: TreeNode, prefix: str, last: bool, top: bool) -> None:
            lines = self.node_lines(node)
            joint = "" if top else ("└─ " if last else "├─ ")
            out.append(prefix + joint + lines[0] + " — " + lines[1])
            more = prefix + ("" if top else ("   " if last else "│  "))
            for line in lines[2:]:
                out.append(more + ("│  " if node.children else "   ") + line)
            for i, child in enumerate(node.children):
                draw(child, more, i == len(node.children) - 1, False)

        draw(self.top, "", True, True)
        out += ["", table(["tier", "enterprises", "received", "passed on", "financed", "kept"],
                          [(t.tier, ", ".join(t.enterprises), fmt(t.received), fmt(t.passed_on), fmt(t.financed),
                            fmt(t.kept)) for t in self.tiers], "rlrrrr")]
        if self.financings:
            out += ["", financing_table(self.state, self.financings)]
        return "\n".join(out)


def financing_table(state: PlatformState, financings: list[Financing]) -> str:
    return table(
        ["date", "seller", "financier", "piece", "value", "rate", "days early", "price", "fee", "seller got",
         "annual cost", "recourse"],
        [(day(f.at), state.name(f.seller), state.name(f.financier), f"#{f.bought_piece_id}", fmt(f.amount),
          f"{f.rate_bps / 100:.2f}%", f.days_early, fmt(f.price), fmt(f.fee), fmt(f.seller_receives),
          f"{f.annual_cost * 100:.2f}%", "yes" if f.recourse else "no") for f in financings],
        "llllrrrrrrrl",
    )


def _tiers(state: PlatformState, pieces: list[Piece], financings: list[Financing]) -> list[TierRow]:
    """Supply-chain tiers, by the tier each piece was created at: a tier *received* the pieces
    paid to it (issue, or a split to another enterprise), *passed on* what it split off to the
    next tier, *financed* what it sold (partly or whole); the rest it kept."""
    creation_tier = {p.id: (p.holders[0].tier if p.holders else p.tier) for p in pieces}
    received: dict[int, int] = defaultdict(int)
    passed: dict[int, int] = defaultdict(int)
    financed: dict[int, int] = defaultdict(int)
    names: dict[int, set[str]] = defaultdict(set)
    for p in pieces:
        paid_to_another = p.origin in ("issued", "split") and p.first_holder is not None and p.first_holder != p.payer
        if not paid_to_another:
            continue
        received[creation_tier[p.id]] += p.original_value
        names[creation_tier[p.id]].add(state.name(p.first_holder))
        if p.origin == "split" and p.parent_id in creation_tier:
            passed[creation_tier[p.parent_id]] += p.original_value
    for f in financings:
        if f.piece_id in creation_tier:
            financed[creation_tier[f.piece_id]] += f.amount
    tiers = sorted(set(received) | set(passed) | set(financed))
    return [TierRow(t, sorted(names[t]), received[t], passed[t], financed[t]) for t in tiers]


def credit_tree(state: PlatformState, root_id: int) -> CreditTree:
    root = state.roots.get(root_id)
    if root is None:
        known = ", ".join(f"#{r}" for r in sorted(state.roots)) or "none indexed"
        raise NotFound(f"no root #{root_id} in the index (roots: {known})")
    pieces = state.pieces_of_root(root_id)
    nodes = {p.id: TreeNode(p) for p in pieces}
    financings = sorted((f for f in state.financings if f.root_id == root_id), key=lambda f: f.at)
    for f in financings:
        nodes[f.bought_piece_id].financings.append(f)
    claims = [c for c in state.claims if c.root_id == root_id]
    for c in claims:
        nodes[c.piece_id].claims.append(c)
    for p in pieces:
        if p.parent_id and p.parent_id in nodes:
            nodes[p.parent_id].children.append(nodes[p.id])
    return CreditTree(state, root, nodes[root_id], _tiers(state, pieces, financings), financings,
                      list(root.repayments), claims)
