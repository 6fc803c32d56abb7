"""Enterprise roles, mirroring ``contracts/libraries/EnterpriseRoles.sol`` bit for bit (a bit mask;
the Solidity enums are ``scf.enums``)."""

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
