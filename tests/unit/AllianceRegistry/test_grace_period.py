"""setGracePeriod: the core sets how long after maturity an unpaid root becomes overdue."""

import pytest

from helpers import refused

DAY = 86_400


@pytest.mark.parametrize("grace", [0, 1, 90 * DAY])
def test_set_grace_period(registry, alliance, core, grace):
    tx = registry.setGracePeriod(alliance, grace, {"from": core})
    assert registry.gracePeriodOf(alliance) == grace
    assert registry.allianceInfo(alliance)["gracePeriod"] == grace
    ev = tx.events["GracePeriodSet"]
    assert ev["allianceId"] == alliance
    assert ev["gracePeriod"] == grace


def test_set_grace_period_to_the_maximum(registry, alliance, core, max_grace):
    registry.setGracePeriod(alliance, max_grace, {"from": core})
    assert registry.gracePeriodOf(alliance) == max_grace


def test_set_grace_period_before_start(registry, forming, core2):
    registry.setGracePeriod(forming, 3 * DAY, {"from": core2})
    assert registry.gracePeriodOf(forming) == 3 * DAY


def test_grace_period_is_per_alliance(registry, alliance, forming, core):
    other = registry.gracePeriodOf(forming)
    registry.setGracePeriod(alliance, 2 * DAY, {"from": core})
    assert registry.gracePeriodOf(alliance) == 2 * DAY
    assert registry.gracePeriodOf(forming) == other == 7 * DAY


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
