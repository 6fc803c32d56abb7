"""Contract ABIs and bytecode, without brownie.

The ABIs the tooling needs (indexer, reports, the web3.py deployer) are exported from brownie's
build into ``scf/abi/<Contract>.json`` and committed, so indexing and reporting run on a machine
that never compiled the contracts::

    python -m scf export-abi            # after `brownie compile`; rewrites scf/abi/*.json

Deploying needs the bytecode too; it is read from ``build/contracts`` (run ``brownie compile``).
"""

import json
from functools import cache
from pathlib import Path

from scf.deployment import COMPONENTS
from scf.errors import DataError

ABI_DIR = Path(__file__).resolve().parent / "abi"
BUILD_DIR = Path(__file__).resolve().parent.parent / "build" / "contracts"

# every contract recorded in a manifest (deployment order), then the contracts the platform deploys
# itself (the pools' tranche tokens: the indexer follows their transfers)
EXPORTED: tuple[str, ...] = tuple(name for name, _attr in COMPONENTS) + ("TrancheToken",)


class MissingBuild(DataError, FileNotFoundError):
    """The brownie build artifact is not there: run `brownie compile`."""


def _artifact(name: str, build_dir: Path) -> dict:
    path = build_dir / f"{name}.json"
    if not path.exists():
        raise MissingBuild(f"{path} not found: run `brownie compile` first")
    return json.loads(path.read_text())


def export_abis(build_dir: Path = BUILD_DIR, out_dir: Path = ABI_DIR,
                names: tuple[str, ...] = EXPORTED) -> list[Path]:
    """Write ``<out_dir>/<name>.json`` (the ABI only, stable formatting) for each contract."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = out_dir / f"{name}.json"
        path.write_text(abi_text(_artifact(name, build_dir)["abi"]))
        written.append(path)
    load_abi.cache_clear()
    return written


def abi_text(abi: list) -> str:
    """Stable formatting (every custom error is declared once, in interfaces/IPlatformErrors.sol,
    so the compiler's ABI has no duplicate entries to drop)."""
    return json.dumps(abi, indent=1, sort_keys=True) + "\n"


@cache
def load_abi(name: str) -> tuple[dict, ...]:
    """The committed ABI of a platform contract."""
    path = ABI_DIR / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python -m scf export-abi` after `brownie compile`")
    return tuple(json.loads(path.read_text()))


def load_bytecode(name: str, build_dir: Path = BUILD_DIR) -> tuple[str, str]:
    """``(creation bytecode, runtime bytecode)`` as hex strings, from brownie's build."""
    artifact = _artifact(name, build_dir)
    return _hex(artifact["bytecode"]), _hex(artifact["deployedBytecode"])


def _hex(code: str) -> str:
    return code if code.startswith("0x") else "0x" + code


def stale_abis(build_dir: Path = BUILD_DIR, abi_dir: Path = ABI_DIR) -> list[str]:
    """Names whose committed ABI differs from the build (empty when up to date)."""
    stale = []
    for name in EXPORTED:
        committed = abi_dir / f"{name}.json"
        if not committed.exists() or committed.read_text() != abi_text(_artifact(name, build_dir)["abi"]):
            stale.append(name)
    return stale
