"""Adversarial stateful suite: honest actors live the receivable lifecycle while an attacker calls
anything, in any order, also just before an honest call lands. The invariants are the platform's
PROMISES to its participants (docs/threat-model.md), not mirrors of the implementation; every
failing assertion names the promise it breaks ("PROMISE <name>: ...").

Honest: core (the obligor, also a buyer on credit orders), supplier1 and supplier2 (tier 1 and
up), bank_a (financier), logistics (warehouse), auditor, operator. They confirm receivables
(by transaction or by signature), split, pass on, sell with and without recourse (signed and
escrowed offers), pool pieces, repay, claim, mark overdue and default, call and pay recourse,
place and accept credit orders, request / fund / repay warehouse-receipt loans.

Attacker: an outsider (``rando``: unregistered; ``outsider``: certified, not a member), a
malicious member seller (supplier3), a malicious financier (bank_b), the obligor itself acting
against its creditors (core) and the operator key. ``rule_attack_*`` rules are one attack each
(each a small function, easy to adapt when an API changes); ``rule_attack_anything`` lets an
attacker call any platform function with arguments taken from the world; ``rule_frontrun_*``
rules dry-run an honest call, run an attack step, then send the honest call: if the call would
have gone through and now does not, the attacker took something promised to the honest party.

CI runs 50 examples x 30 steps (helpers.stateful_settings): 2 min 45 s to 5 min 40 s on the
shared 2-core machine with the fixes of issue 10 merged (it fails within seconds without them).
For evidence runs:
``SCF_ADVERSARIAL_RULES=merge,repaid_root`` keeps only the attacks whose names contain one of
the words (honest rules always run; ``-pool_offering`` removes the rules matching that word),
``SCF_STATEFUL_NOSHRINK=1`` reports the first failure without shrinking it.
"""

import copy
import os

import pytest
from brownie import FeeOnTransferToken, chain
from brownie.exceptions import VirtualMachineError
from brownie.test import strategy
from helpers import stateful_settings
from hypothesis import Phase
from loop_helpers import CREDIT, DELIVERED, SHIPPED, LoanStatus, OrderStatus, give
from stateful_tools import Outcomes, Reader, error_name, finish_confirmations, follow_piece_transfers

from scf import pricing
from scf.eip712 import OfferTerms, domain_of, offer, sign, sign_confirmation
from scf.onboarding import doc_hash
from scf.securitization import PoolTerms
from scf.units import DAY, to_base

CURRENT, OVERDUE, DEFAULTED = 0, 1, 2
BUILDING = 1  # SecuritizationPool phase
OFFER_OPEN = 1
FAR = 3 * 365 * DAY  # "any time in the future" for recourse exposure

OUTCOMES = Outcomes()


def empty_model() -> dict:
    """What the machine knows of the world before anything happened."""
    return {
        "owner": {}, "root_of": {}, "roots": {}, "agreed": {}, "obligor_paid": set(), "repaid": {},
        "sold": {}, "offers": {}, "orders": [], "order_hash": {}, "loans": {}, "pools": {},
        "receipts": [], "violations": [], "attacks": [], "bad_holders": [], "docs": 0, "tranches": [],
        "obligor_part_paid": set(),
    }


class Adversarial:
    st_pick = strategy("uint16")
    st_who = strategy("uint8")
    st_pct = strategy("uint8", min_value=1, max_value=100)
    st_rate = strategy("uint16", max_value=3_000)
    st_flag = strategy("bool")
    st_days = strategy("uint8", min_value=1, max_value=40)
    st_units = strategy("uint32", min_value=1_000, max_value=500_000)

    def __init__(self, p, a, alliance, fot):
        """Runs once before the snapshot every example starts from."""
        self.p, self.a, self.alliance, self.fot = p, a, alliance, fot
        self.core, self.logistics, self.auditor, self.operator = a["core"], a["logistics"], a["auditor"], a["operator"]
        self.honest_suppliers = [a["supplier1"], a["supplier2"]]
        self.honest_bank = a["bank_a"]
        self.honest_actors = self.honest_suppliers + [self.honest_bank]
        self.evil_seller, self.evil_bank = a["supplier3"], a["bank_b"]
        self.outsiders = [a["rando"], a["outsider"]]
        self.investors = list(a["investors"])
        self.attackers = self.outsiders + [self.evil_seller, self.evil_bank]
        self.members = self.honest_actors + [self.evil_seller, self.evil_bank]
        self.banks = [self.honest_bank, self.evil_bank]
        self.read = Reader()
        self.fee_bps = int(p.market.feeBps())
        self.market_domain = domain_of(p.market)
        people = self.members + self.outsiders + self.investors + [self.core, self.logistics, self.auditor,
                                                                   self.operator]
        self.by_address = {acct.address: acct for acct in people}
        self.honest_addresses = {acct.address for acct in self.honest_actors}
        contracts = [p.market, p.settlement, p.securitization, p.escrow, p.pledges, p.advances]
        self.platform_addresses = {c.address for c in contracts}
        self.cash_holders = [acct.address for acct in people] + [c.address for c in contracts]
        self.minted = int(p.cash.totalSupply())
        self.allowed = {acct.address for acct in self.members} | {
            p.market.address, p.settlement.address, p.securitization.address}

        world = object.__new__(self)  # brownie passes the machine class: a bare instance of it
        world.setup()
        world.rule_issue_root(600_000, 30, False)          # supplier1's root, due in 40 days
        world.rule_pass_on(0, 1, 40)                       # 40 % of it to supplier2
        world.rule_sell(1, 0, 900, True, 100)              # bank A buys supplier2's piece with recourse
        world.rule_post_offer(0, 0, 50, True)              # bank A's escrowed recourse offer on supplier1's piece
        world.rule_credit_order(200_000, 20)               # a delivered credit order
        world.rule_pool_piece(0)                           # bank A pools the piece it bought with recourse
        self.initial = copy.deepcopy(world.model())

    # ================================================================== model and plumbing

    def setup(self):
        finish_confirmations()
        self.__dict__.update(copy.deepcopy(getattr(self, "initial", None)) or empty_model())

    def model(self) -> dict:
        return {k: getattr(self, k) for k in empty_model()}

    def doc(self, label: str) -> bytes:
        self.docs += 1
        return doc_hash(f"{label} {self.docs}")

    def pick(self, items, index):
        items = sorted(items)
        return items[index % len(items)] if items else None

    def pieces_of(self, holders) -> list:
        addresses = {h.address if hasattr(h, "address") else h for h in holders}
        return [piece for piece, holder in self.owner.items() if holder in addresses]

    def holder(self, piece):
        return self.by_address.get(self.owner[piece])

    def value(self, piece) -> int:
        return int(self.p.receivables.pieceInfo(piece)[0])

    def circulating(self, piece) -> bool:
        """Before maturity (with a day's margin) and not repaid by its obligor."""
        root = self.root_of[piece]
        return self.roots[root]["maturity"] > chain.time() + DAY and root not in self.obligor_paid

    def broke(self, promise: str, detail: str) -> None:
        """A promise broken inside a step (checked by the invariant of the same name)."""
        self.violations.append((promise, f"{detail}; attacks so far: {self.attacks}"))

    def send(self, fn, sender, *args, attacker: bool = False):
        """Send a transaction; any refusal is allowed (noted). Returns (receipt or None, error)."""
        try:
            tx = fn(*args, {"from": sender})
        except VirtualMachineError as exc:
            OUTCOMES.note(f"{'attack ' if attacker else ''}{fn._name}: {error_name(exc)}")
            return None, error_name(exc)
        OUTCOMES.note(f"{'attack ' if attacker else ''}{fn._name}: done")
        self.track(tx, fn._name, sender, attacker)
        return tx, ""

    def honest(self, fn, sender, *args):
        return self.send(fn, sender, *args)[0]

    def attack(self, label: str, fn, sender, *args):
        """One attack step: whatever the attacker tries, a refusal is a fine outcome."""
        self.attacks.append(f"{label}:{fn._name}")
        return self.send(fn, sender, *args, attacker=True)[0]

    def front_run(self, label: str, honest_call: tuple, attack_step) -> None:
        """Dry-run the honest call, run ``attack_step()``, send the honest call: a call that would
        have gone through must still go through."""
        fn, sender, *args = honest_call
        would = self.read.dry_run([honest_call])[0] == ""
        attack_step()
        _, error = self.send(fn, sender, *args)
        if would and error:
            self.broke("an honest call is not blocked by another party",
                       f"{fn._name}{tuple(args)} by {sender} refused with {error} after {label}")

    def track(self, tx, fn_name: str, sender, attacker: bool) -> None:
        """Follow roots, pieces, sales and agreements through the transaction's events."""
        events, p = tx.events, self.p
        for ev in events["ReceivableIssued"] if "ReceivableIssued" in events else []:
            root = ev["rootId"]
            self.roots[root] = {"face": ev["faceValue"], "maturity": ev["maturity"], "trade": ev["tradeId"],
                                **self.default_terms(ev["maturity"])}
            self.root_of[root] = root
            self.repaid[root] = 0
        for ev in events["PieceSplit"] if "PieceSplit" in events else []:
            self.root_of[ev["childId"]] = self.root_of[ev["parentId"]]
        if attacker and not fn_name.endswith("payRecourse"):
            for ev in events["Transfer"] if "Transfer" in events else []:
                if ev.address == p.receivables.address and ev["from"] in self.honest_addresses \
                        and int(ev["to"], 16) != 0:
                    self.broke("only its holder moves a piece",
                               f"piece {ev['tokenId']} moved from {ev['from']} to {ev['to']} by {fn_name} of {sender}")
        follow_piece_transfers(events, p.receivables.address, self.owner, self.allowed, self.bad_holders)
        for ev in events["PieceFinanced"] if "PieceFinanced" in events else []:
            if ev["recourse"]:
                self.sold[ev["boughtPieceId"]] = {"seller": ev["seller"], "amount": ev["amount"],
                                                  "financier": ev["financier"]}
        for ev in events["OrderSettled"] if "OrderSettled" in events else []:
            if ev["tradeId"]:  # the obligor placed the order (only its buyer can): it agreed to the payable
                self.agreed[ev["tradeId"]] = ev["supplierAmount"]
        for ev in events["Repaid"] if "Repaid" in events else []:
            self.repaid[ev["rootId"]] = ev["totalRepaid"]
            if str(sender) == self.core.address:
                self.obligor_paid.add(ev["rootId"])

    # ================================================================== honest lifecycle

    def rule_issue_root(self, st_units, st_days, st_flag):
        """A supplier's audited trade; the obligor confirms it by transaction or (st_flag) by an
        EIP-712 signature the supplier submits."""
        p, supplier = self.p, self.honest_suppliers[st_units % 2]
        trade = self.audited_trade(supplier, to_base(st_units))
        face, maturity = to_base(st_units), chain.time() + (10 + st_days) * DAY
        self.agreed[trade] = face
        if st_flag:
            nonce, signature = sign_confirmation(p.receivables, self.core, trade, face, maturity, chain.time() + DAY)
            self.honest(p.receivables.confirmWithSignature, supplier, trade, face, maturity, nonce,
                        chain.time() + DAY, signature)
        else:
            self.honest(p.receivables.confirm, self.core, trade, face, maturity)

    def audited_trade(self, seller, amount: int, currency=None, invoice=None) -> int:
        p = self.p
        invoice = invoice or self.doc("invoice")
        tx = p.trades.submitTrade(self.alliance, self.core, currency or p.cash, amount, invoice, self.doc("PO"),
                                  self.doc("delivery"), {"from": seller})
        trade = tx.events["TradeSubmitted"]["tradeId"]
        p.trades.verifyTrade(trade, {"from": self.auditor})
        return trade

    def rule_pass_on(self, st_pick, st_who, st_pct):
        """An honest holder pays a supplier (any member) with a part of a piece, or all of it."""
        piece = self.pick(self.pieces_of(self.honest_actors), st_pick)
        if piece is None:
            return
        holder, to = self.holder(piece), self.members[st_who % len(self.members)]
        if to == holder:
            to = self.honest_suppliers[0] if holder != self.honest_suppliers[0] else self.honest_suppliers[1]
        amount = self.value(piece) * st_pct // 100
        if st_pct == 100 or amount == 0:
            self.honest(self.p.receivables.transferFrom, holder, holder, to, piece)
        else:
            self.honest(self.p.receivables.splitOff, holder, piece, to, amount)

    def signed_offer(self, bank, piece, amount, rate, recourse) -> tuple:
        """A bank's signed offer for the piece's current holder (bound to it where offers name
        their seller)."""
        fields = {"financier": bank.address, "currency": self.p.cash.address, "piece_id": piece, "amount": amount,
                  "rate_bps": rate, "fee_bps": self.fee_bps, "recourse": recourse, "expiry": chain.time() + DAY,
                  "nonce": int(self.p.market.nonces(bank))}
        if "seller" in OfferTerms.__dataclass_fields__:
            fields["seller"] = self.owner[piece]
        terms = OfferTerms(**fields)
        return terms.as_tuple(), sign(bank.private_key, offer(self.market_domain, terms))

    def rule_sell(self, st_pick, st_who, st_rate, st_flag, st_pct):
        """A supplier discounts (part of) a piece with a bank's signed offer, recourse or not."""
        piece = self.pick(self.pieces_of(self.honest_suppliers + [self.evil_seller]), st_pick)
        if piece is None:
            return
        amount = max(1, self.value(piece) * st_pct // 100)
        terms, signature = self.signed_offer(self.banks[st_who % 2], piece, amount, st_rate, st_flag)
        self.honest(self.p.market.acceptSignedOffer, self.holder(piece), terms, signature, 0)

    def rule_post_offer(self, st_pick, st_who, st_pct, st_flag):
        """A bank escrows an offer for (part of) a supplier's piece; it priced that supplier."""
        piece = self.pick(self.pieces_of(self.honest_suppliers + [self.evil_seller]), st_pick)
        if piece is None:
            return
        bank, amount = self.banks[st_who % 2], max(1, self.value(piece) * st_pct // 100)
        tx = self.honest(self.p.market.postOffer, bank, piece, amount, 800, self.fee_bps, st_flag,
                         chain.time() + 5 * DAY)
        if tx is not None:
            self.offers[tx.return_value] = {"piece": piece, "bank": bank.address, "priced": self.owner[piece],
                                            "recourse": st_flag}

    def open_offers(self, holders, expiring_after: int = 0) -> list:
        """Open offers on pieces the holders hold (expiring after the given time)."""
        rows = self.read([(self.p.market.offerInfo, o) for o in sorted(self.offers)])
        return [o for o, row in zip(sorted(self.offers), rows)
                if row["status"] == OFFER_OPEN and row["expiry"] > expiring_after
                and self.owner.get(self.offers[o]["piece"]) in {h.address for h in holders}]

    def accept_offer(self, offer_id) -> None:
        """The current holder accepts; a recourse sale's debtor must be the seller the bank priced."""
        o = self.offers[offer_id]
        tx = self.honest(self.p.market.acceptOffer, self.holder(o["piece"]), offer_id, 0)
        if tx is not None and o["recourse"] and tx.events["PieceFinanced"]["seller"] != o["priced"]:
            self.broke("a financier's recourse debtor is the seller it priced",
                       f"offer {offer_id} priced {o['priced']}, recourse now on {tx.events['PieceFinanced']['seller']}")

    def rule_accept_offer(self, st_pick):
        offer_id = self.pick(self.open_offers(self.members), st_pick)
        if offer_id is not None:
            self.accept_offer(offer_id)

    def rule_repay(self, st_pick, st_pct):
        """The obligor repays part (from maturity) or, above 80 %, all of what a root still owes
        (before maturity it may only repay in full)."""
        root = self.pick(self.roots, st_pick)
        if root is None:
            return
        outstanding = self.roots[root]["face"] - self.repaid[root]
        matured = chain.time() + 60 >= self.roots[root]["maturity"]
        if outstanding and (matured or st_pct > 80):
            amount = outstanding if st_pct > 80 else max(1, outstanding * st_pct // 200)
            self.honest(self.p.settlement.repay, self.core, root, amount)

    def rule_claim(self, st_pick):
        paid = [piece for piece in self.owner if self.repaid.get(self.root_of[piece])]
        piece = self.pick(paid, st_pick)
        if piece is not None:
            self.honest(self.p.settlement.claim, self.honest_bank, piece)

    def rule_sleep(self, st_days):
        OUTCOMES.note("sleep")
        chain.sleep(int(st_days) * DAY)
        chain.mine()

    def default_terms(self, maturity) -> dict:
        """The grace and default periods a root issued now gets: what its creditors rely on
        (read where the platform keeps them per maturity, else the current settings)."""
        registry, settlement = self.a["registry"], self.p.settlement
        if hasattr(registry, "gracePeriodFor"):
            grace = registry.gracePeriodFor(self.alliance, maturity)
        else:
            grace = registry.gracePeriodOf(self.alliance)
        if hasattr(settlement, "defaultPeriodFor"):
            period = settlement.defaultPeriodFor(maturity)
        else:
            period = settlement.defaultPeriod()
        return {"grace": int(grace), "default_period": int(period)}

    def mark_default(self, root, wait: bool) -> None:
        """Mark a root overdue then defaulted as far as time allows (``wait``: let time pass to
        its default date first). Overdue from maturity + the grace period in force when the root
        was issued, defaulted a default period later: the creditors relied on both."""
        r, settlement = self.roots[root], self.p.settlement
        overdue_from = r["maturity"] + r["grace"] + 60
        default_from = overdue_from + r["default_period"]
        if wait and chain.time() <= default_from:
            chain.sleep(default_from + 5 - chain.time())
            chain.mine()
        if self.repaid[root] == r["face"]:
            return
        if int(settlement.accountOf(root)["status"]) == CURRENT:
            _, error = self.send(settlement.markOverdue, self.a["rando"], root)
            if error == "TooEarly" and chain.time() >= overdue_from:  # 60 s past the grace at issuance
                self.broke("default terms are fixed at issuance",
                           f"root {root} overdue from {overdue_from} (grace {r['grace']} at issuance), refused at "
                           f"{chain.time()}")
        if int(settlement.accountOf(root)["status"]) == OVERDUE:
            _, error = self.send(settlement.markDefaulted, self.a["rando"], root)
            if error == "TooEarly" and chain.time() >= default_from:
                self.broke("default terms are fixed at issuance",
                           f"root {root} defaults from {default_from} (default period {r['default_period']} at "
                           f"issuance), refused at {chain.time()}")

    def rule_default_and_recourse(self, st_pick, st_flag):
        """A root goes overdue and defaults; a bank holding a piece bought with recourse calls
        it, and the seller pays (or, being supplier3, maybe not)."""
        pieces = [piece for piece in self.sold if piece in self.owner]
        piece = self.pick(pieces, st_pick)
        if piece is None:
            return
        root = self.root_of[piece]
        self.mark_default(root, st_flag)
        holder = self.owner[piece]
        if int(self.p.settlement.accountOf(root)["status"]) != DEFAULTED:
            return
        if holder == self.p.securitization.address:
            self.pool_calls_recourse(piece)
            return
        if holder not in {b.address for b in self.banks}:
            return
        if int(self.p.settlement.recourseOf(piece)["calledAt"]) == 0:
            self.honest(self.p.settlement.callRecourse, self.by_address[holder], piece)
        call = self.p.settlement.recourseOf(piece)
        if int(call["calledAt"]) and not call["settled"] and call["seller"] != self.evil_seller.address:
            self.honest(self.p.settlement.payRecourse, self.by_address[call["seller"]], piece)

    def pool_calls_recourse(self, piece) -> None:
        """A keeper has the pool call the recourse of a defaulted pooled piece (where pools can)."""
        pools = self.p.securitization
        if hasattr(pools, "callRecourse") and int(self.p.settlement.recourseOf(piece)["calledAt"]) == 0:
            self.honest(pools.callRecourse, self.a["rando"], pools.pooledPiece(piece)[0], piece)

    def rule_pool_piece(self, st_pick):
        """Bank A moves one of its pieces (a recourse one if it has any) into its building pool."""
        bank = self.honest_bank
        mine = self.pieces_of([bank])
        piece = self.pick([piece for piece in mine if piece in self.sold] or mine, st_pick)
        if piece is None:
            return
        pools = self.p.securitization
        pool = self.building_pool()
        if pool is None:
            now = chain.time()
            terms = PoolTerms(self.p.cash, self.alliance, now, now + 400 * DAY, 10, to_base(50_000_000), 10_000, 600)
            pool = self.honest(pools.createPool, bank, terms.as_tuple()).events["PoolCreated"]["poolId"]
            self.pools[pool] = bank.address
        self.honest(pools.addPiece, bank, pool, piece)

    def building_pool(self):
        rows = self.read([(self.p.securitization.poolInfo, pool) for pool in sorted(self.pools)])
        return next((pool for pool, row in zip(sorted(self.pools), rows) if row[1] == BUILDING), None)

    def rule_pool_offering(self, st_pct):
        """Bank A offers its building pool's tranches; two investors take them all and the pool
        closes: it is active, its investors rely on the protection its pieces carry."""
        pools, pool = self.p.securitization, self.building_pool()
        if pool is None or int(pools.poolInfo(pool)[-1]) < 10:
            return
        target = int(pools.poolInfo(pool)[-1]) * (85 + st_pct % 14) // 100  # senior 80 %, junior the rest
        tx = self.honest(pools.openOffering, self.honest_bank, pool, target, chain.time() + 3 * DAY)
        if tx is None:
            return
        ev = tx.events["OfferingOpened"]
        self.tranches += [ev["seniorToken"], ev["juniorToken"]]
        self.honest(pools.subscribe, self.investors[0], pool, True, ev["seniorCapacity"])
        self.honest(pools.subscribe, self.investors[1], pool, False, ev["juniorCapacity"])
        self.honest(pools.close, self.a["rando"], pool)

    def rule_credit_order(self, st_units, st_days):
        """The obligor buys on credit; logistics ships and delivers (the buyer accepts later)."""
        p, order_hash = self.p, self.doc("credit PO")
        tx = self.honest(p.escrow.placeOrder, self.core, self.alliance, self.honest_suppliers[st_units % 2], p.cash,
                         to_base(st_units), chain.time() + 30 * DAY, 10 + st_days, CREDIT, order_hash)
        order = tx.events["OrderPlaced"]["orderId"]
        self.orders.append(order)
        self.order_hash[order] = order_hash
        self.honest(p.escrow.recordMilestone, self.logistics, order, SHIPPED, self.doc("B/L"))
        self.honest(p.escrow.recordMilestone, self.logistics, order, DELIVERED, self.doc("delivery note"))

    def delivered_orders(self) -> list:
        rows = self.read([(self.p.escrow.orderInfo, o) for o in self.orders])
        return [o for o, row in zip(self.orders, rows) if row["status"] == OrderStatus.DELIVERED]

    def rule_accept_order(self, st_pick):
        order = self.pick(self.delivered_orders(), st_pick)
        if order is not None:
            self.honest(self.p.escrow.accept, self.core, order)

    def request_loan(self, borrower, units: int, pct: int) -> tuple:
        """The warehouse issues a receipt to ``borrower``, who asks bank A for a loan against it."""
        p = self.p
        receipt = p.receipts.issue(self.alliance, borrower, self.doc("goods"), 1_000, to_base(units), p.cash,
                                   {"from": self.logistics}).events["ReceiptIssued"]["receiptId"]
        self.receipts.append(receipt)
        principal = max(1, to_base(units) * pct // 100)
        loan = p.pledges.requestLoan(receipt, self.honest_bank, principal, 600, 30, {"from": borrower}).return_value
        info = p.receipts.receiptInfo(receipt)
        self.loans[loan] = {"receipt": receipt, "quantity": info["quantity"], "value": info["value"],
                            "borrower": borrower.address}
        return loan, receipt

    def rule_loan(self, st_units, st_pct):
        """An honest supplier's warehouse-receipt loan, funded by bank A."""
        loan, _ = self.request_loan(self.honest_suppliers[0], st_units, st_pct)
        self.honest(self.p.pledges.fund, self.honest_bank, loan)

    def rule_loan_end(self, st_pick):
        rows = self.read([(self.p.pledges.loanInfo, loan_id) for loan_id in sorted(self.loans)])
        active = [loan_id for loan_id, row in zip(sorted(self.loans), rows) if row["status"] == LoanStatus.ACTIVE]
        loan = self.pick(active, st_pick)
        if loan is not None:
            borrower = self.by_address[self.loans[loan]["borrower"]]
            self.honest(self.p.pledges.repay, borrower, loan)

    # ================================================================== attacks: one function each

    def rule_attack_dust_repayment(self, st_pick, st_who):
        """An outsider (or a hostile member) pays 1 base unit towards someone's root."""
        root = self.pick(self.roots, st_pick)
        if root is not None:
            self.dust_repay(root, self.attackers[st_who % len(self.attackers)])

    def dust_repay(self, root, attacker):
        if attacker == self.core and self.roots[root]["maturity"] > chain.time() + DAY:
            self.obligor_part_paid.add(root)  # its creditors' pieces must keep circulating
        self.attack("dust repayment", self.p.settlement.repay, attacker, root, 1)

    def rule_attack_obligor_dust_repayment(self, st_pick, st_pct):
        """The obligor, acting against its creditors, pays a sliver (1 unit or a part) of a
        root long before maturity to freeze the pieces they hold."""
        root = self.pick([r for r in self.roots if self.roots[r]["maturity"] > chain.time() + DAY], st_pick)
        if root is None:
            return
        outstanding = self.roots[root]["face"] - self.repaid[root]
        if outstanding > 1:
            self.obligor_part_paid.add(root)
            amount = 1 if st_pct > 50 else max(1, outstanding * st_pct // 100 - 1)
            self.attack("obligor part-payment", self.p.settlement.repay, self.core, root, amount)

    def rule_attack_seller_races_the_keeper(self, st_pick, st_days):
        """The seller of a pooled recourse piece has the pool call its own recourse at the first
        moment of default (anyone may), then pays st_days later: it must pay the recourse amount
        of the payment's date, not of the call's."""
        p, pools = self.p, self.p.securitization
        pooled = [piece for piece in self.pieces_of([pools.address]) if piece in self.sold]
        piece = self.pick(pooled, st_pick)
        if piece is None or not hasattr(pools, "callRecourse"):
            return
        root, seller = self.root_of[piece], self.by_address[self.sold[piece]["seller"]]
        self.mark_default(root, True)
        if int(p.settlement.accountOf(root)["status"]) != DEFAULTED or p.settlement.recourseOf(piece)["calledAt"]:
            return
        if self.attack("seller calls its own recourse", pools.callRecourse, seller, pools.pooledPiece(piece)[0],
                       piece) is None:
            return
        _, sold_at, rate, _, _, price, amount = p.market.saleById(p.receivables.recourseSaleOf(piece))
        value, collected = self.value(piece), int(p.settlement.claimedOf(piece))
        chain.sleep(int(st_days) * DAY)
        tx = self.attack("seller pays late", p.settlement.payRecourse, seller, piece)
        if tx is None:
            return
        # what a keeper's call at the payment would have fixed (the formula, independently of Settlement)
        owed = min(price + pricing.interest(price, rate, sold_at, tx.timestamp), amount) * value // amount
        owed = max(owed - collected, 0)
        if tx.events["RecourseSettled"]["amount"] < owed:
            self.broke("the seller does not choose its recourse price",
                       f"{seller} called the recourse of piece {piece} itself at default and paid "
                       f"{tx.events['RecourseSettled']['amount']} {st_days} days later instead of {owed}")

    def rule_frontrun_honest_move(self, st_pick, st_who, st_pct):
        """Just before an honest holder passes a piece on, an attacker tries to stop it."""
        piece = self.pick([p for p in self.pieces_of(self.honest_actors) if self.circulating(p)], st_pick)
        if piece is None:
            return
        holder = self.holder(piece)
        to = self.honest_suppliers[1] if holder == self.honest_suppliers[0] else self.honest_suppliers[0]
        amount = self.value(piece) * st_pct // 100
        call = ((self.p.receivables.transferFrom, holder, holder, to, piece) if st_pct == 100 or amount == 0
                else (self.p.receivables.splitOff, holder, piece, to, amount))
        self.front_run("an attack on the piece", call, lambda: self.attack_piece(piece, st_who))

    def rule_frontrun_accept_offer(self, st_pick, st_who):
        """Just before an honest holder accepts an offer, an attacker tries to stop it."""
        offer_id = self.pick(self.open_offers(self.honest_actors, expiring_after=chain.time() + DAY), st_pick)
        if offer_id is None or not self.circulating(self.offers[offer_id]["piece"]):
            return
        piece = self.offers[offer_id]["piece"]
        holder = self.holder(piece)
        self.front_run("an attack on the piece", (self.p.market.acceptOffer, holder, offer_id, 0),
                       lambda: self.attack_piece(piece, st_who))

    def attack_piece(self, piece, st_who) -> None:
        """Attack steps aimed at one piece (and its root)."""
        p, root = self.p, self.root_of[piece]
        attacker = self.attackers[st_who % len(self.attackers)]
        step = st_who // len(self.attackers) % 5
        holder = self.owner[piece]
        if step == 0:
            self.dust_repay(root, attacker if st_who % 2 else self.core)  # an outsider, or the obligor
        elif step == 1:
            self.attack("steal", p.receivables.transferFrom, attacker, holder, attacker, piece)
        elif step == 2:
            self.attack("split off", p.receivables.splitOff, attacker, piece, attacker, 1)
        elif step == 3:
            self.attack("mark overdue", p.settlement.markOverdue, attacker, root)
        else:
            self.attack("claim", p.settlement.claim, attacker, piece)

    def rule_attack_squat_order_invoice(self, st_pick):
        """A hostile seller submits a trade under the invoice hash a credit order will use."""
        order = self.pick(self.delivered_orders(), st_pick)
        if order is None:
            return
        self.squat_order_invoice(order)

    def squat_order_invoice(self, order) -> None:
        p = self.p
        invoice = p.escrow.invoiceHashOf(self.order_hash[order])
        self.attack("squat invoice", p.trades.submitTrade, self.evil_seller, self.alliance, self.core, p.cash, 1,
                    invoice, self.doc("fake PO"), self.doc("fake delivery"))

    def rule_frontrun_order_accept(self, st_pick):
        order = self.pick(self.delivered_orders(), st_pick)
        if order is not None:
            self.front_run("invoice squatting", (self.p.escrow.accept, self.core, order),
                           lambda: self.squat_order_invoice(order))

    def rule_frontrun_submit_trade(self, st_units):
        """A hostile seller copies a pending trade's invoice hash and submits it first."""
        p, supplier = self.p, self.honest_suppliers[st_units % 2]
        invoice = self.doc("invoice")
        honest = (p.trades.submitTrade, supplier, self.alliance, self.core, p.cash, to_base(st_units), invoice,
                  self.doc("PO"), self.doc("delivery"))
        self.front_run("invoice front-running", honest, lambda: self.attack(
            "copy invoice", p.trades.submitTrade, self.evil_seller, self.alliance, self.core, p.cash, 1, invoice,
            self.doc("fake PO"), self.doc("fake delivery")))

    def rule_attack_merge_lifts_recourse_cap(self, st_pick, st_rate):
        """Bank B buys two parts of a supplier's piece, one with recourse and one without, and
        merges them into the recourse one."""
        piece = self.pick([p for p in self.pieces_of(self.honest_suppliers) if self.circulating(p)], st_pick)
        if piece is None or self.value(piece) < 4:
            return
        holder, part = self.holder(piece), self.value(piece) // 3
        bought = []
        for recourse in (True, False):
            terms, signature = self.signed_offer(self.evil_bank, piece, part, st_rate, recourse)
            tx = self.honest(self.p.market.acceptSignedOffer, holder, terms, signature, 0)
            if tx is None:
                return
            bought.append(tx.events["PieceFinanced"]["boughtPieceId"])
        self.attack("merge", self.p.receivables.merge, self.evil_bank, bought)

    def rule_attack_recourse_on_repaid_root(self, st_pick):
        """Bank B holds a recourse piece of a defaulted root the obligor then repays in full; it
        calls recourse anyway and claims the repayment too."""
        p = self.p
        pieces = [piece for piece in self.sold if self.owner.get(piece) == self.evil_bank.address]
        piece = self.pick(pieces, st_pick) or self.buy_with_recourse(self.evil_bank, st_pick)
        if piece is None:
            return
        root = self.root_of[piece]
        self.mark_default(root, True)
        outstanding = self.roots[root]["face"] - self.repaid[root]
        if outstanding:
            self.honest(p.settlement.repay, self.core, root, outstanding)
        self.attack("recourse on a repaid root", p.settlement.callRecourse, self.evil_bank, piece)
        self.attack("claim after recourse", p.settlement.claim, self.evil_bank, piece)

    def buy_with_recourse(self, bank, st_pick):
        """``bank`` buys half of an honest supplier's piece with recourse; returns the piece bought."""
        piece = self.pick([p for p in self.pieces_of(self.honest_suppliers) if self.circulating(p)], st_pick)
        if piece is None or self.value(piece) < 2:
            return None
        terms, signature = self.signed_offer(bank, piece, self.value(piece) // 2, 900, True)
        tx = self.honest(self.p.market.acceptSignedOffer, self.holder(piece), terms, signature, 0)
        return None if tx is None else tx.events["PieceFinanced"]["boughtPieceId"]

    def rule_attack_obligor_extends_grace(self, st_pick, st_days):
        """The obligor lengthens its alliance's grace period after its creditors relied on it."""
        self.attack("extend grace", self.a["registry"].setGracePeriod, self.core, self.alliance,
                    (100 + st_days) * DAY)
        root = self.pick([r for r in self.roots if self.repaid[r] < self.roots[r]["face"]], st_pick)
        if root is not None:
            self.mark_default(root, True)

    def rule_attack_cancelled_confirmation_revived(self, st_units):
        """The obligor signs two confirmations for a hostile seller, then cancels its signed
        confirmations; the seller submits them anyway."""
        p, seller = self.p, self.evil_seller
        signed = []
        nonce = int(p.receivables.nonces(self.core))
        for i in range(2):
            trade = self.audited_trade(seller, to_base(st_units))
            maturity = chain.time() + 30 * DAY
            _, signature = sign_confirmation(p.receivables, self.core, trade, to_base(st_units), maturity,
                                             chain.time() + DAY, nonce + i)
            signed.append((trade, to_base(st_units), maturity, nonce + i, chain.time() + DAY, signature))
        self.cancel_signed_confirmations(nonce + 1)
        for args in reversed(signed):
            self.attack("revive cancelled confirmation", p.receivables.confirmWithSignature, seller, *args)

    def cancel_args(self, through_nonce: int) -> tuple:
        """Arguments of cancelSignedConfirmations: none, or the highest nonce to cancel."""
        return (through_nonce,) if self.p.receivables.cancelSignedConfirmations.abi["inputs"] else ()

    def cancel_signed_confirmations(self, through_nonce: int) -> None:
        """The obligor cancels every signed confirmation it handed out, up to ``through_nonce``."""
        self.honest(self.p.receivables.cancelSignedConfirmations, self.core, *self.cancel_args(through_nonce))

    def rule_attack_credit_order_unapproved_currency(self, st_units):
        """A credit order in a token the operator never approved (fee-on-transfer)."""
        p, supplier = self.p, self.honest_suppliers[0]
        tx = self.attack("unapproved currency", p.escrow.placeOrder, self.core, self.alliance, supplier, self.fot,
                         to_base(st_units), chain.time() + 30 * DAY, 30, CREDIT, self.doc("FOT PO"))
        if tx is None:
            return
        order = tx.events["OrderPlaced"]["orderId"]
        self.honest(p.escrow.recordMilestone, self.logistics, order, SHIPPED, self.doc("B/L"))
        self.honest(p.escrow.recordMilestone, self.logistics, order, DELIVERED, self.doc("delivery note"))
        self.attack("unapproved currency", p.escrow.accept, self.core, order)

    def rule_attack_operator_fabricates_debt(self, st_units):
        """The operator key grants itself the auditing-contract and obligor-proxy roles and issues
        a receivable in the obligor's name."""
        p, op = self.p, self.operator
        self.attack("operator role", p.trades.grantRole, op, p.trades.AUDITING_CONTRACT_ROLE(), op)
        tx = self.attack("operator trade", p.trades.recordAuditedTrade, op, self.alliance, self.evil_seller,
                         self.core, p.cash, to_base(st_units), self.doc("fake invoice"), self.doc("fake PO"),
                         self.doc("fake delivery"))
        self.attack("operator role", p.receivables.grantRole, op, p.receivables.OBLIGOR_PROXY_ROLE(), op)
        if tx is not None:
            trade = tx.events["TradeSubmitted"]["tradeId"]
            self.attack("operator confirms", p.receivables.confirmAcceptedTrade, op, trade, to_base(st_units),
                        chain.time() + 30 * DAY, self.core)

    def rule_attack_operator_moves_piece(self, st_pick):
        """The operator key grants itself the platform role and moves an honest holder's piece."""
        p, op = self.p, self.operator
        piece = self.pick(self.pieces_of(self.honest_actors), st_pick)
        if piece is None:
            return
        self.attack("operator role", p.receivables.grantRole, op, p.receivables.PLATFORM_ROLE(), op)
        self.attack("operator moves", p.receivables.platformTransfer, op, self.owner[piece], self.evil_seller, piece)

    def rule_attack_piece_sent_to_platform_contract(self, st_pick, st_who):
        """A careless holder sends a piece straight to a platform contract."""
        p = self.p
        piece = self.pick(self.pieces_of(self.honest_actors), st_pick)
        if piece is None:
            return
        holder = self.holder(piece)
        target = (p.market, p.settlement, p.securitization)[st_who % 3]
        self.attack("mistaken transfer", p.receivables.transferFrom, holder, holder, target, piece)

    def rule_attack_unsolicited_dust_piece(self, st_pick, st_who):
        """A hostile holder sends an honest member a 1-unit piece it never asked for, in the last
        block before the root matures when it can (from maturity the piece cannot be passed on):
        it must not keep the member in the alliance (follow-up: leave refused while holding)."""
        p = self.p
        pieces = [piece for piece in self.pieces_of([self.evil_seller, self.evil_bank])
                  if self.roots[self.root_of[piece]]["maturity"] > chain.time() + 10 and self.value(piece) > 1]
        piece = self.pick(pieces, st_pick)
        if piece is None:
            return
        gap = self.roots[self.root_of[piece]]["maturity"] - chain.time() - 5  # a few seconds' margin
        if 0 < gap <= 2 * DAY:
            chain.sleep(gap)
        victim = self.honest_actors[st_who % len(self.honest_actors)]
        self.attack("unsolicited dust piece", p.receivables.splitOff, self.holder(piece), piece, victim, 1)

    def rule_attack_collateral_shrinks_before_funding(self, st_units, st_pct):
        """A hostile borrower asks bank A for a loan, then splits most of the receipt off to
        itself just before bank A funds."""
        p, borrower = self.p, self.evil_seller
        loan, receipt = self.request_loan(borrower, st_units, st_pct)
        self.attack("shrink collateral", p.receipts.split, borrower, receipt, 999, borrower)
        self.honest(p.pledges.fund, self.honest_bank, loan)

    def rule_attack_recourse_offer_taken_by_another_holder(self, st_pick):
        """A bank's recourse offer priced one supplier; the piece moves to the hostile seller,
        who accepts it and becomes the recourse debtor."""
        offers = [o for o in self.open_offers(self.honest_suppliers, expiring_after=chain.time() + DAY)
                  if self.offers[o]["recourse"] and self.circulating(self.offers[o]["piece"])]
        offer_id = self.pick(offers, st_pick) or self.post_recourse_offer(st_pick)
        if offer_id is None:
            return
        piece = self.offers[offer_id]["piece"]
        holder = self.holder(piece)
        self.honest(self.p.receivables.transferFrom, holder, holder, self.evil_seller, piece)
        if self.owner[piece] == self.evil_seller.address:
            self.accept_offer(offer_id)

    def post_recourse_offer(self, st_pick):
        """Bank A posts a recourse offer for half of an honest supplier's piece; returns its id."""
        piece = self.pick([p for p in self.pieces_of(self.honest_suppliers) if self.circulating(p)], st_pick)
        if piece is None or self.value(piece) < 2:
            return None
        tx = self.honest(self.p.market.postOffer, self.honest_bank, piece, self.value(piece) // 2, 800, self.fee_bps,
                         True, chain.time() + 5 * DAY)
        if tx is None:
            return None
        self.offers[tx.return_value] = {"piece": piece, "bank": self.honest_bank.address,
                                        "priced": self.owner[piece], "recourse": True}
        return tx.return_value

    def rule_attack_anything(self, st_pick, st_who, st_pct):
        """An attacker calls any platform function with arguments taken from the world."""
        attacker = self.attackers[st_who % len(self.attackers)]
        calls = self.anything(attacker, st_pick, st_pct)
        if calls:
            label, fn, *args = calls[st_who // len(self.attackers) % len(calls)]
            self.attack(label, fn, attacker, *args)

    def anything(self, attacker, st_pick, st_pct) -> list:
        p = self.p
        piece, root = self.pick(self.owner, st_pick), self.pick(self.roots, st_pick)
        offer_id, order = self.pick(self.offers, st_pick), self.pick(self.orders, st_pick)
        loan, receipt = self.pick(self.loans, st_pick), self.pick(self.receipts, st_pick)
        pool = self.pick(self.pools, st_pick)
        calls = []
        if piece is not None:
            holder = self.owner[piece]
            calls += [("steal", p.receivables.transferFrom, holder, attacker, piece),
                      ("split", p.receivables.splitOff, piece, attacker, 1),
                      ("claim", p.settlement.claim, piece),
                      ("call recourse", p.settlement.callRecourse, piece),
                      ("pay recourse", p.settlement.payRecourse, piece),
                      ("post offer", p.market.postOffer, piece, 1, 800, self.fee_bps, True, chain.time() + DAY)]
            own = self.pieces_of([attacker])
            if len(own) >= 2:
                calls.append(("merge", p.receivables.merge, own[:2]))
            if pool is not None:
                calls.append(("pool add", p.securitization.addPiece, pool, piece))
        if root is not None:
            calls += [("repay", p.settlement.repay, root, max(1, self.roots[root]["face"] * st_pct // 1000)),
                      ("overdue", p.settlement.markOverdue, root), ("default", p.settlement.markDefaulted, root)]
        if offer_id is not None:
            calls += [("cancel offer", p.market.cancelOffer, offer_id),
                      ("accept offer", p.market.acceptOffer, offer_id, 0)]
        if order is not None:
            calls += [("accept order", p.escrow.accept, order), ("cancel order", p.escrow.cancel, order),
                      ("dispute order", p.escrow.dispute, order, self.doc("complaint")),
                      ("deliver order", p.escrow.recordMilestone, order, DELIVERED, self.doc("fake delivery"))]
        if loan is not None:
            calls += [("fund loan", p.pledges.fund, loan), ("repay loan", p.pledges.repay, loan),
                      ("foreclose", p.pledges.foreclose, loan), ("cancel loan", p.pledges.cancelRequest, loan)]
        if receipt is not None:
            calls += [("split receipt", p.receipts.split, receipt, 1, attacker),
                      ("redeem receipt", p.receipts.redeem, receipt)]
        calls += [("cancel confirmations", p.receivables.cancelSignedConfirmations,
                   *self.cancel_args(int(p.receivables.nonces(attacker)) + 1)),
                  ("bump nonce", p.market.bumpNonce),
                  ("grace", self.a["registry"].setGracePeriod, self.alliance, 365 * DAY)]
        return calls

    # ================================================================== invariants: the promises

    def violated(self, promise: str) -> list:
        return [detail for name, detail in self.violations if name == promise]

    def invariant_cash_is_conserved(self):
        p = self.p
        holders = self.cash_holders + self.tranches
        supply, *balances = self.read([(p.cash.totalSupply,)] + [(p.cash.balanceOf, h) for h in holders])
        assert supply == self.minted, f"PROMISE cash is conserved: supply {supply} != {self.minted} minted"
        assert sum(balances) == self.minted, "PROMISE cash is conserved: cash left the actors and contracts"

    def invariant_obligor_owes_only_what_it_confirmed(self):
        """Every receivable in the obligor's name is one it confirmed, for the amount it confirmed
        (by transaction, by a signature it did not cancel, or by accepting a delivered order)."""
        for root, r in self.roots.items():
            assert r["trade"] in self.agreed, (
                f"PROMISE the obligor owes only what it confirmed: root {root} (trade {r['trade']}, {r['face']}) "
                f"was never confirmed by the obligor; attacks: {self.attacks}")
            assert r["face"] <= self.agreed[r["trade"]], f"PROMISE the obligor owes only what it confirmed: root {root}"

    def invariant_an_invoice_backs_at_most_one_receivable(self):
        roots = sorted(self.roots)
        trades = self.read([(self.p.trades.tradeInfo, self.roots[r]["trade"]) for r in roots])
        invoices = [str(t["invoiceHash"]) for t in trades]
        assert len(set(invoices)) == len(invoices), "PROMISE an invoice backs at most one receivable"

    def invariant_receivables_only_in_approved_currencies(self):
        p, roots = self.p, sorted(self.roots)
        terms = self.read([(p.trades.terms, self.roots[r]["trade"]) for r in roots])
        currencies = sorted({t[2] for t in terms})
        allowed = dict(zip(currencies, self.read([(p.trades.currencyAllowed, c) for c in currencies])))
        for root, t in zip(roots, terms):
            assert allowed[t[2]], (f"PROMISE a receivable is only in a currency the operator approved: root {root} "
                                   f"in {t[2]}")

    def move_errors(self, pieces) -> list:
        """(piece, error) for each honest holder's piece: its dry-run pass-on to the other honest
        supplier ("" if it would go through)."""
        p, calls = self.p, []
        for piece in pieces:
            holder = self.owner[piece]
            to = self.honest_suppliers[1] if holder == self.honest_suppliers[0].address else self.honest_suppliers[0]
            calls.append((p.receivables.transferFrom, holder, holder, to, piece))
        return list(zip(pieces, self.read.dry_run(calls)))

    def invariant_outsider_cannot_stop_circulation(self):
        """An honest holder can pass on its piece until maturity, unless its obligor repaid."""
        pieces = [piece for piece in sorted(self.pieces_of(self.honest_actors)) if self.circulating(piece)]
        for piece, error in self.move_errors(pieces):
            assert not error, (f"PROMISE an outsider cannot stop a receivable from circulating: piece {piece} of "
                               f"{self.owner[piece]} cannot move ({error}); attacks: {self.attacks}")

    def invariant_obligor_cannot_freeze_its_receivable_early(self):
        """The obligor's own early part-payment does not stop its creditors' pieces: an honest
        holder can still pass on a piece until maturity unless the root was repaid in full."""
        roots = {root for root in self.obligor_part_paid if self.roots[root]["maturity"] > chain.time() + DAY}
        pieces = [piece for piece in sorted(self.pieces_of(self.honest_actors)) if self.root_of[piece] in roots
                  and self.repaid[self.root_of[piece]] < self.roots[self.root_of[piece]]["face"]]
        for piece, error in self.move_errors(pieces):
            assert not error, (f"PROMISE the obligor cannot end its receivable's circulation early with a "
                               f"part-payment: piece {piece} of {self.owner[piece]} cannot move ({error}); "
                               f"attacks: {self.attacks}")

    def invariant_seller_cannot_choose_its_recourse_price(self):
        broken = self.violated("the seller does not choose its recourse price")
        assert not broken, f"PROMISE the seller does not choose the price of its recourse: {broken[0]}"

    def invariant_delivered_credit_order_can_be_settled(self):
        orders = self.delivered_orders()
        for order, error in zip(orders, self.read.dry_run([(self.p.escrow.accept, self.core, o) for o in orders])):
            assert not error, (f"PROMISE a delivered credit order can always be settled: order {order} refused "
                               f"({error}); attacks: {self.attacks}")

    def invariant_funded_loan_collateral_is_what_was_agreed(self):
        p, loans = self.p, sorted(self.loans)
        rows = self.read([(p.pledges.loanInfo, loan_id) for loan_id in loans])
        active = [(loan_id, row) for loan_id, row in zip(loans, rows) if row["status"] == LoanStatus.ACTIVE]
        receipts = self.read([(p.receipts.receiptInfo, row["receiptId"]) for _, row in active])
        for (loan, _row), r in zip(active, receipts):
            agreed = self.loans[loan]
            assert (r["quantity"], r["value"]) == (agreed["quantity"], agreed["value"]), (
                f"PROMISE a funded loan's collateral is what was agreed: loan {loan} agreed "
                f"{agreed['quantity']} units worth {agreed['value']}, holds {r['quantity']} worth {r['value']}")
            assert p.pledges.address in (r["lockedBy"], r["holder"]), (
                f"PROMISE a funded loan's collateral is what was agreed: loan {loan}'s receipt is not held for it")

    def carried_sales(self, pieces) -> list:
        """The recourse sale (the id of the piece bought) whose right each piece carries, 0 for
        none: read from the token where the right travels with the piece, else the piece itself
        when it was bought with recourse (adapt here if the API changes)."""
        receivables = self.p.receivables
        if hasattr(receivables, "recourseSaleOf"):
            return [int(s) for s in self.read([(receivables.recourseSaleOf, piece) for piece in pieces])]
        return [piece if piece in self.sold else 0 for piece in pieces]

    def invariant_seller_never_owes_more_than_it_sold(self):
        """Over all pieces carrying one sale's right of recourse, what the seller could be made
        to pay (at any future date, or on an open call) is at most the value it sold."""
        p, live = self.p, sorted(self.owner)
        sales = self.carried_sales(live)
        pieces = [(piece, sale) for piece, sale in zip(live, sales) if sale and sale in self.sold]
        exposure = self.read([(p.settlement.recourseAmount, piece, chain.time() + FAR) for piece, _ in pieces])
        calls = self.read([(p.settlement.recourseOf, piece) for piece, _ in pieces])
        owed = {}
        for (piece, sale), amount, call in zip(pieces, exposure, calls):
            if call["settled"] or self.owner[piece] == self.sold[sale]["seller"]:
                continue  # bought back (or held) by the seller itself
            owed[sale] = owed.get(sale, 0) + max(amount, call["amount"] if call["calledAt"] else 0)
        for sale, amount in owed.items():
            sold = self.sold[sale]
            assert amount <= sold["amount"], (
                f"PROMISE a seller never owes more than it sold: {sold['seller']} sold {sold['amount']} (piece {sale}) "
                f"with recourse and could owe {amount}; attacks: {self.attacks}")

    def invariant_recourse_debt_can_be_discharged(self):
        """An open recourse call can always be paid by its seller (and so closed)."""
        pieces = sorted(set(self.owner) | set(self.sold))
        calls = self.read([(self.p.settlement.recourseOf, piece) for piece in pieces])
        open_calls = [(piece, c) for piece, c in zip(pieces, calls) if c["calledAt"] and not c["settled"]]
        errors = self.read.dry_run([(self.p.settlement.payRecourse, c["seller"], piece) for piece, c in open_calls])
        for (piece, c), error in zip(open_calls, errors):
            assert not error, (f"PROMISE a recourse debt can be discharged: {c['seller']} cannot pay the call on "
                               f"piece {piece} ({error}); it owes {c['amount']} for ever; attacks: {self.attacks}")

    def recourse_callers(self, piece, sale) -> list:
        """Every way the holder of a pooled piece (the pool, its originator, the first buyer)
        might call the piece's recourse (adapt here when the API changes)."""
        p, pool_id = self.p, self.p.securitization.pooledPiece(piece)[0]
        calls = [(p.settlement.callRecourse, self.sold[sale]["financier"], piece),
                 (p.settlement.callRecourse, p.securitization.address, piece)]
        if pool_id in self.pools:
            calls.append((p.settlement.callRecourse, self.pools[pool_id], piece))
            if hasattr(p.securitization, "callRecourse"):
                calls.append((p.securitization.callRecourse, self.a["rando"], pool_id, piece))
            if p.securitization.poolInfo(pool_id)[1] == BUILDING:
                # no investor yet: the originator takes its pieces back (and their recourse)
                calls.append((p.securitization.cancel, self.pools[pool_id], pool_id))
        return calls

    def invariant_pooled_piece_keeps_its_recourse(self):
        """A piece carrying a right of recourse keeps it in a pool: once its root defaulted,
        someone can call the seller."""
        p = self.p
        held = sorted(self.pieces_of([p.securitization.address]))
        pooled = [(piece, sale) for piece, sale in zip(held, self.carried_sales(held)) if sale in self.sold]
        rows = self.read([(p.settlement.accountOf, self.root_of[piece]) for piece, _ in pooled])
        calls = self.read([(p.settlement.recourseOf, piece) for piece, _ in pooled])
        owed = self.read([(p.settlement.recourseAmount, piece, chain.time()) for piece, _ in pooled])
        for (piece, sale), row, call, amount in zip(pooled, rows, calls, owed):
            if row["status"] != DEFAULTED or call["calledAt"] or amount == 0 or \
                    row["repaid"] == self.roots[self.root_of[piece]]["face"]:
                continue  # not defaulted, already called, nothing owed, or the obligor paid in full
            errors = self.read.dry_run(self.recourse_callers(piece, sale))
            assert "" in errors, (f"PROMISE a pooled piece keeps its recourse: piece {piece} (sold with recourse by "
                                  f"{self.sold[sale]['seller']}) defaulted in a pool and nobody can call it: {errors}")

    def invariant_nothing_stranded_in_platform_contracts(self):
        p = self.p
        held = sorted(self.pieces_of(self.platform_addresses))
        pooled = self.read([(p.securitization.pooledPiece, piece) for piece in held])
        books = {pool: set(pieces) for pool, pieces in
                 zip(sorted(self.pools), self.read([(p.securitization.piecesOf, pool) for pool in sorted(self.pools)]))}
        for piece, rec in zip(held, pooled):
            ok = self.owner[piece] == p.securitization.address and piece in books.get(rec[0], ())
            assert ok, (f"PROMISE nothing sent by mistake is stranded in a platform contract: piece {piece} sits in "
                        f"{self.owner[piece]} and no book of that contract holds it")

    def invariant_member_can_always_leave(self):
        """Every honest member (not the core) can leave the alliance, whatever it was sent."""
        members = self.honest_actors
        calls = [(self.a["registry"].leave, member, self.alliance) for member in members]
        for member, error in zip(members, self.read.dry_run(calls)):
            assert not error, (f"PROMISE a member can always leave its alliance: {member} refused ({error}); "
                               f"attacks: {self.attacks}")

    def invariant_only_the_holder_moves_its_piece(self):
        broken = self.violated("only its holder moves a piece")
        assert not broken, f"PROMISE only its holder moves a piece: {broken[0]}"
        assert not self.bad_holders, f"PROMISE only members hold pieces: {self.bad_holders}"

    def invariant_default_terms_fixed_at_issuance(self):
        broken = self.violated("default terms are fixed at issuance")
        assert not broken, f"PROMISE the obligor does not decide when it defaults: {broken[0]}"

    def invariant_recourse_debtor_is_the_seller_priced(self):
        broken = self.violated("a financier's recourse debtor is the seller it priced")
        assert not broken, f"PROMISE a financier gets the recourse it priced: {broken[0]}"

    def invariant_honest_call_not_blocked_by_front_running(self):
        broken = self.violated("an honest call is not blocked by another party")
        assert not broken, f"PROMISE nobody can block an honest party's call by front-running it: {broken[0]}"

    def teardown(self):
        """The model's owners agree with the chain (no piece moved untracked)."""
        live = sorted(self.owner)
        assert dict(zip(live, self.read([(self.p.receivables.ownerOf, piece) for piece in live]))) == self.owner


def selected(machine: type) -> type:
    """The machine with only the attacks named in SCF_ADVERSARIAL_RULES (comma-separated words;
    a word with a leading "-" removes the matching rules, honest ones too)."""
    words = [w for w in os.environ.get("SCF_ADVERSARIAL_RULES", "").split(",") if w]
    if not words:
        return machine
    keep, drop = [w for w in words if not w.startswith("-")], [w[1:] for w in words if w.startswith("-")]
    rules = [name for name in dir(machine) if name.startswith("rule")]
    hostile = {name for name in rules if name.startswith(("rule_attack", "rule_frontrun"))}
    removed = {name for name in hostile if not any(w in name for w in keep)}
    removed |= {name for name in rules if any(w in name for w in drop)}
    return type(machine.__name__, (machine,), dict.fromkeys(removed))


@pytest.fixture(scope="module")
def adversarial_cast(platform, actors, operator, alliance, rando, investors):
    """Everyone (the attackers too) funded and every contract approved; a two-day grace period
    and no default period, so roots default within a run; a fee-on-transfer token nobody approved."""
    p = platform
    p.registry.setGracePeriod(alliance, 2 * DAY, {"from": actors["core"]})
    p.settlement.setDefaultPeriod(0, {"from": operator})
    spenders = (p.market, p.settlement, p.escrow, p.pledges, p.advances, p.securitization)
    cast = {**actors, "operator": operator, "rando": rando, "registry": p.registry, "investors": investors}
    for name in ("core", "bank_a", "bank_b", "supplier1", "supplier2", "supplier3", "outsider", "rando"):
        give(p.cash, operator, cast[name], 50_000_000, *spenders)
    fot = FeeOnTransferToken.deploy({"from": operator})
    return cast, fot


def test_adversarial(state_machine, platform, adversarial_cast, alliance):
    cast, fot = adversarial_cast
    settings = stateful_settings()
    if os.environ.get("SCF_STATEFUL_NOSHRINK"):
        settings["phases"] = [Phase.explicit, Phase.reuse, Phase.generate]
    state_machine(selected(Adversarial), platform, cast, alliance, fot, settings=settings)
    print("\n" + OUTCOMES.table())
    if os.environ.get("SCF_ADVERSARIAL_RULES"):
        return  # an evidence run: the promises are what it checks
    # the run went through the honest lifecycle and the attacks, not only refusals
    assert OUTCOMES.done("FinancingMarket.acceptSignedOffer", "FinancingMarket.acceptOffer") > 0
    assert OUTCOMES.done("Settlement.repay") > 0
    assert OUTCOMES.done("OrderEscrow.accept") > 0
    assert sum(n for outcome, n in OUTCOMES.items() if outcome.startswith("attack ")) > 0
