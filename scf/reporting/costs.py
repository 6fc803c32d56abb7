"""Financing cost per SME: what each seller paid (discount + fee) for early cash."""

from dataclasses import dataclass

from scf.reporting.model import Financing, PlatformState
from scf.reporting.tree import financing_table
from scf.tables import table
from scf.units import YEAR_DAYS, fmt


@dataclass
class SellerCost:
    seller: str
    deals: list[Financing]

    @property
    def value(self) -> int:
        return sum(f.amount for f in self.deals)

    @property
    def received(self) -> int:
        return sum(f.seller_receives for f in self.deals)

    @property
    def fees(self) -> int:
        return sum(f.fee for f in self.deals)

    @property
    def cost(self) -> int:
        return sum(f.cost for f in self.deals)

    @property
    def average_days(self) -> float:
        return sum(f.amount * f.days_early for f in self.deals) / self.value if self.value else 0.0

    @property
    def average_rate_bps(self) -> float:
        return sum(f.amount * f.rate_bps for f in self.deals) / self.value if self.value else 0.0

    @property
    def annual_cost(self) -> float:
        """Cost over the cash received, per year of use of that cash."""
        money_years = sum(f.seller_receives * f.days_early for f in self.deals) / YEAR_DAYS
        return self.cost / money_years if money_years else 0.0


@dataclass
class Costs:
    state: PlatformState
    sellers: list[SellerCost]

    def text(self, deals: bool = False) -> str:
        s = self.state
        rows = [(s.name(c.seller), len(c.deals), fmt(c.value), fmt(c.received), fmt(c.cost), fmt(c.fees),
                 f"{c.average_rate_bps / 100:.2f}%", f"{c.average_days:.0f}", f"{c.annual_cost * 100:.2f}%")
                for c in self.sellers]
        out = ["Financing cost per seller (cost = value sold - cash received; annual cost on the cash received)", "",
               table(["seller", "deals", "value sold", "cash received", "cost", "of which fees", "avg rate",
                      "avg days early", "annual cost"], rows, "lrrrrrrrr") if rows else "no financing yet"]
        if deals and self.sellers:
            out += ["", financing_table(s, sorted((f for c in self.sellers for f in c.deals), key=lambda f: f.at))]
        return "\n".join(out)


def costs(state: PlatformState) -> Costs:
    by_seller: dict[str, SellerCost] = {}
    for f in state.financings:
        by_seller.setdefault(f.seller, SellerCost(f.seller, [])).deals.append(f)
    return Costs(state, sorted(by_seller.values(), key=lambda c: -c.value))
