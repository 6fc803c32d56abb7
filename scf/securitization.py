"""Securitization (ABS) arithmetic, web3-only: the pool's terms as the contract takes them,
tranche sizing and the waterfall, the contract's integer arithmetic in Python.

``Waterfall`` is checked against SecuritizationPool by the securitization story
(``scf.brownie.securitization``) and by the stateful test of the pool; the pool's phases are
``scf.enums.Phase``.
"""

from dataclasses import dataclass, field

from scf.units import BPS, DAY

YEAR = 365 * DAY


@dataclass
class PoolTerms:
    """ISecuritizationPool.PoolTerms (amounts in base units, times unix, rates in bps)."""

    currency: object
    alliance_id: int
    min_maturity: int
    max_maturity: int
    max_pieces: int
    max_total_value: int
    concentration_cap_bps: int = BPS
    senior_coupon_bps: int = 500
    senior_max_share_bps: int = 8_000
    obligors: tuple = ()

    def as_tuple(self) -> tuple:
        return (str(self.currency), self.alliance_id, self.min_maturity, self.max_maturity, self.max_pieces,
                self.max_total_value, self.concentration_cap_bps, self.senior_coupon_bps, self.senior_max_share_bps,
                [str(o) for o in self.obligors])


def tranche_sizes(pool_value: int, target: int, senior_max_share_bps: int) -> tuple[int, int]:
    """Senior and junior capacity for a target raise, as openOffering computes them."""
    senior = min(target, pool_value * senior_max_share_bps // BPS)
    return senior, target - senior


@dataclass
class Payout:
    """One run of the waterfall."""

    time: int
    cash: int
    senior_interest: int
    senior_principal: int
    junior: int
    senior_outstanding: int

    @property
    def senior(self) -> int:
        return self.senior_interest + self.senior_principal


@dataclass
class Waterfall:
    """The pool's books as SecuritizationPool keeps them, in Python (same integer arithmetic)."""

    senior_raised: int
    junior_raised: int
    coupon_bps: int
    last_accrual: int
    interest_due: int = 0
    senior_principal_paid: int = 0
    senior_interest_paid: int = 0
    junior_paid: int = 0
    collected: int = 0
    distributed: int = 0
    payouts: list = field(default_factory=list)

    @property
    def senior_outstanding(self) -> int:
        return self.senior_raised - self.senior_principal_paid

    def due_at(self, t: int) -> int:
        return self.interest_due + self.senior_outstanding * self.coupon_bps * (t - self.last_accrual) // (BPS * YEAR)

    def collect(self, amount: int) -> None:
        self.collected += amount

    def distribute(self, t: int) -> Payout:
        due = self.due_at(t)
        cash = self.collected - self.distributed
        interest = min(cash, due)
        principal = min(cash - interest, self.senior_outstanding)
        junior = cash - interest - principal
        self.last_accrual = t
        self.interest_due = due - interest
        self.senior_interest_paid += interest
        self.senior_principal_paid += principal
        self.junior_paid += junior
        self.distributed += cash
        payout = Payout(t, cash, interest, principal, junior, self.senior_outstanding)
        self.payouts.append(payout)
        return payout
