"""Deploy the platform through brownie, attach to a deployed one (scripts, tests, console).

What is deployed, with which constructor arguments, wired and sealed how, and the plan of an
idempotent deployment come from ``scf.deployment`` (the web3-only core, shared with the web3.py
deployer ``scf.live.deployer``); this module only sends them through brownie's accounts and the
loaded brownie project's contract classes.
"""

import logging
from pathlib import Path
from typing import Any

from brownie import chain, web3
from brownie import project as brownie_project
from brownie._config import CONFIG
from eth_utils import to_checksum_address

from scf import manifest as manifest_mod
from scf.deployment import (
    COMPONENTS,
    DEMO_CASH,
    Grant,
    PlanStep,
    Platform,
    code_matches,
    components,
    constructor_args,
    demo_cash_default,
    plan_deployment,
    seal,
    wire,
)
from scf.manifest import ContractRecord, Manifest

log = logging.getLogger(__name__)


def _project() -> Any:
    loaded = brownie_project.get_loaded_projects()
    if not loaded:
        raise RuntimeError("no brownie project is loaded: run this through brownie (run/test/console)")
    return loaded[0]

def _deploy_one(project: Any, name: str, operator: Any, deployed: dict[str, Any], params: dict,
                publish_source: bool = False) -> tuple[Any, ContractRecord]:
    contract = getattr(project, name).deploy(
        *constructor_args(name, operator, deployed), params, publish_source=publish_source, silent=None
    )
    tx = contract.tx
    return contract, ContractRecord(contract.address, tx.txid if tx else "", tx.block_number if tx else 0)


def _brownie_demo_cash(demo_cash: bool | None) -> bool:
    if demo_cash is not None:
        return demo_cash
    return demo_cash_default(chain.id, development=CONFIG.network_type == "development")


def deploy_platform(operator: Any, tx_params: dict | None = None, publish_source: bool = False,
                    extra_grants: tuple[Grant, ...] = (), demo_cash: bool | None = None,
                    currencies: tuple[str, ...] = ()) -> tuple[Platform, Manifest]:
    """Deploy every contract from ``operator`` (the demo cash on development chains or if
    ``demo_cash``), wire them together (plus ``extra_grants``, allow-listing ``currencies``),
    then seal the wiring."""
    project = _project()
    params = {"from": operator, **(tx_params or {})}
    deployed: dict[str, Any] = {"cash": None}
    records: dict[str, ContractRecord] = {}
    for name, attr in components(_brownie_demo_cash(demo_cash)):
        deployed[attr], records[name] = _deploy_one(project, name, operator, deployed, params, publish_source)
        log.info("%s deployed at %s", name, records[name].address)
    platform = Platform(**deployed)
    wire(platform, operator, tx_params, extra_grants, currencies)
    seal(platform, operator, tx_params)
    return platform, Manifest(chain.id, operator.address, records)

def ensure_platform(operator: Any, tx_params: dict | None = None,
                    directory: Path = manifest_mod.DEPLOYMENTS_DIR, demo_cash: bool | None = None,
                    currencies: tuple[str, ...] = ()) -> tuple[Platform, Manifest, list[PlanStep]]:
    """Idempotent deployment through brownie: reuse what the manifest records (after checking
    the code at each address), deploy the rest (the demo cash as ``deploy_platform`` decides),
    wire (allow-listing ``currencies``), seal, save the manifest after every step."""
    project = _project()

    def check_code(name: str, address: str) -> str | None:
        expected = bytes.fromhex(getattr(project, name)._build["deployedBytecode"].removeprefix("0x"))
        if code_matches(bytes(web3.eth.get_code(to_checksum_address(address))), expected):
            return None
        if len(web3.eth.get_code(to_checksum_address(address))) == 0:
            return "no code at the recorded address"
        return "code differs from the build"

    genesis = "0x" + bytes(web3.eth.get_block(0)["hash"]).hex()     # as the web3 deployer records it
    previous = manifest_mod.load(chain.id, directory)
    if previous is not None:     # a manifest of another chain with this id is refused, never overwritten
        manifest_mod.check_genesis(previous, genesis, manifest_mod.path_for(chain.id, directory))
    steps = plan_deployment(previous, check_code, demo_cash=_brownie_demo_cash(demo_cash))
    params = {"from": operator, **(tx_params or {})}
    man = Manifest(chain.id, operator.address, genesis_hash=genesis)
    deployed: dict[str, Any] = {"cash": None}
    for step in steps:
        if step.reuse:
            assert previous is not None        # reused: the previous manifest records it
            record = previous.contracts[step.name]
            deployed[step.attr] = getattr(project, step.name).at(record.address)
            man.contracts[step.name] = record
            log.info("%s reused (%s)", step.name, step.reason)
        else:
            deployed[step.attr], man.contracts[step.name] = _deploy_one(project, step.name, operator, deployed, params)
            manifest_mod.save(man, directory)   # after every deployment: an interrupted run resumes
            log.info("%s deployed at %s (%s)", step.name, man.contracts[step.name].address, step.reason)
    if previous is not None and all(s.reuse for s in steps) and set(previous.contracts) == set(man.contracts):
        if previous.genesis_hash != genesis:      # made before the genesis was recorded (or a local restart)
            previous.genesis_hash = genesis
            manifest_mod.save(previous, directory)
        man = previous                            # nothing deployed: the manifest stays as it was
    platform = Platform(**deployed)
    wire(platform, operator, tx_params, currencies=currencies)
    seal(platform, operator, tx_params)
    return platform, man, steps


def load_platform(man: Manifest) -> Platform:
    """Attach to a deployed platform; raises if an address has no code."""
    project = _project()
    handles: dict[str, Any] = {"cash": None}
    for name, attr in COMPONENTS:
        if name == DEMO_CASH and name not in man.contracts:
            continue                                # a real network's deployment: no demo cash
        address = man.address(name)
        if len(web3.eth.get_code(to_checksum_address(address))) == 0:
            raise LookupError(f"{name} at {address} has no code on chain {man.chain_id}: redeploy")
        handles[attr] = getattr(project, name).at(address)
    return Platform(**handles)


def current_platform() -> Platform | None:
    """The platform recorded for the connected chain, if its code is there."""
    man = manifest_mod.load(chain.id)
    if man is None:
        return None
    try:
        return load_platform(man)
    except (LookupError, KeyError):
        return None
