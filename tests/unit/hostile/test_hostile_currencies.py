"""Hostile currencies: fee-on-transfer, false-returning and re-entering ERC-20s.

By design the operator's currency list keeps them out of new trades. If an operator allows one
anyway, every function that moves money either refuses it (exact-amount checks, SafeERC20) or
resists it (reentrancy guards, checks-effects-interactions)."""

import pytest
from brownie import chain
from helpers import refused

from scf.eip712 import sign_offer
from scf.units import DAY, to_base


@pytest.mark.parametrize("token_name", ["fot", "falsy", "reentrant"])
def test_unapproved_hostile_currency_cannot_back_a_trade(fot, falsy, reentrant, trades, alliance, supplier1, core,
                                                         token_name):
    token = {"fot": fot, "falsy": falsy, "reentrant": reentrant}[token_name]
    with refused("CurrencyNotAllowed", token, views=(trades.tradeCount,)):
        trades.submitTrade(alliance, core, token, 1, b"\x01" * 32, b"\x02" * 32, b"\x03" * 32, {"from": supplier1})


def test_fee_on_transfer_escrow_is_refused(fot, hostile_root, market, bank_a):
    root = hostile_root(fot, "INV-FOT-1")
    amount = to_base(100_000)
    with refused("UnsupportedCurrency", fot, amount, amount - amount // 100,
                 views=(market.offerCount, lambda: fot.balanceOf(bank_a), lambda: fot.balanceOf(market))):
        market.postOffer(root, amount, 500, market.feeBps(), False, chain.time() + DAY, {"from": bank_a})


def test_fee_on_transfer_repayment_is_refused(fot, hostile_root, settlement, core):
    root = hostile_root(fot, "INV-FOT-2")
    amount = to_base(1_000_000)  # before maturity only the whole face value
    with refused("UnsupportedCurrency", fot, amount, amount - amount // 100,
                 views=(lambda: settlement.accountOf(root), lambda: fot.balanceOf(core))):
        settlement.repay(root, amount, {"from": core})


def test_false_returning_token_failures_are_caught(falsy, hostile_root, market, settlement, bank_b, core, rando):
    root = hostile_root(falsy, "INV-FALSY-1")
    # bank_b holds no tokens: transferFrom returns false instead of reverting
    with refused("SafeERC20FailedOperation", falsy, views=(market.offerCount, lambda: falsy.balanceOf(market))):
        market.postOffer(root, to_base(10), 500, market.feeBps(), False, chain.time() + DAY, {"from": bank_b})
    # from maturity anyone may repay; rando has no tokens and no allowance
    chain.sleep(121 * DAY)
    with refused("SafeERC20FailedOperation", falsy, views=(lambda: settlement.accountOf(root),)):
        settlement.repay(root, to_base(10), {"from": rando})


def test_false_returning_token_works_when_transfers_succeed(falsy, hostile_root, market, bank_a, supplier1,
                                                            receivables):
    root = hostile_root(falsy, "INV-FALSY-2")
    offer_id = market.postOffer(root, to_base(10_000), 500, market.feeBps(), False, chain.time() + DAY,
                                {"from": bank_a}).return_value
    tx = market.acceptOffer(offer_id, 0, {"from": supplier1})
    ev = tx.events["PieceFinanced"]
    assert falsy.balanceOf(supplier1) == ev["price"] - ev["fee"]
    assert receivables.ownerOf(ev["boughtPieceId"]) == bank_a
    assert falsy.balanceOf(market) == 0


def test_reentrant_token_cannot_reenter_repay_into_claim(reentrant, hostile_root, settlement, core, supplier1,
                                                         receivables):
    root = hostile_root(reentrant, "INV-RE-1")
    reentrant.arm(settlement, settlement.claim.encode_input(root), True, {"from": core})
    with refused("ReentrancyGuardReentrantCall", views=(lambda: settlement.accountOf(root),
                                                         lambda: reentrant.balanceOf(settlement))):
        settlement.repay(root, to_base(1_000_000), {"from": core})


def test_reentrant_token_swallowed_reentry_pays_nothing_twice(reentrant, hostile_root, settlement, core, supplier1):
    root = hostile_root(reentrant, "INV-RE-2")
    settlement.repay(root, to_base(1_000_000), {"from": core})
    reentrant.arm(settlement, settlement.claim.encode_input(root), False, {"from": core})
    before = reentrant.balanceOf(supplier1)
    tx = settlement.claim(root, {"from": core})
    assert reentrant.lastAttackFailed()
    assert tx.events["Claimed"]["amount"] == to_base(1_000_000)
    assert reentrant.balanceOf(supplier1) - before == to_base(1_000_000)
    assert reentrant.balanceOf(settlement) == 0
    assert settlement.accountOf(root)[1] == settlement.accountOf(root)[0]  # claimed == repaid


def test_reentrant_token_cannot_reenter_offer_acceptance(reentrant, hostile_root, market, bank_a, supplier1,
                                                         receivables):
    root = hostile_root(reentrant, "INV-RE-3")
    offer_id = market.postOffer(root, to_base(10_000), 500, market.feeBps(), False, chain.time() + DAY,
                                {"from": bank_a}).return_value
    reentrant.arm(market, market.acceptOffer.encode_input(offer_id, 0), True, {"from": bank_a})
    with refused("ReentrancyGuardReentrantCall",
                 views=(lambda: market.offerInfo(offer_id), lambda: receivables.ownerOf(root),
                        lambda: reentrant.balanceOf(supplier1), lambda: reentrant.balanceOf(market))):
        market.acceptOffer(offer_id, 0, {"from": supplier1})


def test_reentrant_token_cannot_double_refund_a_cancelled_offer(reentrant, hostile_root, market, bank_a):
    root = hostile_root(reentrant, "INV-RE-4")
    offer_id = market.postOffer(root, to_base(10_000), 500, market.feeBps(), False, chain.time() + DAY,
                                {"from": bank_a}).return_value
    before = reentrant.balanceOf(bank_a)
    reentrant.arm(market, market.cancelOffer.encode_input(offer_id), False, {"from": bank_a})
    market.cancelOffer(offer_id, {"from": bank_a})
    assert reentrant.lastAttackFailed()
    assert reentrant.balanceOf(bank_a) - before == to_base(10_000)
    assert reentrant.balanceOf(market) == 0


def test_reentrant_token_cannot_reenter_signed_acceptance(reentrant, hostile_root, market, bank_a, supplier1,
                                                          receivables):
    root = hostile_root(reentrant, "INV-RE-5")
    terms, sig = sign_offer(market, bank_a, reentrant, root, to_base(10_000), 500, chain.time() + DAY)
    reentrant.arm(market, market.acceptSignedOffer.encode_input(terms.as_tuple(), sig, 0), True, {"from": bank_a})
    with refused("ReentrancyGuardReentrantCall",
                 views=(lambda: receivables.pieceInfo(root), lambda: reentrant.balanceOf(supplier1))):
        market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier1})
