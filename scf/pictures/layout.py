"""Where each piece of a credit-penetration tree goes in a picture (shared by SVG and PNG).

Top-down tidy tree: leaves side by side in order, each parent centred over its children, one
row per generation (as tall as its tallest box). Units are pixels at 100 dpi."""

from dataclasses import dataclass

from scf.reporting.tree import CreditTree, TreeNode

MIN_BOX_WIDTH = 230
CHAR_WIDTH = 6.6           # DejaVu Sans at 12 px, a little generous (measured about 6.2)
TITLE_CHAR_WIDTH = 11.6    # the 17 px bold title (measured about 11.3)
LINE_HEIGHT = 16
PADDING = 10
H_GAP = 36
V_GAP = 64
MARGIN = 28
TITLE_HEIGHT = 70
LEGEND_HEIGHT = 40

TIER_COLOURS = ("#dbeafe", "#dcfce7", "#fef9c3", "#fde2e2", "#ede9fe", "#e0f2fe")
FINANCED_BORDER = "#c2410c"
PLAIN_BORDER = "#475569"


def tier_colour(tier: int) -> str:
    return TIER_COLOURS[(max(tier, 1) - 1) % len(TIER_COLOURS)]


@dataclass
class Box:
    node: TreeNode
    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    tier: int

    @property
    def financed(self) -> bool:
        return bool(self.node.financings)

    @property
    def fill(self) -> str:
        return tier_colour(self.tier)

    @property
    def border(self) -> str:
        return FINANCED_BORDER if self.financed else PLAIN_BORDER

    @property
    def top_centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y

    @property
    def bottom_centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height


@dataclass
class Edge:
    parent: Box
    child: Box
    label: str


@dataclass
class Layout:
    title: str
    subtitle: str
    boxes: list[Box]
    edges: list[Edge]
    width: float
    height: float
    legend_y: float


def _depths(node: TreeNode, depth: int, out: dict[int, int]) -> None:
    out[node.piece.id] = depth
    for child in node.children:
        _depths(child, depth + 1, out)


def layout(tree: CreditTree) -> Layout:
    depth_of: dict[int, int] = {}
    _depths(tree.top, 0, depth_of)
    lines = {n.piece.id: tree.node_lines(n) for n in tree.top.walk()}
    row_height: dict[int, float] = {}
    for piece_id, depth in depth_of.items():
        row_height[depth] = max(row_height.get(depth, 0), 2 * PADDING + LINE_HEIGHT * len(lines[piece_id]))
    longest = max(len(line) for text in lines.values() for line in text)
    box_width = max(MIN_BOX_WIDTH, 2 * PADDING + CHAR_WIDTH * longest)
    row_top = {0: float(TITLE_HEIGHT)}
    for depth in range(1, max(row_height) + 1):
        row_top[depth] = row_top[depth - 1] + row_height[depth - 1] + V_GAP

    boxes: dict[int, Box] = {}
    next_slot = [0]

    def place(node: TreeNode) -> float:
        """Place the subtree; returns the node's x."""
        if node.children:
            xs = [place(child) for child in node.children]
            x = (xs[0] + xs[-1]) / 2
        else:
            x = MARGIN + next_slot[0] * (box_width + H_GAP)
            next_slot[0] += 1
        text = lines[node.piece.id]
        tier = node.piece.holders[0].tier if node.piece.holders else node.piece.tier
        boxes[node.piece.id] = Box(node, x, row_top[depth_of[node.piece.id]], box_width,
                                   2 * PADDING + LINE_HEIGHT * len(text), text, tier)
        return x

    place(tree.top)
    edges = [Edge(boxes[n.piece.id], boxes[c.piece.id], tree.edge_label(c))
             for n in tree.top.walk() for c in n.children]
    width = max(MARGIN + next_slot[0] * (box_width + H_GAP) - H_GAP + MARGIN, 760,
                2 * MARGIN + TITLE_CHAR_WIDTH * len(tree.title), 2 * MARGIN + CHAR_WIDTH * len(tree.subtitle))
    bottom = max(b.y + b.height for b in boxes.values())
    return Layout(tree.title, tree.subtitle, sorted(boxes.values(), key=lambda b: b.node.piece.id), edges,
                  width, bottom + 24 + LEGEND_HEIGHT, bottom + 24)
