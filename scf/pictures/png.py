"""The credit-penetration tree as a PNG, drawn with matplotlib from the same layout as the SVG."""

from pathlib import Path

from scf.pictures.layout import SWATCH, Label, Layout

DPI = 150
POINTS_PER_UNIT = 0.72     # layout units are pixels at 100 dpi: 1 unit = 1/100 in = 0.72 pt


def render_png(lay: Layout, path: Path) -> Path:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is in requirements.txt
        raise RuntimeError("PNG pictures need matplotlib: run `make setup` (it is in requirements.txt)") from None
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import FancyBboxPatch, PathPatch
    from matplotlib.path import Path as MplPath

    def pt(units: float) -> float:
        return units * POINTS_PER_UNIT

    def text(label: Label) -> None:
        bbox = {"facecolor": "white", "edgecolor": "none", "pad": 1.0} if label.halo else None
        ax.text(label.x, label.y, label.text, fontsize=pt(label.size), fontweight="bold" if label.bold else "normal",
                ha="center" if label.anchor == "middle" else "left", va="baseline", color=label.colour, bbox=bbox,
                family="DejaVu Sans")

    fig = plt.figure(figsize=(lay.width / 100, lay.height / 100), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, lay.width)
    ax.set_ylim(lay.height, 0)
    ax.axis("off")
    for label in lay.heading:
        text(label)
    for edge in lay.edges:
        (x1, y1), (x2, y2) = edge.parent.bottom_centre, edge.child.top_centre
        mid = (y1 + y2) / 2
        curve = MplPath([(x1, y1), (x1, mid), (x2, mid), (x2, y2)],
                        [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4])
        ax.add_patch(PathPatch(curve, fill=False, edgecolor="#64748b", linewidth=pt(1.5)))
    for edge in lay.edges:
        text(edge.text_label())
    for box in lay.boxes:
        ax.add_patch(FancyBboxPatch((box.x, box.y), box.width, box.height, boxstyle="round,pad=0,rounding_size=8",
                                    facecolor=box.fill, edgecolor=box.border, linewidth=pt(box.stroke_width),
                                    linestyle=(0, (6, 4)) if box.group else "solid"))
        for label in box.line_labels():
            text(label)
    for s in lay.legend:
        ax.add_patch(FancyBboxPatch((s.x, s.y), *SWATCH, boxstyle="round,pad=0,rounding_size=3", facecolor=s.fill,
                                    edgecolor=s.border, linewidth=pt(s.stroke_width),
                                    linestyle=(0, (3, 2)) if s.dashed else "solid"))
        text(s.label)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
