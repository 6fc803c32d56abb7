"""The platform's pricing formula, bit for bit as ``contracts/libraries/Discounting.sol``.

Simple (bank) discount, actual/365, whole days to maturity rounded up:

    days     = ceil((maturity - now) / 86400)
    discount = ceil(value * rate_bps * days / (10000 * 365))
    price    = max(value - discount, 0)
    fee      = floor(price * fee_bps / 10000)

Everything is integer arithmetic on base units; tests compare this with the contract.
"""

from dataclasses import dataclass

from scf.units import BPS, DAY, YEAR_DAYS


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def days_to_maturity(maturity: int, now: int) -> int:
    if maturity <= now:
        return 0
    return _ceil_div(maturity - now, DAY)


def price(value: int, rate_bps: int, maturity: int, now: int) -> int:
    discount = _ceil_div(value * rate_bps * days_to_maturity(maturity, now), BPS * YEAR_DAYS)
    return 0 if discount >= value else value - discount


def fee(amount: int, fee_bps: int) -> int:
    return amount * fee_bps // BPS


def interest(principal: int, rate_bps: int, from_time: int, to_time: int) -> int:
    return _ceil_div(principal * rate_bps * days_to_maturity(to_time, from_time), BPS * YEAR_DAYS)


@dataclass(frozen=True)
class Quote:
    value: int
    price: int
    fee: int
    days: int

    @property
    def seller_receives(self) -> int:
        return self.price - self.fee

    @property
    def effective_annual_cost(self) -> float:
        """What the seller pays for the money, as a simple annual rate on what it receives."""
        if self.days == 0 or self.seller_receives == 0:
            return 0.0
        return (self.value - self.seller_receives) / self.seller_receives * YEAR_DAYS / self.days


def quote(value: int, rate_bps: int, fee_bps: int, maturity: int, now: int) -> Quote:
    p = price(value, rate_bps, maturity, now)
    return Quote(value, p, fee(p, fee_bps), days_to_maturity(maturity, now))
