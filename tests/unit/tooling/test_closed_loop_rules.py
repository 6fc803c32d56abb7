"""The closed loop's arithmetic in the web3 core (scf.closed_loop), as AdvancePayment computes it
(the closed-loop story checks it against the contract on every instalment: issue 13 split the
library part from the demo)."""

from scf.closed_loop import LiveReceipt, buyback_price, goods_problems, released_quantity


def test_goods_are_released_pro_rata_rounded_down_and_all_once_repaid():
    assert released_quantity(10_000, 300, 1_000) == 3_000
    assert released_quantity(3, 1, 2) == 1                  # 1.5 units paid for: one released
    assert released_quantity(10_000, 1_000, 1_000) == 10_000
    assert released_quantity(7, 0, 1_000) == 0


def test_the_buyback_price_is_the_unpaid_balance():
    assert buyback_price(owed=1_000, repaid=250) == 750


def test_goods_accounting_names_a_locked_receipt_and_a_lot_that_does_not_add_up():
    receipts = [LiveReceipt(1, lot=1, quantity=600, locked=False), LiveReceipt(2, lot=2, quantity=100, locked=True)]
    assert goods_problems(receipts, issued={1: 1_000}, redeemed={1: 400}) == ["receipt #2 is still locked"]
    assert goods_problems(receipts[:1], issued={1: 1_000, 2: 50}, redeemed={1: 300}) == [
        "lot #1: 900 units accounted for, 1,000 taken in", "lot #2: 0 units accounted for, 50 taken in"]
