# scf-chain: the two commands are `make demo` and `make test`; both set everything up first.
# CI (.ci/run) runs `make test`. `make help` lists every target.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/.venv/bin:$(PATH)
BROWNIE := $(CURDIR)/.venv/bin/brownie

.PHONY: help setup lint format compile demo deploy test test-anvil test-ganache test-stateful profile-stateful campaign bench many-events console analyze coverage clean

help:             ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | awk -F'\t' '{printf "  make %-13s %s\n", $$1, $$2}'

setup:            ## install everything (idempotent, quick when nothing changed)
	@bash tools/setup.sh

# Lint gate (tools/lint.sh): forge fmt --check and solhint on contracts/ and interfaces/, ruff on
# the Python, mypy on scf/'s web3-only core. `make test` runs it first.
lint: setup       ## formatting and lint: forge fmt --check, solhint, ruff, mypy (core of scf/)
	@bash tools/lint.sh

format: setup     ## apply the formatters: forge fmt (contracts/, interfaces/), ruff's safe fixes (import order, pyupgrade)
	forge fmt contracts interfaces
	$(CURDIR)/.venv-lint/bin/ruff check --fix-only --quiet scf scripts tests tools

# Compile once before parallel test runs: every xdist worker loads the project, and two workers
# compiling a fresh clone at the same time write the same build files under each other.
compile: setup    ## compile the contracts (only what changed) into build/
	$(BROWNIE) compile

demo: setup       ## deploy on a local Anvil and play the receivable lifecycle
	$(BROWNIE) run scripts/scenario.py

deploy: setup     ## deploy the platform on the active network and write its manifest
	$(BROWNIE) run scripts/deploy.py

# Property and stateful tests replay a fixed hypothesis seed, so CI is reproducible; explore with
# e.g. `make test HYPOTHESIS_SEED=$$RANDOM` or a long campaign (`make campaign`).
HYPOTHESIS_SEED ?= 20261125
SEED := --hypothesis-seed=$(HYPOTHESIS_SEED)
# pytest-xdist workers, each with its own chain on the network's port + worker index (0, 1, ...);
# test files are spread over them (brownie schedules whole files: module fixtures stay shared)
WORKERS ?= 2
PARALLEL := $(if $(filter-out 0 1,$(WORKERS)),-n $(WORKERS))

# The README test command and CI (.ci/run): every test once, in parallel. Integration and
# stateful tests on a plain Anvil; the unit tests under coverage (they are what the 90 % branch
# gate measures: one test per path and refusal), not a second time without it; the integration
# tests again on Ganache; Slither and the ERC-721 check.
test: compile       ## CI: lint, integration + stateful on Anvil, unit tests with coverage (gate), Ganache, Slither
	@$(MAKE) --no-print-directory lint
	$(BROWNIE) test tests --ignore=tests/unit $(SEED) $(PARALLEL)
	@$(MAKE) --no-print-directory coverage
	$(BROWNIE) test tests/integration --network ganache-cli
	@bash tools/analyze.sh

test-anvil: compile  ## the whole suite on a plain Anvil (no coverage), in parallel: the quick check
	$(BROWNIE) test tests $(SEED) $(PARALLEL)

test-ganache: compile
	$(BROWNIE) test tests --network ganache-cli

test-stateful: compile  ## the stateful suites at CI settings (each machine's stateful_settings)
	$(BROWNIE) test tests/stateful $(SEED) $(PARALLEL)

# Where the state machines' time goes: each test's duration and its JSON-RPC requests by method
# (round trips and calls do not depend on the machine's load, unlike wall times), printed and
# written to reports/rpc-census*.json (tools/rpc_census.py). Compare two versions with this.
profile-stateful: compile  ## the state machines at CI settings, with durations and a JSON-RPC census per test
	$(BROWNIE) test tests/stateful $(SEED) $(PARALLEL) --durations=0 -p tools.rpc_census

# A long hypothesis campaign on the state machines, with a random seed (printed on failure, and
# failing examples are kept in .hypothesis/ and replayed first next time). Not part of CI.
CAMPAIGN_EXAMPLES ?= 1000
CAMPAIGN_STEPS ?= 30
campaign: compile   ## stateful machines, CAMPAIGN_EXAMPLES (1000) examples x CAMPAIGN_STEPS (30) steps each
	SCF_STATEFUL_EXAMPLES=$(CAMPAIGN_EXAMPLES) SCF_STATEFUL_STEPS=$(CAMPAIGN_STEPS) \
	  $(BROWNIE) test tests/stateful $(PARALLEL)

bench: setup      ## gas per operation, written to docs/gas.md
	$(BROWNIE) run scripts/benchmark.py

many-events: setup  ## indexing throughput: 10,000+ platform events on an Anvil it starts on port 8561
	$(CURDIR)/.venv/bin/python scripts/many_events.py

console: setup    ## brownie console with the platform: >>> from scf.brownie.console import *
	$(BROWNIE) console

analyze: setup    ## Slither (forge build) + ERC-721 check; fails on an untriaged High/Medium finding
	@bash tools/analyze.sh

# Coverage: the unit tests (one per refusal and path of every external function) run with brownie
# coverage, then tools/coverage_gate.py checks total branch coverage of contracts/ (mocks excluded).
# brownie traces every transaction, so the network's Anvil runs with --steps-tracing (brownie-config
# sets it for the `anvil` network; another one: brownie networks modify NAME steps_tracing=true);
# tools/brownie_coverage.py lets brownie trace contracts with immutables, makes its reverts cheap
# and keeps view calls as calls (brownie would send each as a transaction and revert it, which on
# this chain traced nothing and moved the clock), so a test passes under coverage exactly as on a
# plain chain: no re-runs.
# The xdist workers' coverage is merged by brownie into one report. build/tests.json (brownie's
# result cache) is cleared so every run measures afresh.
COVERAGE_NETWORK ?= anvil
COVERAGE_MIN_BRANCH ?= 90
coverage: compile   ## unit tests with brownie coverage, then the gate on total branch coverage (%)
	@rm -f build/tests.json reports/coverage.json
	$(BROWNIE) test tests/unit --coverage --network $(COVERAGE_NETWORK) -p tools.brownie_coverage $(SEED) $(PARALLEL)
	$(CURDIR)/.venv/bin/python tools/coverage_gate.py --min-branch $(COVERAGE_MIN_BRANCH)

clean:
	rm -rf build reports .stamps out cache
