"""Named actors with deterministic local keys (web3-only; as brownie accounts: ``scf.brownie.accounts``).

Tests, the scenarios and the console all use the same cast. Keys are derived from a label, so
they are the same on every machine and chain. They are test keys: never fund them on a real
network. Local accounts (with private keys) are needed because EIP-712 signatures are made in
Python with eth-account.
"""

from dataclasses import dataclass

from eth_account import Account
from eth_utils import keccak

from scf.roles import Role


@dataclass(frozen=True)
class Cast:
    name: str
    roles: Role
    description: str


CAST: tuple[Cast, ...] = (
    Cast("core", Role.CORE, "core enterprise (the obligor)"),
    Cast("supplier1", Role.SUPPLIER, "tier-1 supplier"),
    Cast("supplier2", Role.SUPPLIER, "tier-2 supplier"),
    Cast("supplier3", Role.SUPPLIER, "tier-3 micro-firm"),
    Cast("bank_a", Role.FINANCIER, "bank A"),
    Cast("bank_b", Role.FINANCIER, "bank B (factoring)"),
    Cast("auditor", Role.AUDITOR, "trade auditor"),
    Cast("logistics", Role.LOGISTICS, "logistics / warehouse operator"),
    Cast("investor", Role.INVESTOR, "ABS investor"),
    Cast("core2", Role.CORE, "second core enterprise"),
    Cast("distributor", Role.DISTRIBUTOR, "downstream distributor"),
    Cast("outsider", Role.SUPPLIER, "certified firm outside the alliance"),
)

CAST_BY_NAME = {c.name: c for c in CAST}


def private_key(name: str) -> str:
    """Deterministic test key for an actor label."""
    return "0x" + keccak(text=f"scf-chain test actor: {name}").hex()


def address_of(name: str) -> str:
    return Account.from_key(private_key(name)).address
