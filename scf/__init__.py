"""scf-chain: supply-chain finance on an EVM alliance chain.

Python side of the platform: roles, money units, EIP-712 signing, deployment and its manifest,
onboarding helpers shared by scripts, tests and the console. Modules that talk to contracts
need a loaded brownie project (``brownie run``, ``brownie test``, ``brownie console``).
"""

__all__ = ["roles", "units", "actors", "eip712", "manifest", "deployment", "onboarding"]
