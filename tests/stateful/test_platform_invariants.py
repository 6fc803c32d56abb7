"""One stateful suite across the whole platform: every contract that holds or moves cash or
pieces, driven together at random, with the invariants of every issue checked after every step.

Roots come from the order escrow (credit purchase orders delivered and accepted) and from the
fixture's audited trade; cash orders escrow and release cash. Pieces are split and passed on
among members (a move to a non-member must be refused), sold through escrowed and signed offers,
moved by banks into securitization pools that investors subscribe (or that are cancelled and
refunded), repaid by the core in parts, claimed by anyone (also directly for pieces a pool
holds), collected and paid down the waterfall, written down on default, recoursed and paid back.
Warehouse receipts are pledged for loans and repaid or foreclosed; advance-payment deals are
funded and repaid in instalments or bought back. Time passes.

Invariants after every step (read in one JSON-RPC batch):
  * cash is conserved: nothing minted or burned, and every unit sits with an actor or a contract;
  * value per root: the live pieces of a root plus the pieces burned when paid in full add up
    to its face value; a root freezes at its first repayment;
  * claimed <= repaid per root, and Settlement holds exactly sum(repaid - claimed);
  * the market holds exactly the escrow of its open offers, the order escrow exactly its open
    cash orders;
  * pool payouts <= collections: the pool contract holds exactly what its pools are owed (open
    subscriptions, collected-not-distributed cash, claims paid in but not yet credited, and
    unrefunded subscriptions of cancelled pools); each tranche token holds exactly what it was
    given minus what its holders withdrew;
  * nothing is sold twice; a receipt backs at most one loan or deal; goods released by a deal
    never exceed the goods paid for;
  * only active members (or platform contracts) ever receive a piece.

Composed from the areas of ``area_rules`` (circulation, market, settlement: the rules and
invariants of ``test_market_settlement.py``) and this file's own (orders, securitization,
receipts, loans and deals); every promise is a named ``invariant_*`` method, so a failing run
names the property, and all of them read the chain in one JSON-RPC batch per step.

CI runs 50 examples x 30 steps; ``SCF_STATEFUL_EXAMPLES=1000 make test-stateful`` runs a long
campaign (see helpers.stateful_settings).
"""

import pytest
from area_rules import CirculationRules, MarketRules, PieceBook, SettlementRules, machine_basics
from brownie import chain
from brownie.test import strategy
from helpers import stateful_settings
from loop_helpers import CASH, CREDIT, DELIVERED, SHIPPED, DealStatus, LoanStatus, OrderStatus, give
from stateful_tools import Outcomes, attempt, finish_confirmations, must_refuse

from scf.brownie.securitization import tranche_token
from scf.onboarding import doc_hash
from scf.securitization import PoolTerms
from scf.units import DAY, to_base

BUILDING, OFFERING, ACTIVE, CANCELLED = 1, 2, 3, 4
OPEN_CASH_ORDER = (OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.IN_WAREHOUSE, OrderStatus.DELIVERED,
                   OrderStatus.DISPUTED)
DEAL_HOLDS_RECEIPT = (DealStatus.ACCEPTED, DealStatus.ACTIVE, DealStatus.DEFAULTED)

# refusals a step may legitimately meet (pieces here can also be locked in a pool)
MOVE = {"RootIsFrozen", "RootMatured", "SplitExhaustsPiece", "ZeroValue", "PieceIsLocked", "PieceLockedBy",
        "SelfTransfer"}
SELL = {"SelfDealing", "PieceNotTradable", "ZeroAmount", "OfferExpired", "AmountExceedsPiece", "PieceIsLocked",
        "RootIsFrozen", "RootMatured", "NotPieceHolder", "NotOfferSeller", "PieceCarriesRecourse"}
POOL_ADD = {"RootIsFrozen", "RootMatured", "MaturityOutsideWindow", "PoolFull", "PoolValueExceeded",
            "ConcentrationExceeded", "PieceIsLocked"}
WRITE_DOWN = {"AlreadyWrittenDown", "NothingToWriteDown", "RootNotDefaulted"}

OUTCOMES = Outcomes()


class Platform(CirculationRules, MarketRules, SettlementRules, PieceBook):
    st_pick = strategy("uint16")
    st_who = strategy("uint8")
    st_pct = strategy("uint8", min_value=1, max_value=100)
    st_rate = strategy("uint16", max_value=4_000)
    st_flag = strategy("bool")
    st_days = strategy("uint8", min_value=1, max_value=60)
    st_units = strategy("uint32", min_value=1_000, max_value=400_000)

    outcomes = OUTCOMES
    move_errors = MOVE
    post_errors = accept_errors = SELL
    pay_errors: set = set()  # the seller here always has the cash
    EXTRA = {"pools": {}, "orders": [], "loans": [], "deals": [], "released": {}, "docs": 0}

    def __init__(self, p, a, alliance, registry):
        """Runs once, before the snapshot every example starts from: wire the model, then play a
        few rules on a bare instance so each example starts with something in every contract (a
        root split among suppliers, a bank's piece, an open offer, a building and an active pool,
        open orders, an active loan and an active deal)."""
        self.a, self.alliance = a, alliance
        self.core, self.logistics, self.rando, self.outsider = a["core"], a["logistics"], a["rando"], a["outsider"]
        self.investors = [a["investor"], a["investor2"]]
        suppliers, banks = [a["supplier1"], a["supplier2"], a["supplier3"]], [a["bank_a"], a["bank_b"]]
        people = self.investors + [self.core, self.logistics, a["distributor"], a["operator"], self.rando,
                                   self.outsider, a["auditor"]]
        contracts = [p.market, p.settlement, p.securitization, p.escrow, p.pledges, p.advances]
        machine_basics(self, p, suppliers + banks, suppliers, banks, people, contracts,
                       [p.market, p.settlement, p.securitization], alliance, registry)
        assert len(self.allowed) == 8 and not registry.isActiveMember(alliance, self.outsider, 0)

        def play(world):
            world.rule_split(0, 1, 40)                       # supplier1 -> supplier2: 40 %
            world.rule_split(1, 2, 50)                       # supplier2 -> supplier3
            world.rule_signed_offer(2, 0, 100, 900, True)    # bank A buys supplier3's piece, with recourse
            world.rule_place_order(0, 300_000, CREDIT, 20)   # a credit order, delivered and accepted
            for _ in range(3):
                world.rule_order_progress(0)
            world.rule_place_order(1, 120_000, CASH, 0)      # an open cash order
            world.rule_post_offer(0, 1, 30, 700, False)      # bank B's escrowed offer on a piece
            world.rule_pool_add(0, 0)                        # bank A's building pool with its piece
            world.rule_pool_offering(0, 100, True)           # ... offered and closed: active
            world.rule_pledge(0, 50_000, 60)                 # an active inventory loan
            world.rule_open_deal(800, 200_000)               # an active advance-payment deal

        PieceBook.start_model(self, [a["root"]], play)

    def setup(self):
        finish_confirmations()
        super().setup()

    def offer_pieces(self):
        return self.pieces_of(self.suppliers)  # the banks keep theirs for pools

    def tokens(self) -> list:
        return [t for pool in sorted(self.pools) for t in self.pools[pool]["tokens"]]

    def cash_accounts(self) -> list:
        return self.cash_holders + self.tokens()  # tranche tokens hold the payouts not yet withdrawn

    def doc(self, label):
        self.docs += 1
        return doc_hash(f"{label} {self.docs}")

    # ------------------------------------------------------------------ orders -> roots

    def rule_place_order(self, st_who, st_units, st_flag, st_days):
        supplier = self.suppliers[st_who % 3]
        term = 10 + st_days if st_flag else 0
        tx = self.p.escrow.placeOrder(self.alliance, supplier, self.p.cash, to_base(st_units),
                                      chain.time() + 30 * DAY, term, st_flag, self.doc("PO"), {"from": self.core})
        OUTCOMES.note("OrderEscrow.placeOrder: done")
        self.orders.append(tx.events["OrderPlaced"]["orderId"])

    def rule_order_progress(self, st_pick):
        """The next step of an open order: shipped, delivered, accepted by the buyer (a credit
        order's acceptance issues a root to the supplier, a cash order's pays the supplier)."""
        escrow = self.p.escrow
        open_orders = [o for o in self.orders if escrow.orderInfo(o)["status"] in
                       (OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)]
        order = self.pick(open_orders, st_pick)
        if order is None:
            return
        info = escrow.orderInfo(order)
        if chain.time() > info["deadline"] + 5 and info["status"] != OrderStatus.DELIVERED:
            attempt(OUTCOMES, set(), escrow.cancel, order, {"from": self.core})
        elif info["status"] == OrderStatus.PLACED:
            attempt(OUTCOMES, set(), escrow.recordMilestone, order, SHIPPED, self.doc("B/L"), {"from": self.logistics})
        elif info["status"] == OrderStatus.SHIPPED:
            attempt(OUTCOMES, set(), escrow.recordMilestone, order, DELIVERED, self.doc("delivery"),
                    {"from": self.logistics})
        else:
            self.track(attempt(OUTCOMES, set(), escrow.accept, order, {"from": self.core}))


    # ------------------------------------------------------------------ securitization

    def pools_in(self, phase):
        return [pool for pool in self.pools if self.p.securitization.poolInfo(pool)[1] == phase]

    def rule_pool_add(self, st_pick, st_who):
        """A bank moves one of its pieces into its building pool (created when it has none)."""
        bank = self.banks[st_who % 2]
        piece = self.pick(self.pieces_of([bank]), st_pick)
        if piece is None:
            return
        pools = [pool for pool in self.pools_in(BUILDING) if self.pools[pool]["originator"] == bank.address]
        if pools:
            pool = pools[0]
        else:
            now = chain.time()
            terms = PoolTerms(self.p.cash, self.alliance, now, now + 400 * DAY, 4, to_base(3_000_000), 10_000, 600)
            pool = self.p.securitization.createPool(terms.as_tuple(), {"from": bank}).events["PoolCreated"]["poolId"]
            self.pools[pool] = {"originator": bank.address, "tokens": ()}
        self.track(attempt(OUTCOMES, POOL_ADD, self.p.securitization.addPiece, pool, piece, {"from": bank}))

    def rule_pool_offering(self, st_pick, st_pct, st_flag):
        """Open a building pool's offering; investors subscribe in full and it closes, or (not
        st_flag) only in part, and it stays open until its deadline passes."""
        pool = self.pick(self.pools_in(BUILDING), st_pick)
        if pool is None:
            return
        pools, originator = self.p.securitization, self.by_address[self.pools[pool]["originator"]]
        value = int(pools.poolInfo(pool)[-1])
        if value == 0:
            return
        target = max(2, value * (81 + st_pct % 20) // 100)
        tx = attempt(OUTCOMES, {"EmptyTranche"}, pools.openOffering, pool, target, chain.time() + 3 * DAY,
                     {"from": originator})
        if tx is None:
            return
        ev = tx.events["OfferingOpened"]
        self.pools[pool]["tokens"] = (ev["seniorToken"], ev["juniorToken"])
        senior, junior = self.investors
        pools.subscribe(pool, True, ev["seniorCapacity"] if st_flag else ev["seniorCapacity"] // 2, {"from": senior})
        if st_flag:
            pools.subscribe(pool, False, ev["juniorCapacity"], {"from": junior})
            attempt(OUTCOMES, set(), pools.close, pool, {"from": self.rando})

    def rule_pool_cancel(self, st_pick):
        """A building pool cancelled by its originator, or an undersubscribed one after its
        deadline by anyone; investors take their subscriptions back."""
        pool = self.pick(self.pools_in(BUILDING) + self.pools_in(OFFERING), st_pick)
        if pool is None:
            return
        pools = self.p.securitization
        building = pools.poolInfo(pool)[1] == BUILDING
        caller = self.by_address[self.pools[pool]["originator"]] if building else self.rando
        tx = self.track(attempt(OUTCOMES, {"OfferingStillOpen"}, pools.cancel, pool, {"from": caller}))
        if tx is not None and not building:
            for investor in self.investors:
                attempt(OUTCOMES, {"NothingToRefund"}, pools.refund, pool, {"from": investor})

    def pooled_piece(self, st_pick):
        active = self.pools_in(ACTIVE)
        pool = self.pick(active, st_pick)
        if pool is None:
            return None, None
        pieces = self.p.securitization.piecesOf(pool)
        return pool, pieces[(st_pick // 7) % len(pieces)]

    def rule_pool_collect(self, st_pick):
        pool, piece = self.pooled_piece(st_pick)
        if pool is not None:
            self.track(attempt(OUTCOMES, {"NothingToCollect"}, self.p.securitization.collect, pool, piece,
                               {"from": self.rando}))

    def rule_pool_distribute(self, st_pick):
        pool = self.pick(self.pools_in(ACTIVE), st_pick)
        if pool is not None:
            attempt(OUTCOMES, {"NothingToDistribute"}, self.p.securitization.distribute, pool, {"from": self.rando})

    def rule_pool_write_down(self, st_pick):
        pool, piece = self.pooled_piece(st_pick)
        if pool is not None:
            self.track(attempt(OUTCOMES, WRITE_DOWN, self.p.securitization.writeDown, pool, piece,
                               {"from": self.rando}))

    def rule_tranche_withdraw(self, st_pick, st_who):
        pool = self.pick(self.pools_in(ACTIVE), st_pick)
        if pool is not None:
            token = tranche_token(self.pools[pool]["tokens"][st_who % 2])
            attempt(OUTCOMES, {"NothingToWithdraw"}, token.withdrawFunds, {"from": self.investors[st_who // 2 % 2]})


    # ------------------------------------------------------------------ receipts, loans, deals

    def rule_pledge(self, st_who, st_units, st_pct):
        """The warehouse issues a receipt to a supplier, who pledges it to a bank for a loan."""
        supplier, bank = self.suppliers[st_who % 3], self.banks[st_who // 3 % 2]
        p = self.p
        receipt = p.receipts.issue(self.alliance, supplier, self.doc("goods"), 100, to_base(st_units), p.cash,
                                   {"from": self.logistics}).events["ReceiptIssued"]["receiptId"]
        principal = max(1, to_base(st_units) * st_pct // 100)
        loan = p.pledges.requestLoan(receipt, bank, principal, 600, 30,
                                     {"from": supplier}).events["LoanRequested"]["loanId"]
        attempt(OUTCOMES, set(), p.pledges.fund, loan, {"from": bank})
        self.loans.append(loan)

    def rule_pledge_twice(self, st_pick):
        """A receipt already pledged cannot back a second loan."""
        active = [loan for loan in self.loans if self.p.pledges.loanInfo(loan)["status"] == LoanStatus.ACTIVE]
        loan = self.pick(active, st_pick)
        if loan is not None:
            info = self.p.pledges.loanInfo(loan)
            must_refuse(OUTCOMES, {"ReceiptAlreadyLocked"}, self.p.pledges.requestLoan, info["receiptId"],
                        self.banks[0], 1, 600, 30, {"from": info["borrower"]})

    def rule_loan_end(self, st_pick, st_flag):
        active = [loan for loan in self.loans if self.p.pledges.loanInfo(loan)["status"] == LoanStatus.ACTIVE]
        loan = self.pick(active, st_pick)
        if loan is None:
            return
        info = self.p.pledges.loanInfo(loan)
        if st_flag or chain.time() <= info["dueAt"] + 5:
            attempt(OUTCOMES, set(), self.p.pledges.repay, loan, {"from": info["borrower"]})
        else:
            attempt(OUTCOMES, set(), self.p.pledges.foreclose, loan, {"from": info["financier"]})

    def rule_open_deal(self, st_units, st_who):
        """A distributor's advance-payment deal: goods into the warehouse under a receipt the
        financier controls, the core paid up front."""
        p, a = self.p, self.a
        quantity, price = 100 + st_units % 5_000, to_base(10_000 + st_units)
        goods = self.doc("televisions")
        bank = self.banks[st_who % 2]
        terms = (self.alliance, a["core"], bank, p.cash, goods, quantity, price, 800, 60)
        deal = p.advances.propose(terms, {"from": a["distributor"]}).events["DealProposed"]["dealId"]
        receipt = p.receipts.issue(self.alliance, a["core"], goods, quantity, price, p.cash,
                                   {"from": self.logistics}).events["ReceiptIssued"]["receiptId"]
        p.advances.acceptOrder(deal, receipt, {"from": a["core"]})
        attempt(OUTCOMES, set(), p.advances.fund, deal, receipt, {"from": bank})
        self.deals.append(deal)
        self.released[deal] = []

    def rule_instalment_or_buyback(self, st_pick, st_units):
        active = [d for d in self.deals if self.p.advances.dealInfo(d)["status"] == DealStatus.ACTIVE]
        deal = self.pick(active, st_pick)
        if deal is None:
            return
        d, advances = self.p.advances.dealInfo(deal), self.p.advances
        if chain.time() > d["dueAt"] + self.p.registry.gracePeriodOf(self.alliance) + 5:
            attempt(OUTCOMES, set(), advances.callBuyback, deal, {"from": d["financier"]})
            attempt(OUTCOMES, set(), advances.payBuyback, deal, {"from": self.core})
            return
        amount = min(to_base(st_units) // 3 + 1, d["owed"] - d["repaid"])
        tx = attempt(OUTCOMES, set(), advances.repay, deal, amount, {"from": self.a["distributor"]})
        released = tx.events["InstalmentPaid"]["releasedReceiptId"]
        if released and released != d["receiptId"]:
            self.released[deal].append(released)

    # ------------------------------------------------------------------ invariants of this machine's areas
    # (the circulation, market and settlement ones come from area_rules; all read in one batch)

    def reads_pools(self):
        p, pools = self.p, sorted(self.pools)
        pieces = self.read([(p.securitization.piecesOf, pool) for pool in pools])
        self._pooled = [(pool, piece) for pool, of_pool in zip(pools, pieces) for piece in of_pool]
        tokens = self.tokens()
        return {
            "pool": [(p.securitization.poolInfo, pool) for pool in pools],
            "offering": [(p.securitization.offeringOf, pool) for pool in pools],
            "books": [(p.securitization.accountsOf, pool) for pool in pools],
            "pooled": [(p.securitization.pooledPiece, piece) for _, piece in self._pooled],
            "pooled_piece": [(p.receivables.pieceInfo, piece) for _, piece in self._pooled],
            "claimable": [(p.settlement.claimable, piece) for _, piece in self._pooled],
            "token_supply": [(tranche_token(t).totalSupply,) for t in tokens],
            "token_paid": [(tranche_token(t).totalDistributed,) for t in tokens],
            "token_withdrawn": [(tranche_token(t).totalWithdrawn,) for t in tokens],
        }

    def reads_loop(self):
        p = self.p
        return {
            "order": [(p.escrow.orderInfo, o) for o in self.orders],
            "loan": [(p.pledges.loanInfo, loan) for loan in self.loans],
            "deal": [(p.advances.dealInfo, d) for d in self.deals],
        }

    def tranche_rows(self):
        """Per pool (sorted): [(distributed, withdrawn, token address), ...] of its tranche tokens."""
        rows = iter(zip(self.seen["token_paid"], self.seen["token_withdrawn"], self.tokens()))
        return {pool: [next(rows) for _ in self.pools[pool]["tokens"]] for pool in sorted(self.pools)}

    def invariant_order_escrow_holds_the_open_cash_orders(self):
        open_cash = sum(o["amount"] for o in self.seen["order"] if not o["credit"] and o["status"] in OPEN_CASH_ORDER)
        assert self.balance(self.p.escrow) == open_cash

    def invariant_tranche_tokens_hold_what_holders_have_not_withdrawn(self):
        for rows in self.tranche_rows().values():
            for distributed, withdrawn, token in rows:
                assert withdrawn <= distributed
                assert self.balance(token) == distributed - withdrawn

    def invariant_pools_pay_out_no_more_than_they_collected(self):
        rows = self.tranche_rows()
        for pool, info, books in zip(sorted(self.pools), self.seen["pool"], self.seen["books"]):
            if info[1] == ACTIVE:
                assert books[1] <= books[0], f"pool {pool}: distributed more than collected"
                assert sum(row[0] for row in rows[pool]) == books[1], f"pool {pool}: tranches paid != distributed"

    def invariant_pool_contract_holds_what_its_pools_are_owed(self):
        """Open subscriptions, collected-not-distributed cash, claims paid in but not yet
        credited, and unrefunded subscriptions of cancelled pools."""
        pools = sorted(self.pools)
        pieces_of_pool = dict.fromkeys(pools, 0)
        seen = self.seen
        for (pool, piece), rec, info, unclaimed in zip(self._pooled, seen["pooled"], seen["pooled_piece"],
                                                       seen["claimable"]):
            pool_id, value, credited, _ = rec
            if pool_id != pool:                    # returned by a cancelled pool (maybe pooled again since)
                continue
            if info[1] == 0:                       # paid in full and burned
                paid_in = value
            else:                                  # what Settlement paid the pool for it so far
                paid_in = value * self.repaid[info[1]] // self.roots[info[1]][0] - unclaimed
            assert credited <= paid_in, f"piece {piece}: pool credited more than Settlement paid it"
            pieces_of_pool[pool] += paid_in - credited
        supplies = iter(seen["token_supply"])
        expected = 0
        for pool, info, offering, books in zip(pools, seen["pool"], seen["offering"], seen["books"]):
            phase, supply = info[1], [next(supplies) for _ in self.pools[pool]["tokens"]]
            if phase == OFFERING:
                expected += offering[4] + offering[5]
            elif phase == ACTIVE:
                expected += books[0] - books[1]
            elif phase == CANCELLED:
                expected += sum(supply)
            if phase != CANCELLED:
                expected += pieces_of_pool[pool]
        assert self.balance(self.p.securitization) == expected, "pool contract cash != what pools are owed"

    def invariant_a_receipt_backs_one_loan_or_deal(self):
        pledged = [loan["receiptId"] for loan in self.seen["loan"] if loan["status"] == LoanStatus.ACTIVE]
        pledged += [d["receiptId"] for d in self.seen["deal"] if d["status"] in DEAL_HOLDS_RECEIPT]
        assert len(pledged) == len(set(pledged)), "a receipt backs two loans or deals"

    def invariant_goods_released_never_exceed_goods_paid_for(self):
        for d in self.seen["deal"]:
            assert d["released"] * d["owed"] <= d["quantity"] * d["repaid"], "goods released before paid for"


@pytest.fixture(scope="module")
def cast(platform, actors, operator, alliance, investors, root, rando):
    """Everyone funded and every contract approved. Roots reach default after maturity + the
    30-day grace + the 30-day default period of sleeps (neither can be shortened for roots that
    exist)."""
    p = platform
    spenders = (p.market, p.settlement, p.escrow, p.pledges, p.advances, p.securitization)
    for name in ("core", "distributor", "bank_a", "bank_b", "supplier1", "supplier2", "supplier3"):
        give(p.cash, operator, actors[name], 20_000_000, *spenders)
    return {**actors, "investor2": investors[1], "operator": operator, "rando": rando, "root": root}


def test_platform_invariants(state_machine, platform, cast, alliance, registry):
    state_machine(Platform, platform, cast, alliance, registry, settings=stateful_settings())
    print("\n" + OUTCOMES.table())
    # the run went through the interesting paths, not only refusals
    assert OUTCOMES.done("FinancingMarket.acceptSignedOffer", "FinancingMarket.acceptOffer") > 0
    assert OUTCOMES["repay: partial"] + OUTCOMES["repay: full"] > 0
    assert OUTCOMES.done("Settlement.claim") > 0
    assert OUTCOMES.done("SecuritizationPool.collect", "SecuritizationPool.distribute") > 0
    assert OUTCOMES.done("OrderEscrow.accept") > 0
    assert OUTCOMES.done("SecuritizationPool.addPiece") > 0

