"""Helpers for the closed-loop tests (order escrow, warehouse receipts, inventory financing,
advance payment); importable as ``loop_helpers`` (tests/ is on sys.path)."""

from brownie import chain
from eth_abi import encode
from eth_utils import keccak

from scf.enums import DealStatus, LoanStatus, Milestone, OrderStatus  # noqa: F401  (the tests import them from here)
from scf.onboarding import doc_hash
from scf.units import DAY, to_base

MAX_UINT = 2**256 - 1
ZERO = "0x" + "0" * 40
CREDIT, CASH = True, False
SHIPPED, IN_WAREHOUSE, DELIVERED = Milestone.SHIPPED, Milestone.IN_WAREHOUSE, Milestone.DELIVERED


def give(cash, operator, account, units: int, *spenders) -> None:
    """Mint ``units`` of cash to ``account`` and approve every spender for all of it."""
    if units:
        cash.mint(account, to_base(units), {"from": operator})
    for spender in spenders:
        cash.approve(spender, MAX_UINT, {"from": account})


def hx(value) -> str:
    """A bytes32 as the 0x-hex string brownie returns (brownie's values compare to hex strings)."""
    if isinstance(value, str):
        return value.lower()
    return "0x" + bytes(value).hex()


def invoice_of(order_hash) -> str:
    """OrderEscrow.invoiceHashOf in Python."""
    raw = bytes.fromhex(hx(order_hash)[2:])
    return hx(keccak(encode(["bytes32", "bytes32"], [keccak(text="scf-chain OrderEscrow invoice"), raw])))


def place(escrow, alliance, buyer, supplier, cash, units: int, credit: bool, label: str,
          term: int | None = None, deadline: int | None = None) -> int:
    """Place an order (credit: 60-day term; deadline 30 days) and return its id."""
    term = (60 if credit else 0) if term is None else term
    deadline = deadline or chain.time() + 30 * DAY
    tx = escrow.placeOrder(alliance, supplier, cash, to_base(units), deadline, term, credit,
                           doc_hash(f"purchase order {label}"), {"from": buyer})
    return tx.events["OrderPlaced"]["orderId"]


def deliver(escrow, order_id: int, logistics, via_warehouse: bool = True) -> None:
    escrow.recordMilestone(order_id, SHIPPED, doc_hash(f"bill of lading {order_id}"), {"from": logistics})
    if via_warehouse:
        escrow.recordMilestone(order_id, IN_WAREHOUSE, doc_hash(f"warehouse entry {order_id}"), {"from": logistics})
    escrow.recordMilestone(order_id, DELIVERED, doc_hash(f"delivery note {order_id}"), {"from": logistics})


def issue_receipt(receipts, alliance, warehouse, holder, cash, quantity: int = 1_000, units: int = 100_000,
                  goods: str = "copper cathode") -> int:
    tx = receipts.issue(alliance, holder, doc_hash(goods), quantity, to_base(units), cash, {"from": warehouse})
    return tx.events["ReceiptIssued"]["receiptId"]


def join(registry, operator, core, alliance, account, roles: int, name: str) -> None:
    """Register, certify and bring ``account`` into the running alliance in ``roles``."""
    registry.register(doc_hash(f"identity of {name}"), roles, name, {"from": account})
    registry.certify(account, roles, {"from": operator})
    registry.invite(alliance, account, roles, {"from": core})
    registry.acceptInvitation(alliance, {"from": account})


class TV:
    """The advance-payment tests' standard deal: 10,000 televisions for 800,000, 8 %, 90 days."""

    GOODS = "55-inch televisions"
    QUANTITY = 10_000
    PRICE = to_base(800_000)
    RATE = 800
    TERM = 90


def as_tuple(terms: dict) -> tuple:
    """IAdvancePayment.Terms from a dict."""
    return tuple(terms[k] for k in ("allianceId", "core", "financier", "currency", "goodsHash", "quantity", "price",
                                    "rateBps", "termDays"))


def propose(advances, terms: dict, distributor) -> int:
    return advances.propose(as_tuple(terms), {"from": distributor}).return_value
