#!/usr/bin/env bash
# Idempotent set-up of everything scf-chain needs, from the registries only (PyPI, npm):
#   node_modules/   npm ci from package-lock.json (solc, OpenZeppelin, anvil, ganache, forge, solhint)
#   .venv/          eth-brownie 1.22.2 built from source + pinned requirements
#   .venv-lint/     ruff and mypy (requirements-lint.txt) for `make lint`
#   solc stand-in   tools/solc-shim.js installed as py-solc-x's solc-v<version>
# A re-run with nothing changed installs nothing (stamps in .stamps/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
mkdir -p .stamps

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- npm packages -------------------------------------------------------------------------
if [ ! -d node_modules ] || ! cmp -s package-lock.json .stamps/package-lock.json; then
  say "installing npm packages (solc, @openzeppelin/contracts, anvil, ganache)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json .stamps/package-lock.json
fi

# --- Python virtualenv --------------------------------------------------------------------
source tools/venv.sh
pick_python
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
  rm -f .stamps/requirements.txt
fi
if ! cmp -s requirements.txt .stamps/requirements.txt; then
  say "installing Python packages (eth-brownie from source; takes about a minute)"
  .venv/bin/pip install --quiet --upgrade pip setuptools
  BROWNIE_NOCOMPILE=1 .venv/bin/pip install --quiet --no-binary eth-brownie -r requirements.txt
  cp requirements.txt .stamps/requirements.txt
fi

# --- lint tools (ruff, mypy): their own venv, mypy's dependencies clash with brownie's pins ----
tool_venv .venv-lint requirements-lint.txt "the Python lint tools: ruff, mypy" reports/pip-lint.log

# --- solc stand-in ------------------------------------------------------------------------
SOLC_VERSION=$(node -p "require('./node_modules/solc/package.json').version")
SOLCX_DIR=${SOLCX_BINARY_PATH:-$HOME/.solcx}
mkdir -p "$SOLCX_DIR"
SHIM="$SOLCX_DIR/solc-v$SOLC_VERSION"
WANT=$(printf '#!/bin/sh\n# installed by scf-chain tools/setup.sh\nexec node "%s/tools/solc-shim.js" "$@"\n' "$ROOT")
if [ ! -x "$SHIM" ] || [ "$(cat "$SHIM")" != "$WANT" ]; then
  say "installing solc $SOLC_VERSION stand-in at $SHIM"
  printf '%s\n' "$WANT" > "$SHIM"
  chmod +x "$SHIM"
fi
