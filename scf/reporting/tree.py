"""A root's credit-penetration tree: how the core enterprise's payable spread up the supply
chain, which tier received how much, who financed which piece at what rate and when."""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from scf.errors import NotFound
from scf.reporting.activity import Pool
from scf.reporting.model import Claim, Financing, Piece, PlatformState, Repayment, Root
from scf.tables import table
from scf.units import fmt


def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%Y-%m-%d") if timestamp else "-"


@dataclass
class TreeNode:
    piece: Piece
    children: list["TreeNode"] = field(default_factory=list)
    financings: list[Financing] = field(default_factory=list)     # sales of this piece
    claims: list[Claim] = field(default_factory=list)

    def walk(self) -> Iterator["TreeNode"]:
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

    currency: str = ""                 # the root's currency: a symbol, a short address or "" if unknown
    pools: dict[int, Pool] = field(default_factory=dict)    # piece id -> the pool holding it

    def money(self, amount: int) -> str:
        """An amount with the root's currency."""
        return f"{fmt(amount)} {self.currency}" if self.currency else fmt(amount)

    @property
    def title(self) -> str:
        s = self.state
        return (f"Root #{self.root.id}: {self.money(self.root.face_value)} owed by {s.name(self.root.obligor)}, "
                f"due {day(self.root.maturity)}")

    @property
    def subtitle(self) -> str:
        r = self.root
        alliance = self.state.alliances.get(r.alliance_id)
        parts = [f"alliance #{r.alliance_id}" + (f" {alliance.name}" if alliance else ""),
                 f"issued {day(r.issued_at)}", f"trade #{r.trade_id}",
                 f"repaid {self.money(r.repaid)} ({r.repaid * 100 // r.face_value if r.face_value else 0}%)"]
        if r.status != "current":
            parts.append(r.status)
        return " · ".join(parts)

    def holder_name(self, piece: Piece) -> str:
        """Who holds the piece, naming custody: a pool by its number, a financier as such."""
        pool = self.pools.get(piece.id)
        if pool is not None:
            return f"pool #{pool.id} (pooled by {self.state.name(pool.originator)})"
        name = self.state.name(piece.holder)
        return f"{name} (financier)" if piece.holder and self.state.is_financier(piece.holder) else name

    def custody_lines(self, node: TreeNode) -> list[str]:
        """Who has held the piece since it was paid out, and why: financed, pooled, returned by
        recourse, claimed or closed by settlement. Custody never changes the piece's tier."""
        s, p = self.state, node.piece
        lines: list[str] = []
        for f in node.financings:
            lines.append(f"financed by {s.name(f.financier)} {day(f.at)}")
            lines.append(f"  {f.rate_bps / 100:.2f}%/yr, {f.days_early} d early" + (", recourse" if f.recourse else ""))
            lines.append(f"  financier paid {self.money(f.price)}")
            lines.append(f"  seller received {self.money(f.seller_receives)}")
        pool = self.pools.get(p.id)
        if pool is not None:
            lines.append(f"pooled in pool #{pool.id} ({pool.phase})")
        for h in p.holders:
            if h.how == "recourse":
                lines.append(f"recourse: back to {s.name(h.holder)} {day(h.at)}")
        for c in node.claims:
            lines.append(f"claimed {self.money(c.amount)} by {s.name(c.holder)} {day(c.at)}")
        if p.live and not node.claims:
            lines.append(f"held by {self.holder_name(p)}")
        elif p.burned and not p.merged_into:
            lines.append("closed by settlement")
        return lines

    def node_lines(self, node: TreeNode) -> list[str]:
        """The text of one piece, as shown in every rendering."""
        s, p = self.state, node.piece
        lines = [f"piece #{p.id} · tier {creation_tier(p)}",
                 f"{self.money(p.original_value)} to {s.name(p.first_holder)}"]
        if p.merged_into:
            lines.append(f"merged into #{p.merged_into}")
        elif p.value != p.original_value:
            lines.append(f"remaining value {self.money(p.value)}")
        return lines + self.custody_lines(node)

    def edge_label(self, child: TreeNode) -> str:
        verb = "sold" if child.piece.origin == "bought" else "split"
        return f"{verb} {self.money(child.piece.original_value)} · {day(child.piece.created_at)}"

    def group_lines(self, members: list["TreeNode"]) -> list[str]:
        """The text of a box standing for sibling pieces not drawn one by one."""
        s = self.state
        tiers = sorted({creation_tier(m.piece) for m in members})
        tier = f"tier {tiers[0]}" if len(tiers) == 1 else f"tiers {tiers[0]}-{tiers[-1]}"
        holders: dict[str, int] = defaultdict(int)
        for m in members:
            holders[s.name(m.piece.first_holder)] += 1
        names = sorted(holders, key=lambda n: (-holders[n], n))
        lines = [f"+ {len(members)} more pieces · {tier}",
                 f"total {self.money(sum(m.piece.original_value for m in members))}",
                 f"to {names[0]}" + (f" and {len(names) - 1} others" if len(names) > 1 else "")]
        financed = sum(1 for m in members for n in m.walk() if n.financings)
        below = sum(1 for m in members for _ in m.walk()) - len(members)
        if financed:
            lines.append(f"{financed} financed")
        if below:
            lines.append(f"{below} further pieces split from them")
        lines.append("each one is in the HTML page's table")
        return lines

    def group_edge_label(self, members: list["TreeNode"]) -> str:
        days = sorted({day(m.piece.created_at) for m in members})
        when = days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"
        return f"split ×{len(members)} · {when}"

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


FINANCING_HEADERS = ["date", "seller", "financier", "piece", "value", "rate", "days early", "financier paid", "fee",
                     "seller received", "annual cost", "recourse"]


def creation_tier(piece: Piece) -> int:
    """The supply-chain tier the piece was paid out at (custody afterwards never changes it)."""
    return piece.holders[0].tier if piece.holders else piece.tier


def financing_row(state: PlatformState, f: Financing) -> list[object]:
    """One financing under FINANCING_HEADERS: price is what the financier paid, price - fee what
    the seller received."""
    return [day(f.at), state.name(f.seller), state.name(f.financier), f"#{f.bought_piece_id}", fmt(f.amount),
            f"{f.rate_bps / 100:.2f}%", f.days_early, fmt(f.price), fmt(f.fee), fmt(f.seller_receives),
            f"{f.annual_cost * 100:.2f}%", "yes" if f.recourse else "no"]


def financing_table(state: PlatformState, financings: list[Financing]) -> str:
    return table(FINANCING_HEADERS, [financing_row(state, f) for f in financings], "llllrrrrrrrl")


def _tiers(state: PlatformState, pieces: list[Piece], financings: list[Financing]) -> list[TierRow]:
    """Supply-chain tiers, by the tier each piece was created at: a tier *received* the pieces
    paid to it (issue, or a split that raised the tier: a payment to another enterprise; a split
    to a financier is custody and keeps the tier), *passed on* what it split off to the next
    tier, *financed* what it sold (partly or whole); the rest it kept."""
    tier_of = {p.id: creation_tier(p) for p in pieces}
    received: dict[int, int] = defaultdict(int)
    passed: dict[int, int] = defaultdict(int)
    financed: dict[int, int] = defaultdict(int)
    names: dict[int, set[str]] = defaultdict(set)
    for p in pieces:
        paid_to_another = p.origin in ("issued", "split") and p.first_holder is not None and p.first_holder != p.payer
        if p.origin == "split" and tier_of.get(p.parent_id) == tier_of[p.id]:
            paid_to_another = False      # custody (to a financier), not a payment
        if not paid_to_another:
            continue
        received[tier_of[p.id]] += p.original_value
        names[tier_of[p.id]].add(state.name(p.first_holder))
        if p.origin == "split" and p.parent_id in tier_of:
            passed[tier_of[p.parent_id]] += p.original_value
    for f in financings:
        if f.piece_id in tier_of:
            financed[tier_of[f.piece_id]] += f.amount
    tiers = sorted(set(received) | set(passed) | set(financed))
    return [TierRow(t, sorted(names[t]), received[t], passed[t], financed[t]) for t in tiers]


def currency_label(state: PlatformState, root: Root, symbols: Mapping[str, str] | None = None) -> str:
    """The root's currency as a reader knows it: its symbol (``symbols``: address -> symbol the
    caller knows, else the one the index read from the token), else a short address; "" when the
    trade that created the root is not in the index."""
    trade = state.trades.get(root.trade_id)
    if trade is None or not trade.currency:
        return ""
    by_address = {address.lower(): symbol for address, symbol in (symbols or {}).items()}
    return by_address.get(trade.currency.lower()) or state.currency_symbol(trade.currency)


def credit_tree(state: PlatformState, root_id: int, currency_symbols: Mapping[str, str] | None = None) -> CreditTree:
    """The tree of root ``root_id``; ``currency_symbols`` (address -> symbol) names its currency."""
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
    pools = {piece_id: pool for pool in state.activity.pools.values() for piece_id in pool.pieces
             if piece_id in nodes}
    return CreditTree(state, root, nodes[root_id], _tiers(state, pieces, financings), financings,
                      list(root.repayments), claims, currency_label(state, root, currency_symbols), pools)
