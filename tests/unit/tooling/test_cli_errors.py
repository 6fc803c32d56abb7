"""Every user mistake named in issue 12 is one readable line (exit status 2), a bug is a traceback,
and the command line answers --version and survives a closed pipe."""

import json
import subprocess
import sys

import pytest
from eth_account import Account

from scf import __version__, cli
from scf.errors import ConfigError, DataError, NodeError, NotFound, ScfError
from scf.live.signers import actor_signers, from_keystore, operator_signer
from scf.reporting.model import Enterprise, PlatformState
from scf.rpc import connect

KEY = "0x" + "11" * 32


def one_line_error(argv: list[str], capsys) -> str:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    return err


def test_a_wrong_keystore_password_is_named(tmp_path):
    (tmp_path / "ops.json").write_text(json.dumps(Account.encrypt(KEY, "secret", kdf="pbkdf2", iterations=2)))
    with pytest.raises(ConfigError, match="wrong password for keystore ops.json"):
        from_keystore("operator", "ops", directory=tmp_path, environ={"SCF_KEYSTORE_PASSWORD": "guess"})


def test_a_file_that_is_not_a_keystore_is_named(tmp_path):
    (tmp_path / "ops.json").write_text("hello")
    with pytest.raises(ConfigError, match="not a keystore file"):
        from_keystore("operator", "ops", directory=tmp_path, environ={"SCF_KEYSTORE_PASSWORD": "x"})


@pytest.mark.parametrize("key", ["0x1234", "not hex at all", "11" * 33])
def test_a_malformed_key_names_its_variable(key):
    with pytest.raises(ConfigError, match=r"\$SCF_OPERATOR_KEY does not hold a private key"):
        operator_signer(environ={"SCF_OPERATOR_KEY": key})
    with pytest.raises(ConfigError, match=r"\$SCF_KEY_BANK_A does not hold a private key"):
        actor_signers(["bank_a"], allow_test_keys=False, environ={"SCF_KEY_BANK_A": key})


def test_a_url_without_its_scheme_is_blamed_on_the_url_not_the_node():
    with pytest.raises(ConfigError, match=r"write it with its scheme, e.g. http://127.0.0.1:9"):
        connect("127.0.0.1:9")


def test_a_node_that_does_not_answer_is_a_node_error():
    with pytest.raises(NodeError, match="no JSON-RPC node answers at http://127.0.0.1:9"):
        connect("http://127.0.0.1:9", timeout=2)


def test_reports_on_a_file_that_is_not_an_index_fail_in_one_line(tmp_path, capsys):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are not the events you are looking for " * 100)
    assert "is not an scf index (SQLite)" in one_line_error(["totals", "--db", str(bogus)], capsys)


def test_an_unreachable_node_fails_in_one_line(capsys):
    assert "no JSON-RPC node answers" in one_line_error(["totals", "--sync", "--rpc", "http://127.0.0.1:9"], capsys)


def test_user_errors_are_one_line_and_bugs_show_their_traceback(monkeypatch, capsys):
    def user_mistake(args):
        raise NotFound("no root #9 in the index")

    def bug(args):
        raise ValueError("a programming error")

    monkeypatch.setattr(cli, "cmd_totals", user_mistake)
    assert one_line_error(["totals"], capsys) == "error: no root #9 in the index"
    monkeypatch.setattr(cli, "cmd_totals", bug)
    with pytest.raises(ValueError, match="a programming error"):
        cli.main(["totals"])


def test_every_project_error_is_an_scf_error():
    for error in (ConfigError, DataError, NodeError, NotFound):
        assert issubclass(error, ScfError)


def test_demo_handles_find_enterprises():
    state = PlatformState()
    state.enterprises = {"0x" + "aa" * 20: Enterprise("0x" + "aa" * 20, "Bank A", 0),
                         "0x" + "bb" * 20: Enterprise("0x" + "bb" * 20, "Bank B", 0)}
    assert state.find_account("bank_a") == "0x" + "aa" * 20
    assert state.find_account("BANK-B") == "0x" + "bb" * 20
    with pytest.raises(NotFound, match="more than one enterprise matches 'bank'"):
        state.find_account("bank")


def test_version_and_a_closed_pipe():
    run = [sys.executable, "-m", "scf"]
    version = subprocess.run(run + ["--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"scf-chain {__version__}"
    # `scf totals | head -1` on a long report: the reader closes the pipe; no error, no traceback
    long_report = ("import sys; from scf import cli; "
                   "cli.cmd_totals = lambda args: [print(f'line {i}') for i in range(200_000)]; "
                   "sys.exit(cli.main(['totals']))")
    shell = subprocess.run(f"{sys.executable} -c \"{long_report}\" | head -1", shell=True,
                           capture_output=True, text=True)
    assert shell.stdout == "line 0\n" and shell.stderr == ""
