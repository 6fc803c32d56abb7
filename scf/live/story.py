"""The scenario for a real node: no time travel, every step a confirmed transaction.

Onboarding (certify, alliance, cash), then the credit-penetration act of the seed's story: the
core confirms a payable to tier 1; tier 1 pays tier 2 with a split, tier 2 pays tier 3; tier 3
discounts at bank A through an EIP-712 signed offer, tier 1 discounts its rest at bank B with
recourse through an escrowed on-chain offer; then the core repays early (before maturity only
the obligor may; it freezes the pieces) and every piece is claimed. Invoice numbers carry a run tag, so the
story can be played again on the same deployment.

It reuses the flows written for brownie (``scf.onboarding``, ``scf.eip712``) through the
brownie-style handles of ``scf.live.contracts``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from scf.deployment import Platform
from scf.eip712 import sign_offer
from scf.live.sender import TxSender
from scf.live.signers import Signer
from scf.onboarding import audited_trade, confirm_receivable, form_alliance
from scf.roles import Role
from scf.units import DAY, fmt, to_base

MAX_UINT = 2**256 - 1
STORY_ACTORS: tuple[str, ...] = ("core", "supplier1", "supplier2", "supplier3", "bank_a", "bank_b", "auditor")
MEMBERS: tuple[tuple[str, Role, str], ...] = (
    ("supplier1", Role.SUPPLIER, "Tier-1 Components Ltd"),
    ("supplier2", Role.SUPPLIER, "Tier-2 Plastics Co"),
    ("supplier3", Role.SUPPLIER, "Tier-3 Moulds (micro-firm)"),
    ("bank_a", Role.FINANCIER, "Bank A"),
    ("bank_b", Role.FINANCIER, "Bank B Factoring"),
    ("auditor", Role.AUDITOR, "Trade Auditor"),
)


@dataclass
class LiveStoryResult:
    alliance_id: int
    root_id: int
    pieces: dict[str, int] = field(default_factory=dict)     # label -> piece id
    financed: list[dict] = field(default_factory=list)       # PieceFinanced arguments
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


def _latest_time(sender: TxSender) -> int:
    return sender.w3.eth.get_block("latest")["timestamp"]


def run_live_story(p: Platform, sender: TxSender, operator: Signer, actors: dict[str, Signer], tag: str,
                   say: Callable[[str], None] = lambda _: None) -> LiveStoryResult:
    a = actors
    members = [(a[name], roles, label) for name, roles, label in MEMBERS]
    alliance_id = form_alliance(p.registry, operator, a["core"], members, f"Core Electronics supply chain {tag}",
                                grace_period=10 * DAY, core_name="Core Electronics (core enterprise)")
    say(f"alliance #{alliance_id}: core, 3 suppliers, 2 banks and an auditor, certified and started")
    for name, units in (("core", 1_000_000), ("bank_a", 500_000), ("bank_b", 1_000_000)):
        p.cash.mint(a[name], to_base(units), {"from": operator})
    for name in ("core", "bank_a", "bank_b", "supplier1", "supplier2", "supplier3"):
        for spender in (p.market, p.settlement):
            if p.cash.allowance(a[name], spender) < MAX_UINT // 2:
                p.cash.approve(spender, MAX_UINT, {"from": a[name]})
    say("cash minted to core and the banks; allowances for market and settlement")

    face = to_base(1_000_000)
    trade_id = audited_trade(p.trades, alliance_id, a["supplier1"], a["core"], a["auditor"], p.cash, face,
                             f"INV-{tag}-0001")
    root, _tx = confirm_receivable(p.receivables, trade_id, a["core"], face, _latest_time(sender) + 120 * DAY)
    result = LiveStoryResult(alliance_id, root, {"root": root})
    say(f"trade #{trade_id} audited; core confirms root #{root}: {fmt(face)} due in 120 days, held by supplier1")

    tx = p.receivables.splitOff(root, a["supplier2"], to_base(400_000), {"from": a["supplier1"]})
    tier2 = tx.events["PieceSplit"]["childId"]
    tx = p.receivables.splitOff(tier2, a["supplier3"], to_base(150_000), {"from": a["supplier2"]})
    tier3 = tx.events["PieceSplit"]["childId"]
    result.pieces.update(tier2=tier2, tier3=tier3)
    say(f"supplier1 pays supplier2 400,000 (piece #{tier2}); supplier2 pays supplier3 150,000 (piece #{tier3})")

    value3 = p.receivables.pieceInfo(tier3)[0]
    terms, signature = sign_offer(p.market, a["bank_a"], p.cash, tier3, value3, 450, _latest_time(sender) + 3 * DAY)
    price, _fee = p.market.quote(tier3, value3, 450)
    tx = p.market.acceptSignedOffer(terms.as_tuple(), signature, price, {"from": a["supplier3"]})
    result.financed.append(dict(tx.events["PieceFinanced"][0]))
    say(f"supplier3 discounts piece #{tier3} at bank_a (4.50%/yr, signed offer): price {fmt(price)}")

    rest = p.receivables.pieceInfo(root)[0]
    tx = p.market.postOffer(root, rest, 520, p.market.feeBps(), True, _latest_time(sender) + 3 * DAY,
                            {"from": a["bank_b"]})
    offer_id = tx.events["OfferPosted"]["offerId"]
    price, _fee = p.market.quote(root, rest, 520)
    tx = p.market.acceptOffer(offer_id, price, {"from": a["supplier1"]})
    result.financed.append(dict(tx.events["PieceFinanced"][0]))
    say(f"supplier1 discounts its rest {fmt(rest)} at bank_b (5.20%/yr, with recourse, on-chain offer #{offer_id})")

    p.settlement.repay(root, face, {"from": a["core"]})
    say(f"core repays {fmt(face)} early: the pieces freeze and can be claimed")
    for piece in (root, tier2, tier3):
        claimed = p.settlement.claim(piece, {"from": operator}).events["Claimed"]
        result.claimed += claimed["amount"]
        say(f"claim on piece #{piece} pays {fmt(claimed['amount'])}")
    return result
