"""Plain-text tables and story output for scripts (no dependencies, readable in any terminal)."""

from collections.abc import Callable, Iterable, Sequence


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None) -> str:
    """Render rows as an aligned text table. ``align`` has one char per column: l or r."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    align = align or "l" * len(headers)

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            out.append(cell.rjust(widths[i]) if align[i] == "r" else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in cells)])


class Narrator:
    """Prints a story: acts, numbered steps, tables."""

    def __init__(self, out: Callable[..., None] = print) -> None:
        self.out = out
        self.step_no = 0

    def act(self, title: str) -> None:
        self.out("")
        self.out("=" * 78)
        self.out(f"  {title}")
        self.out("=" * 78)

    def step(self, text: str) -> None:
        self.step_no += 1
        self.out(f"{self.step_no:>3}. {text}")

    def note(self, text: str) -> None:
        self.out(f"     {text}")

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None) -> None:
        self.out("")
        for text_line in table(headers, rows, align).splitlines():
            self.out(f"     {text_line}")
        self.out("")
