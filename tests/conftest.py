"""Shared fixtures: role-named actors, module-scoped deployments, an onboarded alliance.

Style of curve-dao-contracts / yearn-vaults: actors by role, contracts deployed once per module,
every test isolated by brownie's ``fn_isolation`` (snapshot before, revert after).
"""

import gc

import pytest
from brownie import chain
from brownie._config import CONFIG
from brownie.network.contract import ContractContainer

from scf.brownie import accounts as cast
from scf.brownie import fixes as brownie_fixes
from scf.brownie.deployment import deploy_platform
from scf.onboarding import audited_trade, form_alliance
from scf.roles import Role
from scf.units import DAY, to_base

brownie_fixes.install()  # never "dropped" while the node knows it; chain id asked once; no Anvil leftovers on disk
brownie_fixes.drop_undo_snapshots()  # no test undoes a transaction: no evm_snapshot after each one (see the module)


def _keep_contracts_deployed_before(self, height: int) -> None:
    """brownie's ContractContainer._revert, without asking the node for the code of every
    contract whose deployment block is known to be at or below ``height`` (one eth_getCode per
    contract per revert, i.e. per test: a tenth of a unit test's time). A revert to a later
    height cannot remove such a contract; contracts of unknown origin are still checked."""
    from brownie import web3

    def reverted(contract) -> bool:
        block = contract.tx.block_number if contract.tx else None
        if block is not None:
            return block > height
        return len(web3.eth.get_code(contract.address).hex().removeprefix("0x")) <= 2

    for contract in [c for c in self._contracts if reverted(c)]:
        self.remove(contract)
        contract._reverted = True


ContractContainer._revert = _keep_contracts_deployed_before


@pytest.fixture(scope="session", autouse=True)
def frozen_heap():
    """brownie runs a full ``gc.collect()`` on every snapshot revert (each test's fn_isolation):
    over a heap holding the whole project's build data that cost about 0.5 s a test, a third
    of the plain suite's time. What is loaded before the first test lives for the whole session,
    so it is moved out of the collector's sight (``gc.freeze``); collections then only scan what
    the tests create, with the same result."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


# The longest test files, longest first, as measured at CI settings (only the order matters).
LONGEST_FIRST = (
    "tests/stateful/test_adversarial.py",
    "tests/stateful/test_closed_loop_invariants.py",
    "tests/stateful/test_platform_invariants.py",
    "tests/stateful/test_receivable_circulation.py",
    "tests/stateful/test_pool_waterfall.py",
    "tests/stateful/test_market_settlement.py",
)


def _longest_first(scope: str) -> int:
    return LONGEST_FIRST.index(scope) if scope in LONGEST_FIRST else len(LONGEST_FIRST)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """brownie hands whole files to the xdist workers (LoadFileScheduling), which queues the files
    with the most tests first: the six state machines (one test each, most of the wall time)
    came last, and three of them ran one after another on one worker while the other idled
    (677 s against 380 s). Here the longest files are handed out first (LONGEST_FIRST), the rest
    in xdist's order after them, so the other worker fills up with the short files meanwhile."""
    from xdist.scheduler import LoadFileScheduling

    class LongestFileFirst(LoadFileScheduling):
        def _assign_work_unit(self, node):
            for scope in sorted(self.workqueue, key=_longest_first):  # stable: the rest keep their order
                self.workqueue.move_to_end(scope)
            super()._assign_work_unit(node)

    return LongestFileFirst(config, log)


@pytest.fixture(autouse=True)
def isolation(fn_isolation):
    pass


class _Base:
    """The platform deployed once per session (per xdist worker) and a snapshot of the chain
    just after: a module that uses ``platform`` starts from that snapshot instead of a reset
    chain and a fresh deployment (the deployment was a third of a unit module's time)."""

    snapshot = None   # backend snapshot id, None when no deployment is live on the chain
    platform = None


def _uses_platform(request) -> bool:
    path = request.node.path
    return any("platform" in item.fixturenames for item in request.session.items if item.path == path)


def _start_module(use_platform: bool) -> None:
    """What brownie's module_isolation does (chain.reset()), except that a module using the
    shared platform goes back to the snapshot taken just after its deployment."""
    if use_platform and _Base.snapshot is not None:
        with chain._undo_lock:
            chain._snapshot_id = None
            chain._undo_buffer.clear()
            chain._redo_buffer.clear()
            _Base.snapshot = chain._current_id = chain._revert(_Base.snapshot)
        return
    _Base.snapshot = None      # a reset drops every later snapshot
    chain.reset()


@pytest.fixture(scope="module")
def module_isolation(request):
    """Replaces brownie's fixture of that name (fn_isolation builds on it): every module starts
    from a known chain and leaves nothing behind."""
    use_platform = _uses_platform(request)
    _start_module(use_platform)
    yield
    if not CONFIG.argv["interrupt"]:
        _start_module(use_platform)


# ---------------------------------------------------------------- actors


@pytest.fixture(scope="session")
def operator(accounts):
    """The platform operator: deploys, certifies, never finances (brownie's first account)."""
    return accounts[0]


@pytest.fixture(scope="session")
def actors():
    """Every named actor as a local account (with a private key, for EIP-712 signatures)."""
    return cast.load_cast()


@pytest.fixture(scope="session")
def core(actors):
    return actors["core"]


@pytest.fixture(scope="session")
def core2(actors):
    return actors["core2"]


@pytest.fixture(scope="session")
def supplier1(actors):
    return actors["supplier1"]


@pytest.fixture(scope="session")
def supplier2(actors):
    return actors["supplier2"]


@pytest.fixture(scope="session")
def supplier3(actors):
    return actors["supplier3"]


@pytest.fixture(scope="session")
def bank_a(actors):
    return actors["bank_a"]


@pytest.fixture(scope="session")
def bank_b(actors):
    return actors["bank_b"]


@pytest.fixture(scope="session")
def auditor(actors):
    return actors["auditor"]


@pytest.fixture(scope="session")
def logistics(actors):
    return actors["logistics"]


@pytest.fixture(scope="session")
def investor(actors):
    return actors["investor"]


@pytest.fixture(scope="session")
def distributor(actors):
    return actors["distributor"]


@pytest.fixture(scope="session")
def outsider(actors):
    """Certified as a supplier but never invited to the alliance."""
    return actors["outsider"]


@pytest.fixture(scope="session")
def rando(accounts):
    """An account nobody registered."""
    return accounts[9]


# ---------------------------------------------------------------- contracts


@pytest.fixture(scope="module")
def extra_grants():
    """Contract roles wired at deployment, before the seal, besides the platform's own:
    (Platform attribute, role name, stand-in contract). A module overrides it to wire stand-ins."""
    return ()


@pytest.fixture(scope="module")
def platform(operator, actors, extra_grants):
    """Every platform contract, deployed and wired, the actors funded: deployed once per session
    (module_isolation returns each module that uses it to the snapshot taken here). A module that
    wires stand-ins of its own (``extra_grants``) gets a platform of its own, deployed on top of
    that snapshot (the shared one is sealed) and gone when the module ends."""
    grants = tuple(extra_grants)
    if grants:
        cast.fund(actors, operator)
        deployed, _ = deploy_platform(operator, extra_grants=grants)
        return deployed
    if _Base.snapshot is None:
        cast.fund(actors, operator)
        _Base.platform, _ = deploy_platform(operator)
        _Base.snapshot = chain._take_snapshot()
        gc.collect()
        gc.freeze()  # the deployment lives for the session too (see frozen_heap)
    return _Base.platform


@pytest.fixture(scope="module")
def registry(platform):
    return platform.registry


@pytest.fixture(scope="module")
def trades(platform):
    return platform.trades


@pytest.fixture(scope="module")
def receivables(platform):
    return platform.receivables


@pytest.fixture(scope="module")
def cash(platform):
    return platform.cash


@pytest.fixture(scope="module")
def market(platform):
    return platform.market


@pytest.fixture(scope="module")
def settlement(platform):
    return platform.settlement


@pytest.fixture(scope="module")
def escrow(platform):
    return platform.escrow


@pytest.fixture(scope="module")
def receipts(platform):
    return platform.receipts


@pytest.fixture(scope="module")
def pledges(platform):
    return platform.pledges


@pytest.fixture(scope="module")
def advances(platform):
    return platform.advances


# ---------------------------------------------------------------- onboarded world


@pytest.fixture(scope="module")
def members(supplier1, supplier2, supplier3, bank_a, bank_b, auditor, logistics, investor, distributor):
    return [
        (supplier1, Role.SUPPLIER, "tier-1 supplier"),
        (supplier2, Role.SUPPLIER, "tier-2 supplier"),
        (supplier3, Role.SUPPLIER, "tier-3 micro-firm"),
        (bank_a, Role.FINANCIER, "bank A"),
        (bank_b, Role.FINANCIER, "bank B"),
        (auditor, Role.AUDITOR, "auditor"),
        (logistics, Role.LOGISTICS, "logistics"),
        (investor, Role.INVESTOR, "investor"),
        (distributor, Role.DISTRIBUTOR, "distributor"),
    ]


@pytest.fixture(scope="module")
def alliance(registry, operator, core, members, outsider):
    """A started alliance led by ``core`` with every role; ``outsider`` certified, not a member."""
    alliance_id = form_alliance(registry, operator, core, members, "Core Electronics supply chain")
    registry.register(b"\x01" * 32, int(Role.SUPPLIER), "outsider", {"from": outsider})
    registry.certify(outsider, int(Role.SUPPLIER), {"from": operator})
    return alliance_id


@pytest.fixture(scope="module")
def face_value():
    return to_base(1_000_000)


@pytest.fixture(scope="module")
def maturity():
    return chain.time() + 120 * DAY


@pytest.fixture(scope="module")
def trade(trades, alliance, supplier1, core, auditor, cash, face_value):
    """A verified trade: supplier1 sold goods to core."""
    return audited_trade(trades, alliance, supplier1, core, auditor, cash, face_value, "INV-0001")


@pytest.fixture(scope="module")
def root(receivables, trade, core, face_value, maturity):
    """A 1,000,000 receivable confirmed by core, held by supplier1, due in 120 days."""
    tx = receivables.confirm(trade, face_value, maturity, {"from": core})
    return tx.events["ReceivableIssued"]["rootId"]


# ---------------------------------------------------------------- securitization (additive)


@pytest.fixture(scope="module")
def securitization(platform):
    """The SecuritizationPool contract (one contract, many pools)."""
    return platform.securitization


@pytest.fixture(scope="module")
def investor2(operator):
    """A second investor (local test key), with gas money; not a member of anything yet."""
    account = cast.local_account("investor2")
    cast.fund({"investor2": account}, operator)
    return account


@pytest.fixture(scope="module")
def investors(registry, operator, alliance, core, investor, investor2, cash, securitization):
    """``investor`` and ``investor2``: active investors of ``alliance`` holding 10,000,000 cash each,
    the pool contract approved."""
    from scf.onboarding import certify

    certify(registry, operator, investor2, Role.INVESTOR, "investor 2")
    registry.invite(alliance, investor2, int(Role.INVESTOR), {"from": core})
    registry.acceptInvitation(alliance, {"from": investor2})
    for account in (investor, investor2):
        cash.mint(account, to_base(10_000_000), {"from": operator})
        cash.approve(securitization, 2**256 - 1, {"from": account})
    return investor, investor2


@pytest.fixture(scope="module")
def make_root(trades, receivables, alliance, supplier1, core, auditor, cash):
    """Factory: a root confirmed by ``core`` (``units`` whole units, due in ``days``), sold by
    supplier1 and passed whole to ``holder`` (default: supplier1 keeps it)."""
    counter = iter(range(1, 10**9))

    def make(units=1_000_000, days=90, holder=None, currency=None):
        trade_id = audited_trade(trades, alliance, supplier1, core, auditor, currency or cash, to_base(units),
                                 f"POOL-{next(counter)}")
        tx = receivables.confirm(trade_id, to_base(units), chain.time() + days * DAY, {"from": core})
        root_id = tx.events["ReceivableIssued"]["rootId"]
        if holder is not None and holder != supplier1:
            receivables.transferFrom(supplier1, holder, root_id, {"from": supplier1})
        return root_id

    return make


@pytest.fixture(scope="module")
def pool_terms(cash, alliance):
    """Factory: ISecuritizationPool.PoolTerms as a tuple; defaults: any obligor, no cap, maturities
    within 1-200 days, 10 pieces, 10,000,000 in total, 5% senior coupon, senior at most 80%."""
    from scf.securitization import PoolTerms

    def terms(**overrides):
        now = chain.time()
        t = PoolTerms(cash, alliance, now + DAY, now + 200 * DAY, 10, to_base(10_000_000), 10_000, 500, 8_000, ())
        for key, value in overrides.items():
            setattr(t, key, value)
        return t.as_tuple()

    return terms


@pytest.fixture(scope="module")
def make_pool(securitization, pool_terms, make_root, bank_a, cash):
    """Factory: a Building pool of ``bank_a`` holding fresh roots of the given values (whole units)."""

    def make(values=(1_000_000, 600_000, 400_000), days=90, **overrides):
        tx = securitization.createPool(pool_terms(**overrides), {"from": bank_a})
        pool_id = tx.events["PoolCreated"]["poolId"]
        pieces = [make_root(v, days + i, holder=bank_a) for i, v in enumerate(values)]
        for piece in pieces:
            securitization.addPiece(pool_id, piece, {"from": bank_a})
        return pool_id, pieces

    return make


@pytest.fixture(scope="module")
def active_pool(securitization, make_pool, investors):
    """An Active pool: three pieces (1,000,000 / 600,000 / 400,000, due in 90-92 days), target
    1,900,000 = senior 1,600,000 (investor) + junior 300,000 (investor2), closed.
    Returns (pool id, pieces, senior token, junior token)."""
    from scf.brownie.securitization import tranche_token

    senior_investor, junior_investor = investors
    pool_id, pieces = make_pool()
    originator = securitization.poolInfo(pool_id)[0]
    tx = securitization.openOffering(pool_id, to_base(1_900_000), chain.time() + 7 * DAY, {"from": originator})
    ev = tx.events["OfferingOpened"]
    securitization.subscribe(pool_id, True, ev["seniorCapacity"], {"from": senior_investor})
    securitization.subscribe(pool_id, False, ev["juniorCapacity"], {"from": junior_investor})
    securitization.close(pool_id, {"from": originator})
    return pool_id, pieces, tranche_token(ev["seniorToken"]), tranche_token(ev["juniorToken"])
