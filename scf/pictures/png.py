"""The credit-penetration tree as a PNG, drawn with matplotlib from the same layout as the SVG."""

from pathlib import Path

from scf.pictures.layout import FINANCED_BORDER, LINE_HEIGHT, MARGIN, PADDING, PLAIN_BORDER, Layout, tier_colour

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

    fig = plt.figure(figsize=(lay.width / 100, lay.height / 100), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, lay.width)
    ax.set_ylim(lay.height, 0)
    ax.axis("off")
    ax.text(MARGIN, 28, lay.title, fontsize=pt(17), fontweight="bold", va="baseline", color="#0f172a")
    ax.text(MARGIN, 50, lay.subtitle, fontsize=pt(12), va="baseline", color="#475569")
    for edge in lay.edges:
        (x1, y1), (x2, y2) = edge.parent.bottom_centre, edge.child.top_centre
        mid = (y1 + y2) / 2
        curve = MplPath([(x1, y1), (x1, mid), (x2, mid), (x2, y2)],
                        [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4])
        ax.add_patch(PathPatch(curve, fill=False, edgecolor="#64748b", linewidth=pt(1.5)))
        ax.text(x2, y2 - 9, edge.label, fontsize=pt(11), ha="center", va="baseline", color="#334155",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    for box in lay.boxes:
        ax.add_patch(FancyBboxPatch((box.x, box.y), box.width, box.height, boxstyle="round,pad=0,rounding_size=8",
                                    facecolor=box.fill, edgecolor=box.border,
                                    linewidth=pt(2.5 if box.financed else 1.2)))
        for i, line in enumerate(box.lines):
            ax.text(box.x + PADDING, box.y + PADDING + LINE_HEIGHT * (i + 1) - 4, line, fontsize=pt(12),
                    fontweight="bold" if i == 0 else "normal", va="baseline", color="#0f172a")
    x, y = MARGIN, lay.legend_y
    for tier in range(1, 5):
        ax.add_patch(FancyBboxPatch((x, y), 16, 12, boxstyle="round,pad=0,rounding_size=3",
                                    facecolor=tier_colour(tier), edgecolor=PLAIN_BORDER, linewidth=pt(1)))
        ax.text(x + 22, y + 11, f"tier {tier}", fontsize=pt(11), va="baseline")
        x += 80
    ax.add_patch(FancyBboxPatch((x, y), 16, 12, boxstyle="round,pad=0,rounding_size=3", facecolor="white",
                                edgecolor=FINANCED_BORDER, linewidth=pt(2.5)))
    ax.text(x + 22, y + 11, "financed (discounted at a bank)", fontsize=pt(11), va="baseline")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
