#!/usr/bin/env python3
"""Static-analysis gate: reads Slither's JSON output and the ERC-721 check, applies the committed
triage (slither.triage.json) and prints a summary.

Exits non-zero when Slither did not run cleanly, when a High or Medium finding is not triaged, or
when slither-check-erc reports a failure. Low / Informational / Optimization findings are shown
but do not fail the gate.

A triage entry names a detector (`check`), the places it applies to (`where`: qualified names
such as "Settlement.repay", "IFinancingMarket.FeeSet" or "ReceivableToken._deduct.total", taken
from the finding's first element), optionally substrings the finding's text must contain
(`match`, line numbers stripped) and one line of reasoning (`reason`). Entries never refer to line
numbers, so they survive edits elsewhere in a file; a new finding in a new place is untriaged.

Standard library only (runs with any Python 3.8+).
"""
import argparse
import json
import re
import sys
from collections import Counter

IMPACTS = ["High", "Medium", "Low", "Informational", "Optimization"]
GATING = {"High", "Medium"}
LINE_REF = re.compile(r"\s*\([^()\s]*#\d+(?:-\d+)?\)")


def qualified_name(element):
    """Contract.function / Contract.event / Contract.function.local of a Slither result element."""
    parts = []
    node = element
    while node:
        name = node.get("name")
        if name and node.get("type") != "node":
            parts.append(name)
        node = node.get("type_specific_fields", {}).get("parent")
    return ".".join(reversed(parts))


def subject(result):
    """The finding's place: the qualified name of its first function/variable/event element."""
    for element in result.get("elements", []):
        if element.get("type") in ("function", "variable", "event", "contract", "struct", "enum", "modifier"):
            return qualified_name(element)
    return "?"


def text(result):
    return LINE_REF.sub("", result.get("description", "")).strip()


def one_line(result, width=170):
    """First line of the description; a trailing "...:" gets the first item that follows."""
    lines = [part.strip(" \t-") for part in text(result).splitlines() if part.strip()]
    line = lines[0] if lines else ""
    for nxt in lines[1:3]:
        if not line.endswith(":"):
            break
        line = f"{line} {nxt}"
    return line if len(line) <= width else line[: width - 1] + "…"


def load_triage(path):
    with open(path, encoding="utf8") as f:
        data = json.load(f)
    entries = data["findings"] if isinstance(data, dict) else data
    problems = []
    for i, entry in enumerate(entries):
        if not entry.get("check") or not entry.get("where") or not str(entry.get("reason", "")).strip():
            problems.append(f"triage entry #{i + 1} needs check, where and reason: {entry}")
        if isinstance(entry.get("where"), str):
            entry["where"] = [entry["where"]]
        if isinstance(entry.get("match"), str):
            entry["match"] = [entry["match"]]
    return entries, problems


def triage_of(result, entries):
    where, body = subject(result), text(result)
    for entry in entries:
        if entry["check"] != result["check"] or where not in entry["where"]:
            continue
        if all(m in body for m in entry.get("match", [])):
            return entry
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--slither", default="reports/slither.json", help="slither --json output")
    ap.add_argument("--erc", default="reports/slither-erc721.json", help="slither-check-erc --json output")
    ap.add_argument("--erc-contract", default="ReceivableToken")
    ap.add_argument("--triage", default="slither.triage.json")
    ap.add_argument("--no-triage", action="store_true", help="show every finding as open (the 'before' view)")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table of the findings and exit")
    args = ap.parse_args()

    failures = []
    with open(args.slither, encoding="utf8") as f:
        report = json.load(f)
    if not report.get("success", False):
        failures.append(f"Slither did not run cleanly: {report.get('error')}")
    results = (report.get("results") or {}).get("detectors", [])

    entries, problems = ([], []) if args.no_triage else load_triage(args.triage)
    failures += problems
    used = Counter()
    rows = []  # (impact, check, where, line, entry)
    for r in results:
        entry = triage_of(r, entries)
        if entry is not None:
            used[id(entry)] += 1
        rows.append((r["impact"], r["check"], subject(r), one_line(r), entry, r["confidence"]))
    rows.sort(key=lambda x: (IMPACTS.index(x[0]), x[1], x[2]))

    if args.markdown:
        print("| impact | confidence | detector | where | finding | triage |")
        print("|---|---|---|---|---|---|")
        for impact, check, where, line, entry, conf in rows:
            verdict = entry["reason"] if entry else "**open**"
            print(f"| {impact} | {conf} | `{check}` | `{where}` | {line.replace('|', '/')} | {verdict} |")
        return 0

    # ---- summary ----
    found = Counter(x[0] for x in rows)
    triaged = Counter(x[0] for x in rows if x[4])
    print()
    print("Slither findings (node_modules/ and contracts/testing/ filtered; see slither.config.json)")
    print(f"  {'impact':<14}{'found':>6}{'triaged':>9}{'open':>6}")
    for impact in IMPACTS:
        n, t = found[impact], triaged[impact]
        flag = "  <- gate" if impact in GATING and n - t else ""
        print(f"  {impact:<14}{n:>6}{t:>9}{n - t:>6}{flag}")
    print(f"  {'total':<14}{len(rows):>6}{sum(triaged.values()):>9}{len(rows) - sum(triaged.values()):>6}")

    open_rows = [x for x in rows if not x[4]]
    if open_rows:
        print("\nOpen findings (High/Medium fail the gate; the rest are for information):")
        for impact, check, _where, line, _, _ in open_rows:
            print(f"  [{impact}] {check}: {line}")
    if rows and not args.no_triage:
        print("\nTriaged (slither.triage.json; reasoning in docs/static-analysis.md):")
        by_entry = Counter()
        for impact, check, _where, _line, entry, _ in rows:
            if entry:
                by_entry[(impact, check, entry["reason"])] += 1
        for (impact, check, reason), n in sorted(by_entry.items(), key=lambda k: IMPACTS.index(k[0][0])):
            print(f"  [{impact}] {check} x{n}: {reason}")
    stale = [e for e in entries if not used[id(e)]]
    for e in stale:
        print(f"\nnote: triage entry matches nothing now (remove it?): {e['check']} {e['where']}")

    for impact, check, where, _line, entry, _ in rows:
        if impact in GATING and not entry:
            failures.append(f"untriaged {impact} finding: {check} in {where}")

    # ---- ERC-721 conformance ----
    print(f"\nERC-721 conformance of {args.erc_contract} (slither-check-erc):")
    try:
        with open(args.erc, encoding="utf8") as f:
            erc = json.load(f)
    except (OSError, ValueError) as err:
        erc = None
        failures.append(f"no slither-check-erc result ({err})")
    if erc is not None:
        if not erc.get("success", False) or erc.get("error"):
            failures.append(f"slither-check-erc failed: {erc.get('error')}")
        conformance = (erc.get("results") or {}).get("erc-conformance")
        if conformance is None:
            failures.append("slither-check-erc wrote no conformance result (contract not found?)")
        else:
            issues = [(kind, item) for kind, items in conformance.items() for item in items]
            for kind, item in issues:
                desc = item.get("description", item) if isinstance(item, dict) else item
                print(f"  FAIL {kind}: {str(desc).strip()}")
                failures.append(f"ERC-721 {kind}")
            if not issues:
                print("  all functions, return types, view-ness, emitted events and indexed parameters conform")

    print()
    if failures:
        for f in failures:
            print(f"FAIL: {f}")
        return 1
    print("PASS: no open High/Medium finding, ERC-721 conformant")
    return 0


if __name__ == "__main__":
    sys.exit(main())
