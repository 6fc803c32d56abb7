"""The credit-penetration tree as a self-contained SVG (no fonts or scripts to fetch)."""

from xml.sax.saxutils import escape

from scf.pictures.layout import SWATCH, Box, Label, Layout, Swatch

FONT = "font-family='DejaVu Sans, Verdana, Arial, sans-serif'"


def _text(label: Label) -> str:
    extra = " stroke='white' stroke-width='4' paint-order='stroke'" if label.halo else ""
    anchor = "middle" if label.anchor == "middle" else "start"
    weight = "bold" if label.bold else "normal"
    return (f"<text x='{label.x:.1f}' y='{label.y:.1f}' {FONT} font-size='{label.size:g}' font-weight='{weight}' "
            f"text-anchor='{anchor}' fill='{label.colour}'{extra}>{escape(label.text)}</text>")


def _box(box: Box) -> str:
    dash = " stroke-dasharray='6 4'" if box.group else ""
    return (f"<rect x='{box.x:.1f}' y='{box.y:.1f}' width='{box.width:.1f}' height='{box.height:.1f}' rx='8' "
            f"fill='{box.fill}' stroke='{box.border}' stroke-width='{box.stroke_width}'{dash}/>")


def _swatch(s: Swatch) -> str:
    dash = " stroke-dasharray='3 2'" if s.dashed else ""
    return (f"<rect x='{s.x:.1f}' y='{s.y:.1f}' width='{SWATCH[0]}' height='{SWATCH[1]}' rx='3' fill='{s.fill}' "
            f"stroke='{s.border}' stroke-width='{s.stroke_width}'{dash}/>")


def render_svg(lay: Layout) -> str:
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{lay.width:.0f}' height='{lay.height:.0f}' "
           f"viewBox='0 0 {lay.width:.0f} {lay.height:.0f}'>",
           "<rect width='100%' height='100%' fill='white'/>"]
    out += [_text(label) for label in lay.heading]
    for edge in lay.edges:
        (x1, y1), (x2, y2) = edge.parent.bottom_centre, edge.child.top_centre
        mid = (y1 + y2) / 2
        out.append(f"<path d='M{x1:.1f},{y1:.1f} C{x1:.1f},{mid:.1f} {x2:.1f},{mid:.1f} {x2:.1f},{y2:.1f}' "
                   f"fill='none' stroke='#64748b' stroke-width='1.5'/>")
    out += [_text(edge.text_label()) for edge in lay.edges]
    for box in lay.boxes:
        out.append(_box(box))
        out += [_text(label) for label in box.line_labels()]
    for swatch in lay.legend:
        out += [_swatch(swatch), _text(swatch.label)]
    out.append("</svg>")
    return "\n".join(out) + "\n"
