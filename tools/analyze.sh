#!/usr/bin/env bash
# Static-analysis gate (make analyze):
#   1. .venv-slither/ with the pinned requirements-slither.txt (once; stamp in .stamps/)
#   2. slither . : crytic-compile runs `forge build` (npm @foundry-rs/forge, foundry.toml: the same
#      solc 0.8.37 stand-in as brownie, shanghai, optimizer), then Slither's detectors with
#      slither.config.json (node_modules/ and contracts/testing/ filtered)
#   3. slither-check-erc . ReceivableToken --erc erc721 on the same build
#   4. tools/slither_gate.py: summary; fails on an untriaged High/Medium finding (triage in
#      slither.triage.json, reasoning in docs/static-analysis.md) or an ERC-721 failure
# Outputs: reports/slither.json, reports/slither-erc721.json, reports/slither.log
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .stamps reports

say() { printf '\033[1m[analyze]\033[0m %s\n' "$*"; }
t0=$SECONDS

# --- prerequisites: npm packages (forge, solc) -----------------------------------------------
if [ ! -x node_modules/@foundry-rs/forge/bin.mjs ] || ! cmp -s package-lock.json .stamps/package-lock.json; then
  bash tools/setup.sh
fi
export PATH="$PWD/node_modules/.bin:$PATH"   # forge; the Slither venv is NOT put on PATH (its solc-select `solc` would shadow ours)

# --- Slither virtualenv ----------------------------------------------------------------------
source tools/venv.sh
tool_venv .venv-slither requirements-slither.txt "Slither (takes a minute or two)" reports/pip-slither.log
SLITHER_BIN=$PWD/.venv-slither/bin

# --- Slither ---------------------------------------------------------------------------------
say "slither $("$SLITHER_BIN/slither" --version) on contracts/ (forge build with solc $(tools/solc --version | sed -n 's/^Version: //p'))"
rm -f reports/slither.json reports/slither-erc721.json
t1=$SECONDS
# --fail-none: the verdict is tools/slither_gate.py's (triage-aware), not Slither's exit code.
if ! "$SLITHER_BIN/slither" . --config-file slither.config.json --fail-none \
      --json reports/slither.json > reports/slither.log 2>&1 || [ ! -s reports/slither.json ]; then
  tail -n 40 reports/slither.log
  say "Slither did not run (log: reports/slither.log)"
  exit 1
fi
say "slither: $((SECONDS - t1)) s (compile + detectors)"

# --- ERC-721 conformance (reuses the build) ----------------------------------------------------
t1=$SECONDS
if ! "$SLITHER_BIN/slither-check-erc" . ReceivableToken --erc erc721 \
      --compile-force-framework foundry --ignore-compile \
      --json reports/slither-erc721.json >> reports/slither.log 2>&1; then
  tail -n 40 reports/slither.log
  say "slither-check-erc did not run (log: reports/slither.log)"
  exit 1
fi
say "slither-check-erc: $((SECONDS - t1)) s"

# --- verdict -----------------------------------------------------------------------------------
status=0
"$SLITHER_BIN/python" tools/slither_gate.py --slither reports/slither.json \
  --erc reports/slither-erc721.json --erc-contract ReceivableToken --triage slither.triage.json || status=$?
say "analyze: $((SECONDS - t0)) s wall"
exit $status
