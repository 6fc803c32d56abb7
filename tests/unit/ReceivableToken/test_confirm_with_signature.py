"""confirmWithSignature: the obligor signs off-chain (EIP-712, in Python), the supplier submits.

The signature is bound to this contract, this chain and the obligor's current nonce.
"""

from dataclasses import replace

import pytest
from brownie import chain
from eth_abi import encode
from eth_utils import keccak
from helpers import refused

from scf.eip712 import confirmation, domain_of, recover, sign, sign_confirmation
from scf.enums import TradeStatus
from scf.units import DAY, to_base


@pytest.fixture
def deadline():
    return chain.time() + DAY


@pytest.fixture
def signed_views(receivables, trades, trade, core, supplier1, ledger):
    return ledger.views(1, roots=(1,), holders=(supplier1,)) + (
        lambda: tuple(trades.tradeInfo(trade)),
        lambda: receivables.nonces(core),
    )


def test_domain_is_this_contract_on_this_chain(receivables):
    domain = domain_of(receivables)
    assert (domain.name, domain.version) == ("scf-chain ReceivableToken", "1")
    assert domain.chain_id == chain.id
    assert domain.verifying_contract == receivables.address
    assert receivables.CONFIRMATION_TYPEHASH() == "0x" + keccak(
        text="Confirmation(uint256 tradeId,uint256 faceValue,uint256 maturity,uint256 nonce,uint256 deadline)").hex()
    domain_type = keccak(text="EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    expected = keccak(encode(
        ["bytes32", "bytes32", "bytes32", "uint256", "address"],
        [domain_type, keccak(text=domain.name), keccak(text=domain.version), chain.id, receivables.address],
    ))
    assert receivables.domainSeparator() == "0x" + expected.hex()


def test_supplier_submits_obligor_signature(receivables, trades, trade, alliance, core, supplier1, face_value,
                                            maturity, deadline, ledger):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    assert nonce == 0

    tx = receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})

    root = tx.events["ReceivableIssued"]["rootId"]
    assert tx.events["ReceivableIssued"]["obligor"] == core
    assert receivables.ownerOf(root) == supplier1
    assert receivables.rootState(root) == (maturity, alliance, False, trade, face_value)
    assert receivables.rootInfo(root)["obligor"] == core
    assert trades.tradeInfo(trade)["status"] == TradeStatus.CONFIRMED
    assert receivables.nonces(core) == 1
    assert receivables.nonces(supplier1) == 0
    ledger.assert_conserved(root, face_value)


def test_anyone_may_submit(receivables, trade, core, supplier1, rando, face_value, maturity, deadline):
    """The signature is the authorisation: the submitter does not matter; the root goes to the seller."""
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    tx = receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": rando})
    assert receivables.ownerOf(tx.events["ReceivableIssued"]["rootId"]) == supplier1


def test_deadline_is_inclusive(receivables, trade, core, supplier1, face_value, maturity, next_block_at):
    now = next_block_at()
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, now)
    tx = receivables.confirmWithSignature(trade, face_value, maturity, nonce, now, signature, {"from": supplier1})
    assert "ReceivableIssued" in tx.events


# ---------------------------------------------------------------- refusals


def test_expired_signature(receivables, trade, core, supplier1, face_value, maturity, signed_views, next_block_at):
    now = next_block_at()
    deadline = now - 1
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    with refused("SignatureExpired", deadline, now, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})


@pytest.mark.parametrize("signer", ["supplier1", "core2", "bank_a"])
def test_wrong_signer(receivables, trade, core, supplier1, face_value, maturity, deadline, signed_views, actors,
                      signer):
    impostor = actors[signer]
    nonce, signature = sign_confirmation(receivables, impostor, trade, face_value, maturity, deadline, nonce=0)
    with refused("InvalidSigner", impostor, core, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})


def test_replay_is_refused(receivables, trades, trade, core, supplier1, face_value, maturity, deadline, ledger):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    args = (trade, face_value, maturity, nonce, deadline, signature)
    tx = receivables.confirmWithSignature(*args, {"from": supplier1})
    root = tx.events["ReceivableIssued"]["rootId"]

    views = ledger.views(root, root + 1, roots=(root,), holders=(supplier1,)) + (
        lambda: tuple(trades.tradeInfo(trade)), lambda: receivables.nonces(core))
    # the nonce is checked first (before the registries are called): a used signature is stale
    with refused("InvalidConfirmationNonce", core, nonce, nonce + 1, views=views):
        receivables.confirmWithSignature(*args, {"from": supplier1})


def test_used_nonce_is_stale_for_another_trade(receivables, trade, other_trade, core, supplier1, supplier2,
                                               face_value, maturity, deadline, ledger, trades):
    """Two signatures made with the same nonce: once one is used, the other is dead."""
    first = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    second = sign_confirmation(receivables, core, other_trade, to_base(500_000), maturity, deadline)
    assert first[0] == second[0] == 0
    receivables.confirmWithSignature(trade, face_value, maturity, first[0], deadline, first[1], {"from": supplier1})

    views = ledger.views(2, holders=(supplier2,)) + (
        lambda: tuple(trades.tradeInfo(other_trade)), lambda: receivables.nonces(core))
    with refused("InvalidConfirmationNonce", core, 0, 1, views=views):
        receivables.confirmWithSignature(other_trade, to_base(500_000), maturity, second[0], deadline, second[1],
                                         {"from": supplier2})


def test_cancelled_signatures_are_dead(receivables, trade, core, supplier1, face_value, maturity, deadline,
                                       signed_views):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    tx = receivables.cancelSignedConfirmations(nonce, {"from": core})
    assert tx.events["SignedConfirmationsCancelled"] == {"obligor": core, "throughNonce": nonce}
    assert receivables.nonces(core) == nonce + 1
    with refused("InvalidConfirmationNonce", core, nonce, nonce + 1, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})


def test_regression_cancel_does_not_activate_the_next_signature(receivables, trade, other_trade, core, supplier1,
                                                                 supplier2, face_value, maturity, deadline,
                                                                 signed_views, trades):
    """issue 10 item 8: with two outstanding signed confirmations (nonces n and n+1), cancelling
    used up one nonce and so made the n+1 signature valid. Cancelling through n+1 kills both."""
    first = sign_confirmation(receivables, core, trade, face_value, maturity, deadline, nonce=0)
    second = sign_confirmation(receivables, core, other_trade, to_base(500_000), maturity, deadline, nonce=1)
    receivables.cancelSignedConfirmations(1, {"from": core})
    assert receivables.nonces(core) == 2
    views = signed_views + (lambda: tuple(trades.tradeInfo(other_trade)), lambda: receivables.balanceOf(supplier2))
    with refused("InvalidConfirmationNonce", core, 1, 2, views=views):
        receivables.confirmWithSignature(other_trade, to_base(500_000), maturity, second[0], deadline, second[1],
                                         {"from": supplier2})
    with refused("InvalidConfirmationNonce", core, 0, 2, views=views):
        receivables.confirmWithSignature(trade, face_value, maturity, first[0], deadline, first[1],
                                         {"from": supplier1})


def test_cancel_keeps_higher_nonces_in_order(receivables, trade, core, supplier1, face_value, maturity, deadline):
    """Cancelling through n leaves a signature made with n+1 usable (it is the next nonce)."""
    receivables.cancelSignedConfirmations(0, {"from": core})
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline, nonce=1)
    receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})
    assert receivables.nonces(core) == 2


def test_cancel_of_nothing_is_refused(receivables, trade, core, supplier1, face_value, maturity, deadline):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})
    with refused("NothingToCancel", core, 0, 1, views=(lambda: receivables.nonces(core),)):
        receivables.cancelSignedConfirmations(0, {"from": core})


def test_signature_after_cancel_works(receivables, trade, core, supplier1, face_value, maturity, deadline):
    receivables.cancelSignedConfirmations(0, {"from": core})
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    assert nonce == 1
    receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})
    assert receivables.nonces(core) == 2


def test_future_nonce_is_refused(receivables, trade, core, supplier1, face_value, maturity, deadline, signed_views):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline, nonce=3)
    with refused("InvalidConfirmationNonce", core, 3, 0, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, nonce, deadline, signature, {"from": supplier1})


def _forged(receivables, core, domain, trade, face_value, maturity, deadline):
    """Sign with ``domain``; return the signature and the signer the real contract recovers."""
    signature = sign(core.private_key, confirmation(domain, trade, face_value, maturity, 0, deadline))
    real = confirmation(domain_of(receivables), trade, face_value, maturity, 0, deadline)
    return signature, recover(real, signature)


def test_signature_for_another_chain(receivables, trade, core, supplier1, face_value, maturity, deadline,
                                     signed_views):
    domain = replace(domain_of(receivables), chain_id=chain.id + 1)
    signature, recovered = _forged(receivables, core, domain, trade, face_value, maturity, deadline)
    assert recovered != core.address
    with refused("InvalidSigner", recovered, core, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, 0, deadline, signature, {"from": supplier1})


def test_signature_for_another_contract(receivables, trades, trade, core, supplier1, face_value, maturity,
                                        deadline, signed_views):
    domain = replace(domain_of(receivables), verifying_contract=trades.address)
    signature, recovered = _forged(receivables, core, domain, trade, face_value, maturity, deadline)
    assert recovered != core.address
    with refused("InvalidSigner", recovered, core, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, 0, deadline, signature, {"from": supplier1})


@pytest.mark.parametrize("field", ["faceValue", "maturity", "deadline"])
def test_tampered_terms(receivables, trade, core, supplier1, face_value, maturity, deadline, signed_views, field):
    nonce, signature = sign_confirmation(receivables, core, trade, face_value, maturity, deadline)
    terms = {"faceValue": face_value, "maturity": maturity, "deadline": deadline}
    terms[field] -= 1
    real = confirmation(domain_of(receivables), trade, terms["faceValue"], terms["maturity"], nonce, terms["deadline"])
    recovered = recover(real, signature)
    assert recovered != core.address
    with refused("InvalidSigner", recovered, core, views=signed_views):
        receivables.confirmWithSignature(trade, terms["faceValue"], terms["maturity"], nonce, terms["deadline"],
                                         signature, {"from": supplier1})


def test_signed_terms_are_still_checked(receivables, trade, core, supplier1, face_value, maturity, deadline,
                                        signed_views):
    """A genuine signature does not lift the trade rules: the face value is capped by the trade."""
    nonce, signature = sign_confirmation(receivables, core, trade, face_value + 1, maturity, deadline)
    with refused("FaceValueExceedsTrade", face_value + 1, face_value, views=signed_views):
        receivables.confirmWithSignature(trade, face_value + 1, maturity, nonce, deadline, signature,
                                         {"from": supplier1})


def test_malformed_signature(receivables, trade, core, supplier1, face_value, maturity, deadline, signed_views):
    with refused("ECDSAInvalidSignatureLength", 64, views=signed_views):
        receivables.confirmWithSignature(trade, face_value, maturity, 0, deadline, b"\x01" * 64, {"from": supplier1})
