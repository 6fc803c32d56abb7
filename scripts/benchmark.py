"""Gas per user-facing operation with targets; writes docs/gas.md (what `make bench` runs)."""

from brownie import accounts, network

from scf.brownie import accounts as cast
from scf.brownie import closed_loop
from scf.brownie.benchmark import GasBench, render, write_markdown
from scf.brownie.deployment import deploy_platform
from scf.brownie.fixes import drop_undo_snapshots
from scf.brownie.quiet import finish, quiet


def main():
    quiet()
    drop_undo_snapshots()   # this script never calls chain.undo(): no snapshot after every transaction
    operator = accounts[0]
    actors = cast.load_cast(funder=operator)
    platform, _ = deploy_platform(operator)
    bench = GasBench(platform, operator, actors, progress=lambda s: print(f"  ... {s}"))
    bench.run()
    results = bench.securitization()
    results += closed_loop.bench(platform, operator, actors, progress=lambda s: print(f"  ... {s}"))
    print()
    print(render(results))
    path = write_markdown(results, network.show_active())
    print(f"\nwritten to {path}")
    finish()
