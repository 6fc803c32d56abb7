"""The seed's story on brownie's development chain, end to end: the function the script and the
integration test share.

Act 1 - credit penetration (``scf.story.credit_penetration``, the engine's act the live scenario
and the load generator share): a core enterprise confirms a 1,000,000 payable to its tier-1
supplier; tier 1 pays tier 2 with a 400,000 split, tier 2 pays tier 3 with 150,000; tier 3
discounts at bank A through a signed offer, tier 1 discounts its rest at bank B with recourse;
at maturity the core repays and every holder claims.
Act 2 - default and recourse (time travel: here only): another root is confirmed by signature,
sold with recourse, not paid; it goes overdue, then defaulted; the bank calls recourse, the
seller pays and gets the piece back; when the core finally pays, the seller collects.

Every money movement is recorded in a ledger and checked against the chain at the end; any
mismatch raises ScenarioError.
"""

from dataclasses import dataclass
from typing import Any

from brownie import chain, web3

from scf import story as engine
from scf.brownie.clock import travel_to
from scf.eip712 import sign_confirmation
from scf.onboarding import audited_trade
from scf.story import Financing, Ledger, ScenarioError, check, onboard, report  # noqa: F401  (the demos' names)
from scf.tables import Narrator
from scf.units import DAY, fmt, to_base


class BrownieDriver:
    """brownie's development chain: its clock, time travel, ``tx.timestamp``."""

    can_travel = True

    def __init__(self) -> None:
        self.w3 = web3

    def now(self) -> int:
        return chain.time()

    def travel_to(self, timestamp: int) -> None:
        travel_to(timestamp)

    def tx_time(self, tx: Any) -> int:
        return tx.timestamp


class Story(engine.Story):
    """The engine's Story on brownie's chain."""

    def __init__(self, platform, operator, actors: dict, say: Narrator | None = None) -> None:
        super().__init__(platform, operator, actors, say, driver=BrownieDriver())


@dataclass
class ScenarioResult:
    ledger: Ledger
    financings: list
    start_balances: dict
    end_balances: dict
    roots: dict


def act_two(story: Story, alliance_id: int) -> int:
    say, p, a = story.say, story.p, story.actors
    say.act("Act 2 - a root defaults and recourse runs")
    face = to_base(300_000)
    trade_id = audited_trade(p.trades, alliance_id, a["supplier1"], a["core"], a["auditor"], p.cash, face,
                             "INV-2026-0002")
    maturity, deadline = story.now() + 60 * DAY, story.now() + DAY
    nonce, sig = sign_confirmation(p.receivables, a["core"], trade_id, face, maturity, deadline)
    tx = p.receivables.confirmWithSignature(trade_id, face, maturity, nonce, deadline, sig, {"from": a["supplier1"]})
    root = tx.events["ReceivableIssued"]["rootId"]
    story.roots["act2"] = root
    say.step(f"core signs an EIP-712 confirmation off-chain; supplier1 submits it: root #{root}, {fmt(face)}, 60 days")
    deal = story.discount_signed(root, "supplier1", "bank_b", 600, recourse=True)
    grace = p.registry.gracePeriodOf(alliance_id)
    story.travel_to(maturity + grace + 1)
    p.settlement.markOverdue(root, {"from": story.operator})
    say.step(f"maturity + {grace // DAY} days' grace pass unpaid: the operator marks root #{root} overdue")
    story.travel_to(maturity + grace + p.settlement.defaultPeriod() + 1)
    p.settlement.markDefaulted(root, {"from": story.operator})
    say.step(f"{p.settlement.defaultPeriod() // DAY} more days: marked defaulted")
    tx = p.settlement.callRecourse(deal.piece_id, {"from": a["bank_b"]})
    owed = tx.events["RecourseCalled"]["amount"]
    say.step(f"bank_b calls recourse on piece #{deal.piece_id}: supplier1 owes {fmt(owed)} "
             "(price + interest, capped at value)")
    tx = p.settlement.payRecourse(deal.piece_id, {"from": a["supplier1"]})
    paid = tx.events["RecourseSettled"]["amount"]  # interest runs until the payment (capped at the value)
    story.ledger.move("supplier1", "bank_b", paid)
    say.step(f"supplier1 pays {fmt(paid)} to bank_b and gets piece #{deal.piece_id} back")
    story.repay(root, "core", face)
    say.note("the core enterprise finally pays, late: whoever holds the piece collects")
    story.claim_all(root)
    return root


def run(platform, operator, actors: dict, say: Narrator | None = None) -> ScenarioResult:
    story = Story(platform, operator, actors, say)
    start = story.balances()
    alliance_id = onboard(story)
    engine.credit_penetration(story, alliance_id)
    act_two(story, alliance_id)
    end = story.balances()
    check(story, start, end)
    report(story, start, end)
    story.say.act("All checks passed: every claim traced to an audited trade, cash conserved, nothing left behind")
    return ScenarioResult(story.ledger, story.financings, start, end, story.roots)
