"""Deploy and wire the platform on the active network; write deployments/<chain id>.json.

Idempotent: what the manifest records is reused when the code at its address is the build's;
the rest is deployed, then the roles are wired (what is granted already is skipped).

    brownie run scripts/deploy.py                 # local Anvil (default network)
    brownie run scripts/deploy.py --network ganache-cli
    SCF_OPERATOR_KEY=0x... brownie run scripts/deploy.py --network my-alliance   # a live network
    SCF_KEYSTORE=ops brownie run scripts/deploy.py --network my-alliance          # brownie keystore

On live networks each transaction waits for $SCF_CONFIRMATIONS confirmations (default 1) and
pays EIP-1559 fees (brownie's "auto" priority fee). Without brownie: `python -m scf deploy`.
"""

import os

from brownie import accounts, chain, network
from brownie._config import CONFIG

from scf.deployment import ensure_platform
from scf.brownie.quiet import finish, quiet
from scf.tables import table


def _operator():
    if os.environ.get("SCF_OPERATOR_KEY"):
        return accounts.add(os.environ["SCF_OPERATOR_KEY"])
    if os.environ.get("SCF_KEYSTORE"):
        return accounts.load(os.environ["SCF_KEYSTORE"], password=os.environ.get("SCF_KEYSTORE_PASSWORD"))
    return accounts[0]


def main():
    quiet()
    operator = _operator()
    params = {"required_confs": int(os.environ.get("SCF_CONFIRMATIONS", "1"))}
    if CONFIG.network_type == "live":
        params["priority_fee"] = "auto"
    print(f"Deploying scf-chain on {network.show_active()} (chain id {chain.id}) from {operator}")
    _platform, man, steps = ensure_platform(operator, tx_params=params)
    for step in steps:
        print(f"  {step.name}: {'reused' if step.reuse else 'deployed'} ({step.reason})")
    rows = [(name, rec.address, rec.block) for name, rec in man.contracts.items()]
    print()
    print(table(["contract", "address", "block"], rows, "llr"))
    print(f"\nManifest: deployments/{chain.id}.json")
    finish()
