# scf-chain: the two commands are `make demo` and `make test`; both set everything up first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/.venv/bin:$(PATH)
BROWNIE := $(CURDIR)/.venv/bin/brownie

.PHONY: setup demo deploy test test-anvil test-ganache bench many-events console clean

setup:            ## install everything (idempotent, quick when nothing changed)
	@bash tools/setup.sh

demo: setup       ## deploy on a local Anvil and play the receivable lifecycle
	$(BROWNIE) run scripts/scenario.py

deploy: setup     ## deploy the platform on the active network and write its manifest
	$(BROWNIE) run scripts/deploy.py

test: setup       ## the whole suite on Anvil, then the integration tests on Ganache
	$(BROWNIE) test tests
	$(BROWNIE) test tests/integration --network ganache-cli

test-anvil: setup
	$(BROWNIE) test tests

test-ganache: setup
	$(BROWNIE) test tests --network ganache-cli

bench: setup      ## gas per operation, written to docs/gas.md
	$(BROWNIE) run scripts/benchmark.py

many-events: setup  ## indexing throughput: 10,000+ platform events on an Anvil it starts on port 8561
	$(CURDIR)/.venv/bin/python scripts/many_events.py

console: setup    ## brownie console with the platform: >>> from scf.console import *
	$(BROWNIE) console

clean:
	rm -rf build reports .stamps
