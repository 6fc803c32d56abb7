"""Pictures of a root's credit-penetration tree: PNG (matplotlib), SVG and HTML (hand-written)."""

from pathlib import Path

from scf.errors import ConfigError
from scf.pictures.html import render_html
from scf.pictures.layout import layout
from scf.pictures.png import render_png
from scf.pictures.svg import render_svg
from scf.reporting.tree import CreditTree

FORMATS: tuple[str, ...] = ("png", "svg", "html")


def render_tree(tree: CreditTree, out_dir: Path, formats: tuple[str, ...] = FORMATS,
                stem: str | None = None) -> dict[str, Path]:
    """Write the tree of ``tree`` in each format; returns ``{format: path}``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or f"root-{tree.root.id}"
    lay = layout(tree)
    written: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        if fmt == "png":
            render_png(lay, path)
        elif fmt == "svg":
            path.write_text(render_svg(lay))
        elif fmt == "html":
            path.write_text(render_html(tree, lay))
        else:
            raise ConfigError(f"unknown picture format {fmt!r} (known: {', '.join(FORMATS)})")
        written[fmt] = path
    return written
