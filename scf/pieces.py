"""Reading receivable pieces back from the token."""


def live_pieces(receivables, root_id: int) -> list[int]:
    """Ids of a root's pieces that are still live (burned pieces read back with value 0).

    Scans token ids from the root up: fine for scripts, the console and tests; the indexer is the
    tool for large chains."""
    pieces = []
    for piece_id in range(root_id, receivables.lastPieceId() + 1):
        value, rid, *_ = receivables.pieceInfo(piece_id)
        if rid == root_id and value > 0:
            pieces.append(piece_id)
    return pieces
