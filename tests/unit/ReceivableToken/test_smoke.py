def test_root_issued(receivables, root, supplier1, face_value):
    assert receivables.ownerOf(root) == supplier1
    assert receivables.pieceInfo(root)[0] == face_value
