"""Hostile-client tests of the real `dumpit serve` binary on loopback, over raw sockets:
slow clients are cut off, oversized requests get a JSON answer and a closed connection,
every page carries a CSP, text is compressed for clients that ask.

Run:  DUMPIT_BIN=.build/debug/dumpit python3 -m pytest -q Tests/api/test_hardening.py
Every wait is bounded and waits for a condition (a closed socket, an answer), never a fixed time.
"""
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from live_server import issue_token, live_server

REPO = Path(__file__).resolve().parents[2]
IDLE_TIMEOUT = 2.0      # --idle-timeout of the server under test
BODY_TIMEOUT = 0.5      # --body-timeout: shorter, so a dribbled body gets its 408 first
CUT_OFF_BOUND = 20.0    # a generous bound for "closed by the server" (the timeout plus a loaded machine)
TOKEN = None            # handed out by the server under test (see `server`)


@pytest.fixture(scope="module")
def server():
    with live_server("hardening", ["--render-workers", "0", "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0",
         "--rate-limit-tokens", "0", "--idle-timeout", f"{IDLE_TIMEOUT}s", "--body-timeout", f"{BODY_TIMEOUT}s"]) as port:
        global TOKEN
        TOKEN = issue_token(port)
        yield port


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def send_quietly(s, data):
    """Sends what the server will take; a server that stops reading (and resets) is fine."""
    try:
        s.sendall(data)
    except OSError:
        pass


def read_until_closed(s, bound=CUT_OFF_BOUND):
    """Everything the server sends until it closes the connection; fails past `bound` seconds."""
    s.settimeout(bound)
    out = b""
    deadline = time.time() + bound
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return out
        except socket.timeout:
            raise AssertionError(f"the server kept the connection open for {bound} s; got {out[:200]!r}")
        if not chunk:
            return out
        out += chunk
        if time.time() > deadline:
            raise AssertionError("the server kept sending and never closed")


def parse(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
    return status, headers, body


def get(port, path, headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def assert_json_error(body, code):
    doc = json.loads(body)
    assert doc["error"]["code"] == code, doc
    assert doc["error"]["message"], doc


# ---------------------------------------------------------------------------- slow clients

def test_slow_clients_are_cut_off_while_others_are_served(server):
    """Idle connections, half-sent heads and dribbled heads are all closed by the server within
    the idle timeout (bounded generously), and normal requests answer meanwhile."""
    slow = []
    for i in range(30):
        s = connect(server)
        if i % 3 == 1:
            send_quietly(s, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")          # a head that never ends
        elif i % 3 == 2:
            send_quietly(s, b"GET /api/sky HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # a header cut mid-value
        slow.append(s)
    started = time.time()

    def normal(_):
        return get(server, "/healthz")[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(normal, range(20)))
    assert codes == [200] * 20, codes

    for s in slow:
        assert read_until_closed(s) == b""        # closed without an answer: nothing was asked
        s.close()
    took = time.time() - started
    print(f"\n[slow clients] 30 idle/half-sent connections closed after {took:.1f} s "
          f"(idle timeout {IDLE_TIMEOUT} s); 20 normal requests answered meanwhile")


def test_a_dribbled_body_gets_408_and_the_connection_closes(server):
    s = connect(server)
    send_quietly(s, ("POST /api/worries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"X-Owner-Token: {TOKEN}\r\nContent-Length: 100\r\n\r\n{{\"te").encode())
    status, headers, body = parse(read_until_closed(s))
    s.close()
    assert status == 408, (status, headers, body)
    assert headers["connection"].lower() == "close"
    assert_json_error(body, "body_timeout")


def test_413_answers_then_closes_without_reading_the_rest(server):
    s = connect(server)
    send_quietly(s, ("POST /api/worries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"X-Owner-Token: {TOKEN}\r\nContent-Length: 50000000\r\n\r\n{{\"text\": \"").encode())
    # keep sending as a hostile client would; the server answers and closes anyway
    stop = threading.Event()

    def flood():
        while not stop.is_set():
            try:
                s.send(b"a" * 4096)
            except OSError:
                return

    t = threading.Thread(target=flood, daemon=True)
    t.start()
    try:
        raw = read_until_closed(s)
    finally:
        stop.set()
        t.join(timeout=10)
        s.close()
    status, headers, body = parse(raw)
    assert status == 413, raw[:300]
    assert headers["connection"].lower() == "close"
    assert_json_error(body, "body_too_large")


# ---------------------------------------------------------------------------- oversized heads

@pytest.mark.parametrize("name,request_bytes,status,code", [
    ("1 MiB header", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n", 431,
     "headers_too_large"),
    ("10,000 headers", b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
     + b"".join(b"X-H%d: 1\r\n" % i for i in range(10000)) + b"\r\n", 431, "headers_too_large"),
    ("100 KiB URL", b"GET /" + b"a" * (100 * 1024) + b" HTTP/1.1\r\nHost: x\r\n\r\n", 431, "headers_too_large"),
    ("not HTTP", b"\x16\x03\x01\x02\x00garbage\r\n\r\n", 400, "malformed_request"),
])
def test_requests_over_the_limits_get_json_errors(server, name, request_bytes, status, code):
    s = connect(server)
    sender = threading.Thread(target=send_quietly, args=(s, request_bytes), daemon=True)
    sender.start()
    raw = read_until_closed(s)
    sender.join(timeout=10)
    s.close()
    got, headers, body = parse(raw)
    assert got == status, (name, raw[:300])
    assert headers["content-type"].startswith("application/json"), (name, headers)
    assert_json_error(body, code)


def test_unusual_methods_on_known_paths_are_405_with_allow(server):
    for method in ("TRACE", "OPTIONS", "QUERY", "DELETE"):
        s = connect(server)
        send_quietly(s, f"{method} /api/sky HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        status, headers, body = parse(read_until_closed(s))
        s.close()
        assert status == 405, (method, status, body)
        assert headers["allow"] == "GET, HEAD", (method, headers)
        assert_json_error(body, "method_not_allowed")


# ---------------------------------------------------------------------------- pages and encodings

def test_pages_carry_a_content_security_policy(server):
    for path in ("/", "/sky"):
        status, headers, _ = get(server, path)
        assert status == 200
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp, csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, csp
    status, headers, _ = get(server, "/w/AAAAAAAAAAAAAAAAAAAAAA")
    assert status == 404
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "style-src 'sha256-" in csp and "'unsafe-inline'" not in csp, csp


def test_text_is_gzipped_when_asked_and_never_media(server):
    body = json.dumps({"text": "압축해서 보내 주세요"}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{server}/api/worries", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Owner-Token": TOKEN, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 201
        raw = r.read()
        if r.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
    worry = json.loads(raw)["worry"]
    for path, type_prefix in (("/api/sky", "application/json"), ("/assets/app.js", "text/javascript"),
                              ("/", "text/html"), ("/openapi.yaml", "application/yaml")):
        status, headers, zipped = get(server, path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-type"].startswith(type_prefix), (path, headers)
        assert headers.get("content-encoding") == "gzip", (path, headers)
        assert "accept-encoding" in headers["vary"].lower(), (path, headers)
        plain_status, plain_headers, plain = get(server, path)
        assert plain_status == 200 and "content-encoding" not in plain_headers, (path, plain_headers)
        assert gzip.decompress(zipped) == plain, path
        assert len(zipped) < len(plain), path
        # revalidation of the compressed variant still gives 304
        if "etag" in headers:
            again, again_headers, _ = get(server, path, {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
            assert again == 304, (path, again)
            assert again_headers["etag"] == headers["etag"], (path, again_headers)
    assert any(n["text"] == worry["text"] for n in json.loads(gzip.decompress(get(
        server, "/api/sky", {"Accept-Encoding": "gzip"})[2]))["nodes"])
