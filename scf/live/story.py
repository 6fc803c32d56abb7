"""The scenario for a real node: no time travel, every step a confirmed transaction.

Onboarding (certify, alliance, cash), then the credit-penetration act of the seed's story, both
from the story engine (``scf.story``: the same steps as the brownie scenario and the load
generator) through ``RpcDriver`` and the brownie-style handles of ``scf.live.contracts``. Without
time travel the core repays early (before maturity only the obligor may; it freezes the pieces)
and every piece is claimed. Invoice numbers and the alliance's name carry a run tag, so the
story can be played again on the same deployment. The story mints demo cash: the platform must
have a ``SettlementToken`` (deployed on local chains, or with ``--demo-cash``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from scf.deployment import Platform
from scf.errors import ConfigError
from scf.live.sender import TxSender
from scf.live.signers import Signer
from scf.story import ALLIANCE_NAME, MEMBERS, STORY_ACTORS, RpcDriver, Story, credit_penetration, onboard
from scf.tables import Narrator

__all__ = ["LiveStoryResult", "MEMBERS", "STORY_ACTORS", "fund_gas", "run_live_story"]


@dataclass
class LiveStoryResult:
    alliance_id: int
    root_id: int
    financed: list[dict] = field(default_factory=list)       # the financings: seller, financier, piece, price...
    claimed: int = 0                                          # base units paid out by claims


def fund_gas(sender: TxSender, funder: Signer, accounts: dict[str, Signer], minimum_wei: int,
             say: Callable[[str], None]) -> None:
    """Top every account up to ``minimum_wei`` of the native coin (skipped on gas-free chains)."""
    w3 = sender.w3
    fees = sender.fee_fields()
    if not fees.get("maxFeePerGas", fees.get("gasPrice", 0)):
        return
    for name, signer in accounts.items():
        balance = w3.eth.get_balance(signer.address)
        if balance < minimum_wei:
            sender.transact(funder, signer.address, value=minimum_wei - balance, label=f"gas money for {name}")
            say(f"sent {(minimum_wei - balance) / 10**18:.4f} native coin to {name} for gas")


def run_live_story(p: Platform, sender: TxSender, operator: Signer, actors: dict[str, Signer], tag: str,
                   say: Narrator | None = None) -> LiveStoryResult:
    if p.cash is None:
        raise ConfigError("the live scenario mints demo cash, and this deployment has no SettlementToken: "
                          "deploy with --demo-cash (test networks only)")
    story = Story(p, operator, actors, say, driver=RpcDriver(sender.w3))
    alliance_id = onboard(story, f"{ALLIANCE_NAME} {tag}")
    claimed_before = story.ledger.cash_out["settlement"]
    root = credit_penetration(story, alliance_id, invoice=f"INV-{tag}-0001")
    result = LiveStoryResult(alliance_id, root)
    result.financed = [vars(f).copy() for f in story.financings]
    result.claimed = story.ledger.cash_out["settlement"] - claimed_before
    return result
