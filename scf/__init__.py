"""scf-chain: supply-chain finance on an EVM alliance chain.

Python side of the platform: roles, money units, EIP-712 signing, deployment and its manifest,
onboarding helpers shared by scripts, tests and the console. Modules that talk to contracts
through brownie need a loaded brownie project (``brownie run``, ``brownie test``,
``brownie console``).

Operator tooling without brownie (``python -m scf --help``): ``indexer`` (events into SQLite),
``reporting`` and ``pictures`` (reports and credit-penetration trees), ``live`` (web3.py
deployer and scenario for any EVM node), ``api`` (the same as a Python API).
"""

__version__ = "0.14.0"

__all__ = ["roles", "units", "actors", "eip712", "manifest", "deployment", "onboarding"]
