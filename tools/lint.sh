#!/usr/bin/env bash
# Lint gate (make lint; `make test` runs it first):
#   1. forge fmt --check   Solidity formatting of contracts/ and interfaces/ ([fmt] in foundry.toml)
#   2. solhint             Solidity lint (.solhint.json; disabled rules explained in the README)
#   3. ruff check          Python lint of scf/ scripts/ tests/ tools/ ([tool.ruff] in pyproject.toml)
#   4. mypy                types of scf/'s web3-only core ([tool.mypy] in pyproject.toml)
# Every step runs, and the gate fails if any of them failed. `make format` fixes what 1 and 3 can.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[lint]\033[0m %s\n' "$*"; }
t0=$SECONDS
failed=()
SOL=(contracts interfaces)
PY=(scf scripts tests tools)

# --- 1. Solidity formatting ------------------------------------------------------------------
# The npm `forge` launcher does not pass on forge's exit status, so any output is a failure:
# `forge fmt --check` prints nothing when every file is formatted.
t1=$SECONDS
out=$(forge fmt --check "${SOL[@]}" 2>&1)
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  failed+=("forge fmt (run make format)")
fi
say "forge fmt --check: $((SECONDS - t1)) s"

# --- 2. Solidity lint --------------------------------------------------------------------------
t1=$SECONDS
out=$(solhint --noPoster --disc -f unix 'contracts/**/*.sol' 'interfaces/**/*.sol' 2>&1)
status=$?
printf '%s\n' "$out" | grep -E '^[^ ]+\.sol:'
[ $status -eq 0 ] || failed+=("solhint")
say "solhint: $((SECONDS - t1)) s"

# --- 3. Python lint ----------------------------------------------------------------------------
t1=$SECONDS
.venv-lint/bin/ruff check --quiet "${PY[@]}" || failed+=("ruff")
say "ruff check: $((SECONDS - t1)) s"

# --- 4. Python types (web3-only core) -------------------------------------------------------
t1=$SECONDS
.venv-lint/bin/mypy --python-executable .venv/bin/python || failed+=("mypy")
say "mypy: $((SECONDS - t1)) s"

if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]} ($((SECONDS - t0)) s)"
  exit 1
fi
say "lint passed ($((SECONDS - t0)) s)"
