"""Stateful test across the financing market and the settlement.

Two roots issued by the core (to supplier1 and supplier2) circulate among the alliance's
suppliers and banks: holders split and pass pieces on, banks post escrowed offers and sign
EIP-712 offers that holders accept, the core repays in part or in full, anyone claims random
pieces, roots go overdue and defaulted and recourse is called and paid, and time passes.
Steps the contracts may legitimately refuse are attempted anyway; a refusal must be one of the
custom errors the step can meet, and steps that must be refused (a second acceptance of an
offer, a replayed signed offer, a transfer to a non-member, a repayment beyond the face value)
are checked to be.

Invariants, after every step (read from the chain in one JSON-RPC batch, to stay fast):
  - cash is conserved: the balances of every actor, the market and the settlement add up to
    the total supply, which is what was minted before the run (nothing is minted during it);
  - per root, claimed <= repaid (settlement.accountOf), repaid is what the core paid, and the
    settlement holds exactly sum(repaid - claimed); a repaid root is frozen;
  - the market holds exactly the escrow of the open on-chain offers;
  - nothing is sold twice: every PieceFinanced carries a distinct offer reference, an on-chain
    offer is taken at most once, a signed offer is used at most once;
  - only active alliance members (or platform contracts) ever receive a piece (every
    receivable Transfer event is checked).
At the end of each run the modelled owners, pieces and offers are checked against the chain.

The rules and invariants are the circulation, market and settlement areas of ``area_rules``
(shared with the platform machine); each invariant is a named ``invariant_*`` method.
"""

import pytest
from area_rules import CirculationRules, MarketRules, PieceBook, SettlementRules, machine_basics
from brownie import chain
from brownie.test import strategy
from helpers import stateful_settings
from stateful_tools import Outcomes

from scf.onboarding import audited_trade
from scf.units import DAY, to_base

MAX_UINT = 2**256 - 1

OUTCOMES = Outcomes()  # what the steps did, over the whole run


@pytest.fixture(scope="module")
def world(platform, alliance, registry, trades, receivables, cash, market, settlement, operator, core, auditor,
          supplier1, supplier2, supplier3, bank_a, bank_b, root):
    """Fund everyone, approve the market and settlement, and issue a second root (500,000 to
    supplier2, due in 20 days) beside the fixture's (1,000,000 to supplier1, due in 120 days).
    The short root reaches default (and recourse) after 20 days + the 30-day grace + the
    30-day default period of sleeps (grace and default periods cannot be shortened for roots
    that exist)."""
    trade_id = audited_trade(trades, alliance, supplier2, core, auditor, cash, to_base(500_000), "INV-STATEFUL-2")
    tx = receivables.confirm(trade_id, to_base(500_000), chain.time() + 20 * DAY, {"from": core})
    root2 = tx.events["ReceivableIssued"]["rootId"]
    for account, units in ((core, 1_500_000), (bank_a, 3_000_000), (bank_b, 3_000_000),
                           (supplier1, 300_000), (supplier2, 300_000), (supplier3, 300_000)):
        cash.mint(account, to_base(units), {"from": operator})
        for spender in (market, settlement):
            cash.approve(spender, MAX_UINT, {"from": account})
    return {"roots": [root, root2], "holders": {root: supplier1, root2: supplier2}}


class MarketSettlement(CirculationRules, MarketRules, SettlementRules, PieceBook):
    st_pick = strategy("uint256", max_value=1_000)
    st_who = strategy("uint256", max_value=1_000)
    st_pct = strategy("uint256", min_value=1, max_value=100)
    st_rate = strategy("uint256", min_value=0, max_value=4_000)
    st_flag = strategy("bool")
    st_days = strategy("uint256", min_value=1, max_value=30)

    outcomes = OUTCOMES

    def __init__(cls, platform, registry, world, alliance, operator, core, supplier1, supplier2, supplier3,
                 bank_a, bank_b, rando, outsider):
        p = platform
        cls.core, cls.rando, cls.outsider = core, rando, outsider
        machine_basics(cls, p, [supplier1, supplier2, supplier3, bank_a, bank_b], [supplier1, supplier2, supplier3],
                       [bank_a, bank_b], [core, operator, rando, outsider], [p.market, p.settlement],
                       [p.market, p.settlement], alliance, registry)
        assert len(cls.allowed) == 7 and not registry.isActiveMember(alliance, outsider, 0)
        assert sum(int(p.cash.balanceOf(a)) for a in cls.cash_holders) == cls.minted
        PieceBook.start_model(cls, world["roots"])
        assert {r: cls.initial["owner"][r] for r in world["roots"]} == {r: a.address for r, a in
                                                                        world["holders"].items()}


def test_market_and_settlement(state_machine, platform, registry, world, alliance, operator, core, supplier1,
                               supplier2, supplier3, bank_a, bank_b, rando, outsider):
    state_machine(MarketSettlement, platform, registry, world, alliance, operator, core, supplier1, supplier2,
                  supplier3, bank_a, bank_b, rando, outsider,
                  settings=stateful_settings())
    print("\n" + OUTCOMES.table())
    # the run did exercise the interesting paths, not only refusals
    assert OUTCOMES.done("FinancingMarket.acceptOffer", "FinancingMarket.acceptSignedOffer") > 0
    assert OUTCOMES["repay: partial"] + OUTCOMES["repay: full"] > 0
