"""``python -m scf``: operator commands (index, reports, pictures, deploy, live scenario).

Every command has ``--help``. Reports read the SQLite index (``data/<chain id>.sqlite``);
pass ``--sync`` to bring it up to date first. Nothing here needs brownie.
"""

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from web3 import Web3
from web3.exceptions import Web3Exception

from scf import __version__, abis, api
from scf import manifest as manifest_mod
from scf.errors import DataError, ScfError
from scf.indexer import IndexerConfig, ProgressPrinter, Store, SyncReport, default_path, index_chain, reset_index
from scf.live.deployer import DeployResult, deploy, genesis_hash
from scf.live.keeper import Keeper, plan_from_index
from scf.live.runlog import RUNS_DIR, RunLog, run_log_path
from scf.live.sender import DryRunSender, TxRecord, TxSender, TxSettings
from scf.live.signers import Signer, actor_signers, operator_signer
from scf.live.story import STORY_ACTORS, fund_gas, run_live_story
from scf.reporting import export
from scf.reporting.activity import PERIOD_HELP, parse_period
from scf.reporting.model import PlatformState
from scf.tables import Narrator, table

EXAMPLES = """examples:
  scf index --rpc http://127.0.0.1:8545          index the platform's events into data/<chain id>.sqlite
  scf tree 1 --chain-id 31337                    root #1's credit-penetration tree (text and pictures)
  scf portfolio bank_a --chain-id 31337          a holder's pieces, by demo handle, name or address
  scf totals --sync --rpc http://127.0.0.1:8545  index new blocks, then the platform totals
  scf pools --chain-id 31337 --format csv        securitization pools and investor subscriptions
  scf closed-loop --chain-id 31337               orders, warehouse receipts, pledge loans, advance payments
  scf pool-performance --period quarter --chain-id 31337   collections, losses, distributions per quarter
  scf keeper --rpc URL                           settle everything due: mark overdue/defaulted, claimMany,
                                                 pool collectMany, distribute (key in $SCF_OPERATOR_KEY)
  scf keeper --dry-run --rpc URL                 what the keeper would send, with gas estimates
  scf index --follow 15 --rpc URL                keep indexing; timestamped log lines (-vv: every batch)
  scf deploy --rpc https://node.example:8545     deploy (operator key in $SCF_OPERATOR_KEY); a line per
                                                 transaction, run log in data/runs/
  scf deploy --dry-run --rpc URL                 the plan and its gas estimate, nothing sent
  scf deploy --currency 0xA0b8... --rpc URL      allow-list an existing ERC-20 for trades (repeatable);
                                                 demo cash only on local chains or with --demo-cash
  scf -v deploy --rpc URL                        also log every step with a UTC timestamp (-vv: debug)

A mistake in what you typed, a missing key or file, or a node that does not answer is reported
on one line (exit status 2); SCF_DEBUG=1 shows the traceback. Anything else is a bug.
"""

DEFAULT_DEPTH = int(os.environ.get("SCF_FINALITY_DEPTH", "12"))
log = logging.getLogger("scf.cli")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (not the stream of the moment
    the handler was made), like logging's own last-resort handler."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(verbose: int, long_running: bool = False) -> None:
    """Configure ``logging`` once: timestamped (UTC) lines on stderr. WARNING by default (INFO for
    a long-running command, ``index --follow``), INFO with -v, DEBUG (every batch) with -vv."""
    level = logging.DEBUG if verbose >= 2 else logging.INFO if verbose or long_running else logging.WARNING
    handler = _StderrHandler()
    formatter = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root = logging.getLogger("scf")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


# ---------------------------------------------------------------- shared options


def _rpc_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rpc", metavar="URL", default=None,
                   help="JSON-RPC URL of the node (default: $SCF_RPC_URL or http://127.0.0.1:8545)")
    p.add_argument("--deployments", metavar="DIR", type=Path, default=manifest_mod.DEPLOYMENTS_DIR,
                   help="where the manifests <chain id>.json are (default: deployments/)")


def _sync_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", type=Path, help="SQLite index (default: data/<chain id>.sqlite)")
    p.add_argument("--finality-depth", type=int, default=DEFAULT_DEPTH, metavar="N",
                   help=f"blocks below the head that may still reorganise (default {DEFAULT_DEPTH}, "
                        "$SCF_FINALITY_DEPTH; 0 for instant-finality BFT chains)")
    p.add_argument("--batch-blocks", type=int, default=5_000, metavar="N",
                   help="blocks per eth_getLogs query, at most (halved when the node refuses; default 5000)")
    p.add_argument("--reset", action="store_true", help="rebuild the index from the deployment block")
    p.add_argument("--force", action="store_true",
                   help="with --reset: wipe the index even if it indexes another chain (chain id, genesis hash)")
    p.add_argument("--quiet", action="store_true", help="no progress output")


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=export.FORMATS, default="text",
                   help="text (default), csv or json: amounts as integers in base units, ISO dates")
    _rpc_options(p)
    _sync_options(p)
    p.add_argument("--chain-id", type=int, help="read data/<chain id>.sqlite without asking a node")
    p.add_argument("--sync", action="store_true", help="index new blocks first")
    p.add_argument("--final-only", action="store_true", help="only blocks that were final at the last sync")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="count days from this date (default: last indexed block)")


def _tx_options(p: argparse.ArgumentParser) -> None:
    _rpc_options(p)
    keys = p.add_mutually_exclusive_group()
    keys.add_argument("--key-env", default="SCF_OPERATOR_KEY", metavar="VAR",
                      help="environment variable holding the operator's private key (default SCF_OPERATOR_KEY)")
    keys.add_argument("--keystore", metavar="ID",
                      help="brownie keystore account ~/.brownie/accounts/<ID>.json "
                           "(password: $SCF_KEYSTORE_PASSWORD or a prompt)")
    p.add_argument("--confirmations", type=int, default=1, metavar="N",
                   help="blocks to wait for on each transaction, its own included (default 1)")
    p.add_argument("--priority-fee", type=float, metavar="GWEI", help="EIP-1559 tip (default: the node's suggestion)")
    p.add_argument("--max-fee", type=float, metavar="GWEI", help="cap on maxFeePerGas / gasPrice")
    p.add_argument("--legacy", action="store_true", help="legacy gasPrice transactions (chains without EIP-1559)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="how long to wait for each transaction (default 300)")
    p.add_argument("--force", action="store_true",
                   help="use the node even if the manifest was made on another chain with the same id "
                        "(another genesis hash); the old manifest is kept as <chain id>.<genesis>.json")
    p.add_argument("--runs", metavar="DIR", type=Path, default=RUNS_DIR,
                   help="where the JSON run log <chain id>-<UTC time>.jsonl goes (default data/runs/)")


def _deploy_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--demo-cash", action=argparse.BooleanOptionalAction, default=None,
                   help="deploy and allow-list SettlementToken, demo cash the operator can mint (default: only on "
                        "local chains, ids 1337 and 31337)")
    p.add_argument("--currency", action="append", default=[], metavar="ADDR",
                   help="an existing ERC-20 to allow-list for trades (repeat for several)")


def _formats(text: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in text.split(",") if f.strip())


def _period(text: str) -> str:
    try:
        return parse_period(text)
    except ValueError as exc:                 # argparse shows only an ArgumentTypeError's own words
        raise argparse.ArgumentTypeError(str(exc)) from None


def _as_of(text: str | None) -> int | None:
    if not text:
        return None
    return int(datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())


# ---------------------------------------------------------------- helpers


def _manifest_for(w3: Web3, directory: Path) -> manifest_mod.Manifest:
    man = manifest_mod.load(w3.eth.chain_id, directory)
    if man is None:
        raise DataError(f"no manifest {manifest_mod.path_for(w3.eth.chain_id, directory)}: "
                                "run `python -m scf deploy` first")
    return man


def _sync(args: argparse.Namespace, w3: Web3) -> SyncReport:
    db = Path(args.db or default_path(w3.eth.chain_id))
    if args.reset:
        reset_index(w3, db, force=args.force)
    config = IndexerConfig(finality_depth=args.finality_depth, batch_blocks=args.batch_blocks)
    return index_chain(w3, db, _manifest_for(w3, args.deployments), config, None if args.quiet else ProgressPrinter())


def _describe_sync(report: SyncReport, db: Path) -> str:
    rolled = (f"; rolled back {report.rolled_back_blocks} blocks ({report.dropped_events} events) "
              "after a reorganisation" if report.rolled_back_blocks else "")
    if report.last_block < report.first_block:
        return f"index {db} is up to date at block {report.first_block - 1:,}{rolled}"
    return (f"indexed blocks {report.first_block:,}..{report.last_block:,}: {report.events:,} events in "
            f"{report.seconds:.2f}s ({report.events_per_second:,.0f} events/s) into {db}{rolled}")


def _state(args: argparse.Namespace) -> PlatformState:
    db = args.db
    if args.sync or (db is None and args.chain_id is None):
        w3 = api.connect(args.rpc)
        db = db or default_path(w3.eth.chain_id)
        if args.sync:
            print(_describe_sync(_sync(args, w3), db), file=sys.stderr)
    elif db is None:
        db = default_path(args.chain_id)
    args.index_db = Path(db)
    return api.load_state(db, final_only=args.final_only, as_of=_as_of(args.as_of))


def _pictures_dir(args: argparse.Namespace) -> Path:
    """``--out``, else data/pictures/<chain id> of the index read (pictures of two chains never
    overwrite each other)."""
    if args.out is not None:
        return args.out
    chain_id = args.chain_id
    if chain_id is None and getattr(args, "index_db", None) is not None:
        with Store(args.index_db) as store:
            chain_id = (store.identity or {}).get("chain_id")
    return api.PICTURES_DIR / str(chain_id if chain_id is not None else "unknown-chain")


# ---------------------------------------------------------------- commands


def cmd_export_abi(args: argparse.Namespace) -> None:
    if args.check:
        stale = abis.stale_abis(args.build, args.out)
        if stale:
            raise SystemExit(f"out of date in {args.out}: {', '.join(stale)} (run `python -m scf export-abi`)")
        print(f"{args.out}: up to date with {args.build}")
        return
    for path in abis.export_abis(args.build, args.out):
        print(f"wrote {path}")


def cmd_index(args: argparse.Namespace) -> None:
    w3 = api.connect(args.rpc)
    db = args.db or default_path(w3.eth.chain_id)
    while True:
        described = _describe_sync(_sync(args, w3), db)
        if not args.follow:
            print(described)
            return
        log.info(described)                  # a long-running follower: timestamped log lines
        args.reset = False
        time.sleep(args.follow)


def _show(args: argparse.Namespace, report: object, name: str, text: Callable[[], str]) -> None:
    """Print ``report`` in the format asked for (``--format``)."""
    if args.format == "json":
        print(export.render_json(report, name))
    elif args.format == "csv":
        print(export.render_csv(report), end="")
    else:
        print(text())


def cmd_tree(args: argparse.Namespace) -> None:
    state = _state(args)
    tree = api.credit_tree(state, args.root)
    _show(args, tree, "tree", tree.text)
    if args.pictures:
        written = api.render_tree(tree, _pictures_dir(args), _formats(args.pictures))
        where = sys.stdout if args.format == "text" else sys.stderr     # keep csv/json output clean
        print(file=where)
        for fmt, path in written.items():
            print(f"{fmt:>4}: {path}", file=where)


def cmd_portfolio(args: argparse.Namespace) -> None:
    report = api.portfolio(_state(args), args.holder)
    _show(args, report, "portfolio", report.text)


def cmd_aging(args: argparse.Namespace) -> None:
    report = api.aging(_state(args))
    _show(args, report, "aging", lambda: report.text(detail=args.detail))


def cmd_costs(args: argparse.Namespace) -> None:
    report = api.costs(_state(args))
    _show(args, report, "costs", lambda: report.text(deals=args.deals))


def cmd_totals(args: argparse.Namespace) -> None:
    report = api.totals(_state(args))
    _show(args, report, "totals", report.text)


def cmd_pools(args: argparse.Namespace) -> None:
    report = api.pools(_state(args))
    _show(args, report, "pools", report.text)


def cmd_pool_performance(args: argparse.Namespace) -> None:
    report = api.pool_performance(_state(args), args.period)
    _show(args, report, "pool-performance", report.text)


def cmd_closed_loop(args: argparse.Namespace) -> None:
    report = api.closed_loop(_state(args))
    _show(args, report, "closed-loop", report.text)


def _sender(args: argparse.Namespace, say: Callable[[str], None]) -> tuple[TxSender, Signer, RunLog]:
    """The sender of a live command: one line per transaction through ``say``, and the run log."""
    w3 = api.connect(args.rpc)
    settings = TxSettings(confirmations=args.confirmations, timeout=args.timeout, priority_fee_gwei=args.priority_fee,
                          max_fee_gwei=args.max_fee, legacy=True if args.legacy else None)
    sender = (DryRunSender if getattr(args, "dry_run", False) else TxSender)(w3, settings)
    log = RunLog(run_log_path(sender.chain_id, args.runs))

    def report(record: TxRecord) -> None:
        say(record.line())

    sender.listeners += [report, log]
    return sender, operator_signer(args.key_env, args.keystore), log


def _run_log_note(log: RunLog) -> str:
    return f"run log {log.path} ({log.count} transaction(s))" if log.count else "no transaction: no run log written"


def _dry_run_plan(result: DeployResult, sender: DryRunSender) -> None:
    rows = [(r.label, r.gas) for r in sender.planned]
    print()
    print(table(["transaction (not sent)", "gas estimate"], rows + [("total", sender.total_gas)], "lr"))
    fees = sender.fee_fields()
    price = fees.get("maxFeePerGas", fees.get("gasPrice", 0))
    cost = f", at most {sender.total_gas * price / 10**18:.6f} native coin at today's fees" if price else ""
    wiring = "" if result.wired else " (plus wiring and sealing, estimated once the contracts exist)"
    print(f"\ndry run: {len(rows)} transaction(s), {sender.total_gas:,} gas{wiring}{cost}; nothing sent")


def cmd_deploy(args: argparse.Namespace) -> None:
    sender, operator, log = _sender(args, lambda s: print(f"  {s}"))
    print(f"chain {sender.chain_id} at {_endpoint(sender.w3)}, operator {operator.address}, "
          f"{args.confirmations} confirmation(s){', dry run' if args.dry_run else ''}")
    try:
        result = deploy(sender, operator, args.deployments, say=lambda s: print(f"  {s}"), force=args.force,
                        demo_cash=args.demo_cash, currencies=tuple(args.currency))
        if isinstance(sender, DryRunSender):
            _dry_run_plan(result, sender)
            return
        rows = [(name, rec.address, rec.block) for name, rec in result.manifest.contracts.items()]
        print()
        print(table(["contract", "address", "block"], rows, "llr"))
        what = f"deployed {', '.join(result.deployed)}" if result.deployed else "nothing to deploy"
        print(f"\n{what}; {result.transactions} transaction(s); manifest "
              f"{manifest_mod.path_for(sender.chain_id, args.deployments)}")
    finally:
        print(_run_log_note(log))


def cmd_keeper(args: argparse.Namespace) -> None:
    sender, signer, run_log = _sender(args, lambda s: print(f"  {s}"))
    w3 = sender.w3
    man = _manifest_for(w3, args.deployments)
    manifest_mod.check_genesis(man, genesis_hash(w3), manifest_mod.path_for(w3.eth.chain_id, args.deployments),
                               args.force)
    db = Path(args.db or default_path(sender.chain_id))
    print(f"keeper on chain {sender.chain_id} at {_endpoint(w3)} as {signer.address}"
          f"{', dry run' if args.dry_run else ''}")
    try:
        report = index_chain(w3, db, man, IndexerConfig(finality_depth=args.finality_depth),
                             reset_on_mismatch=None)
        print(f"  {_describe_sync(report, db)}")
        state = api.load_state(db)
        now = int(w3.eth.get_block("latest")["timestamp"])
        plan = plan_from_index(state, now, {rec.address for rec in man.contracts.values()})
        keeper = Keeper(sender, signer, {name: man.address(name) for name in man.contracts},
                        say=lambda s: print(f"  {s}"))
        calls = keeper.calls(plan)
        if not calls:
            print("nothing due: no transaction")
            return
        records = keeper.run(calls)
        if args.dry_run:
            gas = sum(r.gas for r in records)
            waiting = sum(1 for r in records if r.status == "after-previous")
            later = f", {waiting} more after them (not estimated)" if waiting else ""
            print(f"dry run: {len(records) - waiting} transaction(s), {gas:,} gas{later}; nothing sent")
        else:
            print(f"{len(records)} transaction(s) sent, {sum(r.gas for r in records):,} gas")
    finally:
        print(_run_log_note(run_log))


def cmd_scenario(args: argparse.Namespace) -> None:
    say = Narrator()
    sender, operator, log = _sender(args, say.note)
    try:
        _scenario(args, say, sender, operator)
    finally:
        say.note(_run_log_note(log))


def _endpoint(w3: Web3) -> str:
    """The node's URL, for messages (an HTTP or WebSocket provider has one)."""
    return str(getattr(w3.provider, "endpoint_uri", None) or "the configured provider")


def _scenario(args: argparse.Namespace, say: Narrator, sender: TxSender, operator: Signer) -> None:
    test_chain = args.test_actors or sender.chain_id in manifest_mod.LOCAL_CHAIN_IDS
    actors = actor_signers(STORY_ACTORS, allow_test_keys=test_chain)
    say.act(f"scf-chain live scenario on chain {sender.chain_id} ({_endpoint(sender.w3)})")
    deployed = deploy(sender, operator, args.deployments, say=say.note, force=args.force, demo_cash=args.demo_cash,
                      currencies=tuple(args.currency))
    say.step(f"platform ready ({', '.join(deployed.deployed) or 'all reused'} deployed)")
    fund_gas(sender, operator, actors, int(args.gas_money * 10**18), say.note)
    tag = args.tag or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    result = run_live_story(deployed.live_platform(), sender, operator, actors, tag, say=say)
    say.act("Index and report")
    w3 = sender.w3
    db = args.db or api.index_path(w3)
    report = index_chain(w3, db, deployed.manifest, IndexerConfig(finality_depth=args.finality_depth))
    say.step(_describe_sync(report, db))
    tree = api.credit_tree(api.load_state(db), result.root_id)
    written = api.render_tree(tree, args.out or api.PICTURES_DIR / str(sender.chain_id), _formats(args.format))
    print()
    print(tree.text())
    print()
    say.step(f"credit-penetration tree of root #{result.root_id}: " + ", ".join(str(p) for p in written.values()))
    say.note(f"{sender.sent} transactions sent")


def cmd_many_events(args: argparse.Namespace) -> None:
    from scf.loadgen import run_benchmark  # starts processes: imported only when asked for

    run_benchmark(target_events=args.events, port=args.port, keep_db=args.db)


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    prog = "python -m scf" if Path(sys.argv[0]).name == "__main__.py" else "scf"
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"scf-chain {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="timestamped log lines on stderr (-v: info, -vv: debug, e.g. every indexed batch)")
    verbosity = argparse.ArgumentParser(add_help=False)
    verbosity.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                           help="timestamped log lines on stderr (-v: info, -vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[verbosity])
        p.set_defaults(func=func)
        return p

    p = command("export-abi", cmd_export_abi,
                "write the ABIs of the platform contracts to scf/abi/ (after brownie compile)")
    p.add_argument("--build", type=Path, default=abis.BUILD_DIR,
                   help="brownie build directory (default build/contracts)")
    p.add_argument("--out", type=Path, default=abis.ABI_DIR, help="where to write (default scf/abi)")
    p.add_argument("--check", action="store_true", help="only check that the committed ABIs match the build")

    p = command("index", cmd_index, "index every platform event from the deployment block into SQLite")
    _rpc_options(p)
    _sync_options(p)
    p.add_argument("--follow", type=float, metavar="SECONDS", help="keep indexing new blocks every SECONDS")

    p = command("tree", cmd_tree, "a root's credit-penetration tree: tiers, financings, claims; PNG/SVG/HTML pictures")
    p.add_argument("root", type=int, help="root id (the token id of its first piece)")
    p.add_argument("--out", type=Path, default=None,
                   help="where pictures go (default data/pictures/<chain id>)")
    p.add_argument("--pictures", default="png,svg,html", metavar="LIST",
                   help="comma-separated picture formats, '' for none (default png,svg,html)")
    _report_options(p)

    p = command("portfolio", cmd_portfolio, "a holder's live pieces, claimable amounts and cash flows")
    p.add_argument("holder", help="address, enterprise name or a unique part of it")
    _report_options(p)

    p = command("aging", cmd_aging, "outstanding payables per obligor by days to maturity, overdue, defaulted")
    p.add_argument("--detail", action="store_true", help="also list every open root")
    _report_options(p)

    p = command("costs", cmd_costs, "financing cost per SME (seller): discount, fees, effective annual cost")
    p.add_argument("--deals", action="store_true", help="also list every financing")
    _report_options(p)

    p = command("totals", cmd_totals, "platform totals: members, trades, receivables, financing, settlement")
    _report_options(p)

    p = command("pools", cmd_pools, "securitization pools: pieces, phase, raise, collections, distributions, "
                                    "write-downs, investor subscriptions")
    _report_options(p)

    p = command("pool-performance", cmd_pool_performance,
                "per pool and period: collections, recoveries, write-downs (losses), distributions")
    p.add_argument("--period", default="month", type=_period, metavar="PERIOD", help=PERIOD_HELP)
    _report_options(p)

    p = command("closed-loop", cmd_closed_loop, "orders and milestones, warehouse receipts, pledge loans and "
                                                "advance-payment deals")
    _report_options(p)

    p = command("deploy", cmd_deploy, "deploy the platform on any EVM node, reusing what the manifest records")
    _tx_options(p)
    _deploy_options(p)
    p.add_argument("--dry-run", action="store_true",
                   help="estimate the gas of each transaction (eth_estimateGas) and print the plan; send nothing")

    p = command("keeper", cmd_keeper, "settle everything due, found in the index: mark overdue and defaulted "
                                      "roots, claim repaid pieces (claimMany), collect pool pieces (collectMany), "
                                      "distribute pools; a second run sends nothing")
    _tx_options(p)
    p.add_argument("--dry-run", action="store_true",
                   help="estimate the gas of each transaction and print them; send nothing")
    p.add_argument("--db", type=Path, help="SQLite index (default data/<chain id>.sqlite); synced first")
    p.add_argument("--finality-depth", type=int, default=DEFAULT_DEPTH, metavar="N", help="as for index")

    p = command("scenario", cmd_scenario, "deploy if needed, play the live scenario (no time travel), index it, "
                                          "draw the root's tree")
    _tx_options(p)
    _deploy_options(p)
    p.add_argument("--test-actors", action="store_true",
                   help="use the public deterministic test keys for actors without SCF_KEY_<NAME> (test chains only)")
    p.add_argument("--gas-money", type=float, default=0.1, metavar="COIN",
                   help="top each actor up to this much native coin from the operator (default 0.1; "
                        "skipped on gas-free chains)")
    p.add_argument("--tag", help="invoice tag making this run's invoices unique (default: UTC time)")
    p.add_argument("--db", type=Path, help="SQLite index (default data/<chain id>.sqlite)")
    p.add_argument("--finality-depth", type=int, default=DEFAULT_DEPTH, metavar="N", help="as for index")
    p.add_argument("--out", type=Path, default=None, help="where pictures go (default data/pictures/<chain id>)")
    p.add_argument("--format", default="png,svg,html", help="comma-separated picture formats (default png,svg,html)")

    p = command("many-events", cmd_many_events, "measure indexing throughput: start Anvil, make N platform events, "
                                                "index them, stop Anvil")
    p.add_argument("--events", type=int, default=10_000, help="platform events to generate, at least (default 10000)")
    p.add_argument("--port", type=int, default=8561, help="port for the Anvil it starts (default 8561)")
    p.add_argument("--db", type=Path, help="keep the index here (default: a temporary file)")
    return parser


# failures reported as one line (SCF_DEBUG=1 shows the traceback): the project's errors (see
# scf/errors.py: keys, URLs, indexes, manifests, unknown roots or holders, refused transactions),
# the operating system's (files, network) and the node's. Any other exception is a bug: traceback.
KNOWN_ERRORS: tuple[type[BaseException], ...] = (ScfError, OSError, Web3Exception)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose, long_running=bool(getattr(args, "follow", None)))
    try:
        args.func(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`scf totals | head`): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KNOWN_ERRORS as exc:
        if os.environ.get("SCF_DEBUG"):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def main_exit() -> None:
    """Entry point of the installed ``scf`` command."""
    sys.exit(main())
