"""Pictures of a large root from a hand-written history (issue 12, "Pictures do not scale"): a
50-sibling, 5-tier tree stays within a bounded width with no two texts overlapping, money is
named as it moved (financier paid / seller received, in the root's currency), and custody
(financed, pooled) never reads as a tier."""

import itertools
import re
from dataclasses import replace

import pytest
from test_reports_from_events import T0, ZERO, History

from scf.pictures import render_tree
from scf.pictures.layout import MAX_COLUMNS, Layout, layout
from scf.reporting.model import PlatformState
from scf.reporting.tree import CreditTree, credit_tree
from scf.units import DAY, to_base

CORE, TIER1, BANK, POOL, CASH = ("0x" + c * 40 for c in "abcde")
SUPPLIERS = [f"0x{i + 1:040x}" for i in range(10)]                # tier 2, paid in turn
DEEP = [f"0x{0x100 + i:040x}" for i in range(3)]                 # tiers 3, 4 and 5
SIBLINGS = 50
FACE = to_base(5_000_000)
SIBLING_VALUE = to_base(50_000)
SALE = to_base(600_000)
PRICE, FEE = to_base("589742.47"), to_base("589.75")              # the numbers: seller got 589,152.72


def _mint(h: History, at: int, to: str, piece_id: int) -> None:
    h.add("ReceivableToken", "Transfer", at, **{"from": ZERO, "to": to, "tokenId": piece_id})


def _split(h: History, at: int, parent: int, child: int, to: str, value: int, tier: int) -> None:
    _mint(h, at, to, child)
    h.add("ReceivableToken", "PieceSplit", at, parentId=parent, childId=child, to=to, value=value, tier=tier)


def large_history() -> History:
    """Root #1 of 5,000,000: tier 1 pays 50 tier-2 pieces; piece #2 reaches tiers 3, 4 and 5; tier 1
    sells 600,000 of its own piece to the bank (piece #56), a tier-2 supplier sells piece #5 whole,
    another pools piece #3."""
    h = History()
    names = [(CORE, "Core Co", 1), (TIER1, "Tier-1 Components Ltd", 2), (BANK, "Bank A", 8)]
    names += [(a, f"Tier-2 Supplier {i}", 2) for i, a in enumerate(SUPPLIERS)]
    names += [(a, f"Tier-{i + 3} Workshop", 2) for i, a in enumerate(DEEP)]
    for address, name, roles in names:
        h.add("AllianceRegistry", "EnterpriseRegistered", T0, account=address, idHash="0x", roles=roles, name=name)
        h.add("AllianceRegistry", "EnterpriseCertified", T0, account=address, roles=roles)
    h.add("AllianceRegistry", "AllianceCreated", T0, allianceId=1, core=CORE, name="Chain", gracePeriod=10 * DAY)
    h.add("TradeRegistry", "TradeSubmitted", T0, tradeId=1, allianceId=1, seller=TIER1, buyer=CORE, currency=CASH,
          amount=FACE, invoiceHash="0x", orderHash="0x", deliveryHash="0x")
    _mint(h, T0, TIER1, 1)
    h.add("ReceivableToken", "ReceivableIssued", T0, rootId=1, tradeId=1, obligor=CORE, faceValue=FACE,
          maturity=T0 + 180 * DAY, allianceId=1)
    for i in range(SIBLINGS):                                         # pieces #2 .. #51
        _split(h, T0 + DAY, 1, 2 + i, SUPPLIERS[i % len(SUPPLIERS)], SIBLING_VALUE, 2)
    for tier, (parent, child) in enumerate(((2, 52), (52, 53), (53, 54)), start=3):
        _split(h, T0 + tier * DAY, parent, child, DEEP[tier - 3], SIBLING_VALUE // (2 ** (tier - 2)), tier)
    _split(h, T0 + 10 * DAY, 54, 55, DEEP[2], to_base(1_000), 5)       # tier 5 splits off a piece it keeps
    _split(h, T0 + 12 * DAY, 1, 56, BANK, SALE, 1)                     # a partial sale: the bank's piece
    h.add("FinancingMarket", "PieceFinanced", T0 + 12 * DAY, pieceId=1, boughtPieceId=56, financier=BANK,
          seller=TIER1, amount=SALE, price=PRICE, fee=FEE, rateBps=450, recourse=False, offerRef="0x" + "00" * 32)
    h.add("ReceivableToken", "Transfer", T0 + 13 * DAY, **{"from": SUPPLIERS[3], "to": BANK, "tokenId": 5})
    h.add("FinancingMarket", "PieceFinanced", T0 + 13 * DAY, pieceId=5, boughtPieceId=5, financier=BANK,
          seller=SUPPLIERS[3], amount=SIBLING_VALUE, price=to_base(49_000), fee=to_base(49), rateBps=500,
          recourse=True, offerRef="0x" + "00" * 32)
    h.add("SecuritizationPool", "PoolCreated", T0 + 14 * DAY, poolId=1, originator=SUPPLIERS[1], currency=CASH,
          allianceId=1)
    h.add("ReceivableToken", "Transfer", T0 + 14 * DAY, **{"from": SUPPLIERS[1], "to": POOL, "tokenId": 3})
    h.add("SecuritizationPool", "PieceAdded", T0 + 14 * DAY, poolId=1, pieceId=3, obligor=CORE, value=SIBLING_VALUE,
          maturity=T0 + 180 * DAY)
    return h


@pytest.fixture(scope="module")
def large() -> PlatformState:
    return PlatformState.from_events(large_history().events, now=T0 + 20 * DAY)


@pytest.fixture(scope="module")
def tree(large) -> CreditTree:
    return credit_tree(large, 1, {CASH: "dCNY"})


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def _box_of(lay: Layout, piece_id: int):
    (box,) = [b for b in lay.boxes if b.node is not None and b.node.piece.id == piece_id]
    return box


def test_regression_fifty_siblings_and_five_tiers_fit_a_bounded_picture(tree, tmp_path):
    """issue 12 item 7: a 49-way split drew a 32,281 x 819 px picture with overlapping labels. Now
    at most MAX_COLUMNS columns: the siblings that reach deeper tiers or were financed or pooled
    are drawn, the others stand in one "+ N more pieces" box; every text stays clear of the others
    and of every box but its own, and the HTML page still lists every piece."""
    lay = layout(tree)
    leaves = [b for b in lay.boxes if not any(e.parent is b for e in lay.edges)]
    assert len(leaves) == MAX_COLUMNS and lay.width <= 4_000 and lay.height <= 1_400
    svg = render_tree(tree, tmp_path, ("svg",))["svg"].read_text()
    width, height = (float(v) for v in re.search(r"width='(\d+)' height='(\d+)'", svg).groups())
    assert (width, height) == (round(lay.width), round(lay.height))

    labels = lay.labels
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a.rect, b.rect), (a.text, b.text)
    for label in labels:
        assert _inside(label.rect, (0, 0, lay.width, lay.height)), label.text
    for a, b in itertools.combinations(lay.boxes, 2):
        assert not _overlap(a.rect, b.rect)
    for box in lay.boxes:
        for line in box.line_labels():
            assert _inside(line.rect, box.rect), line.text
    for edge in lay.edges:
        assert not any(_overlap(edge.text_label().rect, box.rect) for box in lay.boxes), edge.label

    assert {f"tier {t}" for t in range(1, 6)} <= {s.label.text for s in lay.legend}
    (group,) = [b for b in lay.boxes if b.group]
    drawn = {b.node.piece.id for b in lay.boxes if b.node is not None}
    assert {1, 2, 52, 53, 54, 55, 56, 5, 3} <= drawn                  # the deepest chain, the financed, the pooled
    hidden = SIBLINGS - len([p for p in drawn if 2 <= p <= 51])
    assert group.lines[0] == f"+ {hidden} more pieces · tier 2" and lay.hidden == hidden
    assert group.lines[1] == f"total {hidden * 50_000:,}.00 dCNY"
    assert len(lay.boxes) == len(drawn) + 1

    html = render_tree(tree, tmp_path, ("html",))["html"].read_text()
    table = html[html.index("<h2>Every piece</h2>"):]
    assert all(f"<td>#{piece_id}</td>" in table for piece_id in range(1, 57))


def test_regression_money_named_as_it_moved_in_the_roots_currency(tree, large):
    """issue 12 item 7: the picture said "paid 589,152.72" where the bank paid 589,742.47 and the
    seller received the former, and showed no currency after the title. Now a financing reads
    "financier paid" (price) and "seller received" (price - fee), each amount with the currency."""
    lay = layout(tree)
    bank_box = _box_of(lay, 56)
    assert "  financier paid 589,742.47 dCNY" in bank_box.lines
    assert "  seller received 589,152.72 dCNY" in bank_box.lines
    assert not any("paid 589,152.72" in line for box in lay.boxes for line in box.lines)
    assert lay.title == "Root #1: 5,000,000.00 dCNY owed by Core Co, due 2026-11-24"
    assert "600,000.00 dCNY" in bank_box.lines[1]
    assert "sold 600,000.00 dCNY · 2026-06-09" in {e.label for e in lay.edges}
    assert "financier paid 589,742.47 dCNY" in tree.text() and "seller received" in tree.text()

    unnamed = credit_tree(large, 1)                                   # no symbol known: a short address
    assert unnamed.currency == "0xeeee…eeee" and "5,000,000.00 0xeeee…eeee" in unnamed.title


def test_regression_custody_is_not_a_tier(tree):
    """issue 12 item 7 / "the credit tree shows custody (financed, pooled) without calling it a
    tier": the bank's piece and the pooled piece keep their seller's tier and say who holds them."""
    lay = layout(tree)
    bank, whole, pooled = _box_of(lay, 56), _box_of(lay, 5), _box_of(lay, 3)
    assert bank.lines[0] == "piece #56 · tier 1" and bank.financed and "held by Bank A (financier)" in bank.lines
    assert whole.lines[0] == "piece #5 · tier 2" and "financed by Bank A 2026-06-10" in whole.lines
    assert pooled.lines[0] == "piece #3 · tier 2" and pooled.pooled
    assert "pooled in pool #1 (building)" in pooled.lines
    assert "held by pool #1 (pooled by Tier-2 Supplier 1)" in pooled.lines
    assert max(b.tier for b in lay.boxes) == 5 and "tier 6" not in {s.label.text for s in lay.legend}


def test_png_of_the_large_tree_is_bounded(tree, tmp_path):
    pytest.importorskip("matplotlib")
    data = render_tree(tree, tmp_path, ("png",))["png"].read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert abs(width - layout(tree).width * 1.5) <= 1 and width <= 6_000 and height <= 2_100


def test_regression_the_currency_symbol_comes_from_the_index(large, tmp_path):
    """issue 12 left out: "the currency shows as a short address, not its symbol: the index has no
    symbol". The indexer reads symbol() once into the index; the tree and its pictures use it."""
    indexed = replace(large, currencies={CASH.lower(): ("sCNY", 6)})
    tree = credit_tree(indexed, 1)
    assert tree.currency == "sCNY" and tree.title.startswith("Root #1: 5,000,000.00 sCNY owed by")
    written = render_tree(tree, tmp_path, ("svg", "html"))
    assert "0xeeee" not in written["svg"].read_text() and "sCNY" in written["svg"].read_text()
    assert "amounts in sCNY" in written["html"].read_text()
    assert credit_tree(indexed, 1, {CASH: "dCNY"}).currency == "dCNY"      # a symbol the caller names wins
