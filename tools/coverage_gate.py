#!/usr/bin/env python3
"""Coverage gate: per-contract statement and branch coverage of the platform contracts, from the
report `brownie test --coverage` writes (reports/coverage.json), and a threshold on total branch
coverage.

    .venv/bin/python tools/coverage_gate.py --min-branch 80

What counts (the same units as brownie's own report):
  * statements: each statement brownie maps; covered when it executed;
  * branches: each conditional jump brownie maps (if / require / revert conditions, loop tests);
    it has two outcomes and counts as 0, 1 or 2 covered outcomes (brownie: red, yellow/orange,
    green), so branch % = covered outcomes / (2 x branches).
Which code: every source file under contracts/ except brownie-config.yaml's
`reports: exclude_paths` (contracts/testing/**: mocks, attackers). Interfaces have no code;
OpenZeppelin under node_modules/ is not ours and is left out. The universe comes from the
compiler artifacts in build/contracts/ (coverageMap), so a contract that no test touched counts
with 0 %. A library compiled into several contracts (Discounting) counts once: a statement is
covered if it ran in any of them, a branch takes the best of them.

Exit status: 0 when total branch coverage >= --min-branch (and, if given, total statement
coverage >= --min-statement); 1 below; 2 when the report is missing or holds no coverage at all
(Anvil must run with --steps-tracing for brownie to trace transactions).
"""
import argparse
import json
import sys
from pathlib import Path

OUTCOMES = {"green": 2, "yellow": 1, "orange": 1, "red": 0}


def load_excludes(config_path):
    """Files matched by brownie-config.yaml `reports: exclude_paths` (brownie's own globbing)."""
    try:
        import yaml  # PyYAML, in the brownie .venv
    except ImportError:  # pragma: no cover - fall back to the project's known layout
        return {p.as_posix() for p in Path(".").glob("contracts/testing/**/*.*")}
    with open(config_path, encoding="utf8") as f:
        config = yaml.safe_load(f) or {}
    globs = (config.get("reports") or {}).get("exclude_paths") or []
    if isinstance(globs, str):
        globs = [globs]
    excluded = set()
    for pattern in globs:
        excluded.update(p.as_posix() for p in Path(".").glob(pattern))
    return excluded


def is_platform(path, excluded):
    return path.startswith("contracts/") and path not in excluded


def universe(build_dir, excluded):
    """{path: (statement keys, branch keys)} from every artifact's coverageMap, deduplicated."""
    files = {}
    for artifact in sorted(Path(build_dir).glob("*.json")):
        build = json.loads(artifact.read_text(encoding="utf8"))
        cmap, sources = build.get("coverageMap"), build.get("allSourcePaths") or {}
        if not cmap:
            continue
        for kind, index in (("statements", 0), ("branches", 1)):
            for source_id, fns in (cmap.get(kind) or {}).items():
                path = sources.get(source_id)
                if not path or not is_platform(path, excluded):
                    continue
                keys = files.setdefault(path, (set(), set()))[index]
                for offsets in fns.values():
                    for offset in offsets.values():
                        keys.add((offset[0], offset[1]))
    return files


def covered(report, build_dir, excluded):
    """{path: ({statement key}, {branch key: outcomes})} from the report's highlights."""
    result = {}
    highlights = report.get("highlights") or {}
    for kind in ("statements", "branches"):
        for contract, by_source in (highlights.get(kind) or {}).items():
            artifact = Path(build_dir) / f"{contract}.json"
            if not artifact.exists():
                continue
            sources = json.loads(artifact.read_text(encoding="utf8")).get("allSourcePaths") or {}
            for source_id, marks in by_source.items():
                path = sources.get(source_id, source_id)
                if not is_platform(path, excluded):
                    continue
                stmts, branches = result.setdefault(path, (set(), {}))
                for start, end, color, *_ in marks:
                    if kind == "statements":
                        if color == "green":
                            stmts.add((start, end))
                    else:
                        key = (start, end)
                        branches[key] = max(branches.get(key, 0), OUTCOMES.get(color, 0))
    return result


def pct(num, den):
    return 100.0 * num / den if den else 100.0


def cell(num, den):
    return f"{num:>6}/{den:<4}{pct(num, den):>6.1f}%" if den else f"{num:>6}/{den:<4}{'-':>7}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-branch", type=float, required=True, help="lowest total branch coverage, in %%")
    ap.add_argument("--min-statement", type=float, default=None, help="lowest total statement coverage, in %%")
    ap.add_argument("--report", default="reports/coverage.json")
    ap.add_argument("--build", default="build/contracts")
    ap.add_argument("--config", default="brownie-config.yaml")
    args = ap.parse_args()

    try:
        report = json.loads(Path(args.report).read_text(encoding="utf8"))
    except (OSError, ValueError) as err:
        print(f"coverage gate: cannot read {args.report} ({err}); run `brownie test --coverage` first")
        return 2
    if not (report.get("coverage") or {}):
        print(f"coverage gate: {args.report} holds no coverage data. brownie traces every transaction "
              "(debug_traceTransaction): Anvil must run with --steps-tracing "
              "(cmd_settings steps_tracing: true), see the Makefile's coverage target.")
        return 2

    excluded = load_excludes(args.config)
    files = universe(args.build, excluded)
    hits = covered(report, args.build, excluded)
    if not files:
        print(f"coverage gate: no platform sources in {args.build} (compile first)")
        return 2

    rows = []
    for path in sorted(files):
        stmt_keys, branch_keys = files[path]
        if not stmt_keys and not branch_keys:
            continue
        got_stmts, got_branches = hits.get(path, (set(), {}))
        s_cov = len(stmt_keys & got_stmts)
        b_cov = sum(got_branches.get(k, 0) for k in branch_keys)
        rows.append((path, s_cov, len(stmt_keys), b_cov, 2 * len(branch_keys)))

    width = max(len(Path(r[0]).stem) for r in rows) + 2
    print("\nCoverage of the platform contracts (brownie test --coverage), contracts/ less "
          f"brownie-config's reports.exclude_paths ({len(excluded)} file(s) excluded)")
    print(f"  {'contract':<{width}}{'statements':>18}  {'branches':>18}")
    for path, s_cov, s_tot, b_cov, b_tot in rows:
        print(f"  {Path(path).stem:<{width}}{cell(s_cov, s_tot)}  {cell(b_cov, b_tot)}")
    s_cov, s_tot = sum(r[1] for r in rows), sum(r[2] for r in rows)
    b_cov, b_tot = sum(r[3] for r in rows), sum(r[4] for r in rows)
    print(f"  {'total':<{width}}{cell(s_cov, s_tot)}  {cell(b_cov, b_tot)}")
    print("  (branches: covered outcomes / 2 x conditional jumps)")

    failures = []
    if pct(b_cov, b_tot) < args.min_branch:
        failures.append(f"total branch coverage {pct(b_cov, b_tot):.1f}% is below {args.min_branch:g}%")
    if args.min_statement is not None and pct(s_cov, s_tot) < args.min_statement:
        failures.append(f"total statement coverage {pct(s_cov, s_tot):.1f}% is below {args.min_statement:g}%")
    print()
    if failures:
        for f in failures:
            print(f"FAIL: {f}")
        return 1
    print(f"PASS: total branch coverage {pct(b_cov, b_tot):.1f}% >= {args.min_branch:g}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
