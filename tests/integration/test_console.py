"""The README's console walkthrough: one import, then a split in two more lines."""


def test_console_split_in_three_lines(operator):
    from scf.console import demo_receivable, receivables, supplier1, supplier2, to_base  # noqa: E402

    root = demo_receivable(1_000_000)
    tx = receivables.splitOff(root, supplier2, to_base(400_000), {"from": supplier1})

    child = tx.return_value
    assert receivables.ownerOf(child) == supplier2
    assert receivables.pieceInfo(child)[0] == to_base(400_000)
    assert receivables.pieceInfo(root)[0] == to_base(600_000)
    assert receivables.pieceInfo(child)[2] == root  # parent
