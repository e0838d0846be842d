"""Browser tests for the Dump It! page: harness.

Starts the REAL server (env DUMPIT_BIN = path of the built `dumpit` executable):

    $DUMPIT_BIN serve --host 127.0.0.1 --port P --data <tmpdir> \
        --rate-limit-owner 0 --rate-limit-address 0 --daily-limit-address 0 --rate-limit-tokens 0

waits for GET /healthz == 200 (60 s) and kills it at the end. With DUMPIT_URL set, the
tests use that running server instead. Screenshots, console logs, the server log and the
frame-time figures go to $DUMPIT_ARTIFACTS (default ./artifacts/browser).

Chromium: Debian's /usr/bin/chromium + /usr/bin/chromedriver, headless.
"""
import base64
import random
from concurrent.futures import ThreadPoolExecutor
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("DUMPIT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DUMPIT_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("DUMPIT_ARTIFACTS", "artifacts/browser")).resolve()
HEALTH_TIMEOUT = 60
REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------- HTTP helpers

_ISSUER = {"base": None}   # the session's server (set by `base_url`)


def new_token(base=None):
    """An owner token as the page gets one: handed out by the server (POST /api/owner-tokens)
    at `base`, by default the session's server; 43 base64url characters."""
    status, _, body = http(base or _ISSUER["base"], "POST", "/api/owner-tokens")
    assert status == 201, (status, body)
    return body["token"]


def made_up_token():
    """A well-formed token no server handed out: 32 random bytes, base64url."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


def http(base, method, path, body=None, token=None, timeout=30):
    """Returns (status, headers, parsed JSON or None)."""
    data = None
    headers = {"Accept": "application/json"}
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["X-Owner-Token"] = token
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            raw = res.read()
            status, hdrs = res.status, dict(res.headers)
    except urllib.error.HTTPError as e:
        raw = e.read()
        status, hdrs = e.code, dict(e.headers)
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return status, hdrs, parsed


class Api:
    def __init__(self, base):
        self.base = base

    def post_worry(self, text, token=None):
        return http(self.base, "POST", "/api/worries", {"text": text}, token or new_token(self.base))

    def sky(self, token=None):
        path = "/api/sky?scope=mine" if token else "/api/sky"
        return http(self.base, "GET", path, token=token)[2]

    def stats(self):
        return http(self.base, "GET", "/api/stats")[2]

    def status(self, path):
        return http(self.base, "GET", path)[0]


# ---------------------------------------------------------------------------- server

def _free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _healthy(url):
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=3) as res:
            return res.status == 200
    except Exception:
        return False


def _wait_healthy(url, proc=None, timeout=HEALTH_TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        if _healthy(url):
            return True
        time.sleep(0.25)
    return False


def _stop(proc):
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def base_url(artifacts):
    url = os.environ.get("DUMPIT_URL")
    if url:
        url = url.rstrip("/")
        if not _wait_healthy(url):
            pytest.fail(f"DUMPIT_URL={url} did not answer GET /healthz with 200 within {HEALTH_TIMEOUT} s")
        _ISSUER["base"] = url
        yield url
        return

    binary = os.environ.get("DUMPIT_BIN")
    if not binary:
        pytest.fail("set DUMPIT_BIN to the built `dumpit` executable (or DUMPIT_URL to a running server)")
    binary = str(Path(binary).resolve())
    if not os.access(binary, os.X_OK):
        pytest.fail(f"DUMPIT_BIN={binary} is not an executable file")

    # the server finds the page in ./Assets (or $DUMPIT_ASSETS): run it from the repository root
    env = dict(os.environ)
    env.setdefault("DUMPIT_ASSETS", str(REPO / "Assets"))
    data_dir = tempfile.mkdtemp(prefix="dumpit-browser-")
    log_path = artifacts / "server.log"
    proc = None
    url = None
    with open(log_path, "ab") as log:
        for _attempt in range(3):          # another process may grab the port we picked
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            cmd = [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data_dir,
                   "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0",
                   "--rate-limit-tokens", "0"]
            log.write(("$ " + " ".join(cmd) + "\n").encode())
            log.flush()
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=str(REPO), env=env, start_new_session=True)
            if _wait_healthy(url, proc):
                break
            _stop(proc)
            proc = None
    if proc is None:
        shutil.rmtree(data_dir, ignore_errors=True)
        pytest.fail(f"`dumpit serve` did not become healthy within {HEALTH_TIMEOUT} s; see {log_path}")
    _ISSUER["base"] = url
    try:
        yield url
    finally:
        _stop(proc)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def api(base_url):
    return Api(base_url)


# ---------------------------------------------------------------------------- a full sky

FULL_SKY = int(os.environ.get("DUMPIT_FULL_SKY", "3000"))


def full_sky_texts(n, seed=2026):
    """`n` worries as a busy day brings them: a dozen shared by 20–90 people each, a few
    hundred by two or three, the rest each one person's own words."""
    rnd = random.Random(seed)
    heads = ["회사", "시험", "잠", "돈", "엄마", "내일", "발표", "친구", "연애", "취업", "건강", "이사", "월세", "과제", "면접"]
    tails = ["가기 싫어요", "너무 무서워요", "때문에 잠이 안 와요", "생각만 하면 답답해요", "이 걱정돼요",
             "어떻게 해야 할지 모르겠어요", "준비가 안 됐어요", "이 자꾸 떠올라요"]
    shared = [f"{rnd.choice(heads)} {rnd.choice(tails)}" for _ in range(12)]
    texts = []
    for i, t in enumerate(shared):
        texts += [t] * (20 + (i * 37) % 71)
    while len(texts) < n:
        t = f"{rnd.choice(heads)} {rnd.choice(tails)} {rnd.randrange(10**6)}"
        texts += [t] * (1 if rnd.random() < 0.85 else rnd.choice((2, 3)))
    texts = texts[:n]
    rnd.shuffle(texts)
    return texts


class FullSky:
    """A second server, rendering off and limits off, seeded through the API with `count` worries."""

    def __init__(self, url, count, seconds):
        self.url, self.count, self.seed_seconds = url, count, seconds
        self.api = Api(url)


def _seeded_server(artifacts, name, texts, extra_args=()):
    """A server of its own, rendering off and limits off, seeded through the API with `texts`:
    yields a FullSky, stops the server and removes its data afterwards."""
    binary = os.environ.get("DUMPIT_BIN")
    if not binary:
        pytest.skip("DUMPIT_BIN not set")
    env = dict(os.environ)
    env.setdefault("DUMPIT_ASSETS", str(REPO / "Assets"))
    data_dir = tempfile.mkdtemp(prefix=f"dumpit-{name}-")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(Path(binary).resolve()), "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data_dir,
           "--render-workers", "0", "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0",
           "--rate-limit-tokens", "0", *extra_args]
    with open(artifacts / f"{name}-server.log", "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=str(REPO), env=env, start_new_session=True)
    try:
        if not _wait_healthy(url, proc):
            pytest.fail(f"the {name} server did not become healthy")
        t0 = time.time()

        def post(t):
            return http(url, "POST", "/api/worries", {"text": t}, new_token(url), timeout=120)[0]

        with ThreadPoolExecutor(max_workers=48) as pool:
            codes = list(pool.map(post, texts))
        assert codes.count(201) == len(texts), {c: codes.count(c) for c in set(codes)}
        yield FullSky(url, len(texts), time.time() - t0)
    finally:
        _stop(proc)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def full_sky(artifacts):
    yield from _seeded_server(artifacts, "full-sky", full_sky_texts(FULL_SKY))


@pytest.fixture(scope="session")
def cut_sky(artifacts):
    """A sky larger than its view: 1,500 worries (about 1,100 stars) on a server whose view holds
    its brightest 300 (--sky-view-stars), so that zoomed in /sky loads the rest by region."""
    yield from _seeded_server(artifacts, "cut-sky", full_sky_texts(1500, seed=7), ("--sky-view-stars", "300"))


# ---------------------------------------------------------------------------- browsers

def _options(user_data_dir, lang, mobile, width, height):
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--hide-scrollbars",
                f"--user-data-dir={user_data_dir}", f"--lang={lang}"):
        o.add_argument(arg)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang + "," + lang.split("-")[0]})
    if mobile:
        o.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/156.0.0.0 Mobile Safari/537.36",
        })
    else:
        o.add_argument(f"--window-size={width},{height + 140}")
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return o


class Browsers:
    """Factory: each call gives a new Chromium with its own profile (so its own owner token)."""

    def __init__(self, base_url, artifacts, test_name):
        self.base_url = base_url
        self.artifacts = artifacts
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
        self.drivers = []
        self.profiles = []
        self.step = 0
        self._console = {}

    def __call__(self, width=1280, height=800, mobile=False, lang="ko-KR", reduced_motion=False, path="/", base_url=None):
        profile = tempfile.mkdtemp(prefix="dumpit-chrome-")
        self.profiles.append(profile)
        d = webdriver.Chrome(options=_options(profile, lang, mobile, width, height), service=Service(CHROMEDRIVER))
        self.drivers.append(d)
        d.set_page_load_timeout(60)
        d.set_script_timeout(30)
        if not mobile:
            # exact CSS viewport, whatever the window decorations are
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if reduced_motion:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                              {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        # alert trap installed before any page script runs
        d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
            window.__alerted = false;
            (function () {
              var wrap = function (name) {
                var orig = window[name];
                window[name] = function () { window.__alerted = name; return orig.apply(window, arguments); };
              };
              wrap('alert'); wrap('confirm'); wrap('prompt');
              // every fetch the page makes, with its method (resource timing has no method)
              window.__fetches = [];
              var fetch0 = window.fetch;
              window.fetch = function (input, init) {
                var url = typeof input === 'string' ? input : (input && input.url) || String(input);
                var method = (init && init.method) || (input && input.method) || 'GET';
                window.__fetches.push({method: String(method).toUpperCase(), url: new URL(url, location.href).href});
                return fetch0.apply(this, arguments);
              };
            })();
        """})
        if path is not None:
            d.get((base_url or self.base_url) + path)
            wait_js(d, "return document.readyState === 'complete'", 30)
        return d

    def shot(self, driver, name):
        self.step += 1
        idx = self.drivers.index(driver) if driver in self.drivers else 0
        who = f"-b{idx}" if len(self.drivers) > 1 else ""
        path = self.artifacts / f"{self.test_name}{who}-{self.step:02d}-{name}.png"
        driver.save_screenshot(str(path))
        return path

    def console(self, driver):
        """All console entries of this driver so far (the driver hands each entry out once)."""
        key = id(driver)
        store = self._console.setdefault(key, [])
        try:
            store.extend(driver.get_log("browser"))
        except Exception:
            pass
        return store

    def js_errors(self, driver):
        """Uncaught script errors seen by the page (other console noise, e.g. a 404, is ignored)."""
        return [e.get("message", "") for e in self.console(driver)
                if e.get("level") == "SEVERE" and ("Uncaught" in e.get("message", "")
                                                   or "SyntaxError" in e.get("message", ""))]

    def close(self):
        for i, d in enumerate(self.drivers):
            try:
                with open(self.artifacts / f"{self.test_name}-b{i}-console.log", "w") as f:
                    for e in self.console(d):
                        f.write(f"{e.get('level')} {e.get('message')}\n")
            except Exception:
                pass
            try:
                d.quit()
            except Exception:
                pass
        for p in self.profiles:
            shutil.rmtree(p, ignore_errors=True)


@pytest.fixture
def browsers(base_url, artifacts, request):
    b = Browsers(base_url, artifacts, request.node.name)
    yield b
    b.close()


# ---------------------------------------------------------------------------- waiting

def wait_js(driver, script, timeout=10, message=None, *args):
    """Polls a JS snippet (with `return`) until it gives something truthy; returns it."""
    last = {"v": None}

    def check(d):
        last["v"] = d.execute_script(script, *args)
        return last["v"]

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(check)
    except Exception as e:
        raise AssertionError(f"{message or 'condition'} not met within {timeout} s: {script!r} -> {last['v']!r}") from e
