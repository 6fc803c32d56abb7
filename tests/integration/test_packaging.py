"""`pip install .` in a clean virtual environment gives the web3-only operator tooling (issue 13):
the `scf` command and `python -m scf` answer without brownie, the committed ABIs come along and
the brownie layer (scf/brownie/) stays out. Slow (a minute or more: it installs web3 and
matplotlib into a new environment, from pip's cache when it can)."""

import shutil
import subprocess
import venv
from pathlib import Path

import pytest

import scf

ROOT = Path(scf.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    # a copy of what the package is built from: setuptools writes build/ and *.egg-info next to
    # the sources, and build/ is brownie's
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "scf", source / "scf", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = tmp_path_factory.mktemp("clean-venv")
    venv.create(env, with_pip=True, clear=True)
    done = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", str(source)],
                          capture_output=True, text=True, timeout=1_200, cwd=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return env


def run(env: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / argv[0]), *argv[1:]], capture_output=True, text=True, timeout=120,
                          cwd=env)


def test_the_clean_environment_has_no_brownie(installed):
    done = run(installed, "python", "-c", "import brownie")
    assert done.returncode != 0 and "No module named 'brownie'" in done.stderr


def test_the_installed_command_answers(installed):
    assert run(installed, "scf", "--version").stdout.strip() == f"scf-chain {scf.__version__}"
    done = run(installed, "python", "-m", "scf", "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: python -m scf" in done.stdout and "deploy" in done.stdout


def test_the_package_ships_the_abis_and_not_the_brownie_layer(installed):
    done = run(installed, "python", "-c",
               "import importlib.util, scf, scf.abis, scf.story, scf.live.deployer\n"
               "print(importlib.util.find_spec('scf.brownie') is None)\n"
               "print(len(scf.abis.load_abi('ReceivableToken')) > 0)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
