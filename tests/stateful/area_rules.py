"""Rules and invariants of the state machines, one mixin per area, shared by the per-area machines
(``test_market_settlement.py``) and the machine of the whole platform (``test_platform_invariants.py``).
Importable as ``area_rules`` (pytest puts tests/stateful/ on sys.path).

- ``PieceBook``: what a machine knows of roots and pieces (the model), kept in step with the
  chain by ``track(tx)`` from the transaction's events; built once in the machine's ``__init__``
  (``start_model``) and copied for every example (``setup``);
- ``CirculationRules``: pieces split and passed on among members; a move to a non-member must be
  refused;
- ``MarketRules``: escrowed and signed offers posted, accepted, cancelled, replayed;
- ``SettlementRules``: repayments, claims, overdue and default, recourse called and paid; time passes.

Each area's invariants are ``invariant_*`` methods, one promise each, so a failing run names the
property it broke. They read the chain through ``stateful_tools.ChainView``: every area declares
its reads in ``reads_<area>``, and one JSON-RPC batch after each step serves them all.

A machine using the mixins provides: ``p`` (the platform), ``members`` (suppliers and banks: who
moves pieces), ``suppliers``, ``banks``, ``core``, ``rando``, ``outsider``, ``by_address``,
``cash_holders`` (every address that may hold cash), ``allowed`` (who may receive a piece),
``minted`` (the cash supply), ``fee_bps``, ``domain`` (EIP-712), ``read`` (a ``Reader``) and
``outcomes`` (an ``Outcomes``); and may narrow the refusals a step may meet (``*_errors``).
"""

import copy

from brownie import chain
from stateful_tools import ChainView, attempt, follow_piece_transfers, must_refuse, part_payment_allowed

from scf import pricing
from scf.eip712 import OfferTerms, domain_of, offer, sign
from scf.units import DAY

OFFER_OPEN, OFFER_TAKEN = 1, 2
CURRENT, OVERDUE, DEFAULTED = 0, 1, 2
NO_SELLER = "0x" + "00" * 20


def as_bytes(value) -> bytes:
    return bytes.fromhex(value[2:]) if isinstance(value, str) else bytes(value)


class PieceBook(ChainView):
    """The model of roots, pieces, offers and sales, and its bookkeeping."""

    BOOK = {"owner": {}, "root_of": {}, "roots": {}, "burned": {}, "repaid": {}, "status": {}, "offers": {},
            "open_offers": set(), "taken_offers": set(), "signed": [], "refs": [], "with_recourse": set(),
            "open_calls": {}, "called": {}, "bad_holders": []}
    EXTRA: dict = {}   # a machine's own model fields (name -> empty value)

    def setup(self):
        """Every example starts from the model as it was when the snapshot was taken."""
        start = getattr(self, "initial", None) or {**self.BOOK, **self.EXTRA}
        self.__dict__.update(copy.deepcopy(start))

    def model(self) -> dict:
        return {k: getattr(self, k) for k in {**self.BOOK, **self.EXTRA}}

    @classmethod
    def start_model(cls, machine, roots, play=None) -> None:
        """In the machine's ``__init__`` (``machine``: the class brownie generated): adopt the
        roots issued by fixtures, let ``play(world)`` act on a bare instance, and keep the model
        for ``setup``."""
        world = object.__new__(machine)
        world.setup()
        for root in roots:
            world.adopt_root(root)
        if play is not None:
            play(world)
        machine.initial = copy.deepcopy(world.model())

    def adopt_root(self, root):
        """A root issued outside the rules (by a fixture)."""
        maturity, _, _, _, face = self.p.receivables.rootState(root)
        self.roots[root] = (int(face), int(maturity))
        self.root_of[root] = root
        self.burned[root] = self.repaid[root] = 0
        self.status[root] = CURRENT
        self.owner[root] = self.p.receivables.ownerOf(root)

    def track(self, tx):
        """Follow roots and pieces through the receivable token's events; record every sale and
        check its price and fee against ``scf.pricing``."""
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
            self.refs.append(as_bytes(ev["offerRef"]))
            maturity = self.roots[self.root_of[ev["boughtPieceId"]]][1]
            assert ev["price"] == pricing.price(ev["amount"], ev["rateBps"], maturity, tx.timestamp)
            assert ev["fee"] == pricing.fee(ev["price"], self.fee_bps)
            assert self.owner[ev["boughtPieceId"]] == ev["financier"]
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

    # ------------------------------------------------------------------ what every area promises

    def cash_accounts(self) -> list:
        """Every address that may hold cash now (a machine adds the ones it creates)."""
        return self.cash_holders

    def reads_book(self):
        p, roots = self.p, sorted(self.roots)
        return {
            "supply": [(p.cash.totalSupply,)],
            "cash": [(p.cash.balanceOf, h) for h in self.cash_accounts()],
            "account": [(p.settlement.accountOf, r) for r in roots],
            "root": [(p.receivables.rootState, r) for r in roots],
            "piece": [(p.receivables.pieceInfo, piece) for piece in sorted(self.owner)],
        }

    def balance(self, address) -> int:
        return self.seen["cash"][self.cash_accounts().index(str(address))]

    def invariant_cash_is_conserved(self):
        assert self.seen["supply"][0] == self.minted, "cash was minted or burned"
        assert sum(self.seen["cash"]) == self.minted, "cash left the actors and contracts"

    def invariant_root_value_is_conserved(self):
        """The live pieces of a root plus its pieces burned when paid add up to its face value."""
        live_value = dict.fromkeys(self.roots, 0)
        for piece, info in zip(sorted(self.owner), self.seen["piece"]):
            assert info[1] == self.root_of[piece], f"piece {piece}: root {info[1]}, model {self.root_of[piece]}"
            live_value[info[1]] += info[0]
        for root, state in zip(sorted(self.roots), self.seen["root"]):
            face = self.roots[root][0]
            assert state[4] == face
            assert live_value[root] + self.burned[root] == face, f"root {root}: value not conserved"

    def invariant_only_members_hold_pieces(self):
        assert not self.bad_holders, f"pieces went to non-members: {self.bad_holders}"

    def teardown(self):
        """The model agrees with the chain: every piece ever minted, its value and root, the live
        ones' owners, and every offer's status."""
        rc, market = self.p.receivables, self.p.market
        last = int(rc.lastPieceId())
        assert set(self.root_of) == set(range(1, last + 1)), "a piece was minted outside the model"
        live = sorted(self.owner)
        seen = self.read.named({"info": [(rc.pieceInfo, p) for p in range(1, last + 1)],
                                "owner": [(rc.ownerOf, p) for p in live],
                                "offer": [(market.offerInfo, o) for o in range(1, int(market.offerCount()) + 1)]})
        for piece, (value, root, *_rest) in zip(range(1, last + 1), seen["info"]):
            assert (value > 0) == (piece in self.owner), f"piece {piece}: value {value}"
            if value:
                assert root == self.root_of[piece]
        assert dict(zip(live, seen["owner"])) == self.owner
        assert len(seen["offer"]) == len(self.offers), "an offer was posted outside the model"
        for offer_id, record in enumerate(seen["offer"], start=1):
            assert (record[5] == OFFER_OPEN) == (offer_id in self.open_offers)
            assert (record[5] == OFFER_TAKEN) == (offer_id in self.taken_offers)


class CirculationRules:
    """Holders split pieces and pass them on among members; a move to a non-member is refused."""

    move_errors = {"RootIsFrozen", "RootMatured", "SplitExhaustsPiece", "ZeroValue"}

    def rule_split(self, st_pick, st_who, st_pct):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is None:
            return
        to = self.members[st_who % len(self.members)]
        amount = self.value(piece) * st_pct // 100
        self.track(attempt(self.outcomes, self.move_errors, self.p.receivables.splitOff, piece, to, amount,
                           {"from": self.holder(piece)}))

    def rule_transfer(self, st_pick, st_who):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is None:
            return
        holder, to = self.holder(piece), self.members[st_who % len(self.members)]
        self.track(attempt(self.outcomes, self.move_errors, self.p.receivables.transferFrom, holder, to, piece,
                           {"from": holder}))

    def rule_transfer_to_outsider(self, st_pick):
        piece = self.pick(self.pieces_of(self.members), st_pick)
        if piece is not None:
            holder = self.holder(piece)
            must_refuse(self.outcomes, {"RecipientNotMember"} | self.move_errors, self.p.receivables.transferFrom,
                        holder, self.outsider, piece, {"from": holder})


class MarketRules:
    """Banks post escrowed offers and sign EIP-712 offers that holders accept; an offer is taken
    at most once and a signed offer used at most once."""

    post_errors = {"SelfDealing", "PieceNotTradable", "ZeroAmount", "ERC20InsufficientBalance"}
    accept_errors = {"OfferExpired", "PieceNotTradable", "AmountExceedsPiece", "SelfDealing", "ZeroAmount",
                     "ERC20InsufficientBalance", "NotOfferSeller", "PieceCarriesRecourse"}

    def offer_pieces(self):
        """The pieces banks make offers on."""
        return self.pieces_of(self.members)

    def rule_post_offer(self, st_pick, st_who, st_pct, st_rate, st_flag):
        piece = self.pick(self.offer_pieces(), st_pick)
        if piece is None:
            return
        bank = self.banks[st_who % len(self.banks)]
        amount = self.value(piece) * st_pct // 100
        tx = attempt(self.outcomes, self.post_errors, self.p.market.postOffer, piece, amount, st_rate, self.fee_bps,
                     st_flag, chain.time() + 5 * DAY, {"from": bank})
        if tx is not None:  # (events, not the return value: that would cost a trace of the transaction)
            posted = tx.events["OfferPosted"]
            offer_id = posted["offerId"]
            assert (posted["pieceId"], posted["financier"], posted["amount"]) == (piece, bank.address, amount)
            assert offer_id not in self.offers
            self.offers[offer_id] = (piece, bank.address, amount)
            self.open_offers.add(offer_id)

    def rule_accept_offer(self, st_pick):
        offer_id = self.pick(self.open_offers, st_pick)
        if offer_id is None:
            return
        piece = self.offers[offer_id][0]
        if self.owner.get(piece) not in {m.address for m in self.members}:
            return  # burned, or in a pool, since: the offer can only be cancelled
        tx = self.track(attempt(self.outcomes, self.accept_errors, self.p.market.acceptOffer, offer_id, 0,
                                {"from": self.holder(piece)}))
        if tx is not None:
            assert as_bytes(tx.events["PieceFinanced"]["offerRef"]) == offer_id.to_bytes(32, "big")
            self.open_offers.remove(offer_id)
            assert offer_id not in self.taken_offers
            self.taken_offers.add(offer_id)

    def rule_accept_taken_offer_again(self, st_pick):
        offer_id = self.pick(self.taken_offers, st_pick)
        if offer_id is None:
            return
        piece = self.offers[offer_id][0]
        holder = self.holder(piece) if self.owner.get(piece) in self.by_address else self.members[0]
        must_refuse(self.outcomes, {"OfferNotOpen"}, self.p.market.acceptOffer, offer_id, 0, {"from": holder})

    def rule_cancel_offer(self, st_pick):
        offer_id = self.pick(self.open_offers, st_pick)
        if offer_id is None:
            return
        financier = self.offers[offer_id][1]
        tx = attempt(self.outcomes, set(), self.p.market.cancelOffer, offer_id, {"from": self.by_address[financier]})
        assert tx.events["OfferCancelled"]["offerId"] == offer_id
        self.open_offers.remove(offer_id)

    def rule_signed_offer(self, st_pick, st_who, st_pct, st_rate, st_flag):
        piece = self.pick(self.offer_pieces(), st_pick)
        if piece is None:
            return
        bank = self.banks[st_who % len(self.banks)]
        seller = self.owner[piece] if st_flag else NO_SELLER  # a recourse offer names its seller
        terms = OfferTerms(bank.address, seller, self.p.cash.address, piece, self.value(piece) * st_pct // 100,
                           st_rate, self.fee_bps, st_flag, chain.time() + DAY, 0)  # nobody bumps a nonce here
        signature = sign(bank.private_key, offer(self.domain, terms))
        tx = self.track(attempt(self.outcomes, self.accept_errors, self.p.market.acceptSignedOffer, terms.as_tuple(),
                                signature, 0, {"from": self.holder(piece)}))
        if tx is not None:
            self.signed.append((terms.as_tuple(), signature))

    def rule_replay_signed_offer(self, st_pick):
        if self.signed:
            terms, signature = self.signed[st_pick % len(self.signed)]
            seller = self.by_address.get(self.owner.get(terms[3]), self.members[0])
            must_refuse(self.outcomes, {"SignedOfferUsed", "OfferExpired"}, self.p.market.acceptSignedOffer, terms,
                        signature, 0, {"from": seller})

    # ------------------------------------------------------------------ invariants

    def reads_market(self):
        return {"offer": [(self.p.market.offerInfo, o) for o in sorted(self.open_offers)]}

    def invariant_market_holds_the_escrow_of_open_offers(self):
        assert all(o[5] == OFFER_OPEN for o in self.seen["offer"]), "an offer the model has open is not"
        escrow = sum(self.offers[o][2] for o in self.open_offers)
        assert self.balance(self.p.market) == escrow, "market cash != escrow of open offers"

    def invariant_nothing_is_sold_twice(self):
        assert len(self.refs) == len(set(self.refs)), "a PieceFinanced offer reference repeated"
        assert len(self.refs) == len(self.taken_offers) + len(self.signed)
        assert len({sig for _, sig in self.signed}) == len(self.signed), "a signed offer was used twice"
        assert self.taken_offers.isdisjoint(self.open_offers)


class SettlementRules:
    """The core repays in parts, anyone claims, roots go overdue and defaulted, recourse is called
    and paid, time passes."""

    claim_errors = {"NothingToClaim", "ERC721NonexistentToken"}
    mark_errors = {"TooEarly", "RootRepaid"}
    call_errors = {"NoRecourse", "NotRecourseFinancier", "NothingDue", "RootRepaid"}
    pay_errors = {"ERC20InsufficientBalance"}

    def rule_repay(self, st_pick, st_pct):
        """The core repays a root: part of what is outstanding or (above 80 %) all of it."""
        root = self.pick(self.roots, st_pick)
        outstanding = self.roots[root][0] - self.repaid[root]
        if outstanding == 0:
            must_refuse(self.outcomes, {"RepaymentExceedsOutstanding"}, self.p.settlement.repay, root, 1,
                        {"from": self.core})
            return
        amount = outstanding if st_pct > 80 else max(1, outstanding * st_pct // 200)
        maturity = self.roots[root][1]
        if amount != outstanding and not part_payment_allowed(maturity):
            if part_payment_allowed(maturity) is False:  # before maturity: in full only
                must_refuse(self.outcomes, {"EarlyRepaymentMustBeInFull"}, self.p.settlement.repay, root, amount,
                            {"from": self.core})
            amount = outstanding  # and pays everything instead
        tx = self.p.settlement.repay(root, amount, {"from": self.core})
        self.outcomes.note("repay: full" if amount == outstanding else "repay: partial")
        self.repaid[root] += amount
        assert tx.events["Repaid"]["totalRepaid"] == self.repaid[root]

    def rule_claim(self, st_pick, st_who):
        """Anyone triggers a claim: mostly of a live piece whose root has been (partly) repaid,
        sometimes of any piece ever minted (a burned one has nothing to claim). A pool's piece
        is paid to the pool."""
        paid = [piece for piece in self.owner if self.repaid[self.root_of[piece]]]
        pieces = self.root_of if st_who % 3 == 0 else (paid if paid and st_who % 4 else self.owner)
        piece = self.pick(pieces, st_pick)
        keeper = (self.members + [self.rando])[st_who % (len(self.members) + 1)]
        expected = int(self.p.settlement.claimable(piece))
        holder = self.owner.get(piece)
        errors = self.claim_errors if holder is None else self.claim_errors - {"ERC721NonexistentToken"}
        tx = self.track(attempt(self.outcomes, errors, self.p.settlement.claim, piece, {"from": keeper}))
        if tx is None:
            assert expected == 0
        else:
            ev = tx.events["Claimed"]
            root = self.root_of[piece]
            assert ev["amount"] == expected > 0 and ev["holder"] == holder
            assert ev["closed"] == (self.repaid[root] == self.roots[root][0])

    def rule_default_and_recourse(self, st_pick, st_flag):
        """Mark a piece's root overdue and defaulted as far as time allows; on a defaulted root the
        holder calls recourse (a second call is refused), and (st_flag) the seller pays. Half the
        time the piece is one bought with recourse, otherwise mostly one of a root past due."""
        held = set(self.pieces_of(self.members))
        bought = held & self.with_recourse
        late = [p for p in held if self.roots[self.root_of[p]][1] + 30 * DAY < chain.time()]
        piece = self.pick(bought if bought and st_pick % 2 else late or held, st_pick // 2)
        if piece is None:
            return
        root, settlement = self.root_of[piece], self.p.settlement
        if self.status[root] == CURRENT and attempt(self.outcomes, self.mark_errors, settlement.markOverdue, root,
                                                    {"from": self.rando}):
            self.status[root] = OVERDUE
        if self.status[root] == OVERDUE and attempt(self.outcomes, self.mark_errors, settlement.markDefaulted, root,
                                                    {"from": self.rando}):
            self.status[root] = DEFAULTED
        if self.status[root] != DEFAULTED:
            return
        if piece not in self.open_calls:
            tx = attempt(self.outcomes, self.call_errors, settlement.callRecourse, piece, {"from": self.holder(piece)})
            if tx is None:
                return
            called = tx.events["RecourseCalled"]
            assert called["financier"] == self.owner[piece]
            self.open_calls[piece] = (called["seller"], called["amount"])
            # a seller never owes more than it sold, however the pieces were split and passed on
            sale_id = int(self.p.receivables.recourseSaleOf(piece))
            self.called[sale_id] = self.called.get(sale_id, 0) + called["amount"]
            assert self.called[sale_id] <= self.p.market.saleById(sale_id)[6], "a seller owes more than it sold"
        elif not st_flag:
            must_refuse(self.outcomes, {"NoRecourse"}, settlement.callRecourse, piece, {"from": self.holder(piece)})
        if st_flag:
            seller, called = self.open_calls[piece]
            sale_id = int(self.p.receivables.recourseSaleOf(piece))
            tx = self.track(attempt(self.outcomes, self.pay_errors, settlement.payRecourse, piece,
                                    {"from": self.by_address[seller]}))
            if tx is not None:
                paid = tx.events["RecourseSettled"]["amount"]
                # interest runs until the payment: what is paid replaces what was called, and the
                # seller still never owes more than it sold
                self.called[sale_id] += paid - called
                assert self.called[sale_id] <= self.p.market.saleById(sale_id)[6], "a seller paid more than it sold"
                if paid:  # zero: the obligor paid in full meanwhile, nothing moves
                    assert self.owner[piece] == seller
                    self.with_recourse.discard(piece)  # bought back without its right of recourse
                del self.open_calls[piece]

    def rule_sleep(self, st_days):
        self.outcomes.note("sleep")
        chain.sleep(int(st_days) * DAY)
        chain.mine()

    # ------------------------------------------------------------------ invariants

    def invariant_claims_never_exceed_repayments(self):
        for root, (repaid, claimed, _, status) in zip(sorted(self.roots), self.seen["account"]):
            assert repaid == self.repaid[root], f"root {root}: repaid {repaid}, model {self.repaid[root]}"
            assert claimed <= repaid, f"root {root}: claimed {claimed} > repaid {repaid}"
            assert status == self.status[root]

    def invariant_root_freezes_at_its_first_repayment(self):
        for root, (repaid, *_), state in zip(sorted(self.roots), self.seen["account"], self.seen["root"]):
            assert state[2] == (repaid > 0), f"root {root}: frozen {state[2]} with {repaid} repaid"

    def invariant_settlement_holds_what_holders_can_still_claim(self):
        owed = sum(repaid - claimed for repaid, claimed, *_ in self.seen["account"])
        assert self.balance(self.p.settlement) == owed


def machine_basics(machine, p, members, suppliers, banks, people, contracts, takers, alliance, registry) -> None:
    """What every machine built from the mixins sets in its ``__init__`` (on the class brownie
    generated): actors, cash holders (``people`` and ``contracts``), who may hold a piece (the
    active ``members`` and the ``takers`` contracts), the market's terms."""
    from stateful_tools import Reader

    machine.p, machine.members, machine.suppliers, machine.banks = p, members, suppliers, banks
    machine.read = Reader()
    machine.domain = domain_of(p.market)
    machine.fee_bps = int(p.market.feeBps())
    machine.by_address = {acct.address: acct for acct in members + people}
    machine.cash_holders = [acct.address for acct in members + people] + [c.address for c in contracts]
    machine.minted = int(p.cash.totalSupply())
    # who may hold a piece: the active members and the platform contracts that take pieces
    machine.allowed = {acct.address for acct in members if registry.isActiveMember(alliance, acct, 0)}
    machine.allowed |= {c.address for c in takers}
