# scf-chain: the two commands are `make demo` and `make test`; both set everything up first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/.venv/bin:$(PATH)
BROWNIE := $(CURDIR)/.venv/bin/brownie

.PHONY: setup demo deploy test test-anvil test-ganache test-stateful bench many-events console analyze coverage clean

setup:            ## install everything (idempotent, quick when nothing changed)
	@bash tools/setup.sh

demo: setup       ## deploy on a local Anvil and play the receivable lifecycle
	$(BROWNIE) run scripts/scenario.py

deploy: setup     ## deploy the platform on the active network and write its manifest
	$(BROWNIE) run scripts/deploy.py

test: setup       ## the whole suite on Anvil, the integration tests on Ganache, then Slither
	$(BROWNIE) test tests
	$(BROWNIE) test tests/integration --network ganache-cli
	@bash tools/analyze.sh

test-anvil: setup
	$(BROWNIE) test tests

test-ganache: setup
	$(BROWNIE) test tests --network ganache-cli

test-stateful: setup  ## the stateful suites; SCF_STATEFUL_EXAMPLES=1000 for a long campaign
	$(BROWNIE) test tests/stateful

bench: setup      ## gas per operation, written to docs/gas.md
	$(BROWNIE) run scripts/benchmark.py

many-events: setup  ## indexing throughput: 10,000+ platform events on an Anvil it starts on port 8561
	$(CURDIR)/.venv/bin/python scripts/many_events.py

console: setup    ## brownie console with the platform: >>> from scf.console import *
	$(BROWNIE) console

analyze: setup    ## Slither (forge build) + ERC-721 check; fails on an untriaged High/Medium finding
	@bash tools/analyze.sh

# Coverage traces every transaction: the network's Anvil must run with --steps-tracing
# (brownie-config.yaml sets it for the `anvil` network; for another one:
#  brownie networks modify NAME steps_tracing=true). tools/brownie_immutables.py lets brownie
# trace contracts with immutables (else it skips them). build/tests.json is brownie's result
# cache, which would also replay stale coverage: cleared so every run measures afresh.
COVERAGE_NETWORK ?= anvil
COVERAGE_MIN_BRANCH ?= 80
coverage: setup   ## the suite with brownie coverage, then the gate on total branch coverage (%)
	@rm -f build/tests.json reports/coverage.json
	$(BROWNIE) test tests --coverage --network $(COVERAGE_NETWORK) -p tools.brownie_immutables
	$(CURDIR)/.venv/bin/python tools/coverage_gate.py --min-branch $(COVERAGE_MIN_BRANCH)

clean:
	rm -rf build reports .stamps out cache
