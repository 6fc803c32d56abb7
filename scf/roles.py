"""Enterprise roles, mirroring ``contracts/libraries/EnterpriseRoles.sol`` bit for bit."""

from enum import IntFlag


class Role(IntFlag):
    CORE = 1
    SUPPLIER = 2
    DISTRIBUTOR = 4
    FINANCIER = 8
    AUDITOR = 16
    LOGISTICS = 32
    INVESTOR = 64

    @classmethod
    def all(cls) -> "Role":
        mask = cls(0)
        for role in cls:
            mask |= role
        return mask

    def names(self) -> str:
        return "|".join((r.name or "").lower() for r in Role if r & self) or "none"


class EnterpriseStatus:
    NONE, PENDING, CERTIFIED, REJECTED = range(4)


class AllianceStatus:
    NONE, FORMING, ACTIVE = range(3)


class MemberStatus:
    NONE, INVITED, ACTIVE, SUSPENDED, DECLINED, LEFT = range(6)


class TradeStatus:
    NONE, SUBMITTED, VERIFIED, REJECTED, WITHDRAWN, CONFIRMED = range(6)
