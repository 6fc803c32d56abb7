"""Overdue and default marking: anyone may mark, at the earliest one second after maturity +
the alliance's grace period (overdue) and after `defaultPeriod` more (defaulted); never a
fully repaid root; repayment stays possible after default."""

import pytest
from helpers import refused, reverts
from settlement_helpers import CURRENT, DEFAULTED, OVERDUE, at, travel_to

from scf.units import DAY, to_base


@pytest.fixture
def due(receivables, root, grace):
    """The last second at which the root cannot yet be marked overdue."""
    return int(receivables.rootState(root)[0]) + grace


@pytest.fixture
def views(settlement, root):
    return (lambda: settlement.accountOf(root), lambda: settlement.statusOf(root))


def test_alliance_grace_period_is_thirty_days(grace, settlement):
    assert grace == 30 * DAY
    assert settlement.defaultPeriod() == 30 * DAY


def test_not_overdue_before_maturity(settlement, root, due, rando, views):
    with refused("TooEarly", root, due + 1, views=views):
        settlement.markOverdue(root, {"from": rando})


def test_overdue_exact_boundary(settlement, root, due, rando, face_value, views):
    at(due)
    with refused("TooEarly", root, due + 1, views=views):
        settlement.markOverdue(root, {"from": rando})
    at(due + 1)
    tx = settlement.markOverdue(root, {"from": rando})
    assert tx.timestamp == due + 1
    assert tx.events["MarkedOverdue"]["rootId"] == root and tx.events["MarkedOverdue"]["by"] == rando
    assert settlement.accountOf(root) == (0, 0, due + 1, OVERDUE)
    assert settlement.statusOf(root) == (OVERDUE, False, face_value)


def test_defaulted_exact_boundary(settlement, root, due, rando, operator, face_value, views):
    at(due + 1)
    settlement.markOverdue(root, {"from": rando})
    last = due + settlement.defaultPeriod()
    at(last)
    with refused("TooEarly", root, last + 1, views=views):
        settlement.markDefaulted(root, {"from": operator})
    at(last + 1)
    tx = settlement.markDefaulted(root, {"from": operator})
    assert tx.events["MarkedDefaulted"]["rootId"] == root and tx.events["MarkedDefaulted"]["by"] == operator
    assert settlement.accountOf(root) == (0, 0, last + 1, DEFAULTED)
    assert settlement.statusOf(root) == (DEFAULTED, False, face_value)


def test_default_counts_from_the_due_date_not_from_the_marking(settlement, root, due, rando):
    # marked overdue late: default is still possible defaultPeriod after the due date
    late = due + settlement.defaultPeriod() + 5 * DAY
    at(late)
    settlement.markOverdue(root, {"from": rando})
    at(late + 1)
    settlement.markDefaulted(root, {"from": rando})
    assert settlement.accountOf(root)[3] == DEFAULTED


def test_regression_core_cannot_postpone_its_default(settlement, registry, alliance, root, due, core, rando):
    """issue 10 item 5: the core lengthened the alliance's grace period after the root was issued
    (and financed) and so postponed its own default; the root keeps the grace in force."""
    registry.setGracePeriod(alliance, 365 * DAY, {"from": core})
    at(due + 1)
    settlement.markOverdue(root, {"from": rando})
    assert settlement.accountOf(root)[3] == OVERDUE


def test_overdue_twice_refused(settlement, root, due, rando, views):
    at(due + 1)
    settlement.markOverdue(root, {"from": rando})
    with refused("WrongRootStatus", root, OVERDUE, CURRENT, views=views):
        settlement.markOverdue(root, {"from": rando})


def test_defaulted_before_overdue_refused(settlement, root, due, rando, views):
    travel_to(due + settlement.defaultPeriod() + DAY)  # late enough for both
    with refused("WrongRootStatus", root, CURRENT, OVERDUE, views=views):
        settlement.markDefaulted(root, {"from": rando})


def test_defaulted_twice_and_overdue_after_default_refused(settlement, root, default_root, rando, views):
    default_root(root)
    with refused("WrongRootStatus", root, DEFAULTED, OVERDUE, views=views):
        settlement.markDefaulted(root, {"from": rando})
    with refused("WrongRootStatus", root, DEFAULTED, CURRENT, views=views):
        settlement.markOverdue(root, {"from": rando})


def test_fully_repaid_root_is_never_overdue(settlement, root, due, core, rando, face_value, funded, views):
    settlement.repay(root, face_value, {"from": core})
    travel_to(due + settlement.defaultPeriod() + DAY)
    with refused("RootRepaid", root, views=views):
        settlement.markOverdue(root, {"from": rando})
    with refused("RootRepaid", root, views=views):
        settlement.markDefaulted(root, {"from": rando})


def test_overdue_root_repaid_in_full_cannot_default(settlement, root, due, core, rando, face_value, funded, views):
    at(due + 1)
    settlement.markOverdue(root, {"from": rando})
    settlement.repay(root, face_value, {"from": core})
    travel_to(due + settlement.defaultPeriod() + DAY)
    with refused("RootRepaid", root, views=views):
        settlement.markDefaulted(root, {"from": rando})
    assert settlement.statusOf(root) == (OVERDUE, True, 0)


def test_partly_repaid_root_can_go_overdue_and_default(settlement, receivables, root, core, default_root, face_value,
                                                       funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, face_value - 1, {"from": core})
    default_root(root)
    assert settlement.statusOf(root) == (DEFAULTED, False, 1)


@pytest.mark.parametrize("mark", ["markOverdue", "markDefaulted"])
def test_unknown_root_refused(settlement, receivables, root, pieces, due, rando, mark):
    travel_to(due + settlement.defaultPeriod() + DAY)
    for unknown in (receivables.lastPieceId() + 1, pieces[1].piece, 0):
        with refused("UnknownRoot", unknown, views=(lambda unknown=unknown: settlement.accountOf(unknown),)):
            getattr(settlement, mark)(unknown, {"from": rando})


def test_repayment_still_possible_after_default(settlement, receivables, cash, pieces, root, core, default_root,
                                                face_value, funded):
    travel_to(receivables.rootState(root)[0])  # part-payments only from maturity
    settlement.repay(root, to_base(100_000), {"from": core})
    default_root(root)
    tx = settlement.repay(root, face_value - to_base(100_000), {"from": core})
    assert tx.events["Repaid"]["totalRepaid"] == face_value
    assert settlement.statusOf(root) == (DEFAULTED, True, 0)
    for h in pieces:
        before = cash.balanceOf(h.holder)
        settlement.claim(h.piece, {"from": h.holder})
        assert cash.balanceOf(h.holder) - before == h.value
    assert cash.balanceOf(settlement) == 0
    with reverts("RootRepaid", root):
        settlement.markDefaulted(root, {"from": core})
