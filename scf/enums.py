"""The Solidity enums of the platform, one ``IntEnum`` each, in the contracts' order.

Member names are the Solidity names in UPPER_SNAKE case (``InWarehouse`` -> ``IN_WAREHOUSE``);
``tests/unit/tooling/test_enums.py`` checks names and order against the compiled AST, so a
change in an interface fails there instead of silently shifting a status. Each enum names the
interface that declares it (``SOLIDITY``).

The enterprise roles are a bit mask, not an enum: ``scf.roles.Role``.
"""

from enum import IntEnum


class SolidityEnum(IntEnum):
    """An enum mirrored from an interface; ``label`` is the member as words for people."""

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")

    @property
    def key(self) -> str:
        """The Solidity member in lowerCamelCase (``InWarehouse`` -> ``inWarehouse``): how the
        reports and the replay name a status."""
        first, *rest = self.name.lower().split("_")
        return first + "".join(word.capitalize() for word in rest)


class EnterpriseStatus(SolidityEnum):
    NONE = 0
    PENDING = 1
    CERTIFIED = 2
    REJECTED = 3


class AllianceStatus(SolidityEnum):
    NONE = 0
    FORMING = 1
    ACTIVE = 2


class MemberStatus(SolidityEnum):
    NONE = 0
    INVITED = 1
    ACTIVE = 2
    SUSPENDED = 3
    DECLINED = 4
    LEFT = 5


class TradeStatus(SolidityEnum):
    NONE = 0
    SUBMITTED = 1
    VERIFIED = 2
    REJECTED = 3
    WITHDRAWN = 4
    CONFIRMED = 5


class PieceStatus(SolidityEnum):
    NEVER_MINTED = 0
    LIVE = 1
    MERGED = 2
    BURNED = 3


class OfferStatus(SolidityEnum):
    NONE = 0
    OPEN = 1
    TAKEN = 2
    CANCELLED = 3


class RootStatus(SolidityEnum):
    CURRENT = 0
    OVERDUE = 1
    DEFAULTED = 2


class Phase(SolidityEnum):
    NONE = 0
    BUILDING = 1
    OFFERING = 2
    ACTIVE = 3
    CANCELLED = 4


class OrderStatus(SolidityEnum):
    NONE = 0
    PLACED = 1
    SHIPPED = 2
    IN_WAREHOUSE = 3
    DELIVERED = 4
    DISPUTED = 5
    ACCEPTED = 6
    RESOLVED = 7
    CANCELLED = 8


class Milestone(SolidityEnum):
    SHIPPED = 0
    IN_WAREHOUSE = 1
    DELIVERED = 2


class LoanStatus(SolidityEnum):
    NONE = 0
    REQUESTED = 1
    ACTIVE = 2
    REPAID = 3
    FORECLOSED = 4
    CANCELLED = 5


class DealStatus(SolidityEnum):
    NONE = 0
    PROPOSED = 1
    ACCEPTED = 2
    ACTIVE = 3
    REPAID = 4
    DEFAULTED = 5
    BOUGHT_BACK = 6
    CANCELLED = 7


# Python enum -> (interface, Solidity enum name): what the AST check compares.
SOLIDITY: dict[type[SolidityEnum], tuple[str, str]] = {
    EnterpriseStatus: ("IAllianceRegistry", "EnterpriseStatus"),
    AllianceStatus: ("IAllianceRegistry", "AllianceStatus"),
    MemberStatus: ("IAllianceRegistry", "MemberStatus"),
    TradeStatus: ("ITradeRegistry", "TradeStatus"),
    PieceStatus: ("IReceivableToken", "PieceStatus"),
    OfferStatus: ("IFinancingMarket", "OfferStatus"),
    RootStatus: ("ISettlement", "RootStatus"),
    Phase: ("ISecuritizationPool", "Phase"),
    OrderStatus: ("IOrderEscrow", "OrderStatus"),
    Milestone: ("IOrderEscrow", "Milestone"),
    LoanStatus: ("IInventoryFinancing", "LoanStatus"),
    DealStatus: ("IAdvancePayment", "DealStatus"),
}
