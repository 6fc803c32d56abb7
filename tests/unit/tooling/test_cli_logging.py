"""Logging with timestamps (issue 13): the command line configures Python logging once
(``scf.cli.configure_logging``): warnings by default, progress with -v, debug with -vv, one line
each on stderr with a UTC timestamp. The deployers log through ``logging.getLogger(__name__)``."""

import logging
import re

import pytest

from scf import cli

LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|DEBUG) +scf\.live\.deployer: (.*)$")


@pytest.fixture
def restore_logging():
    logger = logging.getLogger("scf")
    handlers, level = logger.handlers[:], logger.level
    yield
    logger.handlers[:], logger.level = handlers, level


def lines(capsys) -> list[re.Match]:
    return [LINE.match(line) for line in capsys.readouterr().err.splitlines()]


@pytest.mark.parametrize("verbosity, shown", [(0, ["WARNING"]), (1, ["INFO", "WARNING"]),
                                               (2, ["DEBUG", "INFO", "WARNING"])])
def test_verbosity_sets_what_is_logged(verbosity, shown, restore_logging, capsys):
    cli.configure_logging(verbosity)
    log = logging.getLogger("scf.live.deployer")
    log.debug("a detail")
    log.info("a step")
    log.warning("a warning")
    matches = lines(capsys)
    assert all(matches) and [m.group(1) for m in matches] == shown


def test_configured_twice_each_line_is_written_once(restore_logging, capsys):
    cli.configure_logging(1)
    cli.configure_logging(1)
    logging.getLogger("scf.live.deployer").info("deploying")
    (match,) = lines(capsys)
    assert match.group(2) == "deploying"


def test_the_flag_reaches_the_configuration(restore_logging):
    assert cli.build_parser().parse_args(["-vv", "totals", "--chain-id", "1"]).verbose == 2
    assert cli.build_parser().parse_args(["totals", "--chain-id", "1"]).verbose == 0
