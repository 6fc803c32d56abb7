"""scf-chain: supply-chain finance on an EVM alliance chain.

The web3-only core (``pip install .``; nothing here imports brownie): roles and the Solidity
enums, money units and pricing, EIP-712 signing, deployment and its manifest, onboarding flows,
the story engine (``story``: the seed's steps on any chain through a driver), the securitization
and closed-loop arithmetic, and the operator tooling (``python -m scf --help``): ``indexer``
(events into SQLite), ``reporting`` and ``pictures`` (reports and credit-penetration trees),
``live`` (web3.py deployer and scenario for any EVM node), ``api`` (the same as a Python API).

The brownie layer (console, demos, gas bench, chain clock, brownie corrections) is
``scf.brownie``; it needs a loaded brownie project (``brownie run``, ``brownie test``,
``brownie console``).
"""

__version__ = "0.15.0"

__all__ = ["roles", "enums", "units", "actors", "eip712", "manifest", "deployment", "onboarding", "story"]
