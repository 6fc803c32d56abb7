"""The credit-penetration tree as a self-contained SVG (no fonts or scripts to fetch)."""

from xml.sax.saxutils import escape

from scf.pictures.layout import FINANCED_BORDER, LINE_HEIGHT, MARGIN, PADDING, PLAIN_BORDER, Layout, tier_colour

FONT = "font-family='DejaVu Sans, Verdana, Arial, sans-serif'"


def _text(x: float, y: float, content: str, size: int = 12, weight: str = "normal", anchor: str = "start",
          colour: str = "#0f172a", halo: bool = False) -> str:
    extra = " stroke='white' stroke-width='4' paint-order='stroke'" if halo else ""
    return (f"<text x='{x:.1f}' y='{y:.1f}' {FONT} font-size='{size}' font-weight='{weight}' "
            f"text-anchor='{anchor}' fill='{colour}'{extra}>{escape(content)}</text>")


def render_svg(lay: Layout) -> str:
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{lay.width:.0f}' height='{lay.height:.0f}' "
           f"viewBox='0 0 {lay.width:.0f} {lay.height:.0f}'>",
           f"<rect width='100%' height='100%' fill='white'/>",
           _text(MARGIN, 28, lay.title, 17, "bold"),
           _text(MARGIN, 50, lay.subtitle, 12, colour="#475569")]
    for edge in lay.edges:
        (x1, y1), (x2, y2) = edge.parent.bottom_centre, edge.child.top_centre
        mid = (y1 + y2) / 2
        out.append(f"<path d='M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}' "
                   f"fill='none' stroke='#64748b' stroke-width='1.5'/>")
        out.append(_text(x2, y2 - 9, edge.label, 11, anchor="middle", colour="#334155", halo=True))
    for box in lay.boxes:
        out.append(f"<rect x='{box.x:.1f}' y='{box.y:.1f}' width='{box.width:.1f}' height='{box.height:.1f}' rx='8' "
                   f"fill='{box.fill}' stroke='{box.border}' stroke-width='{2.5 if box.financed else 1.2}'/>")
        for i, line in enumerate(box.lines):
            y = box.y + PADDING + LINE_HEIGHT * (i + 1) - 4
            out.append(_text(box.x + PADDING, y, line, 12, "bold" if i == 0 else "normal"))
    out.append(_legend(lay))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(lay: Layout) -> str:
    y = lay.legend_y
    parts = []
    x = MARGIN
    for tier in range(1, 5):
        parts.append(f"<rect x='{x}' y='{y}' width='16' height='12' rx='3' fill='{tier_colour(tier)}' "
                     f"stroke='{PLAIN_BORDER}'/>")
        parts.append(_text(x + 22, y + 11, f"tier {tier}", 11))
        x += 80
    parts.append(f"<rect x='{x}' y='{y}' width='16' height='12' rx='3' fill='white' stroke='{FINANCED_BORDER}' "
                 f"stroke-width='2.5'/>")
    parts.append(_text(x + 22, y + 11, "financed (discounted at a bank)", 11))
    return "\n".join(parts)
