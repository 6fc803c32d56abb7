"""Stateful test of the waterfall: random repayments, collections, distributions, defaults and
write-downs, withdrawals and tranche-token transfers on an active pool. Invariants: the books match
the Python mirror (scf.securitization.Waterfall); tranche payouts never exceed collections; every
holder's payouts are its exact pro-rata share (floor, at most one base unit short) and nobody
withdraws twice; junior is paid only once senior interest and principal are paid; senior shows a
loss only when junior is worth nothing.

Pool (conftest ``active_pool``): pieces of 1,000,000 / 600,000 / 400,000 (whole roots, due in
90 / 91 / 92 days), senior 1,600,000 at 5%, junior 300,000."""

from fractions import Fraction

import brownie
import pytest
from brownie import chain
from brownie.test import strategy
from helpers import stateful_settings, travel_to
from stateful_tools import ChainView, Reader, part_payment_allowed

from scf.securitization import Waterfall
from scf.units import DAY, to_base

CURRENT, OVERDUE, DEFAULTED = 0, 1, 2
SLACK = 1


class PoolWaterfall(ChainView):
    st_piece = strategy("uint8", max_value=2)
    st_bps = strategy("uint16", min_value=1, max_value=10_000)
    st_days = strategy("uint8", min_value=1, max_value=45)
    st_holder = strategy("uint8", max_value=2)
    st_other = strategy("uint8", max_value=2)
    st_senior = strategy("bool")

    def __init__(cls, securitization, settlement, receivables, cash, registry, alliance, pool, holders, core, keeper):
        cls.pools, cls.settlement, cls.cash, cls.keeper, cls.core = securitization, settlement, cash, keeper, core
        cls.pool_id, cls.pieces, senior, junior = pool
        cls.tokens = {True: senior, False: junior}
        cls.holders = holders
        cls.grace = registry.gracePeriodOf(alliance)
        cls.default_period = settlement.defaultPeriod()
        cls.maturity = {p: receivables.rootState(p)[0] for p in cls.pieces}
        cls.value = {p: securitization.pooledPiece(p)[1] for p in cls.pieces}
        cls.read = Reader()

    def setup(self):
        o = self.pools.offeringOf(self.pool_id).dict()
        a = self.pools.accountsOf(self.pool_id).dict()
        coupon_bps = self.pools.poolInfo(self.pool_id).dict()["seniorCouponBps"]
        self.w = Waterfall(o["seniorSold"], o["juniorSold"], coupon_bps, a["lastAccrual"])
        self.credited = {p: 0 for p in self.pieces}
        self.written = {p: False for p in self.pieces}
        self.lost = 0
        self.recovered = 0
        self.exact = {(s, h): Fraction(0) for s in (True, False) for h in range(3)}
        self.withdrawn = {(s, h): 0 for s in (True, False) for h in range(3)}

    # ------------------------------------------------------------ helpers

    def _repaid(self, piece):
        return self.settlement.accountOf(piece)[0]

    def _status(self, piece):
        return self.settlement.accountOf(piece)[3]

    def _travel(self, t):
        travel_to(t)

    # ------------------------------------------------------------ rules

    def rule_repay(self, st_piece, st_bps):
        piece = self.pieces[st_piece]
        outstanding = self.value[piece] - self._repaid(piece)
        if outstanding == 0:
            return
        amount = max(1, outstanding * st_bps // 10_000)
        if amount != outstanding and not part_payment_allowed(self.maturity[piece]):
            if st_bps < 8_000:
                return
            amount = outstanding  # before maturity the core repays in full only
        self.settlement.repay(piece, amount, {"from": self.core})

    def rule_collect(self, st_piece):
        piece = self.pieces[st_piece]
        fresh = self._repaid(piece) - self.credited[piece]  # whole roots: entitlement = repaid
        if fresh == 0:
            with brownie.reverts(f"NothingToCollect: {piece}"):
                self.pools.collect(self.pool_id, piece, {"from": self.keeper})
            return
        tx = self.pools.collect(self.pool_id, piece, {"from": self.keeper})
        assert tx.events["Collected"]["amount"] == fresh
        assert tx.events["Collected"]["recovery"] == self.written[piece]
        self.credited[piece] += fresh
        if self.written[piece]:
            self.recovered += fresh
        self.w.collect(fresh)

    def rule_distribute(self):
        if self.w.collected == self.w.distributed:
            with brownie.reverts(f"NothingToDistribute: {self.pool_id}"):
                self.pools.distribute(self.pool_id, {"from": self.keeper})
            return
        pairs = [(s, h) for s in (True, False) for h in range(3)]
        balances = dict(zip(pairs, self.read([(self.tokens[s].balanceOf, self.holders[h]) for s, h in pairs])))
        tx = self.pools.distribute(self.pool_id, {"from": self.keeper})
        p = self.w.distribute(tx.timestamp)
        ev = tx.events["Distributed"]
        assert (ev["seniorInterest"], ev["seniorPrincipal"], ev["junior"]) == (
            p.senior_interest, p.senior_principal, p.junior)
        if p.junior:  # junior is paid only when senior is whole
            assert self.w.interest_due == 0 and self.w.senior_outstanding == 0
        for (s, h), bal in balances.items():
            paid = p.senior if s else p.junior
            supply = self.w.senior_raised if s else self.w.junior_raised
            self.exact[(s, h)] += Fraction(paid * bal, supply)

    def rule_default(self, st_piece):
        piece = self.pieces[st_piece]
        if self._repaid(piece) == self.value[piece] or self._status(piece) == DEFAULTED:
            return
        if self._status(piece) == CURRENT:
            self._travel(self.maturity[piece] + self.grace + SLACK)
            self.settlement.markOverdue(piece, {"from": self.keeper})
        self._travel(self.maturity[piece] + self.grace + self.default_period + SLACK)
        self.settlement.markDefaulted(piece, {"from": self.keeper})

    def rule_write_down(self, st_piece):
        piece = self.pieces[st_piece]
        repaid, value = self._repaid(piece), self.value[piece]
        if self.written[piece]:
            error = f"AlreadyWrittenDown: {piece}"
        elif self.credited[piece] == value:          # collected in full: closed and burned
            error = f"NothingToWriteDown: {piece}"
        elif self._status(piece) != DEFAULTED:
            error = f"RootNotDefaulted: {piece}"
        elif repaid == value:                         # defaulted, then paid in full: no loss
            error = f"NothingToWriteDown: {piece}"
        else:
            error = None
        if error:
            with brownie.reverts(error):
                self.pools.writeDown(self.pool_id, piece, {"from": self.keeper})
            return
        tx = self.pools.writeDown(self.pool_id, piece, {"from": self.keeper})
        fresh = repaid - self.credited[piece]
        assert tx.events["WrittenDown"]["loss"] == self.value[piece] - repaid
        self.credited[piece] = repaid
        self.written[piece] = True
        self.lost += self.value[piece] - repaid
        self.w.collect(fresh)

    def rule_withdraw(self, st_holder, st_senior):
        token, holder = self.tokens[st_senior], self.holders[st_holder]
        owed = token.withdrawableFundsOf(holder)
        if owed == 0:
            with brownie.reverts(f"NothingToWithdraw: {holder.address.lower()}"):
                token.withdrawFunds({"from": holder})
            return
        tx = token.withdrawFunds({"from": holder})
        assert tx.events["FundsWithdrawn"]["amount"] == owed
        self.withdrawn[(st_senior, st_holder)] += owed
        assert token.withdrawableFundsOf(holder) == 0  # paid once

    def rule_transfer(self, st_holder, st_other, st_senior, st_bps):
        token = self.tokens[st_senior]
        sender, receiver = self.holders[st_holder], self.holders[st_other]
        amount = token.balanceOf(sender) * st_bps // 10_000
        token.transfer(receiver, amount, {"from": sender})

    def rule_sleep(self, st_days):
        chain.sleep(st_days * DAY)

    # ------------------------------------------------------------ invariants (after every step)

    def reads_pool(self):
        return {"books": [(self.pools.accountsOf, self.pool_id)], "values": [(self.pools.trancheValues, self.pool_id)]}

    def invariant_books_match_the_mirror(self):
        a = self.seen["books"][0].dict()
        w = self.w
        assert (a["collected"], a["distributed"], a["seniorInterestPaid"], a["seniorPrincipalPaid"], a["juniorPaid"],
                a["seniorInterestDue"], a["lastAccrual"]) == (
            w.collected, w.distributed, w.senior_interest_paid, w.senior_principal_paid, w.junior_paid,
            w.interest_due, w.last_accrual)
        assert a["writtenDown"] == self.lost and a["recovered"] == self.recovered
        # junior is paid only once senior is whole
        if w.junior_paid > 0:
            assert w.senior_outstanding == 0

    def invariant_senior_loses_only_when_junior_is_worthless(self):
        v = self.seen["values"][0].dict()
        performing = sum(self.value[p] - self.credited[p] for p in self.pieces if not self.written[p])
        assert v["assets"] == performing + self.w.collected - self.w.distributed
        assert v["seniorValue"] + v["juniorValue"] == v["assets"]
        if v["seniorLoss"] > 0:
            assert v["juniorValue"] == 0 and v["juniorLoss"] == self.w.junior_raised - self.w.junior_paid

    # ------------------------------------------------------------ at the end of every run

    def teardown(self):
        senior, junior = self.tokens[True], self.tokens[False]
        pairs = list(self.exact)
        seen = self.read.named({
            "distributed": [(t.totalDistributed,) for t in (senior, junior)],
            "withdrawn": [(t.totalWithdrawn,) for t in (senior, junior)],
            "token_cash": [(self.cash.balanceOf, t) for t in (senior, junior)],
            "pool_cash": [(self.cash.balanceOf, self.pools)],
            "accumulated": [(self.tokens[s].accumulativeFundsOf, self.holders[h]) for s, h in pairs],
            "withdrawn_by": [(self.tokens[s].withdrawnFundsOf, self.holders[h]) for s, h in pairs],
        })
        (senior_paid, junior_paid), withdrawn = seen["distributed"], dict(zip((True, False), seen["withdrawn"]))
        # tranche payouts never exceed collections
        assert senior_paid == self.w.senior_interest_paid + self.w.senior_principal_paid
        assert junior_paid == self.w.junior_paid
        assert senior_paid + junior_paid == self.w.distributed <= self.w.collected
        for paid, taken, cash in zip((senior_paid, junior_paid), seen["withdrawn"], seen["token_cash"]):
            assert taken <= paid
            assert cash == paid - taken
        # the pool contract holds exactly the collected, undistributed cash (the only pool here)
        assert seen["pool_cash"][0] == self.w.collected - self.w.distributed
        # every holder's payouts are its exact pro-rata share (floor, at most one unit short), withdrawn once
        for (s, h), accumulated, withdrawn_by in zip(pairs, seen["accumulated"], seen["withdrawn_by"]):
            exact = self.exact[(s, h)]
            floor = exact.numerator // exact.denominator
            assert floor - 1 <= accumulated <= floor
            assert withdrawn_by == self.withdrawn[(s, h)] <= accumulated
        for s in (True, False):
            assert withdrawn[s] == sum(self.withdrawn[(s, h)] for h in range(3))


@pytest.fixture(scope="module")
def core_pays(cash, core, settlement, operator):
    cash.mint(core, to_base(10_000_000), {"from": operator})
    cash.approve(settlement, 2**256 - 1, {"from": core})


def test_pool_waterfall(state_machine, securitization, settlement, receivables, cash, registry, alliance, active_pool,
                        investors, supplier3, core, rando, core_pays):
    holders = [investors[0], investors[1], supplier3]
    state_machine(PoolWaterfall, securitization, settlement, receivables, cash, registry, alliance, active_pool,
                  holders, core, rando,
                  settings=stateful_settings())
