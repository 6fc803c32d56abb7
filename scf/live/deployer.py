"""Idempotent deployment with web3.py on any EVM node.

Reads ``deployments/<chain id>.json``; reuses each recorded contract whose runtime code at the
recorded address is the build's (``scf.deployment.plan_deployment``), deploys the others (and
whatever is built on them) from ``build/contracts`` (run ``brownie compile``), saves the
manifest after every deployment, then wires the roles (``scf.deployment.wire``, skipping what is
already granted) and seals the wiring (``scf.deployment.seal``). A second run with nothing
changed sends no transaction.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from web3 import Web3

from scf import manifest as manifest_mod
from scf.abis import BUILD_DIR, load_abi, load_bytecode
from scf.deployment import COMPONENTS, Platform, PlanStep, code_matches, constructor_args, plan_deployment, seal, wire
from scf.live.contracts import live_contracts
from scf.live.sender import TxSender
from scf.live.signers import Signer
from scf.manifest import ContractRecord, Manifest


@dataclass
class DeployResult:
    platform: Platform
    manifest: Manifest
    steps: list[PlanStep]
    transactions: int

    @property
    def deployed(self) -> list[str]:
        return [s.name for s in self.steps if not s.reuse]


def code_checker(w3: Web3, build_dir: Path = BUILD_DIR) -> Callable[[str, str], str | None]:
    def check(name: str, address: str) -> str | None:
        onchain = bytes(w3.eth.get_code(Web3.to_checksum_address(address)))
        if not onchain:
            return "no code at the recorded address"
        expected = bytes.fromhex(load_bytecode(name, build_dir)[1].removeprefix("0x"))
        return None if code_matches(onchain, expected) else "code differs from the build"
    return check


def platform_at(sender: TxSender, man: Manifest) -> Platform:
    """brownie-style handles for a recorded deployment."""
    handles = live_contracts(sender, {name: man.address(name) for name, _ in COMPONENTS})
    return Platform(**{attr: handles[name] for name, attr in COMPONENTS})


def deploy(sender: TxSender, operator: Signer, directory: Path = manifest_mod.DEPLOYMENTS_DIR,
           build_dir: Path = BUILD_DIR, say: Callable[[str], None] = lambda _: None) -> DeployResult:
    w3 = sender.w3
    sent_before = sender.sent
    previous = manifest_mod.load(sender.chain_id, directory)
    steps = plan_deployment(previous, code_checker(w3, build_dir))
    man = Manifest(sender.chain_id, operator.address)
    addresses: dict[str, str] = {}
    for step in steps:
        if step.reuse:
            man.contracts[step.name] = previous.contracts[step.name]
            say(f"{step.name}: reused ({step.reason})")
        else:
            bytecode, _runtime = load_bytecode(step.name, build_dir)
            args = constructor_args(step.name, operator.address, addresses)
            receipt = sender.deploy(operator, load_abi(step.name), bytecode, args, label=f"deploy {step.name}")
            address, block = receipt["contractAddress"], receipt["blockNumber"]
            man.contracts[step.name] = ContractRecord(address, "0x" + bytes(receipt["transactionHash"]).hex(), block)
            say(f"{step.name}: deployed at {address} in block {block} ({step.reason})")
            manifest_mod.save(man, directory)   # after every deployment: an interrupted run resumes
        addresses[step.attr] = man.contracts[step.name].address
    if previous is not None and all(s.reuse for s in steps):
        man = previous                            # nothing deployed: the manifest stays as it was
    platform = platform_at(sender, man)
    wire(platform, operator)
    seal(platform, operator)
    return DeployResult(platform, man, steps, sender.sent - sent_before)
