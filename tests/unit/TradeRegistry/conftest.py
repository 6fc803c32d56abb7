"""Fixtures for the TradeRegistry unit tests.

``submit(label, **overrides)`` files a trade (default: supplier1 sells to core in ``alliance``,
in ``cash``, for ``face_value``) whose three document hashes derive from ``label``.
``alliance2`` is a second started alliance led by core2 (supplier2 and ``auditor2`` in it).
``bound_trade(invoice, buyer=core, recorder=ZERO)`` is the confirmed trade the invoice is bound to.
"""

import pytest
from loop_helpers import ZERO

from scf.onboarding import certify, doc_hash, form_alliance
from scf.roles import Role


def hex32(label: str) -> str:
    """doc_hash as a 0x-string, which compares equal to the bytes32 values brownie returns."""
    return "0x" + doc_hash(label).hex()


class Docs:
    """The invoice, order and delivery-note hashes of one trade."""

    def __init__(self, label: str):
        self.invoice = hex32(f"invoice {label}")
        self.order = hex32(f"purchase order for {label}")
        self.delivery = hex32(f"delivery note for {label}")


@pytest.fixture(scope="session")
def docs():
    return Docs


@pytest.fixture(scope="module")
def submit(trades, alliance, supplier1, core, cash, face_value):
    def _submit(label, *, alliance_id=None, buyer=None, currency=None, amount=None,
                invoice=None, order=None, delivery=None, seller=None):
        d = Docs(label)
        return trades.submitTrade(
            alliance if alliance_id is None else alliance_id,
            core if buyer is None else buyer,
            cash if currency is None else currency,
            face_value if amount is None else amount,
            d.invoice if invoice is None else invoice,
            d.order if order is None else order,
            d.delivery if delivery is None else delivery,
            {"from": supplier1 if seller is None else seller},
        )
    return _submit


@pytest.fixture(scope="module")
def submitted(submit):
    """A trade submitted by supplier1 to core, not yet audited (label "INV-S")."""
    return submit("INV-S").events["TradeSubmitted"]["tradeId"]


@pytest.fixture(scope="module")
def auditor2(accounts):
    """An auditor of alliance2 only (brownie's unlocked account 4)."""
    return accounts[4]


@pytest.fixture(scope="module")
def alliance2(registry, operator, alliance, core2, supplier2, auditor2):
    """A second started alliance led by core2: supplier2 (also in `alliance`) and auditor2."""
    certify(registry, operator, auditor2, Role.AUDITOR, "second auditor")
    return form_alliance(
        registry, operator, core2,
        [(supplier2, Role.SUPPLIER, "tier-2 supplier"), (auditor2, Role.AUDITOR, "second auditor")],
        "core2 supply chain", core_name="second core enterprise",
    )


@pytest.fixture(scope="module")
def issuer_role(trades):
    return trades.ISSUER_ROLE()


@pytest.fixture(scope="module")
def bound_trade(trades, core):
    """The confirmed trade an invoice is bound to (0 = free): by default a seller-submitted
    invoice addressed to ``core``."""
    def _bound(invoice, buyer=None, recorder=ZERO):
        return trades.tradeOfInvoice(recorder, core if buyer is None else buyer, invoice)
    return _bound


@pytest.fixture(scope="module")
def state(trades, bound_trade):
    """Views that a refused call must leave as they were: the count, a trade's record and the
    binding of an invoice (addressed to ``buyer``, default core)."""
    def _views(trade_id=None, invoice=None, buyer=None):
        views = [trades.tradeCount]
        if trade_id is not None:
            views.append(lambda: trades.tradeInfo(trade_id))
        if invoice is not None:
            views.append(lambda: bound_trade(invoice, buyer))
        return tuple(views)
    return _views


@pytest.fixture
def confirmed(receivables, trade, core, face_value, maturity):
    """``trade`` confirmed by core in this test only (unlike the module-scoped ``root``, which
    would stay confirmed for every later test of the module)."""
    return receivables.confirm(trade, face_value, maturity, {"from": core}).events["ReceivableIssued"]["rootId"]
