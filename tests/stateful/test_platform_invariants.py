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

CI runs 50 examples x 30 steps; ``SCF_STATEFUL_EXAMPLES=1000 make test-stateful`` runs a long
campaign (see helpers.stateful_settings).
"""

import copy

import pytest
from brownie import chain
from brownie.test import strategy
from helpers import stateful_settings
from loop_helpers import CASH, CREDIT, DELIVERED, SHIPPED, DealStatus, LoanStatus, OrderStatus, give
from stateful_tools import (
    Outcomes,
    Reader,
    attempt,
    finish_confirmations,
    follow_piece_transfers,
    must_refuse,
    part_payment_allowed,
)

from scf.brownie.securitization import tranche_token
from scf.eip712 import OfferTerms, domain_of, offer, sign
from scf.onboarding import doc_hash
from scf.securitization import PoolTerms
from scf.units import DAY, to_base

OFFER_OPEN = 1
CURRENT, OVERDUE, DEFAULTED = 0, 1, 2
BUILDING, OFFERING, ACTIVE, CANCELLED = 1, 2, 3, 4
OPEN_CASH_ORDER = (OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.IN_WAREHOUSE, OrderStatus.DELIVERED,
                   OrderStatus.DISPUTED)
DEAL_HOLDS_RECEIPT = (DealStatus.ACCEPTED, DealStatus.ACTIVE, DealStatus.DEFAULTED)

# refusals a step may legitimately meet
MOVE = {"RootIsFrozen", "RootMatured", "SplitExhaustsPiece", "ZeroValue", "PieceLockedBy"}
SELL = {"SelfDealing", "PieceNotTradable", "ZeroAmount", "OfferExpired", "AmountExceedsPiece", "PieceIsLocked",
        "RootIsFrozen", "RootMatured", "NotPieceHolder", "NotOfferSeller", "PieceCarriesRecourse"}
POOL_ADD = {"RootIsFrozen", "RootMatured", "MaturityOutsideWindow", "PoolFull", "PoolValueExceeded",
            "ConcentrationExceeded", "PieceIsLocked"}
CLAIM = {"NothingToClaim"}
MARK = {"TooEarly", "RootRepaid"}
RECOURSE = {"NoRecourse", "NotRecourseFinancier", "NothingDue", "RootRepaid"}
WRITE_DOWN = {"AlreadyWrittenDown", "NothingToWriteDown", "RootNotDefaulted"}

OUTCOMES = Outcomes()


def empty_model() -> dict:
    """What the machine tracks of the chain, before anything happened."""
    return {"owner": {}, "root_of": {}, "roots": {}, "burned": {}, "repaid": {}, "status": {}, "offers": {},
            "open_offers": set(), "signed": [], "refs": [], "with_recourse": set(), "open_calls": {},
            "bad_holders": [], "pools": {}, "orders": [], "loans": [], "deals": [], "released": {}, "docs": 0}


class Platform:
    st_pick = strategy("uint16")
    st_who = strategy("uint8")
    st_pct = strategy("uint8", min_value=1, max_value=100)
    st_rate = strategy("uint16", max_value=4_000)
    st_flag = strategy("bool")
    st_days = strategy("uint8", min_value=1, max_value=60)
    st_units = strategy("uint32", min_value=1_000, max_value=400_000)

    def __init__(self, p, a, alliance, registry):
        """Runs once, before the snapshot every example starts from: wire the model, then play a
        few rules on a bare instance so each example starts with something in every contract (a
        root split among suppliers, a bank's piece, an open offer, a building and an active pool,
        open orders, an active loan and an active deal)."""
        self.p, self.a, self.alliance = p, a, alliance
        self.core, self.logistics, self.rando, self.outsider = a["core"], a["logistics"], a["rando"], a["outsider"]
        self.suppliers = [a["supplier1"], a["supplier2"], a["supplier3"]]
        self.banks = [a["bank_a"], a["bank_b"]]
        self.investors = [a["investor"], a["investor2"]]
        self.members = self.suppliers + self.banks
        self.read = Reader()
        self.domain = domain_of(p.market)
        self.fee_bps = int(p.market.feeBps())
        self.contracts = [p.market, p.settlement, p.securitization, p.escrow, p.pledges, p.advances]
        people = self.members + self.investors + [self.core, self.logistics, a["distributor"], a["operator"],
                                                  self.rando, self.outsider, a["auditor"]]
        self.by_address = {acct.address: acct for acct in people}
        self.cash_holders = [acct.address for acct in people] + [c.address for c in self.contracts]
        self.minted = int(p.cash.totalSupply())
        # who may hold a piece: active members and the platform contracts that take pieces
        self.allowed = {acct.address for acct in self.members if registry.isActiveMember(alliance, acct, 0)}
        self.allowed |= {p.market.address, p.settlement.address, p.securitization.address}
        assert len(self.allowed) == 8 and not registry.isActiveMember(alliance, self.outsider, 0)

        world = object.__new__(self)  # brownie passes the machine class: a bare instance of it
        world.setup()
        world.adopt_root(a["root"])
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
        self.initial = copy.deepcopy(world.model())

    # ------------------------------------------------------------------ model

    def setup(self):
        finish_confirmations()
        self.__dict__.update(copy.deepcopy(getattr(self, "initial", None)) or empty_model())

    def model(self) -> dict:
        return {k: getattr(self, k) for k in empty_model()}

    def adopt_root(self, root):
        """A root issued outside the rules (the fixture's)."""
        maturity, _, _, _, face = self.p.receivables.rootState(root)
        self.roots[root] = (int(face), int(maturity))
        self.root_of[root] = root
        self.burned[root] = 0
        self.repaid[root] = 0
        self.status[root] = CURRENT
        self.owner[root] = self.p.receivables.ownerOf(root)

    def doc(self, label):
        self.docs += 1
        return doc_hash(f"{label} {self.docs}")

    def track(self, tx):
        """Follow roots and pieces through the receivable token's events; record every sale."""
        if tx is None:
            return None
        events = tx.events
        for ev in events["ReceivableIssued"] if "ReceivableIssued" in events else []:
            root = ev["rootId"]
            self.roots[root] = (ev["faceValue"], ev["maturity"])
            self.root_of[root] = root
            self.burned[root] = self.repaid[root] = 0
            self.status[root] = CURRENT
        for ev in events["PieceSplit"] if "PieceSplit" in events else []:
            self.root_of[ev["childId"]] = self.root_of[ev["parentId"]]
            if ev["parentId"] in self.with_recourse:
                self.with_recourse.add(ev["childId"])  # the right of recourse travels with the value
        for ev in events["PieceBurned"] if "PieceBurned" in events else []:
            self.burned[ev["rootId"]] += ev["value"]
        follow_piece_transfers(events, self.p.receivables.address, self.owner, self.allowed, self.bad_holders)
        for ev in events["PieceFinanced"] if "PieceFinanced" in events else []:
            self.refs.append(bytes(ev["offerRef"]) if not isinstance(ev["offerRef"], str)
                             else bytes.fromhex(ev["offerRef"][2:]))
            if ev["recourse"]:
                self.with_recourse.add(ev["boughtPieceId"])
        return tx

    def pick(self, items, index):
        items = sorted(items)
        return items[index % len(items)] if items else None

    def pieces_of(self, holders):
        holders = {h.address for h in holders}
        return [piece for piece, owner in self.owner.items() if owner in holders]

    def holder(self, piece):
        return self.by_address[self.owner[piece]]

    def value(self, piece):
        return int(self.p.receivables.pieceInfo(piece)[0])

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

    # ------------------------------------------------------------------ circulation

    def rule_split(self, st_pick, st_who, st_pct):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is None:
            return
        to = self.members[st_who % len(self.members)]
        amount = self.value(piece) * st_pct // 100
        self.track(attempt(OUTCOMES, MOVE | {"SelfTransfer"}, self.p.receivables.splitOff, piece, to, amount,
                           {"from": self.holder(piece)}))

    def rule_transfer(self, st_pick, st_who):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is None:
            return
        holder, to = self.holder(piece), self.members[st_who % len(self.members)]
        self.track(attempt(OUTCOMES, MOVE, self.p.receivables.transferFrom, holder, to, piece, {"from": holder}))

    def rule_transfer_to_outsider(self, st_pick):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is not None:
            holder = self.holder(piece)
            must_refuse(OUTCOMES, {"RecipientNotMember"} | MOVE, self.p.receivables.transferFrom, holder,
                        self.outsider, piece, {"from": holder})

    # ------------------------------------------------------------------ financing

    def rule_signed_offer(self, st_pick, st_who, st_pct, st_rate, st_flag):
        piece = self.pick(self.pieces_of(self.suppliers), st_pick)
        if piece is None:
            return
        bank = self.banks[st_who % 2]
        seller = self.owner[piece] if st_flag else "0x" + "00" * 20  # a recourse offer names its seller
        terms = OfferTerms(bank.address, seller, self.p.cash.address, piece, self.value(piece) * st_pct // 100,
                           st_rate, self.fee_bps, st_flag, chain.time() + DAY, 0)
        signature = sign(bank.private_key, offer(self.domain, terms))
        tx = self.track(attempt(OUTCOMES, SELL, self.p.market.acceptSignedOffer, terms.as_tuple(), signature, 0,
                                {"from": self.holder(piece)}))
        if tx is not None:
            self.signed.append((terms.as_tuple(), signature))

    def rule_replay_signed_offer(self, st_pick):
        if self.signed:
            terms, signature = self.signed[st_pick % len(self.signed)]
            seller = self.by_address.get(self.owner.get(terms[3]), self.suppliers[0])
            must_refuse(OUTCOMES, {"SignedOfferUsed", "OfferExpired"}, self.p.market.acceptSignedOffer, terms,
                        signature, 0, {"from": seller})

    def rule_post_offer(self, st_pick, st_who, st_pct, st_rate, st_flag):
        piece = self.pick(self.pieces_of(self.suppliers), st_pick)
        if piece is None:
            return
        bank = self.banks[st_who % 2]
        amount = self.value(piece) * st_pct // 100
        tx = attempt(OUTCOMES, SELL, self.p.market.postOffer, piece, amount, st_rate, self.fee_bps, st_flag,
                     chain.time() + 5 * DAY, {"from": bank})
        if tx is not None:
            self.offers[tx.return_value] = (piece, bank.address, amount)
            self.open_offers.add(tx.return_value)

    def rule_accept_or_cancel_offer(self, st_pick, st_flag):
        offer_id = self.pick(self.open_offers, st_pick)
        if offer_id is None:
            return
        piece, financier, _ = self.offers[offer_id]
        if st_flag and piece in self.owner and self.owner[piece] in {s.address for s in self.suppliers}:
            tx = self.track(attempt(OUTCOMES, SELL, self.p.market.acceptOffer, offer_id, 0,
                                    {"from": self.holder(piece)}))
        else:
            tx = attempt(OUTCOMES, set(), self.p.market.cancelOffer, offer_id, {"from": self.by_address[financier]})
        if tx is not None:
            self.open_offers.remove(offer_id)

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

    # ------------------------------------------------------------------ settlement

    def rule_repay(self, st_pick, st_pct):
        """The core repays a root: part of what is outstanding or (above 80 %) all of it."""
        root = self.pick(self.roots, st_pick)
        outstanding = self.roots[root][0] - self.repaid[root]
        if outstanding == 0:
            must_refuse(OUTCOMES, {"RepaymentExceedsOutstanding"}, self.p.settlement.repay, root, 1,
                        {"from": self.core})
            return
        amount = outstanding if st_pct > 80 else max(1, outstanding * st_pct // 200)
        if amount != outstanding and not part_payment_allowed(self.roots[root][1]):
            if part_payment_allowed(self.roots[root][1]) is False:  # before maturity: in full only
                must_refuse(OUTCOMES, {"EarlyRepaymentMustBeInFull"}, self.p.settlement.repay, root, amount,
                            {"from": self.core})
            amount = outstanding  # and pays everything instead
        self.p.settlement.repay(root, amount, {"from": self.core})
        OUTCOMES.note("repay: full" if amount == outstanding else "repay: partial")
        self.repaid[root] += amount

    def rule_claim(self, st_pick, st_who):
        """Anyone triggers a live piece's claim (a pool's too: the cash goes to the pool); mostly
        a piece whose root has been (partly) repaid."""
        paid = [piece for piece in self.owner if self.repaid[self.root_of[piece]]]
        piece = self.pick(paid if paid and st_who % 4 else self.owner, st_pick)
        if piece is not None:
            keeper = (self.members + [self.rando])[st_who % (len(self.members) + 1)]
            self.track(attempt(OUTCOMES, CLAIM, self.p.settlement.claim, piece, {"from": keeper}))

    def rule_default_and_recourse(self, st_pick, st_flag):
        """Mark a root overdue and defaulted as far as time allows; on default a bank holding a
        piece bought with recourse calls it, and (st_flag) the seller pays."""
        bought = [p for p in self.with_recourse if p in self.owner and self.owner[p] in
                  {b.address for b in self.banks}]
        late = [p for p in self.owner if self.roots[self.root_of[p]][1] + 30 * DAY < chain.time()]
        piece = self.pick(bought if bought and st_pick % 2 else late or self.owner, st_pick)
        if piece is None:
            return
        root, settlement = self.root_of[piece], self.p.settlement
        if self.status[root] == CURRENT and attempt(OUTCOMES, MARK, settlement.markOverdue, root, {"from": self.rando}):
            self.status[root] = OVERDUE
        if self.status[root] == OVERDUE and attempt(OUTCOMES, MARK, settlement.markDefaulted, root,
                                                    {"from": self.rando}):
            self.status[root] = DEFAULTED
        if self.status[root] != DEFAULTED or self.owner[piece] not in {b.address for b in self.banks}:
            return
        if piece not in self.open_calls:
            tx = attempt(OUTCOMES, RECOURSE, settlement.callRecourse, piece, {"from": self.holder(piece)})
            if tx is None:
                return
            self.open_calls[piece] = tx.events["RecourseCalled"]["seller"]
        if st_flag:
            seller = self.by_address[self.open_calls.pop(piece)]
            tx = self.track(attempt(OUTCOMES, set(), settlement.payRecourse, piece, {"from": seller}))
            if tx.events["RecourseSettled"]["amount"]:  # zero: the obligor paid in full, nothing moves
                assert self.owner[piece] == seller.address
                self.with_recourse.discard(piece)

    def rule_sleep(self, st_days):
        OUTCOMES.note("sleep")
        chain.sleep(int(st_days) * DAY)
        chain.mine()

    # ------------------------------------------------------------------ receipts, loans, deals

    def rule_pledge(self, st_who, st_units, st_pct):
        """The warehouse issues a receipt to a supplier, who pledges it to a bank for a loan."""
        supplier, bank = self.suppliers[st_who % 3], self.banks[st_who // 3 % 2]
        p = self.p
        receipt = p.receipts.issue(self.alliance, supplier, self.doc("goods"), 100, to_base(st_units), p.cash,
                                   {"from": self.logistics}).events["ReceiptIssued"]["receiptId"]
        principal = max(1, to_base(st_units) * st_pct // 100)
        loan = p.pledges.requestLoan(receipt, bank, principal, 600, 30, {"from": supplier}).return_value
        attempt(OUTCOMES, set(), p.pledges.fund, loan, {"from": bank})
        self.loans.append(loan)

    def rule_pledge_twice(self, st_pick):
        """A receipt already pledged cannot back a second loan."""
        active = [loan_id for loan_id in self.loans if self.p.pledges.loanInfo(loan_id)["status"] == LoanStatus.ACTIVE]
        loan = self.pick(active, st_pick)
        if loan is not None:
            info = self.p.pledges.loanInfo(loan)
            must_refuse(OUTCOMES, {"ReceiptAlreadyLocked"}, self.p.pledges.requestLoan, info["receiptId"],
                        self.banks[0], 1, 600, 30, {"from": info["borrower"]})

    def rule_loan_end(self, st_pick, st_flag):
        active = [loan_id for loan_id in self.loans if self.p.pledges.loanInfo(loan_id)["status"] == LoanStatus.ACTIVE]
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

    # ------------------------------------------------------------------ invariants

    def invariant(self):
        p = self.p
        roots = sorted(self.roots)
        live = sorted(self.owner)
        pools = sorted(self.pools)
        orders, loans, deals = self.orders, self.loans, self.deals
        pooled = [(pool, piece) for pool in pools for piece in p.securitization.piecesOf(pool)]
        tokens = [t for pool in pools for t in self.pools[pool]["tokens"]]
        batches = {
            "supply": [(p.cash.totalSupply,)],
            "cash": [(p.cash.balanceOf, h) for h in self.cash_holders + tokens],
            "account": [(p.settlement.accountOf, r) for r in roots],
            "root": [(p.receivables.rootState, r) for r in roots],
            "piece": [(p.receivables.pieceInfo, piece) for piece in live],
            "pool": [(p.securitization.poolInfo, pool) for pool in pools],
            "offering": [(p.securitization.offeringOf, pool) for pool in pools],
            "books": [(p.securitization.accountsOf, pool) for pool in pools],
            "pooled": [(p.securitization.pooledPiece, piece) for _, piece in pooled],
            "pooled_piece": [(p.receivables.pieceInfo, piece) for _, piece in pooled],
            "claimable": [(p.settlement.claimable, piece) for _, piece in pooled],
            "token_supply": [(tranche_token(t).totalSupply,) for t in tokens],
            "token_paid": [(tranche_token(t).totalDistributed,) for t in tokens],
            "token_withdrawn": [(tranche_token(t).totalWithdrawn,) for t in tokens],
            "order": [(p.escrow.orderInfo, o) for o in orders],
            "loan": [(p.pledges.loanInfo, loan_id) for loan_id in loans],
            "deal": [(p.advances.dealInfo, d) for d in deals],
            "offer": [(p.market.offerInfo, o) for o in sorted(self.open_offers)],
        }
        flat = [call for calls in batches.values() for call in calls]
        values, out = iter(self.read(flat)), {}
        for name, calls in batches.items():
            out[name] = [next(values) for _ in calls]
        balances = dict(zip(self.cash_holders + tokens, out["cash"]))

        # cash is conserved
        assert out["supply"][0] == self.minted, "cash was minted or burned"
        assert sum(balances.values()) == self.minted, "cash left the actors and contracts"

        # value per root; claimed <= repaid; Settlement holds what holders can still claim
        live_value = dict.fromkeys(roots, 0)
        for piece, info in zip(live, out["piece"]):
            assert info[1] == self.root_of[piece]
            live_value[info[1]] += info[0]
        owed = 0
        for root, (repaid, claimed, _, status), state in zip(roots, out["account"], out["root"]):
            face = self.roots[root][0]
            assert state[4] == face
            assert live_value[root] + self.burned[root] == face, f"root {root}: value not conserved"
            assert repaid == self.repaid[root] and claimed <= repaid, f"root {root}: claimed {claimed} > {repaid}"
            assert status == self.status[root]
            assert state[2] == (repaid > 0), f"root {root}: frozen {state[2]} with {repaid} repaid"
            owed += repaid - claimed
        assert balances[p.settlement.address] == owed

        # the market holds the open offers' escrow; the order escrow its open cash orders
        assert all(o[5] == OFFER_OPEN for o in out["offer"])
        assert balances[p.market.address] == sum(self.offers[o][2] for o in self.open_offers)
        open_cash = sum(o["amount"] for o in out["order"] if not o["credit"] and o["status"] in OPEN_CASH_ORDER)
        assert balances[p.escrow.address] == open_cash

        # pool payouts <= collections: the pool contract holds exactly what its pools are owed
        pieces_of_pool = {pool: 0 for pool in pools}
        for (pool, piece), rec, info, unclaimed in zip(pooled, out["pooled"], out["pooled_piece"], out["claimable"]):
            pool_id, value, credited, _ = rec
            if pool_id != pool:                    # returned by a cancelled pool (maybe pooled again since)
                continue
            if info[1] == 0:                       # paid in full and burned
                paid_in = value
            else:                                  # what Settlement paid the pool for it so far
                paid_in = value * self.repaid[info[1]] // self.roots[info[1]][0] - unclaimed
            assert credited <= paid_in, f"piece {piece}: pool credited more than Settlement paid it"
            pieces_of_pool[pool] += paid_in - credited
        expected_pool_cash = 0
        token_rows = iter(zip(out["token_supply"], out["token_paid"], out["token_withdrawn"], tokens))
        for pool, info, offering, books in zip(pools, out["pool"], out["offering"], out["books"]):
            phase = info[1]
            tranche_rows = [next(token_rows) for _ in self.pools[pool]["tokens"]]
            if phase == OFFERING:
                expected_pool_cash += offering[4] + offering[5]
            elif phase == ACTIVE:
                assert books[1] <= books[0], f"pool {pool}: distributed more than collected"
                expected_pool_cash += books[0] - books[1]
            elif phase == CANCELLED:
                expected_pool_cash += sum(row[0] for row in tranche_rows)
            if phase != CANCELLED:
                expected_pool_cash += pieces_of_pool.get(pool, 0)
            paid_to_tranches = 0
            for _supply, distributed, withdrawn, token in tranche_rows:
                assert withdrawn <= distributed
                assert balances[token] == distributed - withdrawn
                paid_to_tranches += distributed
            if phase == ACTIVE:
                assert paid_to_tranches == books[1] <= books[0]
        assert balances[p.securitization.address] == expected_pool_cash, "pool contract cash != what pools are owed"

        # nothing sold twice
        assert len(self.refs) == len(set(self.refs)), "an offer was used twice"
        assert len({sig for _, sig in self.signed}) == len(self.signed)

        # a receipt backs at most one loan or deal; goods released never exceed goods paid for
        pledged = [loan["receiptId"] for loan in out["loan"] if loan["status"] == LoanStatus.ACTIVE]
        pledged += [d["receiptId"] for d in out["deal"] if d["status"] in DEAL_HOLDS_RECEIPT]
        assert len(pledged) == len(set(pledged)), "a receipt backs two loans or deals"
        for d in out["deal"]:
            assert d["released"] * d["owed"] <= d["quantity"] * d["repaid"], "goods released before paid for"

        # only members (or platform contracts) ever received a piece
        assert not self.bad_holders, f"pieces went to non-members: {self.bad_holders}"

    def teardown(self):
        """The model's owners agree with the chain."""
        live = sorted(self.owner)
        owners = self.read([(self.p.receivables.ownerOf, piece) for piece in live])
        assert dict(zip(live, owners)) == self.owner


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
