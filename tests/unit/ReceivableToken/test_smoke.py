from helpers import refused


def test_root_issued(receivables, root, supplier1, face_value, outsider, alliance):
    assert receivables.ownerOf(root) == supplier1
    with refused("RecipientNotMember", alliance, outsider, views=(lambda: receivables.ownerOf(root),)):
        receivables.transferFrom(supplier1, outsider, root, {"from": supplier1})
    with refused("RecipientNotMember"):
        receivables.transferFrom(supplier1, outsider, root, {"from": supplier1})
