"""The command line (help for every command, ABI export check), keys from the environment and
brownie keystores, EIP-1559 / legacy fee fields, readable custom errors."""

import json

import pytest
from eth_abi import encode as abi_encode
from eth_account import Account
from eth_utils import function_signature_to_4byte_selector

from scf import abis, cli
from scf.live.errors import ErrorDecoder
from scf.live.sender import GWEI, TxSender, TxSettings
from scf.live.signers import MissingKey, actor_signers, from_keystore, operator_signer

KEY = "0x" + "11" * 32


def commands() -> list[str]:
    parser = cli.build_parser()
    return list(parser._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"scf {command}" in capsys.readouterr().out


def test_committed_abis_match_the_build(capsys):
    if not (abis.BUILD_DIR / "Settlement.json").exists():
        pytest.skip("no brownie build")
    assert cli.main(["export-abi", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_regression_one_declaration_per_error():
    """issue 13 (one shared errors file): no exported ABI lists an entry twice, and an error name
    means one argument list (types and names) on every contract, as the revert decoder assumes."""
    arguments: dict[str, list] = {}
    for name in abis.EXPORTED:
        abi = abis.load_abi(name)
        entries = [json.dumps(entry, sort_keys=True) for entry in abi]
        assert len(entries) == len(set(entries)), f"{name}: an ABI entry is listed twice"
        for entry in abi:
            if entry["type"] == "error":
                declared = [(i["type"], i["name"]) for i in entry["inputs"]]
                assert arguments.setdefault(entry["name"], declared) == declared, (name, entry["name"])
    assert arguments["UnsupportedCurrency"] == [("address", "currency"), ("uint256", "expected"),
                                                ("uint256", "received")]
    assert arguments["ZeroAddress"] == [] and arguments["NotFinancier"] == [("uint256", "id"), ("address", "account")]


def test_reports_without_an_index_fail_readably(tmp_path, capsys):
    assert cli.main(["totals", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "run `python -m scf index` first" in capsys.readouterr().err


def test_operator_key_from_the_environment_or_a_brownie_keystore(tmp_path):
    assert operator_signer(environ={"SCF_OPERATOR_KEY": KEY}).address == Account.from_key(KEY).address
    with pytest.raises(MissingKey, match="SCF_OPERATOR_KEY"):
        operator_signer(environ={})
    keystore = Account.encrypt(KEY, "secret", kdf="pbkdf2", iterations=2)     # fast KDF: a test
    (tmp_path / "ops.json").write_text(json.dumps(keystore))
    signer = from_keystore("operator", "ops", directory=tmp_path, environ={"SCF_KEYSTORE_PASSWORD": "secret"})
    assert signer.private_key == KEY and signer.address == Account.from_key(KEY).address


def test_actor_keys_must_be_given_unless_test_keys_are_allowed():
    with pytest.raises(MissingKey, match="SCF_KEY_BANK_A"):
        actor_signers(["core", "bank_a"], allow_test_keys=False, environ={"SCF_KEY_CORE": KEY})
    signers = actor_signers(["core", "bank_a"], allow_test_keys=True, environ={"SCF_KEY_CORE": KEY})
    assert signers["core"].private_key == KEY and signers["bank_a"].private_key != KEY


class StubEth:
    chain_id = 5
    gas_price = 7 * GWEI
    max_priority_fee = 2 * GWEI

    def __init__(self, base_fee):
        self.base_fee = base_fee

    def get_block(self, _which):
        return {} if self.base_fee is None else {"baseFeePerGas": self.base_fee}


class StubWeb3:
    def __init__(self, base_fee):
        self.eth = StubEth(base_fee)


def test_fees_are_eip1559_when_blocks_have_a_base_fee_and_legacy_otherwise():
    fees = TxSender(StubWeb3(10 * GWEI)).fee_fields()
    assert fees == {"maxFeePerGas": 22 * GWEI, "maxPriorityFeePerGas": 2 * GWEI, "type": 2}
    capped = TxSender(StubWeb3(10 * GWEI), TxSettings(priority_fee_gwei=1, max_fee_gwei=15)).fee_fields()
    assert capped == {"maxFeePerGas": 15 * GWEI, "maxPriorityFeePerGas": 1 * GWEI, "type": 2}
    assert TxSender(StubWeb3(None)).fee_fields() == {"gasPrice": 7 * GWEI}
    assert TxSender(StubWeb3(10 * GWEI), TxSettings(legacy=True)).fee_fields() == {"gasPrice": 7 * GWEI}


def test_custom_errors_are_named_with_their_arguments():
    selector = function_signature_to_4byte_selector("NotPieceHolder(uint256,address)")
    data = "0x" + (selector + abi_encode(["uint256", "address"], [7, "0x" + "ab" * 20])).hex()
    assert ErrorDecoder().describe(data) == "NotPieceHolder(7, 0xabababababababababababababababababababab)"
    assert ErrorDecoder().describe("0xdeadbeef") is None


def test_custom_errors_are_explained_in_words_with_dates_rates_and_amounts():
    decoder = ErrorDecoder()
    decoder._errors[b"\x01\x02\x03\x04"] = ("PieceNotTradable", ["uint256", "uint256", "bool", "uint256", "uint256"],
                                           ["pieceId", "maturity", "frozen", "rateBps", "amount"])
    data = b"\x01\x02\x03\x04" + abi_encode(["uint256", "uint256", "bool", "uint256", "uint256"],
                                            [3, 1_804_560_972, True, 450, 1_500_000])
    assert decoder.explain(data) == ("PieceNotTradable: piece not tradable (piece id 3, maturity 2027-03-09 "
                                     "02:56 UTC, frozen yes, rate bps 450 bps (4.50%), amount 1,500,000 base units)")
    panic = function_signature_to_4byte_selector("Panic(uint256)") + abi_encode(["uint256"], [0x11])
    assert decoder.explain(panic) == "panic 0x11: arithmetic overflow or underflow"
    assert decoder.explain("0xdeadbeef") is None
