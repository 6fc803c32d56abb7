"""The closed loop's rules in Python, web3-only: the advance-payment release and buy-back
arithmetic as AdvancePayment computes it, and the warehouse's goods accounting read from a
WarehouseReceipt's logs. The story that plays the loop on brownie is ``scf.brownie.closed_loop``;
order statuses and milestones are ``scf.enums.OrderStatus`` / ``scf.enums.Milestone``.
"""

from dataclasses import dataclass

from web3 import Web3

from scf.pieces import call_many, live_token_ids

CREDIT, CASH = True, False          # IOrderEscrow.placeOrder's ``credit`` flag


def released_quantity(quantity: int, repaid: int, owed: int) -> int:
    """Units an advance-payment deal has released after ``repaid`` of ``owed``: pro rata, rounded
    down (never more goods than paid for); everything once the deal is repaid in full."""
    if repaid >= owed:
        return quantity
    return quantity * repaid // owed


def buyback_price(owed: int, repaid: int) -> int:
    """What the core enterprise pays when the bank calls the buy-back: the unpaid balance
    (no penalty, no fee)."""
    return owed - repaid


@dataclass(frozen=True)
class LiveReceipt:
    receipt_id: int
    lot: int
    quantity: int
    locked: bool


def live_receipts(w3: Web3, receipts_address: str) -> list[LiveReceipt]:
    """Every warehouse receipt that exists (from the token's Transfer logs, then one batched read)."""
    ids = live_token_ids(w3, "WarehouseReceipt", receipts_address)
    rows = call_many(w3, "WarehouseReceipt", receipts_address, "receiptOf", [(i,) for i in ids])
    out = []
    for receipt_id, (receipt,) in zip(ids, rows):
        locked_by, lot, _parent, quantity, _value = receipt
        out.append(LiveReceipt(receipt_id, lot, quantity, int(locked_by, 16) != 0))
    return out


def goods_problems(receipts: list[LiveReceipt], issued: dict[int, int], redeemed: dict[int, int]) -> list[str]:
    """What does not add up: per lot, the units on live receipts plus the units the warehouse
    released must be the units taken in; no receipt may stay locked once its financing closed."""
    problems = [f"receipt #{r.receipt_id} is still locked" for r in receipts if r.lot and r.locked]
    live: dict[int, int] = {}
    for r in receipts:
        if r.lot:
            live[r.lot] = live.get(r.lot, 0) + r.quantity
    for lot, quantity in issued.items():
        accounted = live.get(lot, 0) + redeemed.get(lot, 0)
        if accounted != quantity:
            problems.append(f"lot #{lot}: {accounted:,} units accounted for, {quantity:,} taken in")
    return problems
