"""Pledge loans: requestLoan, cancelRequest, fund, repay, foreclose, views; one test per refusal."""

import pytest
from brownie import chain
from helpers import refused
from loop_helpers import ZERO, LoanStatus

from scf import pricing
from scf.onboarding import doc_hash
from scf.units import DAY, to_base

PRINCIPAL = to_base(60_000)  # as in conftest
VALUE = to_base(100_000)  # the `receipt` fixture: 1,000 units valued 100,000


@pytest.fixture
def loan_views(pledges, receipts, cash, supplier1, bank_a):
    def views(loan_id, receipt_id):
        return (lambda: pledges.loanInfo(loan_id), lambda: receipts.receiptOf(receipt_id),
                lambda: receipts.ownerOf(receipt_id), lambda: cash.balanceOf(supplier1),
                lambda: cash.balanceOf(bank_a), pledges.loanCount)
    return views


# ---------------------------------------------------------------- requestLoan

def test_request(pledges, receipt, receipts, supplier1, bank_a, cash, funded):
    tx = pledges.requestLoan(receipt, bank_a, PRINCIPAL, 600, 30, {"from": supplier1})
    loan = pledges.loanInfo(tx.return_value)
    assert (loan["borrower"], loan["receiptId"], loan["status"], loan["financier"], loan["principal"],
            loan["currency"], loan["rateBps"], loan["durationDays"], loan["dueAt"]) == (
        supplier1, receipt, LoanStatus.REQUESTED, bank_a, PRINCIPAL, cash, 600, 30, 0)
    assert (loan["quantity"], loan["value"]) == (1_000, VALUE)  # the collateral as it is now
    assert receipts.receiptOf(receipt)["lockedBy"] == ZERO  # nothing locked until funded
    assert tx.events["LoanRequested"].values() == [tx.return_value, receipt, supplier1, bank_a, PRINCIPAL, 600, 30,
                                                   1_000, VALUE]


@pytest.fixture
def request_views(pledges, receipts, receipt):
    return (pledges.loanCount, lambda: receipts.receiptOf(receipt))


def test_request_not_holder(pledges, receipt, bank_a, supplier2, request_views):
    with refused("NotReceiptHolder", receipt, supplier2, views=request_views):
        pledges.requestLoan(receipt, bank_a, PRINCIPAL, 600, 30, {"from": supplier2})


def test_request_unknown_receipt(pledges, bank_a, supplier1):
    with refused("NotReceiptHolder", 999, supplier1, views=(pledges.loanCount,)):
        pledges.requestLoan(999, bank_a, PRINCIPAL, 600, 30, {"from": supplier1})


def test_request_on_a_pledged_receipt(pledges, active, bank_a, supplier1):
    _loan, rid = active
    with refused("ReceiptAlreadyLocked", rid, pledges, views=(pledges.loanCount,)):
        pledges.requestLoan(rid, bank_a, PRINCIPAL, 600, 30, {"from": supplier1})


def test_request_zero_principal(pledges, receipt, bank_a, supplier1, request_views):
    with refused("ZeroPrincipal", views=request_views):
        pledges.requestLoan(receipt, bank_a, 0, 600, 30, {"from": supplier1})


def test_request_principal_above_value(pledges, receipt, bank_a, supplier1, request_views):
    with refused("PrincipalAboveValue", to_base(100_000) + 1, to_base(100_000), views=request_views):
        pledges.requestLoan(receipt, bank_a, to_base(100_000) + 1, 600, 30, {"from": supplier1})


def test_request_rate_too_high(pledges, receipt, bank_a, supplier1, request_views):
    with refused("RateTooHigh", 10_001, 10_000, views=request_views):
        pledges.requestLoan(receipt, bank_a, PRINCIPAL, 10_001, 30, {"from": supplier1})


@pytest.mark.parametrize("days", [0, 366])
def test_request_bad_duration(pledges, receipt, bank_a, supplier1, request_views, days):
    with refused("BadDuration", days, 365, views=request_views):
        pledges.requestLoan(receipt, bank_a, PRINCIPAL, 600, days, {"from": supplier1})


@pytest.mark.parametrize("who", ["supplier2", "outsider"])
def test_request_financier_not_member(pledges, receipt, supplier1, alliance, actors, request_views, who):
    with refused("FinancierNotMember", alliance, actors[who], views=request_views):
        pledges.requestLoan(receipt, actors[who], PRINCIPAL, 600, 30, {"from": supplier1})


# ---------------------------------------------------------------- cancelRequest

def test_cancel_request(pledges, requested, supplier1):
    tx = pledges.cancelRequest(requested, {"from": supplier1})
    assert pledges.loanInfo(requested)["status"] == LoanStatus.CANCELLED
    assert tx.events["LoanCancelled"].values() == [requested]


def test_cancel_unknown(pledges, supplier1):
    with refused("UnknownLoan", 77):
        pledges.cancelRequest(77, {"from": supplier1})


def test_cancel_funded(pledges, active, supplier1, loan_views):
    loan, rid = active
    with refused("WrongLoanStatus", loan, LoanStatus.ACTIVE, LoanStatus.REQUESTED, views=loan_views(loan, rid)):
        pledges.cancelRequest(loan, {"from": supplier1})


def test_cancel_not_borrower(pledges, requested, receipt, bank_a, loan_views):
    with refused("NotBorrower", requested, bank_a, views=loan_views(requested, receipt)):
        pledges.cancelRequest(requested, {"from": bank_a})


# ---------------------------------------------------------------- fund

def test_fund_pays_the_holder_and_locks_the_receipt(pledges, receipts, cash, requested, receipt, bank_a, supplier1):
    s_before, b_before = cash.balanceOf(supplier1), cash.balanceOf(bank_a)
    tx = pledges.fund(requested, {"from": bank_a})
    assert cash.balanceOf(supplier1) == s_before + PRINCIPAL and cash.balanceOf(bank_a) == b_before - PRINCIPAL
    assert receipts.receiptOf(receipt)["lockedBy"] == pledges and receipts.ownerOf(receipt) == supplier1
    loan = pledges.loanInfo(requested)
    assert (loan["status"], loan["fundedAt"], loan["dueAt"]) == (LoanStatus.ACTIVE, tx.timestamp,
                                                                 tx.timestamp + 30 * DAY)
    assert tx.events["LoanFunded"].values() == [requested, receipt, bank_a, PRINCIPAL, tx.timestamp + 30 * DAY]
    assert cash.balanceOf(pledges) == 0


def test_fund_unknown(pledges, bank_a):
    with refused("UnknownLoan", 77):
        pledges.fund(77, {"from": bank_a})


def test_fund_twice(pledges, active, bank_a, loan_views):
    loan, rid = active
    with refused("WrongLoanStatus", loan, LoanStatus.ACTIVE, LoanStatus.REQUESTED, views=loan_views(loan, rid)):
        pledges.fund(loan, {"from": bank_a})


def test_fund_not_financier(pledges, requested, receipt, bank_b, loan_views):
    with refused("NotFinancier", requested, bank_b, views=loan_views(requested, receipt)):
        pledges.fund(requested, {"from": bank_b})


def test_fund_after_the_holder_passed_the_receipt_on(pledges, receipts, requested, receipt, supplier1, supplier2,
                                                      bank_a, loan_views):
    receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier1})
    with refused("BorrowerNoLongerHolds", requested, supplier2, views=loan_views(requested, receipt)):
        pledges.fund(requested, {"from": bank_a})


def test_fund_after_the_receipt_was_redeemed(pledges, receipts, requested, receipt, supplier1, logistics, bank_a):
    receipts.approve(logistics, receipt, {"from": supplier1})
    receipts.redeem(receipt, {"from": logistics})
    with refused("BorrowerNoLongerHolds", requested, ZERO, views=(lambda: pledges.loanInfo(requested),)):
        pledges.fund(requested, {"from": bank_a})


def test_a_receipt_is_never_pledged_twice(pledges, requested, receipt, supplier1, bank_a, loan_views):
    second = pledges.requestLoan(receipt, bank_a, PRINCIPAL, 700, 30, {"from": supplier1}).return_value
    pledges.fund(requested, {"from": bank_a})
    with refused("ReceiptAlreadyLocked", receipt, pledges, views=loan_views(second, receipt)):
        pledges.fund(second, {"from": bank_a})


def test_regression_collateral_split_off_before_funding_makes_funding_fail(pledges, receipts, cash, requested,
                                                                           receipt, supplier1, bank_a, loan_views):
    """issue 10 item 1: after asking for 60,000 against 1,000 units valued 100,000 the borrower
    splits 999 units off to itself. Funding used to go through (the lender paid 60,000 against one
    unit worth 100); it must fail and change nothing, whatever the lender does."""
    child = receipts.split(receipt, 999, supplier1, {"from": supplier1}).return_value
    assert receipts.receiptOf(receipt)["quantity"] == 1
    left = receipts.receiptOf(receipt)["value"]
    assert left == VALUE // 1_000
    with refused("CollateralChanged", requested, 1_000, VALUE, 1, left,
                 views=loan_views(requested, receipt) + (lambda: receipts.receiptOf(child),)):
        pledges.fund(requested, {"from": bank_a})
    assert pledges.loanInfo(requested)["status"] == LoanStatus.REQUESTED
    assert receipts.receiptOf(receipt)["lockedBy"] == ZERO and receipts.receiptOf(child)["lockedBy"] == ZERO


def test_regression_split_off_and_passed_on_then_back_still_fails(pledges, receipts, requested, receipt, supplier1,
                                                                   supplier2, bank_a, loan_views):
    """issue 10 item 1: the receipt comes back to the borrower (so `fund`'s old holder check
    passes) but with 1 unit of 1,000: still refused."""
    receipts.split(receipt, 999, supplier2, {"from": supplier1})
    receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier1})
    receipts.transferFrom(supplier2, supplier1, receipt, {"from": supplier2})
    with refused("CollateralChanged", requested, 1_000, VALUE, 1, VALUE // 1_000, views=loan_views(requested, receipt)):
        pledges.fund(requested, {"from": bank_a})


def test_receipt_passed_on_and_back_whole_is_still_the_agreed_collateral(pledges, receipts, requested, receipt,
                                                                          supplier1, supplier2, bank_a):
    """Moving the receipt away and back does not change the goods: funding goes through and the
    lender holds the lien on the 1,000 units it agreed to."""
    receipts.transferFrom(supplier1, supplier2, receipt, {"from": supplier1})
    receipts.transferFrom(supplier2, supplier1, receipt, {"from": supplier2})
    pledges.fund(requested, {"from": bank_a})
    r = receipts.receiptOf(receipt)
    assert (r["quantity"], r["value"], r["lockedBy"]) == (1_000, VALUE, pledges)


def test_request_after_a_split_records_the_smaller_collateral(pledges, receipts, receipt, supplier1, bank_a, funded):
    """A receipt split before the request is asked for as it is: the principal must fit its value,
    and the lender funds against exactly that."""
    receipts.split(receipt, 400, supplier1, {"from": supplier1})
    with refused("PrincipalAboveValue", PRINCIPAL + 1, to_base(60_000), views=(pledges.loanCount,)):
        pledges.requestLoan(receipt, bank_a, PRINCIPAL + 1, 600, 30, {"from": supplier1})
    loan = pledges.requestLoan(receipt, bank_a, PRINCIPAL, 600, 30, {"from": supplier1}).return_value
    assert (pledges.loanInfo(loan)["quantity"], pledges.loanInfo(loan)["value"]) == (600, to_base(60_000))
    pledges.fund(loan, {"from": bank_a})
    assert receipts.receiptOf(receipt)["lockedBy"] == pledges


def test_fund_without_allowance(pledges, cash, requested, receipt, bank_a, loan_views):
    cash.approve(pledges, 0, {"from": bank_a})
    with refused("ERC20InsufficientAllowance", pledges, 0, PRINCIPAL, views=loan_views(requested, receipt)):
        pledges.fund(requested, {"from": bank_a})


# ---------------------------------------------------------------- repay

def test_repay_pays_principal_and_interest_and_unlocks(pledges, receipts, cash, active, supplier1, bank_a):
    loan, rid = active
    funded_at = pledges.loanInfo(loan)["fundedAt"]
    chain.sleep(20 * DAY + 5)
    b_before, s_before = cash.balanceOf(bank_a), cash.balanceOf(supplier1)
    tx = pledges.repay(loan, {"from": supplier1})
    interest = pricing.interest(PRINCIPAL, 600, funded_at, tx.timestamp)
    assert interest == tx.events["LoanRepaid"]["interest"] and interest > 0
    assert cash.balanceOf(bank_a) == b_before + PRINCIPAL + interest
    assert cash.balanceOf(supplier1) == s_before - PRINCIPAL - interest
    assert receipts.receiptOf(rid)["lockedBy"] == ZERO
    assert pledges.loanInfo(loan)["status"] == LoanStatus.REPAID


def test_repay_by_a_third_party_after_the_due_date(pledges, cash, active, bank_a, operator, supplier2):
    loan, _rid = active
    chain.sleep(40 * DAY)
    cash.mint(supplier2, to_base(100_000), {"from": operator})
    cash.approve(pledges, 2**256 - 1, {"from": supplier2})
    pledges.repay(loan, {"from": supplier2})
    assert pledges.loanInfo(loan)["status"] == LoanStatus.REPAID


def test_repay_unknown(pledges, supplier1):
    with refused("UnknownLoan", 77):
        pledges.repay(77, {"from": supplier1})


def test_repay_not_funded(pledges, requested, receipt, supplier1, loan_views):
    with refused("WrongLoanStatus", requested, LoanStatus.REQUESTED, LoanStatus.ACTIVE,
                 views=loan_views(requested, receipt)):
        pledges.repay(requested, {"from": supplier1})


def test_amount_due(pledges, active):
    loan, _rid = active
    chain.sleep(10 * DAY)
    chain.mine()
    principal, interest = pledges.amountDue(loan)
    info = pledges.loanInfo(loan)
    assert principal == PRINCIPAL
    assert interest == pricing.interest(PRINCIPAL, 600, info["fundedAt"], chain[-1].timestamp)
    assert pledges.amountDue(999) == (0, 0)


# ---------------------------------------------------------------- foreclose

def test_foreclose_after_due_date(pledges, receipts, active, bank_a):
    loan, rid = active
    chain.sleep(30 * DAY + 1)
    tx = pledges.foreclose(loan, {"from": bank_a})
    assert receipts.ownerOf(rid) == bank_a and receipts.receiptOf(rid)["lockedBy"] == ZERO
    assert pledges.loanInfo(loan)["status"] == LoanStatus.FORECLOSED
    assert tx.events["LoanForeclosed"].values() == [loan, rid, bank_a]


def test_foreclose_unknown(pledges, bank_a):
    with refused("UnknownLoan", 77):
        pledges.foreclose(77, {"from": bank_a})


def test_foreclose_not_funded(pledges, requested, receipt, bank_a, loan_views):
    chain.sleep(31 * DAY)
    with refused("WrongLoanStatus", requested, LoanStatus.REQUESTED, LoanStatus.ACTIVE,
                 views=loan_views(requested, receipt)):
        pledges.foreclose(requested, {"from": bank_a})


def test_foreclose_not_financier(pledges, active, bank_b, loan_views):
    loan, rid = active
    chain.sleep(31 * DAY)
    with refused("NotFinancier", loan, bank_b, views=loan_views(loan, rid)):
        pledges.foreclose(loan, {"from": bank_b})


def test_foreclose_before_due(pledges, active, bank_a, loan_views):
    loan, rid = active
    due = pledges.loanInfo(loan)["dueAt"]
    with refused("NotDueYet", loan, due, views=loan_views(loan, rid)):
        pledges.foreclose(loan, {"from": bank_a})


def test_regression_principal_over_96_bits_is_refused(pledges, receipts, alliance, logistics, supplier1, bank_a, cash):
    """issue 13 (casting rule): a receipt's value is a 128-bit field but a loan's principal a
    96-bit one; a principal above 2**96 (within the receipt's value) was silently truncated, so
    the financier funded a sliver of what the borrower asked and took the whole receipt as
    collateral. Now SafeCast refuses it and nothing is recorded."""
    value = 2**100
    tx = receipts.issue(alliance, supplier1, doc_hash("bullion"), 10, value, cash, {"from": logistics})
    receipt = tx.events["ReceiptIssued"]["receiptId"]
    principal = 2**96 + 5
    with refused("SafeCastOverflowedUintDowncast", 96, principal, views=(pledges.loanCount,
                                                                          lambda: receipts.receiptOf(receipt))):
        pledges.requestLoan(receipt, bank_a, principal, 600, 30, {"from": supplier1})
    loan = pledges.requestLoan(receipt, bank_a, 2**96 - 1, 600, 30, {"from": supplier1}).return_value
    assert pledges.loanInfo(loan)["principal"] == 2**96 - 1
