"""EIP-712 typed-data signing with eth-account, for the platform's off-chain signatures.

The domain is read from the contract itself (ERC-5267 ``eip712Domain()``), so a signature is
bound to that contract on that chain and cannot be replayed elsewhere.
"""

from dataclasses import dataclass
from typing import Any

from eth_account import Account
from eth_account.messages import encode_typed_data

EIP712_DOMAIN_FIELDS = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]

CONFIRMATION_FIELDS = [
    {"name": "tradeId", "type": "uint256"},
    {"name": "faceValue", "type": "uint256"},
    {"name": "maturity", "type": "uint256"},
    {"name": "nonce", "type": "uint256"},
    {"name": "deadline", "type": "uint256"},
]


@dataclass(frozen=True)
class Domain:
    name: str
    version: str
    chain_id: int
    verifying_contract: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "chainId": self.chain_id,
            "verifyingContract": self.verifying_contract,
        }


def domain_of(contract: Any) -> Domain:
    """Read a contract's EIP-712 domain through ERC-5267."""
    _fields, name, version, chain_id, verifying_contract, _salt, _ext = contract.eip712Domain()
    return Domain(str(name), str(version), int(chain_id), str(verifying_contract))


def typed_message(domain: Domain, primary_type: str, fields: list[dict], message: dict) -> dict:
    return {
        "types": {"EIP712Domain": EIP712_DOMAIN_FIELDS, primary_type: fields},
        "primaryType": primary_type,
        "domain": domain.as_dict(),
        "message": message,
    }


def sign(private_key: str, full_message: dict) -> bytes:
    """Sign an EIP-712 message; returns the 65-byte r||s||v signature."""
    signed = Account.sign_message(encode_typed_data(full_message=full_message), private_key=private_key)
    return bytes(signed.signature)


def recover(full_message: dict, signature: bytes) -> str:
    return Account.recover_message(encode_typed_data(full_message=full_message), signature=signature)


def confirmation(domain: Domain, trade_id: int, face_value: int, maturity: int, nonce: int, deadline: int) -> dict:
    """The obligor's off-chain confirmation of a verified trade's payable."""
    return typed_message(
        domain,
        "Confirmation",
        CONFIRMATION_FIELDS,
        {
            "tradeId": trade_id,
            "faceValue": face_value,
            "maturity": maturity,
            "nonce": nonce,
            "deadline": deadline,
        },
    )


def sign_confirmation(receivables: Any, obligor: Any, trade_id: int, face_value: int, maturity: int, deadline: int,
                      nonce: int | None = None) -> tuple[int, bytes]:
    """Sign a confirmation as ``obligor`` (a brownie LocalAccount) for ``receivables``.

    Returns ``(nonce, signature)``; the nonce defaults to the obligor's current one.
    """
    if nonce is None:
        nonce = int(receivables.nonces(obligor.address))
    message = confirmation(domain_of(receivables), trade_id, face_value, maturity, nonce, deadline)
    return nonce, sign(obligor.private_key, message)


ZERO_ADDRESS = "0x" + "00" * 20

OFFER_FIELDS = [
    {"name": "financier", "type": "address"},
    {"name": "seller", "type": "address"},
    {"name": "currency", "type": "address"},
    {"name": "pieceId", "type": "uint256"},
    {"name": "amount", "type": "uint256"},
    {"name": "rateBps", "type": "uint256"},
    {"name": "feeBps", "type": "uint256"},
    {"name": "recourse", "type": "bool"},
    {"name": "expiry", "type": "uint256"},
    {"name": "nonce", "type": "uint256"},
]


@dataclass(frozen=True)
class OfferTerms:
    """A financier's offer, in the order of the contract's ``OfferTerms`` struct."""

    financier: str
    seller: str
    currency: str
    piece_id: int
    amount: int
    rate_bps: int
    fee_bps: int
    recourse: bool
    expiry: int
    nonce: int

    def as_tuple(self) -> tuple:
        return (self.financier, self.seller, self.currency, self.piece_id, self.amount, self.rate_bps, self.fee_bps,
                self.recourse, self.expiry, self.nonce)

    def as_message(self) -> dict:
        return {
            "financier": self.financier, "seller": self.seller, "currency": self.currency, "pieceId": self.piece_id,
            "amount": self.amount, "rateBps": self.rate_bps, "feeBps": self.fee_bps,
            "recourse": self.recourse, "expiry": self.expiry, "nonce": self.nonce,
        }


def offer(domain: Domain, terms: OfferTerms) -> dict:
    return typed_message(domain, "Offer", OFFER_FIELDS, terms.as_message())


def sign_offer(market: Any, financier: Any, currency: Any, piece_id: int, amount: int, rate_bps: int, expiry: int,
               recourse: bool = False, fee_bps: int | None = None, nonce: int | None = None,
               seller: Any = None) -> tuple[OfferTerms, bytes]:
    """Sign an offer as ``financier`` (a brownie LocalAccount) for ``market``.

    ``seller`` binds the offer to the one holder who may accept it; an offer with recourse
    prices that seller's credit and must name it (without recourse it defaults to any holder).
    Fee and nonce default to the market's current fee and the financier's current nonce.
    Returns the terms and the signature, ready for ``market.acceptSignedOffer(terms.as_tuple(), sig, min)``.
    """
    if recourse and seller is None:
        raise ValueError("an offer with recourse must name its seller")
    terms = OfferTerms(
        financier=financier.address,
        seller=ZERO_ADDRESS if seller is None else str(getattr(seller, "address", seller)),
        currency=str(currency),
        piece_id=int(piece_id),
        amount=int(amount),
        rate_bps=int(rate_bps),
        fee_bps=int(market.feeBps()) if fee_bps is None else int(fee_bps),
        recourse=bool(recourse),
        expiry=int(expiry),
        nonce=int(market.nonces(financier.address)) if nonce is None else int(nonce),
    )
    return terms, sign(financier.private_key, offer(domain_of(market), terms))
