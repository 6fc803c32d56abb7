"""setDefaultPeriod: the admin only, at most MAX_DEFAULT_PERIOD (365 days), and only for roots
maturing CHANGE_DELAY (366 days, longer than any tenor) after the change: never retroactive."""

from brownie import chain
from helpers import refused
from settlement_helpers import DEFAULTED, at

from scf.units import DAY

ADMIN_ROLE = "0x" + "00" * 32


def test_initial_and_maximum(settlement):
    assert settlement.defaultPeriod() == 30 * DAY
    assert settlement.MAX_DEFAULT_PERIOD() == 365 * DAY
    assert settlement.CHANGE_DELAY() == 366 * DAY


def test_admin_sets_the_period_for_later_maturities(settlement, operator):
    tx = settlement.setDefaultPeriod(7 * DAY, {"from": operator})
    effective = tx.timestamp + 366 * DAY
    assert tx.events["DefaultPeriodSet"]["defaultPeriod"] == 7 * DAY
    assert tx.events["DefaultPeriodSet"]["effectiveFrom"] == effective
    assert settlement.defaultPeriod() == 30 * DAY
    assert settlement.defaultPeriodFor(effective - 1) == 30 * DAY
    assert settlement.defaultPeriodFor(effective) == 7 * DAY
    tx = settlement.setDefaultPeriod(365 * DAY, {"from": operator})
    assert settlement.defaultPeriodFor(tx.timestamp + 366 * DAY) == 365 * DAY
    tx = settlement.setDefaultPeriod(0, {"from": operator})
    assert settlement.defaultPeriodFor(tx.timestamp + 366 * DAY) == 0


def test_regression_default_period_change_is_not_retroactive(settlement, receivables, root, grace, operator,
                                                             rando):
    """issue 10 item 5 (Settlement.setDefaultPeriod): the operator used to be able to move the
    default of an existing root by changing the period; the root keeps the period in force."""
    maturity = int(receivables.rootState(root)[0])
    settlement.setDefaultPeriod(365 * DAY, {"from": operator})
    at(maturity + grace + 1)
    settlement.markOverdue(root, {"from": rando})
    at(maturity + grace + 30 * DAY + 1)
    settlement.markDefaulted(root, {"from": rando})
    assert settlement.accountOf(root)[3] == DEFAULTED


def test_new_period_applies_to_roots_maturing_after_it(settlement, make_root, receivables, grace, operator, rando):
    tx = settlement.setDefaultPeriod(5 * DAY, {"from": operator})
    chain.sleep(2 * DAY)
    root = make_root(days=365)
    maturity = int(receivables.rootState(root)[0])
    assert maturity >= tx.timestamp + 366 * DAY
    at(maturity + grace + 1)
    settlement.markOverdue(root, {"from": rando})
    at(maturity + grace + 5 * DAY)
    with refused("TooEarly", root, maturity + grace + 5 * DAY + 1, views=(lambda: settlement.accountOf(root),)):
        settlement.markDefaulted(root, {"from": rando})
    at(maturity + grace + 5 * DAY + 1)
    settlement.markDefaulted(root, {"from": rando})


def test_others_cannot_set_the_period(settlement, core, bank_a, rando):
    for account in (core, bank_a, rando):
        with refused("AccessControlUnauthorizedAccount", account, ADMIN_ROLE,
                     views=(settlement.defaultPeriod,)):
            settlement.setDefaultPeriod(DAY, {"from": account})


def test_period_too_long_refused(settlement, operator):
    with refused("PeriodTooLong", 365 * DAY + 1, 365 * DAY, views=(settlement.defaultPeriod,)):
        settlement.setDefaultPeriod(365 * DAY + 1, {"from": operator})
