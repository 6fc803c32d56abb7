"""docs/architecture.md is generated (tools/architecture.py) from the build and the deployer's role
table; the committed file must be what the generator writes, as the committed ABIs must match."""

import importlib.util
import sys
from pathlib import Path

import pytest

from scf import deployment

TOOL = Path(__file__).resolve().parents[3] / "tools" / "architecture.py"
_spec = importlib.util.spec_from_file_location("scf_architecture_tool", TOOL)
architecture = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = architecture   # dataclasses look their module up there
_spec.loader.exec_module(architecture)


@pytest.fixture(scope="module")
def build_dir():
    if not (architecture.BUILD_DIR / "Settlement.json").exists():
        pytest.skip("no brownie build")
    return architecture.BUILD_DIR


def test_committed_architecture_map_is_generated(build_dir):
    committed = architecture.OUTPUT.read_text()
    assert committed == architecture.render(build_dir), (
        "docs/architecture.md is out of date: run `python tools/architecture.py`")


def test_every_contract_role_grant_is_in_the_map(build_dir):
    text = architecture.render(build_dir)
    names = {attr: name for name, attr in deployment.COMPONENTS}
    for target, role, grantee in deployment.contract_role_grants():
        assert f"| {names[target]} | `{role}` | {names[grantee]} |" in text


def test_a_lifecycle_step_naming_a_missing_function_stops_the_generator(build_dir, monkeypatch):
    steps = (*architecture.LIFECYCLE, ("Nowhere", ("Settlement.repayEverything",), "no such rule"))
    monkeypatch.setattr(architecture, "LIFECYCLE", steps)
    with pytest.raises(architecture.ArchitectureError, match="Settlement.repayEverything"):
        architecture.render(build_dir)


def test_check_mode_reports_a_stale_map(build_dir, tmp_path, capsys):
    stale = tmp_path / "architecture.md"
    stale.write_text("# hand-edited\n")
    assert architecture.main(["--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert architecture.main(["--output", str(stale)]) == 0
    assert architecture.main(["--check", "--output", str(stale)]) == 0
