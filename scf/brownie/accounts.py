"""The named actors of ``scf.actors`` as brownie accounts, with gas money."""

from brownie import Wei, accounts

from scf.actors import CAST, address_of, private_key


def local_account(name: str):
    """The brownie LocalAccount for a named actor (added once per process)."""
    address = address_of(name)
    for account in accounts:
        if account.address == address:
            return account
    return accounts.add(private_key(name))


def fund(accounts_by_name: dict, funder, ether: str = "2 ether") -> None:
    """Give every actor gas money if it has less than that."""
    amount = Wei(ether)
    for account in accounts_by_name.values():
        if account.balance() < amount:
            funder.transfer(account, amount - account.balance(), silent=True)


def load_cast(funder=None) -> dict:
    """All actors as brownie accounts, funded with gas money by ``funder`` if given."""
    cast = {c.name: local_account(c.name) for c in CAST}
    if funder is not None:
        fund(cast, funder)
    return cast
