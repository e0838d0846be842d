"""Starts the real `dumpit serve` on a free loopback port for the API tests, and stops it.

One place for the start-up both API suites need: a fresh data folder, a log in the artifacts
folder, up to three tries on a free port, a bounded wait for /healthz (a condition, not a
fixed time), SIGTERM then SIGKILL at the end.
"""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def issue_token(port):
    """An owner token handed out by the server at `port` (POST /api/owner-tokens)."""
    import json
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/owner-tokens", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        return json.loads(response.read())["token"]


def _healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


@contextlib.contextmanager
def live_server(name, options, with_pid=False):
    """Yields the port of `dumpit serve` started with `options` (with `with_pid`, the port and
    the process id); its log is `<name>-server.log`."""
    binary = os.environ.get("DUMPIT_BIN")
    if not binary:
        raise RuntimeError("set DUMPIT_BIN to the built dumpit executable")
    data = tempfile.mkdtemp(prefix=f"dumpit-{name}-")
    log = open(Path(os.environ.get("DUMPIT_ARTIFACTS", tempfile.gettempdir())) / f"{name}-server.log", "ab")
    proc, port = None, None
    for _ in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data, *options],
            cwd=str(REPO), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None and not _healthy(port):
            time.sleep(0.1)
        if proc.poll() is None and _healthy(port):
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc = None
    if proc is None:
        raise RuntimeError("dumpit serve did not start")
    try:
        yield (port, proc.pid) if with_pid else port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(data, ignore_errors=True)
