"""A holder's portfolio: the live pieces it holds now and its cash flows on the platform."""

from dataclasses import dataclass

from scf.reporting.model import Piece, PlatformState
from scf.reporting.tree import day
from scf.tables import table
from scf.units import fmt


@dataclass
class Position:
    piece: Piece
    obligor: str
    maturity: int
    days_to_maturity: int
    status: str
    claimable: int


@dataclass
class Portfolio:
    state: PlatformState
    holder: str
    positions: list[Position]
    bought: int             # paid for pieces bought (price)
    sold_for: int           # received for pieces sold (price - fee)
    claimed: int            # received from claims
    recourse_paid: int
    recourse_received: int

    @property
    def face_held(self) -> int:
        return sum(p.piece.value for p in self.positions)

    def text(self) -> str:
        s = self.state
        head = f"Portfolio of {s.name(self.holder)} ({self.holder}) as of {day(s.last_timestamp)}"
        rows = [(f"#{p.piece.id}", f"#{p.piece.root_id}", s.name(p.obligor), p.piece.tier, fmt(p.piece.value),
                 day(p.maturity), p.days_to_maturity, p.status, fmt(p.claimable)) for p in self.positions]
        pieces = table(["piece", "root", "obligor", "tier", "value", "maturity", "days left", "status", "claimable"],
                       rows, "rrlrrlrlr") if rows else "no live pieces"
        flows = table(["cash flow", "amount"], [
            ("paid for pieces bought (price)", fmt(self.bought)),
            ("received for pieces sold (net of fee)", fmt(self.sold_for)),
            ("received from claims", fmt(self.claimed)),
            ("recourse paid", fmt(self.recourse_paid)),
            ("recourse received", fmt(self.recourse_received)),
        ], "lr")
        return "\n".join([head, "", pieces, f"\n{len(self.positions)} live pieces, face value {fmt(self.face_held)}",
                          "", flows])


def portfolio(state: PlatformState, holder: str) -> Portfolio:
    address = state.find_account(holder)
    positions = []
    for piece in state.pieces_of_holder(address):
        root = state.roots[piece.root_id]
        status = root.status if root.repaid < root.face_value else "repaid"
        if status == "current" and state.days_to_maturity(root) <= 0:
            status = "past due"
        positions.append(Position(piece, root.obligor, root.maturity, state.days_to_maturity(root), status,
                                  state.claimable(piece)))
    recourse = list(state.recourse.values())
    return Portfolio(
        state, address, positions,
        bought=sum(f.price for f in state.financings if f.financier == address),
        sold_for=sum(f.seller_receives for f in state.financings if f.seller == address),
        claimed=sum(c.amount for c in state.claims if c.holder == address),
        recourse_paid=sum(r.amount for r in recourse if r.seller == address and r.settled_at),
        recourse_received=sum(r.amount for r in recourse if r.financier == address and r.settled_at),
    )
