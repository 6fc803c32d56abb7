"""Deploy and wire the platform on the active network; write deployments/<chain id>.json.

Idempotent: what the manifest records is reused when the code at its address is the build's;
the rest is deployed, then the roles are wired (what is granted already is skipped).

    brownie run scripts/deploy.py                 # local Anvil (default network)
    brownie run scripts/deploy.py --network ganache-cli
    SCF_OPERATOR_KEY=0x... brownie run scripts/deploy.py --network my-alliance   # a live network
    SCF_KEYSTORE=ops brownie run scripts/deploy.py --network my-alliance          # brownie keystore

On live networks each transaction waits for $SCF_CONFIRMATIONS confirmations (default 1) and
pays EIP-1559 fees (brownie's "auto" priority fee). Demo cash (SettlementToken) is deployed on
development networks only, or with SCF_DEMO_CASH=1 (SCF_DEMO_CASH=0: never); name the existing
ERC-20 currencies to allow-list as SCF_CURRENCIES=0xA...,0xB... Without brownie: `python -m scf deploy`.
"""

import os

from brownie import accounts, chain, network
from brownie._config import CONFIG

from scf.brownie.deployment import ensure_platform
from scf.brownie.fixes import drop_undo_snapshots
from scf.brownie.quiet import finish, quiet
from scf.tables import table


def _operator():
    if os.environ.get("SCF_OPERATOR_KEY"):
        return accounts.add(os.environ["SCF_OPERATOR_KEY"])
    if os.environ.get("SCF_KEYSTORE"):
        return accounts.load(os.environ["SCF_KEYSTORE"], password=os.environ.get("SCF_KEYSTORE_PASSWORD"))
    return accounts[0]


def _demo_cash() -> bool | None:
    flag = os.environ.get("SCF_DEMO_CASH", "")
    return None if flag == "" else flag.lower() not in ("0", "no", "false")


def main():
    quiet()
    drop_undo_snapshots()   # this script never calls chain.undo(): no snapshot after every transaction
    operator = _operator()
    params = {"required_confs": int(os.environ.get("SCF_CONFIRMATIONS", "1"))}
    if CONFIG.network_type == "live":
        params["priority_fee"] = "auto"
    print(f"Deploying scf-chain on {network.show_active()} (chain id {chain.id}) from {operator}")
    currencies = tuple(c.strip() for c in os.environ.get("SCF_CURRENCIES", "").split(",") if c.strip())
    _platform, man, steps = ensure_platform(operator, tx_params=params, demo_cash=_demo_cash(), currencies=currencies)
    for step in steps:
        print(f"  {step.name}: {'reused' if step.reuse else 'deployed'} ({step.reason})")
    rows = [(name, rec.address, rec.block) for name, rec in man.contracts.items()]
    print()
    print(table(["contract", "address", "block"], rows, "llr"))
    print(f"\nManifest: deployments/{chain.id}.json")
    finish()
