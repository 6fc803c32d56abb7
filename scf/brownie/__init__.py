"""The brownie layer of scf-chain: everything that needs eth-brownie and a loaded brownie project
(``brownie run``, ``brownie test``, ``brownie console``).

- ``deployment``: deploy the platform through brownie, attach to a deployed one (``deploy_platform``,
  ``ensure_platform``, ``load_platform``, ``current_platform``);
- ``console``: one import for the brownie console (``from scf.brownie.console import *``);
- ``scenario``, ``securitization``, ``closed_loop``: the demos the scripts and the integration
  tests share (the seed's story runs on the engine of ``scf.story``, through ``BrownieDriver``);
- ``benchmark``: the gas table (``make bench``);
- ``accounts``: the named actors of ``scf.actors`` as brownie accounts;
- ``clock``: the development chain's clock (tests, scripts);
- ``quiet``, ``fixes``: brownie's printing silenced; the corrections to brownie itself (and the
  opt-in ``drop_undo_snapshots`` of tests and scripts).

The web3-only core (``scf`` without this subpackage) never imports it; the installed package
(``pip install .``) leaves it out.
"""
