"""setGracePeriod: the core sets how long after maturity an unpaid root becomes overdue, for
maturities at least GRACE_CHANGE_DELAY (366 days, longer than any tenor) after the change, so a
receivable or deal that exists keeps the grace in force when it was issued or funded."""

import pytest
from helpers import refused

DAY = 86_400
DELAY = 366 * DAY


@pytest.mark.parametrize("grace", [0, 1, 90 * DAY])
def test_set_grace_period(registry, alliance, core, grace):
    before = registry.gracePeriodOf(alliance)
    tx = registry.setGracePeriod(alliance, grace, {"from": core})
    assert registry.gracePeriodOf(alliance) == before  # not for maturities now
    assert registry.gracePeriodFor(alliance, tx.timestamp + DELAY - 1) == before
    assert registry.gracePeriodFor(alliance, tx.timestamp + DELAY) == grace
    assert registry.allianceInfo(alliance)["gracePeriod"] == grace  # the latest announced
    ev = tx.events["GracePeriodSet"]
    assert ev["allianceId"] == alliance
    assert ev["gracePeriod"] == grace
    assert ev["effectiveFrom"] == tx.timestamp + DELAY


def test_regression_grace_change_is_not_retroactive(registry, alliance, core):
    """issue 10 item 5: the core could lengthen the grace of receivables already financed and so
    postpone its own default; every maturity a live receivable can have keeps the old grace."""
    before = registry.gracePeriodOf(alliance)
    tx = registry.setGracePeriod(alliance, 365 * DAY, {"from": core})
    assert registry.GRACE_CHANGE_DELAY() == DELAY
    for maturity in (tx.timestamp, tx.timestamp + 120 * DAY, tx.timestamp + 365 * DAY):
        assert registry.gracePeriodFor(alliance, maturity) == before


def test_set_grace_period_to_the_maximum(registry, alliance, core, max_grace):
    tx = registry.setGracePeriod(alliance, max_grace, {"from": core})
    assert registry.gracePeriodFor(alliance, tx.timestamp + DELAY) == max_grace


def test_set_grace_period_before_start(registry, forming, core2):
    tx = registry.setGracePeriod(forming, 3 * DAY, {"from": core2})
    assert registry.gracePeriodFor(forming, tx.timestamp + DELAY) == 3 * DAY


def test_grace_period_is_per_alliance(registry, alliance, forming, core):
    other = registry.gracePeriodOf(forming)
    tx = registry.setGracePeriod(alliance, 2 * DAY, {"from": core})
    assert registry.gracePeriodFor(alliance, tx.timestamp + DELAY) == 2 * DAY
    assert registry.gracePeriodFor(forming, tx.timestamp + DELAY) == other == 7 * DAY


def test_set_grace_period_refuses_unknown_alliance(registry, unknown_alliance, core):
    with refused("UnknownAlliance", unknown_alliance, views=(lambda: registry.gracePeriodOf(unknown_alliance),)):
        registry.setGracePeriod(unknown_alliance, DAY, {"from": core})


def test_set_grace_period_refuses_non_core(registry, alliance, operator, supplier1, core2):
    for caller in (operator, supplier1, core2):
        with refused("NotAllianceCore", alliance, caller, views=(lambda: registry.allianceInfo(alliance),)):
            registry.setGracePeriod(alliance, DAY, {"from": caller})


def test_set_grace_period_refuses_too_long(registry, alliance, core, max_grace):
    with refused("GracePeriodTooLong", max_grace + 1, max_grace, views=(lambda: registry.allianceInfo(alliance),)):
        registry.setGracePeriod(alliance, max_grace + 1, {"from": core})
    too_long = 2**64 - 1
    with refused("GracePeriodTooLong", too_long, max_grace, views=(lambda: registry.allianceInfo(alliance),)):
        registry.setGracePeriod(alliance, too_long, {"from": core})
