"""The closed loop of trade on a fresh platform: purchase orders to receivables, cash escrow,
warehouse receipts pledged for loans, advance payments with buy-back.

    brownie run scripts/closed_loop.py                    # Anvil, launched by brownie
    brownie run scripts/closed_loop.py --network ganache-cli
"""

from brownie import accounts, chain, network

from scf import manifest
from scf.brownie import accounts as cast
from scf.brownie import closed_loop
from scf.brownie.deployment import deploy_platform
from scf.brownie.fixes import drop_undo_snapshots
from scf.brownie.quiet import finish, quiet
from scf.tables import Narrator


def main():
    quiet()
    drop_undo_snapshots()   # this script never calls chain.undo(): no snapshot after every transaction
    say = Narrator()
    operator = accounts[0]
    say.act(f"scf-chain closed loop on {network.show_active()} (chain id {chain.id})")
    actors = cast.load_cast(funder=operator)
    platform, man = deploy_platform(operator)
    path = manifest.save(man)
    say.step(f"platform deployed: {len(man.contracts)} contracts, manifest {path.name}")
    closed_loop.run(platform, operator, actors, say)
    finish()
