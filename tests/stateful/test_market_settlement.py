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
"""

import pytest
from brownie import chain
from brownie.test import strategy
from helpers import stateful_settings
from stateful_tools import Outcomes, Reader, follow_piece_transfers, must_refuse, part_payment_allowed
from stateful_tools import attempt as _attempt

from scf import pricing
from scf.eip712 import OfferTerms, domain_of, offer, sign
from scf.onboarding import audited_trade
from scf.units import DAY, to_base

MAX_UINT = 2**256 - 1
OFFER_OPEN, OFFER_TAKEN = 1, 2
CURRENT, OVERDUE, DEFAULTED = 0, 1, 2

# refusals a step may legitimately meet (custom error names as brownie decodes them)
MOVE_ERRORS = {"RootIsFrozen", "RootMatured", "SplitExhaustsPiece", "ZeroValue"}
POST_ERRORS = {"SelfDealing", "PieceNotTradable", "ZeroAmount", "ERC20InsufficientBalance"}
ACCEPT_ERRORS = {"OfferExpired", "PieceNotTradable", "AmountExceedsPiece", "SelfDealing", "ZeroAmount",
                 "ERC20InsufficientBalance", "NotOfferSeller", "PieceCarriesRecourse"}
CLAIM_ERRORS = {"NothingToClaim", "ERC721NonexistentToken"}
MARK_ERRORS = {"TooEarly", "RootRepaid"}
CALL_ERRORS = {"NoRecourse", "NotRecourseFinancier", "NothingDue", "RootRepaid"}
PAY_ERRORS = {"ERC20InsufficientBalance"}


OUTCOMES = Outcomes()  # what the steps did, over the whole run


def attempt(known: set, fn, *args):
    return _attempt(OUTCOMES, known, fn, *args)


def refused(expected: set, fn, *args) -> str:
    return must_refuse(OUTCOMES, expected, fn, *args)


def event(outcome: str) -> None:
    OUTCOMES.note(outcome)


def as_bytes(value) -> bytes:
    return bytes.fromhex(value[2:]) if isinstance(value, str) else bytes(value)


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


class MarketSettlement:
    st_index = strategy("uint256", max_value=1_000)
    st_other = strategy("uint256", max_value=1_000)
    st_percent = strategy("uint256", min_value=1, max_value=100)
    st_rate = strategy("uint256", min_value=0, max_value=4_000)
    st_flag = strategy("bool")
    st_days = strategy("uint256", min_value=1, max_value=30)

    def __init__(cls, platform, registry, world, alliance, operator, core, supplier1, supplier2, supplier3,
                 bank_a, bank_b, rando, outsider):
        cls.rc, cls.cash, cls.market, cls.settlement = (platform.receivables, platform.cash, platform.market,
                                                        platform.settlement)
        cls.read = Reader()
        cls.roots = world["roots"]
        cls.initial_holders = {r: a.address for r, a in world["holders"].items()}
        cls.core, cls.rando, cls.outsider = core, rando, outsider
        cls.members = [supplier1, supplier2, supplier3, bank_a, bank_b]
        cls.banks = [bank_a, bank_b]
        cls.by_address = {a.address: a for a in cls.members + [core, operator, rando, outsider]}
        cls.cash_holders = [a.address for a in cls.members + [core, operator, rando, outsider]] + [
            cls.market.address, cls.settlement.address]
        cls.minted = int(cls.cash.totalSupply())
        assert sum(int(cls.cash.balanceOf(a)) for a in cls.cash_holders) == cls.minted
        cls.face = {r: int(cls.rc.rootState(r)[4]) for r in cls.roots}
        cls.maturity = {r: int(cls.rc.rootState(r)[0]) for r in cls.roots}
        cls.fee_bps = int(cls.market.feeBps())
        cls.domain = domain_of(cls.market)
        # who may hold a piece: the active members of the alliance and the platform contracts
        platform_role = cls.rc.PLATFORM_ROLE()
        cls.allowed = {a.address for a in cls.members if registry.isActiveMember(alliance, a, 0)}
        cls.allowed |= {c.address for c in (cls.market, cls.settlement) if cls.rc.hasRole(platform_role, c)}
        assert len(cls.allowed) == 7 and not registry.isActiveMember(alliance, outsider, 0)

    def setup(self):
        self.owner = dict(self.initial_holders)  # live piece -> holder, from Transfer events
        self.root_of = {r: r for r in self.roots}  # every piece ever minted -> its root
        self.offers = {}           # on-chain offer id -> (piece, financier, escrow)
        self.open_offers = set()
        self.taken_offers = set()
        self.signed = []           # (terms, signature) of accepted signed offers
        self.refs = []             # offerRef of every PieceFinanced
        self.repaid = {r: 0 for r in self.roots}
        self.status = {r: CURRENT for r in self.roots}
        self.open_calls = {}       # piece -> (seller, amount called), recourse called and not paid
        self.with_recourse = set() # pieces carrying a right of recourse (bought with it, or split off one)
        self.called = {}           # sale id -> total called on its pieces
        self.bad_holders = []

    # ------------------------------------------------------------ bookkeeping

    def track(self, tx):
        """Follow pieces through the receivable token's events; record every sale."""
        if tx is None:
            return None
        events = tx.events
        if "PieceSplit" in events:
            for ev in events["PieceSplit"]:
                self.root_of[ev["childId"]] = self.root_of[ev["parentId"]]
                if ev["parentId"] in self.with_recourse:
                    self.with_recourse.add(ev["childId"])  # the right travels with the value
        follow_piece_transfers(events, self.rc.address, self.owner, self.allowed, self.bad_holders)
        if "PieceFinanced" in events:
            for ev in events["PieceFinanced"]:
                self.refs.append(as_bytes(ev["offerRef"]))
                maturity = self.maturity[self.root_of[ev["boughtPieceId"]]]
                assert ev["price"] == pricing.price(ev["amount"], ev["rateBps"], maturity, tx.timestamp)
                assert ev["fee"] == pricing.fee(ev["price"], self.fee_bps)
                assert self.owner[ev["boughtPieceId"]] == ev["financier"]
                if ev["recourse"]:
                    self.with_recourse.add(ev["boughtPieceId"])
        return tx

    def pick_piece(self, index):
        pieces = sorted(self.owner)
        return pieces[index % len(pieces)] if pieces else None

    def holder_of(self, piece):
        return self.by_address[self.owner[piece]]

    # ------------------------------------------------------------ circulation

    def rule_split(self, st_index, st_other, st_percent):
        piece = self.pick_piece(st_index)
        if piece is None:
            return
        to = self.members[st_other % len(self.members)]
        value = int(self.rc.pieceInfo(piece)[0]) * st_percent // 100
        self.track(attempt(MOVE_ERRORS, self.rc.splitOff, piece, to, value, {"from": self.holder_of(piece)}))

    def rule_transfer(self, st_index, st_other):
        piece = self.pick_piece(st_index)
        if piece is None:
            return
        holder = self.holder_of(piece)
        to = self.members[st_other % len(self.members)]
        self.track(attempt(MOVE_ERRORS, self.rc.transferFrom, holder, to, piece, {"from": holder}))

    def rule_transfer_to_outsider(self, st_index):
        piece = self.pick_piece(st_index)
        if piece is None:
            return
        holder = self.holder_of(piece)
        refused({"RecipientNotMember", "RootIsFrozen", "RootMatured"},
                self.rc.transferFrom, holder, self.outsider, piece, {"from": holder})

    # ------------------------------------------------------------ market

    def rule_post_offer(self, st_index, st_other, st_percent, st_rate, st_flag):
        piece = self.pick_piece(st_index)
        if piece is None:
            return
        bank = self.banks[st_other % 2]
        amount = int(self.rc.pieceInfo(piece)[0]) * st_percent // 100
        tx = attempt(POST_ERRORS, self.market.postOffer, piece, amount, st_rate, self.fee_bps, st_flag,
                     chain.time() + 5 * DAY, {"from": bank})
        if tx is not None:
            offer_id = tx.return_value
            assert offer_id not in self.offers
            self.offers[offer_id] = (piece, bank, amount)
            self.open_offers.add(offer_id)

    def rule_accept_offer(self, st_index):
        if not self.open_offers:
            return
        offer_id = sorted(self.open_offers)[st_index % len(self.open_offers)]
        piece = self.offers[offer_id][0]
        if piece not in self.owner:
            return  # closed and burned since: the offer can only be cancelled
        tx = self.track(attempt(ACCEPT_ERRORS, self.market.acceptOffer, offer_id, 0, {"from": self.holder_of(piece)}))
        if tx is not None:
            assert as_bytes(tx.events["PieceFinanced"]["offerRef"]) == offer_id.to_bytes(32, "big")
            self.open_offers.remove(offer_id)
            assert offer_id not in self.taken_offers
            self.taken_offers.add(offer_id)

    def rule_accept_taken_offer_again(self, st_index):
        if not self.taken_offers:
            return
        offer_id = sorted(self.taken_offers)[st_index % len(self.taken_offers)]
        piece = self.offers[offer_id][0]
        holder = self.holder_of(piece) if piece in self.owner else self.members[0]
        refused({"OfferNotOpen"}, self.market.acceptOffer, offer_id, 0, {"from": holder})

    def rule_cancel_offer(self, st_index):
        if not self.open_offers:
            return
        offer_id = sorted(self.open_offers)[st_index % len(self.open_offers)]
        piece, financier, amount = self.offers[offer_id]
        tx = self.market.cancelOffer(offer_id, {"from": financier})
        event("cancelOffer: done")
        assert tx.events["OfferCancelled"]["offerId"] == offer_id
        self.open_offers.remove(offer_id)

    def rule_signed_offer(self, st_index, st_other, st_percent, st_rate, st_flag):
        piece = self.pick_piece(st_index)
        if piece is None:
            return
        bank = self.banks[st_other % 2]
        amount = int(self.rc.pieceInfo(piece)[0]) * st_percent // 100
        seller = self.owner[piece] if st_flag else "0x" + "00" * 20  # recourse binds the seller
        terms = OfferTerms(bank.address, seller, self.cash.address, piece, amount, st_rate, self.fee_bps, st_flag,
                           chain.time() + DAY, 0)  # nobody bumps a nonce here
        sig = sign(bank.private_key, offer(self.domain, terms))
        tx = self.track(attempt(ACCEPT_ERRORS, self.market.acceptSignedOffer, terms.as_tuple(), sig, 0,
                                {"from": self.holder_of(piece)}))
        if tx is not None:
            self.signed.append((terms.as_tuple(), sig))

    def rule_replay_signed_offer(self, st_index):
        if not self.signed:
            return
        terms, sig = self.signed[st_index % len(self.signed)]
        piece = terms[3]
        holder = self.holder_of(piece) if piece in self.owner else self.members[0]
        refused({"SignedOfferUsed", "OfferExpired"}, self.market.acceptSignedOffer, terms, sig, 0, {"from": holder})

    # ------------------------------------------------------------ settlement

    def rule_repay(self, st_index, st_percent):
        """The core repays up to 40 % of what is outstanding, or (above 80 %) all of it."""
        root = self.roots[st_index % len(self.roots)]
        outstanding = self.face[root] - self.repaid[root]
        if outstanding == 0:
            refused({"RepaymentExceedsOutstanding"}, self.settlement.repay, root, 1, {"from": self.core})
            return
        amount = outstanding if st_percent > 80 else max(1, outstanding * st_percent // 200)
        if amount != outstanding and not part_payment_allowed(self.maturity[root]):
            if part_payment_allowed(self.maturity[root]) is False:  # before maturity: in full only
                refused({"EarlyRepaymentMustBeInFull"}, self.settlement.repay, root, amount, {"from": self.core})
            return
        tx = self.settlement.repay(root, amount, {"from": self.core})
        event("repay: full" if amount == outstanding else "repay: partial")
        self.repaid[root] += amount
        assert tx.events["Repaid"]["totalRepaid"] == self.repaid[root]

    def rule_claim(self, st_index, st_other):
        # mostly a live piece, sometimes any piece ever minted (burned ones cannot claim)
        pieces = sorted(self.owner) if st_other % 3 and self.owner else sorted(self.root_of)
        piece = pieces[st_index % len(pieces)]
        keeper = (self.members + [self.rando])[st_other % (len(self.members) + 1)]
        expected = int(self.settlement.claimable(piece))
        holder = self.owner.get(piece)
        tx = self.track(attempt(CLAIM_ERRORS, self.settlement.claim, piece, {"from": keeper}))
        if tx is None:
            assert expected == 0
        else:
            ev = tx.events["Claimed"]
            assert ev["amount"] == expected > 0 and ev["holder"] == holder
            assert ev["closed"] == (self.repaid[self.root_of[piece]] == self.face[self.root_of[piece]])

    def rule_default_and_recourse(self, st_index, st_flag):
        """Mark the piece's root overdue and defaulted as far as time allows; on a defaulted
        root have the holder call recourse, and (st_flag) the seller pay an open call. Half the
        time the piece is one bought with recourse (and still live)."""
        bought = sorted(self.with_recourse & set(self.owner))
        piece = bought[st_index // 2 % len(bought)] if bought and st_index % 2 else self.pick_piece(st_index)
        if piece is None:
            return
        root = self.root_of[piece]
        if self.status[root] == CURRENT:
            if attempt(MARK_ERRORS, self.settlement.markOverdue, root, {"from": self.rando}):
                self.status[root] = OVERDUE
        if self.status[root] == OVERDUE:
            if attempt(MARK_ERRORS, self.settlement.markDefaulted, root, {"from": self.rando}):
                self.status[root] = DEFAULTED
        if self.status[root] != DEFAULTED:
            return
        if piece not in self.open_calls:
            tx = attempt(CALL_ERRORS, self.settlement.callRecourse, piece, {"from": self.holder_of(piece)})
            if tx is None:
                return
            self.open_calls[piece] = (tx.events["RecourseCalled"]["seller"], tx.return_value)
            # a seller never owes more than it sold, however the pieces were split and passed on
            sale_id = int(self.rc.recourseSaleOf(piece))
            self.called[sale_id] = self.called.get(sale_id, 0) + tx.return_value
            assert self.called[sale_id] <= self.market.saleById(sale_id)[6], "a seller owes more than it sold"
        elif not st_flag:
            refused({"NoRecourse"}, self.settlement.callRecourse, piece, {"from": self.holder_of(piece)})
        if st_flag:
            seller, called = self.open_calls[piece]
            sale_id = int(self.rc.recourseSaleOf(piece))
            tx = self.track(attempt(PAY_ERRORS, self.settlement.payRecourse, piece, {"from": self.by_address[seller]}))
            if tx is not None:
                paid = tx.events["RecourseSettled"]["amount"]
                # interest runs until the payment: what is paid replaces what was called, and the
                # seller still never owes more than it sold
                self.called[sale_id] += paid - called
                assert self.called[sale_id] <= self.market.saleById(sale_id)[6], "a seller paid more than it sold"
                if paid:
                    assert self.owner[piece] == seller
                    self.with_recourse.discard(piece)  # bought back without its right of recourse
                del self.open_calls[piece]

    def rule_sleep(self, st_days):
        event("sleep")
        chain.sleep(int(st_days) * DAY)
        chain.mine()

    # ------------------------------------------------------------ invariants

    def invariant(self):
        c, s = self.cash, self.settlement
        calls = [(c.totalSupply,)] + [(c.balanceOf, a) for a in self.cash_holders]
        calls += [(s.accountOf, r) for r in self.roots] + [(self.rc.rootState, r) for r in self.roots]
        values = self.read(calls)
        supply, balances = values[0], dict(zip(self.cash_holders, values[1:1 + len(self.cash_holders)]))
        accounts = values[1 + len(self.cash_holders):1 + len(self.cash_holders) + len(self.roots)]
        states = values[1 + len(self.cash_holders) + len(self.roots):]
        self.check_cash_conserved(supply, balances)
        self.check_claims_within_repayments(accounts, states, balances)
        self.check_market_holds_open_escrow(balances)
        self.check_nothing_sold_twice()
        self.check_only_members_hold_pieces()

    def check_cash_conserved(self, supply, balances):
        assert supply == self.minted, "cash was minted or burned"
        assert sum(balances.values()) == self.minted, "cash left the actors and contracts"

    def check_claims_within_repayments(self, accounts, states, balances):
        owed_to_holders = 0
        for root, (repaid, claimed, _, status), state in zip(self.roots, accounts, states):
            assert repaid == self.repaid[root]
            assert claimed <= repaid, f"root {root}: claimed {claimed} > repaid {repaid}"
            assert status == self.status[root]
            assert state[2] == (repaid > 0), f"root {root}: frozen {state[2]} with {repaid} repaid"
            owed_to_holders += repaid - claimed
        assert balances[self.settlement.address] == owed_to_holders

    def check_market_holds_open_escrow(self, balances):
        escrow = sum(self.offers[o][2] for o in self.open_offers)
        assert balances[self.market.address] == escrow, "market cash != escrow of open offers"

    def check_nothing_sold_twice(self):
        assert len(self.refs) == len(set(self.refs)), "a PieceFinanced offer reference repeated"
        assert len(self.refs) == len(self.taken_offers) + len(self.signed)
        assert len({sig for _, sig in self.signed}) == len(self.signed)
        assert self.taken_offers.isdisjoint(self.open_offers)

    def check_only_members_hold_pieces(self):
        assert not self.bad_holders, f"pieces went to non-members: {self.bad_holders}"

    def teardown(self):
        """The model agrees with the chain: owners, burned pieces, offers."""
        last = int(self.rc.lastPieceId())
        assert set(self.root_of) == set(range(1, last + 1)), "a piece was minted outside the model"
        infos = self.read([(self.rc.pieceInfo, p) for p in range(1, last + 1)])
        for piece, (value, root, *_rest) in zip(range(1, last + 1), infos):
            assert (value > 0) == (piece in self.owner)
            if value:
                assert root == self.root_of[piece]
        owners = self.read([(self.rc.ownerOf, p) for p in sorted(self.owner)])
        assert dict(zip(sorted(self.owner), owners)) == self.owner
        records = self.read([(self.market.offerInfo, o) for o in range(1, int(self.market.offerCount()) + 1)])
        assert len(records) == len(self.offers)
        for offer_id, record in enumerate(records, start=1):
            assert (record[5] == OFFER_OPEN) == (offer_id in self.open_offers)
            assert (record[5] == OFFER_TAKEN) == (offer_id in self.taken_offers)


def test_market_and_settlement(state_machine, platform, registry, world, alliance, operator, core, supplier1,
                               supplier2, supplier3, bank_a, bank_b, rando, outsider):
    state_machine(MarketSettlement, platform, registry, world, alliance, operator, core, supplier1, supplier2,
                  supplier3, bank_a, bank_b, rando, outsider,
                  settings=stateful_settings())
    print("\n" + OUTCOMES.table())
    # the run did exercise the interesting paths, not only refusals
    assert OUTCOMES["FinancingMarket.acceptOffer: done"] + OUTCOMES["FinancingMarket.acceptSignedOffer: done"] > 0
    assert OUTCOMES["repay: partial"] + OUTCOMES["repay: full"] > 0
