"""Real processes for the fleet tests: a fresh database on the throwaway PostgreSQL cluster the
test command started (DUMPIT_TEST_DATABASE_URL, DUMPIT_PG_DIR), `dumpit serve` and
`dumpit worker` processes, and nginx with deploy/nginx.conf (ports and folders swapped in).

Every wait is bounded and waits for a condition, never for a fixed time.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLIP = ["--clip-size", "256x144", "--clip-seconds", "1"]   # small clips: the fleet, not the encoder, is under test


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(condition, timeout, what, interval=0.05):
    """Polls `condition` until it returns a truthy value (returned) or `timeout` seconds pass (fails)."""
    deadline = time.time() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class Database:
    """A fresh database on the test cluster; `sql` runs a statement with psql."""

    def __init__(self):
        server = os.environ.get("DUMPIT_TEST_DATABASE_URL")
        if not server:
            raise RuntimeError("DUMPIT_TEST_DATABASE_URL is not set: run the README's test command")
        self.server = urllib.parse.urlparse(server)
        self.name = "fleet_" + uuid.uuid4().hex[:12]
        self._psql("postgres", f"CREATE DATABASE {self.name}")
        self.url = server.rsplit("/", 1)[0] + "/" + self.name

    def _psql(self, database, statement):
        env = dict(os.environ, PGPASSWORD=self.server.password or "")
        out = subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.server.hostname,
             "-p", str(self.server.port), "-U", self.server.username, "-d", database, "-c", statement],
            env=env, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise AssertionError(f"psql failed: {out.stderr.strip()}")
        return out.stdout.strip()

    def sql(self, statement):
        return self._psql(self.name, statement)

    def scalar(self, statement):
        text = self.sql(statement)
        return int(text) if text else 0


def restart_postgres(stop_only=False):
    """Stops (and starts again unless `stop_only`) the test cluster, keeping its folder and port."""
    script = 'source scripts/pg-cluster.sh; dumpit_pg_as_owner "$DUMPIT_PG_BIN/pg_ctl" -D "$DUMPIT_PG_DIR/data" -m fast -w stop >/dev/null'
    if not stop_only:
        script = 'source scripts/pg-cluster.sh; dumpit_pg_restart'
    subprocess.run(["bash", "-c", script], cwd=str(REPO), check=True, timeout=120)


def start_postgres():
    subprocess.run(["bash", "-c", "source scripts/pg-cluster.sh; dumpit_pg_launch"], cwd=str(REPO), check=True, timeout=120)


class Process:
    """One dumpit process with its own log file; stopped with SIGTERM (or killed) by `stop`."""

    def __init__(self, name, args, artifacts, launcher=()):
        binary = os.environ.get("DUMPIT_BIN")
        if not binary:
            raise RuntimeError("set DUMPIT_BIN to the built dumpit executable")
        self.name = name
        self.log_path = Path(artifacts) / f"{name}.log"
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([*launcher, binary] + args, cwd=str(REPO), stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    @property
    def pid(self):
        return self.proc.pid

    def kill9(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()

    def text(self):
        return self.log_path.read_text(errors="replace")


def http(method, url, body=None, token=None, headers=None, timeout=30):
    """(status, headers, bytes) of one request; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, method=method, data=body)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Owner-Token", token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def issue_token(base):
    """An owner token handed out by the site at `base` (POST /api/owner-tokens): signed with the
    site's key, which lives in the database, so every node of the fleet accepts it."""
    status, _, body = http("POST", f"{base}/api/owner-tokens")
    assert status == 201, (status, body[:200])
    return json.loads(body)["token"]


def post_worry(base, text, token, headers=None):
    return http("POST", f"{base}/api/worries", json.dumps({"text": text}).encode(), token=token, headers=headers)


def healthy(port):
    try:
        return http("GET", f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200
    except OSError:
        return False


class Fleet:
    """PostgreSQL database, `serves` web nodes (no rendering), `workers` render workers, nginx."""

    def __init__(self, artifacts, serves=2, workers=2, worker_args=(), serve_args=()):
        self.artifacts = Path(artifacts)
        self.artifacts.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="dumpit-fleet-"))
        self.db = Database()
        self.serves, self.workers, self.nginx = [], [], None
        self.serve_ports = []
        for index in range(serves):
            self.add_serve(index, list(serve_args))
        for index in range(workers):
            self.add_worker(index, list(worker_args))

    def add_serve(self, index, extra):
        port = free_port()
        process = Process(f"serve-{index}", [
            "serve", "--port", str(port), "--data", str(self.folder / f"serve-{index}"), "--database", self.db.url,
            "--render-workers", "0", "--trust-proxy", "--rate-limit-owner", "10", "--rate-limit-address", "0", "--daily-limit-address", "0",
            "--rate-limit-tokens", "0",
            *CLIP, *extra], self.artifacts)
        wait_for(lambda: healthy(port) or process.proc.poll() is not None, 120, f"serve-{index} to start")
        assert process.proc.poll() is None, process.text()
        self.serves.append(process)
        self.serve_ports.append(port)

    def add_worker(self, index, extra):
        process = Process(f"worker-{index}", [
            "worker", "--data", str(self.folder / f"worker-{index}"), "--database", self.db.url,
            "--concurrency", "1", *CLIP, *extra], self.artifacts)
        wait_for(lambda: "worker started" in process.text() or process.proc.poll() is not None, 120,
                 f"worker-{index} to start")
        assert process.proc.poll() is None, process.text()
        self.workers.append(process)
        return process

    def start_nginx(self, write_rate=None):
        """nginx with deploy/nginx.conf; `write_rate` ("1000r/s") loosens its per-address limit
        on posts for load tests that post from one address."""
        prefix = self.folder / "nginx"
        prefix.mkdir()
        os.chmod(self.folder, 0o755)
        os.chmod(prefix, 0o777)
        conf = (REPO / "deploy" / "nginx.conf").read_text()
        self.nginx_port = free_port()
        conf = conf.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{self.nginx_port};")
        servers = "".join(f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=5s;\n" for port in self.serve_ports)
        conf = re.sub(r"(        server 127\.0\.0\.1:808\d max_fails=3 fail_timeout=5s;\n)+", servers, conf)
        assert all(str(port) in conf for port in self.serve_ports)
        if write_rate:
            assert "rate=2r/s" in conf and "burst=30 nodelay" in conf
            conf = conf.replace("rate=2r/s", f"rate={write_rate}").replace("burst=30 nodelay", "burst=1000 nodelay")
        if os.geteuid() == 0:
            conf = "user root;\n" + conf
        (prefix / "nginx.conf").write_text(conf)
        log = open(self.artifacts / "nginx.log", "ab")
        self.nginx = subprocess.Popen(
            ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: healthy(self.nginx_port) or self.nginx.poll() is not None, 60, "nginx to start")
        assert self.nginx.poll() is None, (self.artifacts / "nginx.log").read_text()
        return f"http://127.0.0.1:{self.nginx_port}"

    def node(self, index):
        return f"http://127.0.0.1:{self.serve_ports[index]}"

    def stop(self):
        for process in self.workers + self.serves:
            process.stop()
        if self.nginx and self.nginx.poll() is None:
            os.killpg(self.nginx.pid, signal.SIGTERM)
            try:
                self.nginx.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)


def probe(path):
    """(codec, width, height, frames) of a video file, read by ffprobe."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,width,height,nb_read_frames", "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    stream = json.loads(out.stdout)["streams"][0]
    return stream["codec_name"], stream["width"], stream["height"], int(stream["nb_read_frames"])


def without_time(sky):
    sky = dict(sky)
    sky.pop("generatedAt", None)
    return sky
