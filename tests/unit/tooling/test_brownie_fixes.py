"""scf.brownie.fixes: brownie must not call a transaction "dropped" while the node still knows it
(Anvil under CPU load counts a pending transaction in the sender's nonce, and shows a mined
transaction's state a moment before its receipt)."""

from web3.exceptions import TransactionNotFound

from scf.brownie.fixes import wait_until_receipt_or_unknown

TX = "0x" + "ab" * 32


class FakeEth:
    """A node whose answers for one transaction follow a script: pending, then mined, then receipt."""

    def __init__(self, known: list[bool], receipts: list[bool]) -> None:
        self.known, self.receipts = known, receipts
        self.receipt_calls = 0

    def get_transaction_receipt(self, txid: str) -> dict:
        visible = self.receipts[min(self.receipt_calls, len(self.receipts) - 1)]
        self.receipt_calls += 1
        if not visible:
            raise TransactionNotFound(txid)
        return {"blockHash": b"\x01" * 32}

    def get_transaction(self, txid: str) -> dict:
        known = self.known.pop(0) if len(self.known) > 1 else self.known[0]
        if not known:
            raise TransactionNotFound(txid)
        return {"hash": txid, "blockNumber": None}


def test_waits_while_the_transaction_is_pending_or_its_receipt_is_not_yet_visible():
    eth = FakeEth(known=[True], receipts=[False, False, False, True])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is True
    assert eth.receipt_calls == 4


def test_hands_back_a_transaction_the_node_no_longer_knows():
    eth = FakeEth(known=[True, False], receipts=[False])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is False


def test_a_visible_receipt_returns_at_once():
    eth = FakeEth(known=[False], receipts=[True])
    assert wait_until_receipt_or_unknown(eth, TX, poll=0) is True
    assert eth.receipt_calls == 1
