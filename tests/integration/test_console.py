"""The README's console walkthrough: one import, then a split in two more lines."""


def test_console_split_in_three_lines(operator, capsys):
    from scf.brownie.console import demo_receivable, receivables, registry, show, supplier1, supplier2, to_base  # noqa: E402

    root = demo_receivable(1_000_000)
    tx = receivables.splitOff(root, supplier2, to_base(400_000), {"from": supplier1})

    child = tx.return_value
    assert receivables.ownerOf(child) == supplier2
    assert receivables.pieceInfo(child)[0] == to_base(400_000)
    assert receivables.pieceInfo(root)[0] == to_base(600_000)
    assert receivables.pieceInfo(child)[2] == root  # parent

    # show() lists the root's live pieces (found from the token's logs, issue 12), and only this root's
    alliances = registry.allianceCount()
    other = demo_receivable(5)                      # the demo alliance is found again, not formed anew
    assert registry.allianceCount() == alliances
    capsys.readouterr()
    show(root)
    rows = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()[:1].isdigit()]
    assert [(int(r[0]), r[3], r[4]) for r in rows] == [(root, "supplier1", "600,000.00"),
                                                       (child, "supplier2", "400,000.00")]
    show(root, [child, other])
    rows = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()[:1].isdigit()]
    assert [int(r[0]) for r in rows] == [child]
