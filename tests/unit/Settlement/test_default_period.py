"""setDefaultPeriod: the admin only, at most MAX_DEFAULT_PERIOD (365 days)."""

from helpers import refused
from scf.units import DAY

ADMIN_ROLE = "0x" + "00" * 32


def test_initial_and_maximum(settlement):
    assert settlement.defaultPeriod() == 30 * DAY
    assert settlement.MAX_DEFAULT_PERIOD() == 365 * DAY


def test_admin_sets_the_period(settlement, operator):
    tx = settlement.setDefaultPeriod(7 * DAY, {"from": operator})
    assert tx.events["DefaultPeriodSet"]["defaultPeriod"] == 7 * DAY
    assert settlement.defaultPeriod() == 7 * DAY
    settlement.setDefaultPeriod(365 * DAY, {"from": operator})
    assert settlement.defaultPeriod() == 365 * DAY
    settlement.setDefaultPeriod(0, {"from": operator})
    assert settlement.defaultPeriod() == 0


def test_others_cannot_set_the_period(settlement, core, bank_a, rando):
    for account in (core, bank_a, rando):
        with refused("AccessControlUnauthorizedAccount", account, ADMIN_ROLE,
                     views=(settlement.defaultPeriod,)):
            settlement.setDefaultPeriod(DAY, {"from": account})


def test_period_too_long_refused(settlement, operator):
    with refused("PeriodTooLong", 365 * DAY + 1, 365 * DAY, views=(settlement.defaultPeriod,)):
        settlement.setDefaultPeriod(365 * DAY + 1, {"from": operator})
