"""Where each piece of a credit-penetration tree goes in a picture (shared by SVG and PNG).

Top-down tidy tree: leaves side by side in order, each parent centred over its children, one
row per generation (as tall as its tallest box). Units are pixels at 100 dpi.

The picture stays readable however many pieces a root has: it has at most ``MAX_COLUMNS``
columns. Where a piece has more children than its share of the columns, the children that
reach the deepest tiers (then the financed ones, then the largest) are drawn and the rest
stand in one box ("+ 43 more pieces, total ..."); the HTML page lists every piece. Every text
of the picture is a ``Label`` with its estimated extent, so overlaps can be checked.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from scf.reporting.tree import CreditTree, TreeNode, creation_tier

MAX_COLUMNS = 8            # leaf columns at most: the picture's width is bounded
MIN_BOX_WIDTH = 230
FONT_SIZE = 12
EDGE_FONT_SIZE = 11
TITLE_FONT_SIZE = 17
LEGEND_FONT_SIZE = 11
LINE_HEIGHT = 16
PADDING = 10
H_GAP = 36
V_GAP = 64
MARGIN = 28
TITLE_HEIGHT = 70
LEGEND_HEIGHT = 40
SWATCH = (16, 12)

TIER_COLOURS = ("#dbeafe", "#dcfce7", "#fef9c3", "#fde2e2", "#ede9fe", "#e0f2fe")
FINANCED_BORDER = "#c2410c"
POOLED_BORDER = "#7c3aed"
GROUP_BORDER = "#64748b"
PLAIN_BORDER = "#475569"
TEXT_COLOUR = "#0f172a"

# Advance widths of DejaVu Sans (the font both renderers ask for), in em; bold is about 15% wider.
_EM = {**dict.fromkeys("0123456789", 0.636), **dict.fromkeys(" .,·:;'|!", 0.318),
       **dict.fromkeys("il", 0.278), **dict.fromkeys("jf", 0.352), "r": 0.411, "t": 0.392, "s": 0.521,
       "c": 0.550, "z": 0.525, "k": 0.579, **dict.fromkeys("vxy", 0.592), "m": 0.974, "w": 0.818,
       **dict.fromkeys("abdeghnopqu", 0.635), "I": 0.295, "J": 0.295, "M": 0.863, "W": 0.989,
       **dict.fromkeys("-()/", 0.39), **dict.fromkeys("#+×=<>", 0.838), "%": 0.950, "…": 1.0, "–": 0.5, "—": 1.0}
_EM_UPPER = 0.775
_EM_OTHER = 0.8
_BOLD = 1.15
_SAFETY = 1.04


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A slightly generous estimate of the text's width in pixels."""
    em = sum(_EM.get(ch, _EM_UPPER if ch.isupper() else _EM_OTHER) for ch in text)
    return em * size * (_BOLD if bold else 1.0) * _SAFETY


def tier_colour(tier: int) -> str:
    return TIER_COLOURS[(max(tier, 1) - 1) % len(TIER_COLOURS)]


@dataclass
class Label:
    """One text of the picture; ``y`` is its baseline."""

    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    bold: bool = False
    anchor: str = "start"             # start | middle
    colour: str = TEXT_COLOUR
    halo: bool = False                # a white background, to read it over lines

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.bold)

    @property
    def rect(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the text's ink, ascenders and descenders included."""
        left = self.x - self.width / 2 if self.anchor == "middle" else self.x
        return left, self.y - 0.95 * self.size, left + self.width, self.y + 0.25 * self.size


@dataclass
class Box:
    """A piece, or (``members``) siblings drawn as one box."""

    node: TreeNode | None
    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    tier: int
    members: list[TreeNode] = field(default_factory=list)
    financed: bool = False
    pooled: bool = False

    @property
    def group(self) -> bool:
        return self.node is None

    @property
    def fill(self) -> str:
        return tier_colour(self.tier)

    @property
    def border(self) -> str:
        if self.group:
            return GROUP_BORDER
        return FINANCED_BORDER if self.financed else POOLED_BORDER if self.pooled else PLAIN_BORDER

    @property
    def stroke_width(self) -> float:
        return 2.5 if self.financed or self.pooled else 1.2

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.x + self.width, self.y + self.height

    @property
    def top_centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y

    @property
    def bottom_centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height

    def line_labels(self) -> list[Label]:
        return [Label(self.x + PADDING, self.y + PADDING + LINE_HEIGHT * (i + 1) - 4, line, FONT_SIZE, i == 0)
                for i, line in enumerate(self.lines)]


@dataclass
class Edge:
    parent: Box
    child: Box
    label: str

    def text_label(self) -> Label:
        x, y = self.child.top_centre
        return Label(x, y - 9, self.label, EDGE_FONT_SIZE, anchor="middle", colour="#334155", halo=True)


@dataclass
class Swatch:
    """A legend entry: a small box and what it means."""

    x: float
    y: float
    fill: str
    border: str
    stroke_width: float
    dashed: bool
    label: Label


def heading_labels(title: str, subtitle: str) -> list[Label]:
    return [Label(MARGIN, 28, title, TITLE_FONT_SIZE, True), Label(MARGIN, 50, subtitle, FONT_SIZE, colour="#475569")]


@dataclass
class Layout:
    title: str
    subtitle: str
    boxes: list[Box]
    edges: list[Edge]
    width: float
    height: float
    legend_y: float
    legend: list[Swatch] = field(default_factory=list)
    hidden: int = 0                   # pieces not drawn one by one (inside group boxes)

    @property
    def heading(self) -> list[Label]:
        return heading_labels(self.title, self.subtitle)

    @property
    def labels(self) -> list[Label]:
        """Every text of the picture."""
        return (self.heading + [e.text_label() for e in self.edges]
                + [label for box in self.boxes for label in box.line_labels()] + [s.label for s in self.legend])


@dataclass
class _Shown:
    """A node of the tree as drawn: a piece (``node``) or a group of sibling pieces (``members``)."""

    node: TreeNode | None
    members: list[TreeNode]
    children: list["_Shown"]

    def walk(self) -> Iterator["_Shown"]:
        yield self
        for child in self.children:
            yield from child.walk()


class _Chooser:
    """Which pieces get a box of their own, within a budget of leaf columns."""

    def __init__(self, top: TreeNode, pooled: set[int]) -> None:
        self.height: dict[int, int] = {}
        self.leaves: dict[int, int] = {}
        self.custody: dict[int, bool] = {}     # the subtree holds a financed or pooled piece
        self._pooled = pooled
        self._measure(top)

    def _measure(self, node: TreeNode) -> None:
        for child in node.children:
            self._measure(child)
        kids = [c.piece.id for c in node.children]
        self.height[node.piece.id] = 1 + max((self.height[k] for k in kids), default=-1)
        self.leaves[node.piece.id] = sum(self.leaves[k] for k in kids) or 1
        self.custody[node.piece.id] = (bool(node.financings) or node.piece.id in self._pooled
                                       or any(self.custody[k] for k in kids))

    def rank(self, node: TreeNode) -> tuple:
        """Most telling first: reaches the deepest tiers, was financed or pooled, is the largest."""
        i = node.piece.id
        return -self.height[i], not self.custody[i], -node.piece.original_value, i

    def choose(self, node: TreeNode, budget: int) -> _Shown:
        kids = sorted(node.children, key=self.rank)
        if len(kids) <= budget:
            shown, hidden = kids, []
        else:
            shown, hidden = kids[:budget - 1], kids[budget - 1:]
        free = budget - len(shown) - (1 if hidden else 0)
        allotted: dict[int, int] = {}
        for kid in shown:
            extra = min(free, self.leaves[kid.piece.id] - 1)
            allotted[kid.piece.id], free = 1 + extra, free - extra
        children = [self.choose(kid, allotted[kid.piece.id]) for kid in sorted(shown, key=lambda k: k.piece.id)]
        if hidden:
            children.append(_Shown(None, sorted(hidden, key=lambda k: k.piece.id), []))
        return _Shown(node, [], children)


def _legend(tiers: list[int], y: float) -> list[Swatch]:
    entries = [(tier_colour(t), PLAIN_BORDER, 1.0, False, f"tier {t}") for t in tiers]
    entries += [("white", FINANCED_BORDER, 2.5, False, "financed (discounted at a bank)"),
                ("white", POOLED_BORDER, 2.5, False, "pooled (in a securitization pool)"),
                ("white", GROUP_BORDER, 1.2, True, "several pieces in one box")]
    swatches, x = [], float(MARGIN)
    for fill, border, stroke, dashed, text in entries:
        label = Label(x + SWATCH[0] + 6, y + 11, text, LEGEND_FONT_SIZE)
        swatches.append(Swatch(x, y, fill, border, stroke, dashed, label))
        x = label.rect[2] + 22
    return swatches


def layout(tree: CreditTree, max_columns: int = MAX_COLUMNS) -> Layout:
    shown = _Chooser(tree.top, set(tree.pools)).choose(tree.top, max_columns)
    depth: dict[int, int] = {}
    lines: dict[int, list[str]] = {}
    edge_labels: dict[int, str] = {}

    def visit(item: _Shown, level: int) -> None:
        depth[id(item)] = level
        lines[id(item)] = tree.node_lines(item.node) if item.node is not None else tree.group_lines(item.members)
        for child in item.children:
            edge_labels[id(child)] = (tree.edge_label(child.node) if child.node is not None
                                      else tree.group_edge_label(child.members))
            visit(child, level + 1)

    visit(shown, 0)
    row_height: dict[int, float] = {}
    for key, level in depth.items():
        row_height[level] = max(row_height.get(level, 0), 2 * PADDING + LINE_HEIGHT * len(lines[key]))
    widest_text = max([text_width(text[0], FONT_SIZE, True) for text in lines.values()]
                      + [text_width(line, FONT_SIZE) for text in lines.values() for line in text[1:]])
    widest_edge = max((text_width(label, EDGE_FONT_SIZE) for label in edge_labels.values()), default=0)
    box_width = max(MIN_BOX_WIDTH, 2 * PADDING + widest_text, widest_edge)
    row_top = {0: float(TITLE_HEIGHT)}
    for level in range(1, max(row_height) + 1):
        row_top[level] = row_top[level - 1] + row_height[level - 1] + V_GAP

    boxes: dict[int, Box] = {}
    next_slot = [0]

    def place(item: _Shown) -> float:
        """Place the subtree; returns the item's x."""
        if item.children:
            xs = [place(child) for child in item.children]
            x = (xs[0] + xs[-1]) / 2
        else:
            x = MARGIN + next_slot[0] * (box_width + H_GAP)
            next_slot[0] += 1
        text = lines[id(item)]
        if item.node is not None:
            tier = creation_tier(item.node.piece)
            financed, pooled = bool(item.node.financings), item.node.piece.id in tree.pools
        else:
            tier, financed, pooled = min(creation_tier(m.piece) for m in item.members), False, False
        boxes[id(item)] = Box(item.node, x, row_top[depth[id(item)]], box_width,
                              2 * PADDING + LINE_HEIGHT * len(text), text, tier, item.members, financed, pooled)
        return x

    place(shown)
    edges = [Edge(boxes[id(item)], boxes[id(child)], edge_labels[id(child)])
             for item in shown.walk() for child in item.children]
    bottom = max(b.y + b.height for b in boxes.values())
    legend = _legend(sorted({b.tier for b in boxes.values()}), bottom + 24)
    drawn = list(boxes.values())
    heading = heading_labels(tree.title, tree.subtitle)
    width = max([MARGIN + next_slot[0] * (box_width + H_GAP) - H_GAP + MARGIN, 760.0]
                + [label.rect[2] + MARGIN for label in heading + [s.label for s in legend]])
    hidden = sum(1 for b in drawn for m in b.members for _ in m.walk())
    return Layout(tree.title, tree.subtitle, sorted(drawn, key=lambda b: (b.y, b.x)), edges, width,
                  bottom + 24 + LEGEND_HEIGHT, bottom + 24, legend, hidden)
