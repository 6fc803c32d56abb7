import pytest
from loop_helpers import TV, give, issue_receipt, propose

from scf.onboarding import doc_hash


@pytest.fixture(scope="module")
def funded(cash, operator, advances, bank_b, distributor, core):
    give(cash, operator, bank_b, 5_000_000, advances)
    give(cash, operator, distributor, 2_000_000, advances)
    give(cash, operator, core, 2_000_000, advances)


@pytest.fixture(scope="module")
def terms(alliance, core, bank_b, cash):
    """The terms as a dict: 10,000 televisions for 800,000, 8 % for 90 days, financed by bank_b."""
    return dict(allianceId=alliance, core=core, financier=bank_b, currency=cash, goodsHash=doc_hash(TV.GOODS),
                quantity=TV.QUANTITY, price=TV.PRICE, rateBps=TV.RATE, termDays=TV.TERM)


@pytest.fixture(scope="module")
def receipt(receipts, alliance, logistics, core, cash):
    """The core's warehouse receipt for the 10,000 televisions."""
    return issue_receipt(receipts, alliance, logistics, core, cash, TV.QUANTITY, 800_000, goods=TV.GOODS)


@pytest.fixture(scope="module")
def proposed(advances, terms, distributor, funded):
    return propose(advances, terms, distributor)


@pytest.fixture(scope="module")
def accepted(advances, terms, distributor, funded, receipts, alliance, logistics, core, cash):
    """A deal accepted by the core with its own receipt: (deal id, receipt id)."""
    deal = propose(advances, terms, distributor)
    rid = issue_receipt(receipts, alliance, logistics, core, cash, TV.QUANTITY, 800_000, goods=TV.GOODS)
    advances.acceptOrder(deal, rid, {"from": core})
    return deal, rid


@pytest.fixture(scope="module")
def active(advances, terms, distributor, funded, receipts, alliance, logistics, core, cash, bank_b):
    """A funded deal: (deal id, receipt id held by bank_b, locked)."""
    deal = propose(advances, terms, distributor)
    rid = issue_receipt(receipts, alliance, logistics, core, cash, TV.QUANTITY, 800_000, goods=TV.GOODS)
    advances.acceptOrder(deal, rid, {"from": core})
    advances.fund(deal, rid, {"from": bank_b})
    return deal, rid
