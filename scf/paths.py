"""Where the tooling keeps its files: ``deployments/`` (manifests) and ``data/`` (indexes, pictures).

In a checkout of the project they are the checkout's own folders, whatever the current directory;
an installed ``scf`` command (``pip install .``) uses the current directory instead.
"""

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    """The checkout this package runs from, or the current directory for an installed package."""
    return _CHECKOUT if (_CHECKOUT / "brownie-config.yaml").exists() else Path.cwd()
