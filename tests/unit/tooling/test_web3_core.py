"""The web3-only core imports and runs without brownie (issue 13): every module of ``scf`` but the
brownie layer ``scf.brownie`` is imported in a fresh interpreter where ``import brownie`` fails,
and ``python -m scf --help`` works there. (tests/integration/test_packaging.py installs the
package in a clean virtual environment.)"""

import subprocess
import sys
from pathlib import Path

import scf

ROOT = Path(scf.__file__).resolve().parent.parent

BLOCKER = '''
import sys

class NoBrownie:
    """brownie made unimportable, as in an environment where it is not installed."""
    def find_spec(self, name, path=None, target=None):
        if name == "brownie" or name.startswith("brownie."):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None

sys.meta_path.insert(0, NoBrownie())
for loaded in [m for m in sys.modules if m == "brownie" or m.startswith("brownie.")]:
    del sys.modules[loaded]
'''


def core_modules() -> list[str]:
    package = ROOT / "scf"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[1:2] == ("brownie",) or parts[-1] == "__main__":     # __main__ runs: the --help test
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def run_without_brownie(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKER + code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_blocker_blocks_brownie():
    done = run_without_brownie("import brownie")
    assert done.returncode != 0 and "blocked by the test" in done.stderr


def test_every_core_module_imports_without_brownie():
    modules = core_modules()
    assert {"scf.cli", "scf.deployment", "scf.story", "scf.enums", "scf.live.deployer", "scf.loadgen",
            "scf.securitization", "scf.closed_loop", "scf.indexer.engine"} <= set(modules)
    done = run_without_brownie("import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
                               + "assert 'brownie' not in sys.modules\nprint('imported')")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported")


def test_the_brownie_layer_needs_brownie():
    done = run_without_brownie("import scf.brownie.scenario")
    assert done.returncode != 0 and "blocked by the test" in done.stderr


def test_the_command_line_helps_without_brownie():
    done = run_without_brownie("import runpy\nsys.argv = ['scf', '--help']\n"
                               "runpy.run_module('scf', run_name='__main__')")
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout and "deploy" in done.stdout and "--verbose" in done.stdout
