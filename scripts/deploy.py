"""Deploy and wire the platform on the active network; write deployments/<chain id>.json.

    brownie run scripts/deploy.py                 # local Anvil (default network)
    brownie run scripts/deploy.py --network ganache-cli
"""

from brownie import accounts, chain, network

from scf import manifest
from scf.deployment import deploy_platform
from scf.quiet import finish, quiet
from scf.tables import table


def main():
    quiet()
    operator = accounts[0]
    print(f"Deploying scf-chain on {network.show_active()} (chain id {chain.id}) from {operator}")
    _platform, man = deploy_platform(operator, tx_params={"required_confs": 1})
    path = manifest.save(man)
    rows = [(name, rec.address, rec.block) for name, rec in man.contracts.items()]
    print()
    print(table(["contract", "address", "block"], rows, "llr"))
    print(f"\nManifest written to {path}")
    finish()
