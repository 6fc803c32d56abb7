"""The full receivable lifecycle on a fresh platform (what `make demo` runs).

    brownie run scripts/scenario.py                    # Anvil, launched by brownie
    brownie run scripts/scenario.py --network ganache-cli
"""

from brownie import accounts, chain, network, web3

from scf import api, manifest
from scf.brownie import accounts as cast
from scf.brownie import scenario
from scf.brownie.deployment import deploy_platform
from scf.brownie.fixes import drop_undo_snapshots
from scf.brownie.quiet import finish, quiet
from scf.tables import Narrator


def main():
    quiet()
    drop_undo_snapshots()   # this script never calls chain.undo(): no snapshot after every transaction
    say = Narrator()
    operator = accounts[0]
    say.act(f"scf-chain on {network.show_active()} (chain id {chain.id})")
    actors = cast.load_cast(funder=operator)
    platform, man = deploy_platform(operator)
    path = manifest.save(man)
    say.step(f"platform deployed: {len(man.contracts)} contracts, manifest {path.name}")
    result = scenario.run(platform, operator, actors, say)
    root = result.roots["act1"]
    pictures = api.picture_of_root(web3, root, man)   # index the chain, draw the main root's tree
    say.step(f"credit-penetration tree of root #{root}: {pictures['png']} (also .svg, .html)")
    say.note(f"the index stays in data/{chain.id}.sqlite after this local chain stops; continue with e.g.\n"
             f"      .venv/bin/python -m scf tree {root} --chain-id {chain.id}\n"
             f"      .venv/bin/python -m scf portfolio bank_a --chain-id {chain.id}\n"
             f"      .venv/bin/python -m scf costs --deals --chain-id {chain.id} --format csv")
    finish()
