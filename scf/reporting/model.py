"""The platform's state, rebuilt by replaying indexed events in chain order.

Reports never call the chain: everything they show — who holds which piece, who financed what
at which rate and when, what was repaid and claimed — follows from the events. The replay
mirrors the contracts: a root's first piece is issued at tier 1 (the obligor's own supplier);
the tier is the supply-chain tier of the enterprise that received the piece as payment, stated by
the token itself (a split child's tier in PieceSplit, a whole piece passed on as payment in
PieceTierRaised), so custody by a financier or a platform contract (sale, pool, recourse return)
never changes it; merges add values and keep the highest tier; claims and burns close pieces.
Grace and default periods are histories, as in the contracts: a change applies only to maturities
from its `effectiveFrom` on, so a root keeps the periods in force at its maturity.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scf import pricing
from scf.deployment import DEFAULT_PERIOD
from scf.errors import NotFound
from scf.indexer.decoding import Event
from scf.reporting.activity import ACTIVITY_CONTRACTS, Activity
from scf.roles import Role
from scf.units import DAY

ZERO_ADDRESS = "0x" + "00" * 20

# (effective from, period) in the order set: the Python mirror of OpenZeppelin's Checkpoints
# trace behind AllianceRegistry's grace periods and Settlement's default periods
PeriodHistory = list[tuple[int, int]]


def period_at(history: PeriodHistory, moment: int) -> int:
    """The period for a maturity at `moment`: the last one set with effectiveFrom <= moment
    (Checkpoints.upperLookup; a later change with the same effectiveFrom replaces an earlier one),
    0 if none."""
    period = 0
    for effective_from, value in history:
        if effective_from > moment:
            break
        period = value
    return period


@dataclass
class Enterprise:
    address: str
    name: str
    roles_applied: int
    status: str = "pending"            # pending | certified | rejected
    roles: int = 0                     # certified roles

    @property
    def role_names(self) -> str:
        return Role(self.roles or self.roles_applied).names()


@dataclass
class Alliance:
    id: int
    core: str
    name: str
    grace_period: int                  # the latest set (allianceInfo); roots use grace_period_for
    started_at: int | None = None
    members: dict[str, str] = field(default_factory=dict)   # address -> invited|active|suspended|declined|left
    grace_periods: PeriodHistory = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.grace_periods:
            self.grace_periods = [(0, self.grace_period)]     # createAlliance's checkpoint

    def grace_period_for(self, maturity: int) -> int:
        """AllianceRegistry.gracePeriodFor(allianceId, maturity)."""
        return period_at(self.grace_periods, maturity)


@dataclass
class Trade:
    id: int
    alliance_id: int
    seller: str
    buyer: str
    amount: int
    status: str = "submitted"          # submitted | verified | rejected | withdrawn | confirmed
    root_id: int | None = None
    currency: str = ""                 # ERC-20 the payable is denominated in ("" if not in the events)


@dataclass
class Holding:
    """One holder of a piece: how and when it got it."""

    holder: str
    how: str                           # issued | split | bought | transfer | recourse
    at: int
    tier: int


@dataclass
class Piece:
    id: int
    root_id: int = 0
    parent_id: int = 0
    tier: int = 0
    value: int = 0                     # current value (the value it had when it closed, once closed)
    original_value: int = 0
    created_at: int = 0
    created_tx: str = ""
    origin: str = ""                   # issued | split | bought (split inside a sale)
    payer: str | None = None           # who passed it on at creation (obligor for a root)
    holders: list[Holding] = field(default_factory=list)
    claimed: int = 0
    burned: bool = False
    merged_into: int | None = None

    @property
    def holder(self) -> str | None:
        return self.holders[-1].holder if self.holders and not self.burned else None

    @property
    def first_holder(self) -> str | None:
        return self.holders[0].holder if self.holders else None

    @property
    def live(self) -> bool:
        return not self.burned and self.value > 0


@dataclass
class Repayment:
    root_id: int
    payer: str
    amount: int
    at: int


@dataclass
class Claim:
    piece_id: int
    root_id: int
    holder: str
    amount: int
    closed: bool
    at: int


@dataclass
class Root:
    id: int
    trade_id: int
    obligor: str
    face_value: int
    maturity: int
    alliance_id: int
    issued_at: int
    repaid: int = 0
    claimed: int = 0
    frozen: bool = False
    status: str = "current"            # current | overdue | defaulted
    marked_at: int | None = None
    repayments: list[Repayment] = field(default_factory=list)

    @property
    def outstanding(self) -> int:
        return self.face_value - self.repaid


@dataclass
class Financing:
    piece_id: int                      # the piece sold (or split inside the sale)
    bought_piece_id: int               # the piece the financier got
    root_id: int
    financier: str
    seller: str
    amount: int
    price: int
    fee: int
    rate_bps: int
    recourse: bool
    at: int
    maturity: int
    tx: str

    @property
    def days_early(self) -> int:
        return pricing.days_to_maturity(self.maturity, self.at)

    @property
    def seller_receives(self) -> int:
        return self.price - self.fee

    @property
    def cost(self) -> int:
        """What the seller gave up for early cash: value - what it received."""
        return self.amount - self.seller_receives

    @property
    def annual_cost(self) -> float:
        return pricing.Quote(self.amount, self.price, self.fee, self.days_early).effective_annual_cost


@dataclass
class RecourseCall:
    piece_id: int
    financier: str
    seller: str
    amount: int                     # due at the call
    called_at: int
    settled_at: int | None = None
    paid: int = 0                   # at settlement: interest runs until the payment, claims are deducted


@dataclass
class PlatformState:
    enterprises: dict[str, Enterprise] = field(default_factory=dict)
    alliances: dict[int, Alliance] = field(default_factory=dict)
    trades: dict[int, Trade] = field(default_factory=dict)
    roots: dict[int, Root] = field(default_factory=dict)
    pieces: dict[int, Piece] = field(default_factory=dict)
    financings: list[Financing] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    recourse: dict[int, RecourseCall] = field(default_factory=dict)
    offers: dict[int, str] = field(default_factory=dict)       # on-chain offer id -> open|taken|cancelled
    fee_bps: int | None = None
    # Settlement's default periods; the deployment's initial one is not an event (DEFAULT_PERIOD)
    default_periods: PeriodHistory = field(default_factory=lambda: [(0, DEFAULT_PERIOD)])
    activity: Activity = field(default_factory=Activity)
    currencies: dict[str, tuple[str, int]] = field(default_factory=dict)    # address (lower) -> (symbol, decimals)
    events: int = 0
    last_block: int = 0
    last_timestamp: int = 0
    _returning: set[int] = field(default_factory=set, repr=False)

    # ---------------------------------------------------------------- names

    def name(self, address: str | None) -> str:
        """The enterprise's registered name, or a short address."""
        if address is None:
            return "-"
        enterprise = self.enterprises.get(address)
        if enterprise is not None:
            return enterprise.name
        return f"{address[:6]}…{address[-4:]}"

    def currency_symbol(self, address: str | None) -> str:
        """A currency as people know it: the symbol the index read from the token, else a short
        address ("" for no currency)."""
        if not address:
            return ""
        symbol = self.currencies.get(address.lower(), ("", 0))[0]
        return symbol or self.name(address)

    def find_account(self, query: str) -> str:
        """An address from an address, an exact enterprise name or a unique part of one."""
        if query.startswith("0x") and len(query) == 42:
            for address in self.enterprises:
                if address.lower() == query.lower():
                    return address
            return query
        wanted = _handle(query)     # "bank_a", "Bank A" and "bank-a" name the same enterprise
        exact = [a for a, e in self.enterprises.items() if _handle(e.name) == wanted]
        matches = exact or [a for a, e in self.enterprises.items() if wanted and wanted in _handle(e.name)]
        if len(matches) != 1:
            known = ", ".join(sorted(e.name for e in self.enterprises.values()))
            how_many = "more than one" if matches else "no"
            raise NotFound(f"{how_many} enterprise matches {query!r}; known: {known}")
        return matches[0]

    def pieces_of_root(self, root_id: int, live_only: bool = False) -> list[Piece]:
        """A root's pieces in id order: every one ever minted, or only the live ones."""
        return sorted((p for p in self.pieces.values() if p.root_id == root_id and (p.live or not live_only)),
                      key=lambda p: p.id)

    def pieces_of_holder(self, address: str, live_only: bool = True) -> list[Piece]:
        """The pieces ``address`` holds, in id order: the live ones, or also those it held when
        they closed (merged or burned)."""
        wanted = address.lower()
        return sorted((p for p in self.pieces.values() if p.holders and p.holders[-1].holder.lower() == wanted
                       and (p.live or not live_only)), key=lambda p: p.id)

    def is_financier(self, address: str) -> bool:
        enterprise = self.enterprises.get(address)
        return bool(enterprise and (enterprise.roles or enterprise.roles_applied) & Role.FINANCIER)

    def grace_period(self, root: Root) -> int:
        """The grace period the contracts apply to this root: the one in force at its maturity."""
        alliance = self.alliances.get(root.alliance_id)
        return alliance.grace_period_for(root.maturity) if alliance else 0

    def default_period_for(self, maturity: int) -> int:
        """Settlement.defaultPeriodFor(maturity)."""
        return period_at(self.default_periods, maturity)

    def default_period(self, root: Root) -> int:
        """The default period the contracts apply to this root (the one in force at its maturity)."""
        return self.default_period_for(root.maturity)

    # ---------------------------------------------------------------- replay

    @classmethod
    def from_events(cls, events: Iterable[Event], now: int | None = None) -> "PlatformState":
        state = cls()
        for event in events:
            state.apply(event)
        if now is not None:
            state.last_timestamp = max(state.last_timestamp, now)
        return state

    def apply(self, event: Event) -> None:
        handler: Callable[[dict, Event], None] | None = None
        if event.contract in ACTIVITY_CONTRACTS:    # pools and the closed loop (WarehouseReceipt has Transfer too)
            self.activity.apply(event)
        else:
            handler = getattr(self, f"_on_{event.name}", None)
        if handler is not None:
            handler(event.args, event)
        self.events += 1
        self.last_block = event.block_number
        self.last_timestamp = max(self.last_timestamp, event.timestamp or 0)

    # registry

    def _on_EnterpriseRegistered(self, a: dict, e: Event) -> None:
        self.enterprises[a["account"]] = Enterprise(a["account"], a["name"], a["roles"])

    def _on_EnterpriseCertified(self, a: dict, e: Event) -> None:
        enterprise = self.enterprises.setdefault(a["account"], Enterprise(a["account"], a["account"], a["roles"]))
        enterprise.status, enterprise.roles = "certified", a["roles"]

    def _on_EnterpriseRejected(self, a: dict, e: Event) -> None:
        if a["account"] in self.enterprises:
            self.enterprises[a["account"]].status = "rejected"

    def _on_AllianceCreated(self, a: dict, e: Event) -> None:
        self.alliances[a["allianceId"]] = Alliance(a["allianceId"], a["core"], a["name"], a["gracePeriod"])

    def _member(self, a: dict, status: str) -> None:
        alliance = self.alliances.get(a["allianceId"])
        if alliance is not None:
            alliance.members[a["member"]] = status

    def _on_MemberInvited(self, a: dict, e: Event) -> None:
        self._member(a, "invited")

    def _on_InvitationAccepted(self, a: dict, e: Event) -> None:
        self._member(a, "active")

    def _on_InvitationDeclined(self, a: dict, e: Event) -> None:
        self._member(a, "declined")

    def _on_InvitationCancelled(self, a: dict, e: Event) -> None:
        self._member(a, "cancelled")

    def _on_MemberSuspended(self, a: dict, e: Event) -> None:
        self._member(a, "suspended")

    def _on_MemberReinstated(self, a: dict, e: Event) -> None:
        self._member(a, "active")

    def _on_MemberLeft(self, a: dict, e: Event) -> None:
        self._member(a, "left")

    def _on_AllianceStarted(self, a: dict, e: Event) -> None:
        if a["allianceId"] in self.alliances:
            self.alliances[a["allianceId"]].started_at = e.timestamp

    def _on_GracePeriodSet(self, a: dict, e: Event) -> None:
        alliance = self.alliances.get(a["allianceId"])
        if alliance is not None:                   # for maturities from effectiveFrom on only
            alliance.grace_period = a["gracePeriod"]
            alliance.grace_periods.append((a["effectiveFrom"], a["gracePeriod"]))

    # trades

    def _on_TradeSubmitted(self, a: dict, e: Event) -> None:
        self.trades[a["tradeId"]] = Trade(a["tradeId"], a["allianceId"], a["seller"], a["buyer"], a["amount"],
                                          currency=a.get("currency", ""))

    def _trade_status(self, a: dict, status: str) -> None:
        if a["tradeId"] in self.trades:
            self.trades[a["tradeId"]].status = status

    def _on_TradeVerified(self, a: dict, e: Event) -> None:
        self._trade_status(a, "verified")

    def _on_TradeRejected(self, a: dict, e: Event) -> None:
        self._trade_status(a, "rejected")

    def _on_TradeWithdrawn(self, a: dict, e: Event) -> None:
        self._trade_status(a, "withdrawn")

    def _on_TradeConfirmed(self, a: dict, e: Event) -> None:
        self._trade_status(a, "confirmed")
        if a["tradeId"] in self.trades:
            self.trades[a["tradeId"]].root_id = a["rootId"]

    # receivable pieces

    def _piece(self, piece_id: int) -> Piece:
        return self.pieces.setdefault(piece_id, Piece(piece_id))

    def _on_Transfer(self, a: dict, e: Event) -> None:
        piece = self._piece(a["tokenId"])
        frm, to = a["from"], a["to"]
        if frm == ZERO_ADDRESS:      # minted: issue or split fills in the rest
            piece.created_at, piece.created_tx = e.timestamp or 0, e.tx_hash
            piece.holders.append(Holding(to, "issued", e.timestamp or 0, 0))
        elif to == ZERO_ADDRESS:     # burned by a merge or a final claim
            piece.burned = True
        else:                        # the tier changes only by PieceTierRaised (emitted after this)
            how = "recourse" if piece.id in self._returning else "transfer"
            self._returning.discard(piece.id)
            piece.holders.append(Holding(to, how, e.timestamp or 0, piece.tier))

    def _on_ReceivableIssued(self, a: dict, e: Event) -> None:
        root_id = a["rootId"]
        self.roots[root_id] = Root(root_id, a["tradeId"], a["obligor"], a["faceValue"], a["maturity"],
                                   a["allianceId"], e.timestamp or 0)
        piece = self._piece(root_id)
        piece.root_id, piece.tier, piece.value, piece.original_value = root_id, 1, a["faceValue"], a["faceValue"]
        piece.origin, piece.payer = "issued", a["obligor"]
        if piece.holders:
            piece.holders[-1].tier = 1

    def _on_PieceSplit(self, a: dict, e: Event) -> None:
        parent = self._piece(a["parentId"])
        child = self._piece(a["childId"])
        parent.value -= a["value"]
        child.root_id, child.parent_id, child.tier = parent.root_id, parent.id, a["tier"]
        child.value = child.original_value = a["value"]
        child.origin, child.payer = "split", parent.holder
        if child.holders:
            child.holders[-1].how, child.holders[-1].tier = "split", a["tier"]

    def _on_PieceTierRaised(self, a: dict, e: Event) -> None:
        piece = self._piece(a["pieceId"])
        piece.tier = a["tier"]
        if piece.holders:
            piece.holders[-1].tier = a["tier"]

    def _on_PiecesMerged(self, a: dict, e: Event) -> None:
        into, merged = self._piece(a["intoId"]), self._piece(a["mergedId"])
        into.value += a["value"]
        into.tier = max(into.tier, merged.tier)
        merged.value, merged.merged_into = 0, into.id

    def _on_PieceBurned(self, a: dict, e: Event) -> None:
        piece = self._piece(a["pieceId"])
        piece.burned, piece.value = True, a["value"]

    def _on_RootFrozen(self, a: dict, e: Event) -> None:
        if a["rootId"] in self.roots:
            self.roots[a["rootId"]].frozen = True

    # market

    def _on_OfferPosted(self, a: dict, e: Event) -> None:
        self.offers[a["offerId"]] = "open"

    def _on_OfferCancelled(self, a: dict, e: Event) -> None:
        self.offers[a["offerId"]] = "cancelled"

    def _on_FeeSet(self, a: dict, e: Event) -> None:
        self.fee_bps = a["feeBps"]

    def _on_PieceFinanced(self, a: dict, e: Event) -> None:
        bought = self._piece(a["boughtPieceId"])
        root = self.roots.get(bought.root_id)
        self.financings.append(Financing(
            a["pieceId"], a["boughtPieceId"], bought.root_id, a["financier"], a["seller"], a["amount"], a["price"],
            a["fee"], a["rateBps"], a["recourse"], e.timestamp or 0, root.maturity if root else 0, e.tx_hash))
        if bought.holders:
            bought.holders[-1].how = "bought"
        if a["boughtPieceId"] != a["pieceId"]:
            bought.origin = "bought"
        offer_ref = int(a["offerRef"], 16)
        if offer_ref in self.offers and offer_ref < 2**64:
            self.offers[offer_ref] = "taken"

    # settlement

    def _on_Repaid(self, a: dict, e: Event) -> None:
        root = self.roots.get(a["rootId"])
        if root is not None:
            root.repaid = a["totalRepaid"]
            root.repayments.append(Repayment(root.id, a["payer"], a["amount"], e.timestamp or 0))

    def _on_Claimed(self, a: dict, e: Event) -> None:
        self.claims.append(Claim(a["pieceId"], a["rootId"], a["holder"], a["amount"], a["closed"], e.timestamp or 0))
        self._piece(a["pieceId"]).claimed += a["amount"]
        if a["rootId"] in self.roots:
            self.roots[a["rootId"]].claimed += a["amount"]

    def _mark(self, a: dict, e: Event, status: str) -> None:
        root = self.roots.get(a["rootId"])
        if root is not None:
            root.status, root.marked_at = status, e.timestamp

    def _on_MarkedOverdue(self, a: dict, e: Event) -> None:
        self._mark(a, e, "overdue")

    def _on_MarkedDefaulted(self, a: dict, e: Event) -> None:
        self._mark(a, e, "defaulted")

    def _on_RecourseCalled(self, a: dict, e: Event) -> None:
        self.recourse[a["pieceId"]] = RecourseCall(a["pieceId"], a["financier"], a["seller"], a["amount"],
                                                   e.timestamp or 0)

    def _on_RecourseSettled(self, a: dict, e: Event) -> None:
        call = self.recourse.get(a["pieceId"])
        if call is not None:
            call.settled_at, call.paid = e.timestamp, a["amount"]
        if a["amount"]:                            # closed at zero: nothing moves
            self._returning.add(a["pieceId"])     # the piece's transfer back to the seller follows

    def _on_DefaultPeriodSet(self, a: dict, e: Event) -> None:
        self.default_periods.append((a["effectiveFrom"], a["defaultPeriod"]))   # from effectiveFrom on

    # ---------------------------------------------------------------- helpers for reports

    def claimable(self, piece: Piece) -> int:
        root = self.roots.get(piece.root_id)
        if root is None or not piece.live or root.face_value == 0:
            return 0
        return piece.value * root.repaid // root.face_value - piece.claimed

    def days_to_maturity(self, root: Root) -> int:
        """Whole days until maturity (rounded up); negative: days past it."""
        seconds = root.maturity - self.last_timestamp
        return math.ceil(seconds / DAY) if seconds > 0 else -((-seconds) // DAY)


def _handle(name: str) -> str:
    """A name reduced to lower-case letters and digits, so a demo handle (``bank_a``) finds "Bank A"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())
