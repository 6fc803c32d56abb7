"""Deployment manifest: the addresses of one platform deployment, per chain id.

``deployments/<chain_id>.json`` is written by ``scripts/deploy.py`` and read by every other
script and tool. Local chains (Anvil 31337, Ganache 1337) restart empty, so their manifests are
ignored by git and checked against the code at each address before use.

A manifest records the genesis block hash of the chain it was made on (``genesis_hash``): two
nodes with the same chain id but another genesis are different chains, and the deployer refuses
to touch the other one's manifest unless forced (``check_genesis``). ``pending`` holds the
deployments sent but not yet confirmed (name -> transaction hash), so an interrupted deploy
records what it sent and the next run picks it up.
"""

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scf.errors import DataError
from scf.paths import project_root

DEPLOYMENTS_DIR = project_root() / "deployments"
LOCAL_CHAIN_IDS = {1337, 31337}


@dataclass
class ContractRecord:
    address: str
    tx_hash: str
    block: int


@dataclass
class Manifest:
    chain_id: int
    deployer: str
    contracts: dict[str, ContractRecord] = field(default_factory=dict)
    created_at: int = field(default_factory=lambda: int(time.time()))
    genesis_hash: str = ""                                   # "" in manifests made before it was recorded
    pending: dict[str, str] = field(default_factory=dict)    # contract name -> hash of its deployment

    @property
    def start_block(self) -> int:
        return min((c.block for c in self.contracts.values()), default=0)

    def address(self, name: str) -> str:
        try:
            return self.contracts[name].address
        except KeyError:
            raise KeyError(f"{name} is not in the manifest for chain {self.chain_id}") from None

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        contracts = {k: ContractRecord(**v) for k, v in data.get("contracts", {}).items()}
        return cls(data["chain_id"], data["deployer"], contracts, data.get("created_at", 0),
                   data.get("genesis_hash", ""), dict(data.get("pending", {})))


class GenesisMismatch(DataError):
    """The manifest was made on another chain with the same chain id (another genesis block)."""


def check_genesis(man: Manifest, genesis_hash: str, path: Path | None = None, force: bool = False) -> None:
    """Refuse a manifest made on another chain with the same id, unless ``force``.

    Local chains (Anvil, Ganache) get a new genesis at every restart: they are never refused. A
    manifest without a recorded genesis (made before it was recorded) is accepted."""
    if force or man.chain_id in LOCAL_CHAIN_IDS or not man.genesis_hash:
        return
    if man.genesis_hash.lower() != genesis_hash.lower():
        where = path or path_for(man.chain_id)
        raise GenesisMismatch(
            f"{where} was made on another chain with id {man.chain_id} (genesis {man.genesis_hash[:10]}..., "
            f"this node's is {genesis_hash[:10]}...): point --rpc at that chain's node, use another "
            "--deployments directory, or pass --force to deploy here and replace the manifest")


def path_for(chain_id: int, directory: Path = DEPLOYMENTS_DIR) -> Path:
    return directory / f"{chain_id}.json"


def load(chain_id: int, directory: Path = DEPLOYMENTS_DIR) -> Manifest | None:
    path = path_for(chain_id, directory)
    if not path.exists():
        return None
    return Manifest.from_json(path.read_text())


def save(manifest: Manifest, directory: Path = DEPLOYMENTS_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = path_for(manifest.chain_id, directory)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(manifest.to_json())
    partial.replace(path)                 # atomic: an interrupted save leaves the previous manifest
    return path
