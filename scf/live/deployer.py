"""Idempotent deployment with web3.py on any EVM node.

Reads ``deployments/<chain id>.json``; reuses each recorded contract whose runtime code at the
recorded address is the build's (``scf.deployment.plan_deployment``), deploys the others (and
whatever is built on them) from ``build/contracts`` (run ``brownie compile``), saves the
manifest after every deployment, then wires the roles (``scf.deployment.wire``, skipping what is
already granted) and seals the wiring (``scf.deployment.seal``). A second run with nothing
changed sends no transaction.

The manifest is tied to the chain's genesis hash: a manifest of another chain with the same id
is refused unless ``force`` (``scf.manifest.check_genesis``; the replaced manifest is kept as
``<chain id>.<genesis>.json``). Each deployment is recorded as pending (its transaction hash)
as soon as the node accepts it and as deployed once confirmed, so an interrupted run never loses
a deployed contract: the next run looks the pending transactions up and records what they made.
With a ``DryRunSender`` nothing is sent or saved; wiring is estimated only when every contract
already exists.

Demo cash (``SettlementToken``) is deployed only on local chains (ids 1337, 31337) or when asked
for (``demo_cash=True``); elsewhere the operator names the existing ERC-20 currencies to
allow-list (``currencies``; each must be a contract on the chain). Every step is logged
(``logging``, logger ``scf.live.deployer``) as well as said.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eth_typing import HexStr
from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import TimeExhausted, TransactionNotFound

from scf import manifest as manifest_mod
from scf.abis import BUILD_DIR, load_abi, load_bytecode
from scf.deployment import (
    COMPONENTS,
    DEMO_CASH,
    PlanStep,
    Platform,
    code_matches,
    constructor_args,
    demo_cash_default,
    plan_deployment,
    seal,
    wire,
)
from scf.errors import ConfigError
from scf.live.contracts import live_contracts
from scf.live.sender import TxSender
from scf.live.signers import Signer
from scf.manifest import ContractRecord, Manifest

log = logging.getLogger(__name__)


@dataclass
class DeployResult:
    platform: Platform | None   # None in a dry run with contracts to deploy
    manifest: Manifest
    steps: list[PlanStep]
    transactions: int
    wired: bool = True          # False in a dry run with contracts to deploy (wiring not estimated)

    def live_platform(self) -> Platform:
        """The deployed platform; a dry run with contracts to deploy has none to use."""
        if self.platform is None:
            raise ConfigError("a dry run with contracts to deploy leaves no platform to use")
        return self.platform

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


def sealed_checker(w3: Web3) -> Callable[[str, str], bool]:
    """``wiringSealed()`` of a recorded contract (which has code: checked first)."""
    def sealed(name: str, address: str) -> bool:
        contract = w3.eth.contract(address=Web3.to_checksum_address(address), abi=list(load_abi(name)))
        return bool(contract.functions.wiringSealed().call())
    return sealed


def platform_at(sender: TxSender, man: Manifest) -> Platform:
    """brownie-style handles for a recorded deployment (``cash`` is None without demo cash)."""
    names = [name for name, _ in COMPONENTS if name in man.contracts or name != DEMO_CASH]
    handles = live_contracts(sender, {name: man.address(name) for name in names})
    return Platform(**{attr: handles.get(name) for name, attr in COMPONENTS})


def check_currencies(w3: Web3, currencies: tuple[str, ...]) -> tuple[str, ...]:
    """Checksummed addresses of the currencies to allow-list; a ConfigError names one that is not
    an address or has no contract on the chain."""
    out = []
    for currency in currencies:
        if not Web3.is_address(currency):
            raise ConfigError(f"--currency {currency}: not an address")
        address = Web3.to_checksum_address(currency)
        if not w3.eth.get_code(address):
            raise ConfigError(f"--currency {address}: no contract at that address on chain {w3.eth.chain_id}")
        out.append(address)
    return tuple(out)


def genesis_hash(w3: Web3) -> str:
    """The hash of block 0, lower-case hex with 0x: what tells two chains with one id apart."""
    return "0x" + bytes(w3.eth.get_block(0)["hash"]).hex()


def settle_pending(sender: TxSender, man: Manifest, say: Callable[[str], None] = lambda _: None) -> bool:
    """Record the contracts that the pending deployments of an interrupted run made; forget the
    ones that reverted or that the node does not know. Returns True if ``man`` changed."""
    changed = False
    for name, tx_hash in list(man.pending.items()):
        try:
            sender.w3.eth.get_transaction(HexStr(tx_hash))
            receipt = sender.wait(HexBytes(tx_hash))
        except (TransactionNotFound, TimeExhausted):
            say(f"{name}: the interrupted run's deployment {tx_hash} was never mined: deploying again")
            receipt = None
        if receipt is not None and receipt["status"] == 1 and receipt["contractAddress"]:
            man.contracts[name] = ContractRecord(receipt["contractAddress"], tx_hash, receipt["blockNumber"])
            say(f"{name}: recorded {receipt['contractAddress']}, deployed by the interrupted run ({tx_hash})")
        elif receipt is not None:
            say(f"{name}: the interrupted run's deployment {tx_hash} reverted: deploying again")
        del man.pending[name]
        changed = True
    return changed


def _backup_other_chain(previous: Manifest, directory: Path, say: Callable[[str], None]) -> None:
    backup = directory / f"{previous.chain_id}.{previous.genesis_hash[:10]}.json"
    backup.write_text(previous.to_json())
    say(f"--force: the manifest of the other chain (genesis {previous.genesis_hash[:10]}...) is kept as {backup}")


def _logged(say: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` that also logs what it says."""
    def both(text: str) -> None:
        log.info("%s", text)
        say(text)
    return both


def deploy(sender: TxSender, operator: Signer, directory: Path = manifest_mod.DEPLOYMENTS_DIR,
           build_dir: Path = BUILD_DIR, say: Callable[[str], None] = lambda _: None,
           force: bool = False, demo_cash: bool | None = None, currencies: tuple[str, ...] = ()) -> DeployResult:
    """Deploy what the manifest lacks or records wrongly, wire and seal; see the module's doc.
    ``demo_cash`` None: only on local chains."""
    w3 = sender.w3
    dry = sender.dry_run
    sent_before = sender.sent
    say = _logged(say)
    currencies = check_currencies(w3, currencies)
    if demo_cash is None:
        demo_cash = demo_cash_default(sender.chain_id)
    log.info("deploying on chain %s from %s: demo cash %s, currencies %s", sender.chain_id, operator.address,
             "yes" if demo_cash else "no", ", ".join(currencies) or "none named")
    genesis = genesis_hash(w3)
    previous = manifest_mod.load(sender.chain_id, directory)
    if previous is not None:
        manifest_mod.check_genesis(previous, genesis, manifest_mod.path_for(sender.chain_id, directory), force)
        other_chain = bool(previous.genesis_hash) and previous.genesis_hash != genesis
        if other_chain and not dry and sender.chain_id not in manifest_mod.LOCAL_CHAIN_IDS:
            _backup_other_chain(previous, directory, say)
        if settle_pending(sender, previous, say) and not dry:
            manifest_mod.save(previous, directory)
    steps = plan_deployment(previous, code_checker(w3, build_dir), sealed_checker(w3), demo_cash)
    if not demo_cash and previous is not None and DEMO_CASH in previous.contracts:
        say(f"{DEMO_CASH}: recorded at {previous.address(DEMO_CASH)}, but demo cash is not deployed on this network "
            "(--demo-cash to keep it): left out of the manifest")
    man = Manifest(sender.chain_id, operator.address, genesis_hash=genesis)
    addresses: dict[str, str] = {}

    def pending(name: str) -> Callable[[str], None]:
        def record(tx_hash: str) -> None:          # sent, not yet confirmed: recorded before waiting
            man.pending[name] = tx_hash
            manifest_mod.save(man, directory)
        return record

    for step in steps:
        if step.reuse:
            assert previous is not None          # reused: the previous manifest records it
            man.contracts[step.name] = previous.contracts[step.name]
            say(f"{step.name}: reused ({step.reason})")
        else:
            bytecode, _runtime = load_bytecode(step.name, build_dir)
            args = constructor_args(step.name, operator.address, addresses)
            receipt = sender.deploy(operator, load_abi(step.name), bytecode, args, label=f"deploy {step.name}",
                                    on_sent=None if dry else pending(step.name))
            address, block = receipt["contractAddress"], receipt["blockNumber"]
            man.contracts[step.name] = ContractRecord(address, "0x" + bytes(receipt["transactionHash"]).hex(), block)
            man.pending.pop(step.name, None)
            if dry:
                say(f"{step.name}: would be deployed at {address} ({step.reason})")
            else:
                say(f"{step.name}: deployed at {address} in block {block} ({step.reason})")
                manifest_mod.save(man, directory)   # after every deployment: an interrupted run resumes
        addresses[step.attr] = man.contracts[step.name].address
    if previous is not None and all(s.reuse for s in steps) and set(previous.contracts) != set(man.contracts):
        if not dry:
            manifest_mod.save(man, directory)     # nothing deployed, the demo cash left out
    elif previous is not None and all(s.reuse for s in steps):
        if previous.genesis_hash != genesis and not dry:
            previous.genesis_hash = genesis      # made before the genesis was recorded, or forced here
            manifest_mod.save(previous, directory)
        man = previous                            # nothing deployed: the manifest stays as it was
    if dry and not all(s.reuse for s in steps):
        say("wiring and sealing of the new contracts: not estimated (the contracts do not exist yet)")
        return DeployResult(None, man, steps, 0, wired=False)
    platform = platform_at(sender, man)
    if platform.cash is None and not currencies and any(s.name == "TradeRegistry" and not s.reuse for s in steps):
        say("no demo cash and no --currency named: trades need an allow-listed currency "
            "(TradeRegistry.setCurrencyAllowed, or deploy again with --currency ADDR)")
    wire(platform, operator, currencies=currencies)
    seal(platform, operator)
    log.info("wired and sealed; %d transaction(s)", sender.sent - sent_before)
    return DeployResult(platform, man, steps, sender.sent - sent_before)
