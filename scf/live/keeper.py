"""The keeper: settle everything that is due, in as few transactions as the contracts allow.

The work is found in the index (``scf.reporting.model.PlatformState``), never by scanning ids:

1. ``Settlement.markOverdue`` for unpaid roots past maturity + grace period, then
   ``markDefaulted`` for unpaid overdue roots past the default period too;
2. ``Settlement.claimMany`` (at most ``MAX_BATCH`` pieces a transaction) for every piece of a
   repaid or part-repaid root with something to claim, held by anyone but a platform contract
   (the pool collects its own pieces, an escrowed offer's piece is the market's business);
3. ``SecuritizationPool.collectMany`` (at most ``MAX_BATCH`` a transaction) for the pieces of
   active pools that brought the pool cash since their last collection;
4. ``SecuritizationPool.distribute`` for active pools holding undistributed cash.

Each candidate the index names is checked with a view call before anything is sent (the index
may trail the chain by a block), so a run never sends a transaction that would be refused, and a
second run right after the first sends nothing. In a dry run each transaction is estimated
(``eth_estimateGas``); one that needs an earlier transaction of the run (a default after its
overdue mark, a distribution of cash the collections bring) is listed without an estimate.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from web3 import Web3

from scf.abis import load_abi
from scf.live.sender import TxRecord, TxSender
from scf.live.sender import _utc_now as utc_now
from scf.live.signers import Signer
from scf.reporting.activity import Pool
from scf.reporting.model import PlatformState

MAX_BATCH = 50          # Settlement.MAX_BATCH = SecuritizationPool.MAX_POOL_PIECES


@dataclass(frozen=True)
class KeeperCall:
    """One transaction the keeper sends."""

    contract: str           # "Settlement" | "SecuritizationPool"
    function: str
    args: tuple
    label: str
    after_previous: bool = False    # needs an earlier call of this run to have happened (dry run: no estimate)


@dataclass
class KeeperPlan:
    """What is due according to the index (candidates; checked on chain before sending)."""

    overdue: list[int] = field(default_factory=list)                 # root ids
    defaulted: list[int] = field(default_factory=list)               # root ids (marked overdue first if in overdue)
    claims: list[int] = field(default_factory=list)                  # piece ids
    collects: dict[int, list[int]] = field(default_factory=dict)     # pool id -> piece ids
    pools: list[int] = field(default_factory=list)                   # active pool ids (distribute if cash)


def plan_from_index(state: PlatformState, now: int, platform_addresses: set[str]) -> KeeperPlan:
    """The work due at ``now`` (a block timestamp) as the index sees it."""
    plan = KeeperPlan()
    platform = {a.lower() for a in platform_addresses}
    for root in sorted(state.roots.values(), key=lambda r: r.id):
        if root.repaid >= root.face_value:
            continue
        overdue_from = root.maturity + state.grace_period(root)
        if root.status == "current" and now > overdue_from:
            plan.overdue.append(root.id)
        if root.status in ("current", "overdue") and now > overdue_from + state.default_period(root) \
                and (root.status == "overdue" or root.id in plan.overdue):
            plan.defaulted.append(root.id)
    for piece in sorted(state.pieces.values(), key=lambda p: p.id):
        holder = piece.holder
        if holder is not None and holder.lower() not in platform and state.claimable(piece) > 0:
            plan.claims.append(piece.id)
    for pool in sorted(state.activity.pools.values(), key=lambda p: p.id):
        if pool.phase != "active":
            continue
        plan.pools.append(pool.id)
        due = [pid for pid in pool.pieces if _may_bring_cash(state, pool, pid)]
        if due:
            plan.collects[pool.id] = due
    return plan


def _may_bring_cash(state: PlatformState, pool: Pool, piece_id: int) -> bool:
    """Whether a pooled piece may have brought cash since its last collection: its root was
    repaid beyond what the pool booked, or the seller paid a recourse call on it."""
    booked = pool.credited.get(piece_id, 0)
    piece = state.pieces.get(piece_id)
    root = state.roots.get(piece.root_id) if piece is not None else None
    value = pool.piece_values.get(piece_id, 0)
    if root is not None and root.face_value and value * root.repaid // root.face_value > booked:
        return True
    call = state.recourse.get(piece_id)
    return call is not None and call.settled_at is not None and booked < value


def _chunks(ids: list[int], size: int = MAX_BATCH) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _pieces(ids: list[int]) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:6])
    more = f" and {len(ids) - 6} more" if len(ids) > 6 else ""
    return f"{len(ids)} piece{'s' if len(ids) != 1 else ''}: {shown}{more}"


class Keeper:
    """Checks the plan's candidates on chain and sends the calls through a ``TxSender``."""

    def __init__(self, sender: TxSender, signer: Signer, addresses: dict[str, str],
                 say: Callable[[str], None] = lambda _: None) -> None:
        self.sender = sender
        self.signer = signer
        self.say = say
        w3 = sender.w3
        self.contracts = {name: w3.eth.contract(address=Web3.to_checksum_address(addresses[name]),
                                                abi=list(load_abi(name)))
                          for name in ("Settlement", "SecuritizationPool")}

    def _view(self, contract: str, function: str, *args: Any) -> Any:
        return getattr(self.contracts[contract].functions, function)(*args).call()

    # ---------------------------------------------------------------- what is due, checked

    def calls(self, plan: KeeperPlan) -> list[KeeperCall]:
        """The transactions to send, in order, for the plan's candidates that the chain confirms."""
        calls: list[KeeperCall] = []
        for root in plan.overdue:
            calls.append(KeeperCall("Settlement", "markOverdue", (root,), f"Settlement.markOverdue root #{root}"))
        for root in plan.defaulted:
            calls.append(KeeperCall("Settlement", "markDefaulted", (root,), f"Settlement.markDefaulted root #{root}",
                                    after_previous=root in plan.overdue))
        claimable = [p for p in plan.claims if self._view("Settlement", "claimable", p) > 0]
        for chunk in _chunks(claimable):
            calls.append(KeeperCall("Settlement", "claimMany", (chunk,), f"Settlement.claimMany {_pieces(chunk)}"))
        pool_address = self.contracts["SecuritizationPool"].address
        collecting: set[int] = set()
        for pool_id, candidates in plan.collects.items():
            due = [p for p in candidates if self._collectable(pool_address, p) > 0]
            for chunk in _chunks(due):
                collecting.add(pool_id)
                calls.append(KeeperCall("SecuritizationPool", "collectMany", (pool_id, chunk),
                                        f"SecuritizationPool.collectMany pool {pool_id}, {_pieces(chunk)}"))
        for pool_id in plan.pools:
            accounts = self._view("SecuritizationPool", "accountsOf", pool_id)
            cash = accounts[0] - accounts[1]         # Accounts.collected - Accounts.distributed
            if cash > 0 or pool_id in collecting:
                calls.append(KeeperCall("SecuritizationPool", "distribute", (pool_id,),
                                        f"SecuritizationPool.distribute pool {pool_id}",
                                        after_previous=cash == 0))
        return calls

    def _collectable(self, pool_address: str, piece_id: int) -> int:
        """SecuritizationPool.collect's amount for a piece: its entitlement minus what the pool booked."""
        record = self._view("SecuritizationPool", "pooledPiece", piece_id)
        value, credited = record[1], record[2]
        entitled, _live = self._view("Settlement", "entitlementOf", piece_id, pool_address, value)
        return max(entitled - credited, 0)

    # ---------------------------------------------------------------- sending

    def run(self, calls: list[KeeperCall]) -> list[TxRecord]:
        """Send (or, with a dry-run sender, estimate) each call; one line each through the sender's
        listeners. Returns the records (not-estimated dry-run calls included)."""
        records: list[TxRecord] = []
        for call in calls:
            if self.sender.dry_run and call.after_previous:
                record = TxRecord(call.label, "", None, 0, "after-previous", utc_now())
                self.say(f"tx {call.label}: not sent, not estimated (needs the transactions above)")
                records.append(record)
                continue
            contract = self.contracts[call.contract]
            data = getattr(contract.functions, call.function)(*call.args)._encode_transaction_data()
            receipt = self.sender.transact(self.signer, contract.address, data, label=call.label)
            records.append(TxRecord(call.label, "0x" + bytes(receipt["transactionHash"]).hex(),
                                    receipt["blockNumber"], receipt["gasUsed"],
                                    "estimated" if self.sender.dry_run else "ok"))
        return records

