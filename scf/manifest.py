"""Deployment manifest: the addresses of one platform deployment, per chain id.

``deployments/<chain_id>.json`` is written by ``scripts/deploy.py`` and read by every other
script and tool. Local chains (Anvil 31337, Ganache 1337) restart empty, so their manifests are
ignored by git and checked against the code at each address before use.
"""

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
        return cls(data["chain_id"], data["deployer"], contracts, data.get("created_at", 0))


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
    path.write_text(manifest.to_json())
    return path
