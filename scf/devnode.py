"""Start and stop a throw-away Anvil node (tests and benchmarks that play a remote node)."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from web3 import Web3

from scf.errors import NodeError
from scf.paths import project_root

ROOT = project_root()
# anvil's first development account (public, well known: for throw-away nodes only)
ANVIL_FIRST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"


def anvil_binary() -> str:
    local = ROOT / "node_modules" / ".bin" / "anvil"
    if local.exists():
        return str(local)
    found = shutil.which("anvil")
    if found is None:
        raise FileNotFoundError("anvil not found: run `make setup` (npm installs it into node_modules/.bin)")
    return found


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextmanager
def anvil(port: int, chain_id: int | None = None, extra_args: tuple[str, ...] = (),
          startup_timeout: float = 30.0) -> Iterator[str]:
    """Run Anvil on ``port`` for the duration of the block; yields its URL. Always stopped."""
    if not port_is_free(port):
        raise NodeError(f"port {port} is in use: stop what runs there or choose another port")
    command = [anvil_binary(), "--port", str(port), "--silent", *extra_args]
    if chain_id is not None:
        command += ["--chain-id", str(chain_id)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, url, startup_timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen, url: str, timeout: float) -> None:
    w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 2}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors = process.stderr.read().decode() if process.stderr else ""
            raise NodeError(f"anvil exited with {process.returncode}: {errors[-500:]}")
        if w3.is_connected():
            return
        time.sleep(0.1)
    raise TimeoutError(f"anvil did not answer at {url} within {timeout:.0f}s")
