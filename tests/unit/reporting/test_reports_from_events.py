"""Reports from a hand-written event history: aging buckets, claimable amounts, costs, totals,
the tree's tiers and its pictures."""

import pytest

from scf.indexer.decoding import Event
from scf.pictures import render_tree
from scf.reporting.aging import aging
from scf.reporting.costs import costs
from scf.reporting.model import PlatformState
from scf.reporting.portfolio import portfolio
from scf.reporting.totals import totals
from scf.reporting.tree import credit_tree
from scf.units import DAY

T0 = 1_780_000_000
ZERO = "0x" + "00" * 20
CORE, S1, S2, BANK = ("0x" + c * 40 for c in "abcd")


class History:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, contract: str, event: str, at: int, **args) -> None:
        n = len(self.events)
        self.events.append(Event(n + 1, 0, f"0x{n:064x}", f"0x{n:064x}", contract, event, args, at))


@pytest.fixture
def history() -> History:
    h = History()
    for address, name, roles in ((CORE, "Core Co", 1), (S1, "Tier One", 2), (S2, "Tier Two", 2), (BANK, "Bank", 8)):
        h.add("AllianceRegistry", "EnterpriseRegistered", T0, account=address, idHash="0x", roles=roles, name=name)
        h.add("AllianceRegistry", "EnterpriseCertified", T0, account=address, roles=roles)
    h.add("AllianceRegistry", "AllianceCreated", T0, allianceId=1, core=CORE, name="Chain", gracePeriod=10 * DAY)
    h.add("AllianceRegistry", "AllianceStarted", T0, allianceId=1)
    # root 1: 1000 due in 100 days; 400 split to tier 2, which sells it with recourse
    h.add("ReceivableToken", "Transfer", T0, **{"from": ZERO, "to": S1, "tokenId": 1})
    h.add("ReceivableToken", "ReceivableIssued", T0, rootId=1, tradeId=1, obligor=CORE, faceValue=1000,
          maturity=T0 + 100 * DAY, allianceId=1)
    h.add("ReceivableToken", "Transfer", T0 + DAY, **{"from": ZERO, "to": S2, "tokenId": 2})
    h.add("ReceivableToken", "PieceSplit", T0 + DAY, parentId=1, childId=2, to=S2, value=400, tier=2)
    h.add("ReceivableToken", "Transfer", T0 + 10 * DAY, **{"from": S2, "to": BANK, "tokenId": 2})
    h.add("FinancingMarket", "PieceFinanced", T0 + 10 * DAY, pieceId=2, boughtPieceId=2, financier=BANK, seller=S2,
          amount=400, price=390, fee=1, rateBps=1000, recourse=True, offerRef="0x" + "00" * 31 + "07")
    # root 3: 500 due in 20 days, never paid, marked overdue
    h.add("ReceivableToken", "Transfer", T0, **{"from": ZERO, "to": S1, "tokenId": 3})
    h.add("ReceivableToken", "ReceivableIssued", T0, rootId=3, tradeId=2, obligor=CORE, faceValue=500,
          maturity=T0 + 20 * DAY, allianceId=1)
    h.add("Settlement", "MarkedOverdue", T0 + 31 * DAY, rootId=3, by=CORE)
    # half of root 1 repaid early; the bank claims part of its share
    h.add("Settlement", "Repaid", T0 + 40 * DAY, rootId=1, payer=CORE, amount=500, totalRepaid=500)
    h.add("ReceivableToken", "RootFrozen", T0 + 40 * DAY, rootId=1, by=CORE)
    h.add("Settlement", "Claimed", T0 + 41 * DAY, pieceId=2, rootId=1, holder=BANK, amount=150, closed=False)
    return h


def state_at(history: History, days: int) -> PlatformState:
    return PlatformState.from_events(history.events, now=T0 + days * DAY)


def test_aging_buckets_per_obligor(history):
    report = aging(state_at(history, 50))
    (row,) = report.rows
    assert row.obligor == CORE and row.open_roots == 2 and row.outstanding == 1000
    assert dict(row.buckets) == {"31-90 d": 500, "overdue": 500}
    assert "Core Co" in report.text(detail=True)

    later = aging(state_at(history, 101))             # root 1 now past due, not yet marked
    assert dict(later.rows[0].buckets) == {"past due": 500, "overdue": 500}


def test_portfolio_claimable_follows_repayments(history):
    state = state_at(history, 50)
    bank = portfolio(state, "Bank")
    (position,) = bank.positions
    assert (position.piece.id, position.piece.value, position.claimable) == (2, 400, 400 * 500 // 1000 - 150)
    assert bank.bought == 390 and bank.claimed == 150
    tier_one = portfolio(state, "Tier One")
    assert {p.piece.id: p.claimable for p in tier_one.positions} == {1: 300, 3: 0}
    assert [p.status for p in tier_one.positions] == ["current", "overdue"]
    with pytest.raises(LookupError, match="more than one"):
        portfolio(state, "Tier")


def test_costs_per_seller(history):
    (seller,) = costs(state_at(history, 50)).sellers
    assert seller.seller == S2 and seller.value == 400 and seller.received == 389 and seller.cost == 11
    assert seller.average_days == 90
    assert seller.annual_cost == pytest.approx(11 / (389 * 90 / 365))


def test_totals(history):
    board = totals(state_at(history, 50))
    assert board.value("roots issued") == "2"
    assert board.value("outstanding") == "0.001000"        # 1000 base units = 0.001 of a unit
    assert board.value("roots overdue") == "1"
    assert board.value("highest tier reached") == "2"      # the sale to the bank is custody, not a tier


def test_tree_tiers_and_pictures(history, tmp_path):
    tree = credit_tree(state_at(history, 50), 1)
    assert [(t.tier, t.enterprises, t.received, t.passed_on, t.financed, t.kept) for t in tree.tiers] == [
        (1, ["Tier One"], 1000, 400, 0, 600), (2, ["Tier Two"], 400, 0, 400, 0)]
    assert "financed by Bank" in tree.text()
    written = render_tree(tree, tmp_path, ("svg", "html"))
    svg = written["svg"].read_text()
    assert svg.startswith("<svg") and "piece #2 · tier 2" in svg and "financed by Bank" in svg
    html = written["html"].read_text()
    assert "<svg" in html and "Which tier received how much" in html and "http" not in html.replace(
        "http://www.w3.org/2000/svg", "")                      # self-contained: nothing to fetch
    with pytest.raises(LookupError, match="no root #9"):
        credit_tree(tree.state, 9)


def test_png_picture(history, tmp_path):
    pytest.importorskip("matplotlib")
    path = render_tree(credit_tree(state_at(history, 50), 1), tmp_path, ("png",))["png"]
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


# ---------------------------------------------------------------- --format csv | json


def _cli_report(monkeypatch, capsys, state: PlatformState, argv: list[str]) -> str:
    from scf import cli

    monkeypatch.setattr(cli, "_state", lambda args: state)
    assert cli.main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [["totals"], ["portfolio", "tier_two"], ["aging", "--detail"], ["costs", "--deals"],
                                  ["tree", "1", "--pictures", ""]])
def test_every_report_as_json_with_exact_base_units(history, monkeypatch, capsys, argv):
    import json

    document = json.loads(_cli_report(monkeypatch, capsys, state_at(history, 50), argv + ["--format", "json"]))
    assert document["report"] == argv[0] and document["as_of"] == "2026-07-17"
    tables = {k: v for k, v in document.items() if isinstance(v, list)}
    assert tables and all(isinstance(row, dict) for rows in tables.values() for row in rows)
    if argv[0] == "costs":
        (deal,) = document["financings"]
        assert (deal["value"], deal["financier_paid"], deal["fee"], deal["seller_received"]) == (400, 390, 1, 389)
    if argv[0] == "aging":
        assert document["obligors"][0]["outstanding"] == 1000 and document["obligors"][0]["overdue"] == 500
    if argv[0] == "tree":
        assert [p["piece"] for p in document["pieces"]] == [1, 2]


def test_reports_as_csv_one_table_or_sections(history, monkeypatch, capsys):
    import csv
    import io

    state = state_at(history, 50)
    totals_rows = list(csv.reader(io.StringIO(_cli_report(monkeypatch, capsys, state, ["totals", "--format", "csv"]))))
    assert totals_rows[0] == ["area", "measure", "value"] and ["receivables", "roots issued", "2"] in totals_rows
    portfolio_csv = _cli_report(monkeypatch, capsys, state, ["portfolio", "Tier One", "--format", "csv"])
    rows = [r for r in csv.reader(io.StringIO(portfolio_csv)) if r]
    assert rows[0][:3] == ["section", "piece", "root"]
    assert {r[0] for r in rows if r[0] != "section"} == {"positions", "cash_flows"}


def test_regression_period_changes_apply_only_to_maturities_from_effective_from(history):
    """issue 10 item 5 (reporting): the contracts apply a grace or default period change only to maturities at least
    `effectiveFrom` (set + 366 days) later (Checkpoints); the model applied it at once, so a
    report showed a root's grace and default periods changed retroactively by the core (or
    operator). Now a root keeps the periods in force at its maturity, as
    gracePeriodFor(allianceId, maturity) and defaultPeriodFor(maturity) do."""
    delay = 366 * DAY
    h = history
    h.add("AllianceRegistry", "GracePeriodSet", T0 + 5 * DAY, allianceId=1, gracePeriod=60 * DAY,
          effectiveFrom=T0 + 5 * DAY + delay)
    h.add("AllianceRegistry", "GracePeriodSet", T0 + 5 * DAY, allianceId=1, gracePeriod=90 * DAY,
          effectiveFrom=T0 + 5 * DAY + delay)           # same moment: replaces the previous change
    h.add("Settlement", "DefaultPeriodSet", T0 + 6 * DAY, defaultPeriod=7 * DAY, effectiveFrom=T0 + 6 * DAY + delay)
    state = state_at(h, 50)
    roots = (state.roots[1], state.roots[3])               # mature in 100 and 20 days: before any change
    assert [state.grace_period(r) for r in roots] == [10 * DAY, 10 * DAY]
    assert [state.default_period(r) for r in roots] == [30 * DAY, 30 * DAY]   # the deployment's DEFAULT_PERIOD
    alliance = state.alliances[1]
    assert alliance.grace_period == 90 * DAY               # the latest set, as allianceInfo shows it
    cases = {T0 + 5 * DAY + delay - 1: 10 * DAY, T0 + 5 * DAY + delay: 90 * DAY, T0 + 2 * delay: 90 * DAY}
    assert {m: alliance.grace_period_for(m) for m in cases} == cases
    assert [state.default_period_for(m) for m in (T0 + 6 * DAY + delay - 1, T0 + 6 * DAY + delay)] == [30 * DAY,
                                                                                                      7 * DAY]
