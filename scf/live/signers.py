"""Keys for transactions signed locally with eth-account.

The operator key comes from an environment variable (``SCF_OPERATOR_KEY`` by default) or a
brownie keystore account (``brownie accounts new <id>`` writes ``~/.brownie/accounts/<id>.json``;
the password comes from ``SCF_KEYSTORE_PASSWORD`` or a prompt). Actors (core, suppliers, banks,
auditor) take ``SCF_KEY_<NAME>`` (e.g. ``SCF_KEY_BANK_A``); their deterministic test keys are
used only where explicitly allowed (local and test chains).
"""

import getpass
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eth_account import Account
from eth_typing import ChecksumAddress

from scf import actors as cast
from scf.errors import ConfigError

OPERATOR_KEY_ENV = "SCF_OPERATOR_KEY"
KEYSTORE_PASSWORD_ENV = "SCF_KEYSTORE_PASSWORD"
ACTOR_KEY_PREFIX = "SCF_KEY_"
BROWNIE_KEYSTORE_DIR = Path.home() / ".brownie" / "accounts"


class MissingKey(ConfigError, LookupError):
    """A key the command needs was not provided."""


def _account_key(key: str, source: str) -> str:
    """``key`` as 0x-prefixed hex if it is a private key, else a ConfigError naming ``source``."""
    text = key.strip()
    text = text if text.startswith("0x") else "0x" + text
    try:
        Account.from_key(text)
    except (ValueError, TypeError):
        digits = len(text) - 2
        raise ConfigError(f"{source} does not hold a private key: expected 64 hex digits (32 bytes), "
                          f"got {digits} character(s)") from None
    return text


@dataclass(frozen=True)
class Signer:
    """An account with its private key (``address`` and ``private_key`` like brownie's LocalAccount)."""

    name: str
    address: ChecksumAddress
    private_key: str = field(repr=False)

    @classmethod
    def from_key(cls, name: str, key: str, source: str | None = None) -> "Signer":
        """``source`` names where the key came from (e.g. the environment variable) in errors."""
        key = _account_key(key, source or f"the key of {name}")
        return cls(name, Account.from_key(key).address, key)

    def __str__(self) -> str:
        return self.address


def from_env(name: str, variable: str, environ: Mapping[str, str] = os.environ) -> Signer:
    key = environ.get(variable)
    if not key:
        raise MissingKey(f"set {variable} to the private key of the {name} account")
    return Signer.from_key(name, key, source=f"${variable}")


def from_keystore(name: str, account_id: str, password: str | None = None,
                  directory: Path = BROWNIE_KEYSTORE_DIR, environ: Mapping[str, str] = os.environ) -> Signer:
    """Decrypt a brownie keystore file (``~/.brownie/accounts/<account_id>.json``)."""
    path = Path(account_id) if account_id.endswith(".json") else directory / f"{account_id}.json"
    if not path.exists():
        raise MissingKey(f"no keystore {path}: create it with `brownie accounts new {account_id}`")
    if password is None:
        password = environ.get(KEYSTORE_PASSWORD_ENV)
    if password is None:
        password = getpass.getpass(f"password for keystore {path.name}: ")
    try:
        keystore = json.loads(path.read_text())
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ConfigError(f"{path} is not a keystore file (not JSON)") from None
    try:
        key = Account.decrypt(keystore, password)
    except ValueError as exc:
        if "MAC mismatch" in str(exc):
            raise ConfigError(f"wrong password for keystore {path.name}") from None
        raise ConfigError(f"{path} is not a readable keystore: {exc}") from None
    return Signer.from_key(name, "0x" + bytes(key).hex())


def operator_signer(key_env: str = OPERATOR_KEY_ENV, keystore: str | None = None,
                    environ: Mapping[str, str] = os.environ) -> Signer:
    if keystore:
        return from_keystore("operator", keystore, environ=environ)
    return from_env("operator", key_env, environ)


def actor_variable(name: str) -> str:
    return ACTOR_KEY_PREFIX + name.upper()


def actor_signers(names: Iterable[str], allow_test_keys: bool,
                  environ: Mapping[str, str] = os.environ) -> dict[str, Signer]:
    """Signers for the named actors: ``SCF_KEY_<NAME>`` if set, else the test key if allowed."""
    signers, missing = {}, []
    for name in names:
        variable = actor_variable(name)
        if environ.get(variable):
            signers[name] = Signer.from_key(name, environ[variable], source=f"${variable}")
        elif allow_test_keys:
            signers[name] = Signer.from_key(name, cast.private_key(name))
        else:
            missing.append(variable)
    if missing:
        raise MissingKey("set " + ", ".join(missing) + " (or pass --test-actors on a test chain: the "
                         "deterministic test keys are public, never fund them on a real network)")
    return signers
