"""A self-contained HTML page for a root: the tree (inline SVG) and its tables."""

from html import escape

from scf.pictures.layout import Layout
from scf.pictures.svg import render_svg
from scf.reporting.tree import FINANCING_HEADERS, CreditTree, TreeNode, creation_tier, day, financing_row
from scf.units import fmt

STYLE = """
body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; margin: 24px; color: #0f172a; }
h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e2e8f0; }
th { text-align: left; background: #f1f5f9; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.tree { overflow-x: auto; border: 1px solid #e2e8f0; padding: 8px; }
footer { margin-top: 28px; color: #64748b; font-size: 12px; }
"""


def _table(headers: list[str], rows: list[list[object]], numeric: set[int]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    def cell(i: int, value: object) -> str:
        return f"<td class='n'>{escape(str(value))}</td>" if i in numeric else f"<td>{escape(str(value))}</td>"

    body = "".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>" if rows else "<p>none</p>"


def _status(node: TreeNode) -> str:
    p = node.piece
    if p.merged_into:
        return f"merged into #{p.merged_into}"
    return "live" if p.live else "closed"


def _pieces(tree: CreditTree) -> str:
    """Every piece of the root, including those the picture draws as one box."""
    s = tree.state
    return _table(["piece", "from", "tier", "how", "value", "to", "now held by", "financed by", "claimed", "status"],
                  [[f"#{n.piece.id}", f"#{n.piece.parent_id}" if n.piece.parent_id else "-", creation_tier(n.piece),
                    n.piece.origin, fmt(n.piece.original_value), s.name(n.piece.first_holder),
                    tree.holder_name(n.piece) if n.piece.live else "-",
                    ", ".join(s.name(f.financier) for f in n.financings) or "-", fmt(n.piece.claimed), _status(n)]
                   for n in tree.top.walk()], {2, 4, 8})


def render_html(tree: CreditTree, lay: Layout) -> str:
    s = tree.state
    currency = escape(tree.currency) if tree.currency else "the settlement currency's units"
    grouped = (f"<p>{lay.hidden} of the root's pieces are drawn in grouped boxes; every piece is in the table "
               f"below.</p>" if lay.hidden else "")
    tiers = _table(["tier", "enterprises", "received", "passed on", "financed", "kept"],
                   [[t.tier, ", ".join(t.enterprises), fmt(t.received), fmt(t.passed_on), fmt(t.financed), fmt(t.kept)]
                    for t in tree.tiers], {0, 2, 3, 4, 5})
    deals = _table(FINANCING_HEADERS, [financing_row(s, f) for f in tree.financings], {4, 5, 6, 7, 8, 9, 10})
    repayments = _table(["date", "payer", "amount"],
                        [[day(r.at), s.name(r.payer), fmt(r.amount)] for r in tree.repayments], {2})
    claims = _table(["date", "piece", "holder", "amount", "closed"],
                    [[day(c.at), f"#{c.piece_id}", s.name(c.holder), fmt(c.amount), "yes" if c.closed else "no"]
                     for c in tree.claims], {3})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(tree.title)}</title><style>{STYLE}</style></head>
<body>
<h1 style="font-size:20px">{escape(tree.title)}</h1>
<p>{escape(tree.subtitle)}</p>
<div class="tree">{render_svg(lay)}</div>{grouped}
<h2>Which tier received how much</h2>{tiers}
<h2>Who financed what, at what rate and when</h2>{deals}
<h2>Repayments</h2>{repayments}
<h2>Claims</h2>{claims}
<h2>Every piece</h2>{_pieces(tree)}
<footer>scf-chain credit-penetration report · from the event index up to block {s.last_block:,} ·
amounts in {currency}</footer>
</body></html>
"""
