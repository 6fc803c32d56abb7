"""Money and time units. Amounts are integers in the currency's base units."""

from decimal import Decimal

CASH_DECIMALS = 6  # SettlementToken.decimals()
DAY = 86_400
YEAR_DAYS = 365    # day-count basis: actual/365 fixed
BPS = 10_000


def to_base(units: int | float | str | Decimal, decimals: int = CASH_DECIMALS) -> int:
    """Whole currency units -> integer base units (exact for decimal strings)."""
    value = Decimal(str(units)) * (Decimal(10) ** decimals)
    if value != value.to_integral_value():
        raise ValueError(f"{units} has more than {decimals} decimals")
    return int(value)


def from_base(amount: int, decimals: int = CASH_DECIMALS) -> Decimal:
    return Decimal(amount) / (Decimal(10) ** decimals)


def fmt(amount: int, decimals: int = CASH_DECIMALS) -> str:
    """Base units -> '1,234,567.00', or every decimal ('1,234.567891') when cents hide some."""
    value = from_base(amount, decimals)
    if value == value.quantize(Decimal("0.01")):
        return f"{value:,.2f}"
    return f"{value:,.{decimals}f}"
