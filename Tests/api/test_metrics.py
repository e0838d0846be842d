"""Metrics of the real `dumpit serve` binary: after 5 posts, `/metrics` parses with the
Prometheus text parser and its counts moved as expected; no label holds a worry id or text;
every metric the Grafana dashboard (deploy/grafana-dashboard.json) queries exists.

Run:  DUMPIT_BIN=.build/debug/dumpit python3 -m pytest -q Tests/api/test_metrics.py
Every wait is bounded and waits for a condition (an answer, a counter), never a fixed time.
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
import urllib.request
from pathlib import Path

import pytest

from live_server import issue_token, live_server
from prometheus_client.parser import text_string_to_metric_families

REPO = Path(__file__).resolve().parents[2]
DASHBOARD = REPO / "deploy" / "grafana-dashboard.json"
RENDER_BOUND = 600.0    # five real 720p renders with one worker on a loaded 2-core machine
OWNER_LIMIT = 5         # --rate-limit-owner: the sixth post of one owner is refused
TEXTS = [f"metrics test worry number {n}" for n in range(1, 6)]

# Metrics a dashboard may query that a serve node does not answer itself; keep this short.
NOT_FROM_SERVE = {
    "up",  # written by Prometheus for each scrape target, never by a target
}


def _get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return r.status, r.headers, r.read().decode()


def _post(port, text, token):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/worries", data=json.dumps({"text": text}).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-Owner-Token": token})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _wait_for(condition, bound, what):
    deadline = time.time() + bound
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {bound} s for {what}")


@pytest.fixture(scope="module")
def server():
    with live_server("metrics", ["--render-workers", "1", "--rate-limit-owner", str(OWNER_LIMIT), "--rate-limit-address", "0", "--daily-limit-address", "0",
         "--assets", str(REPO / "Assets")]) as port:
        yield port


def scrape(port):
    """{(sample name, frozenset of labels): value} of one /metrics answer, and its families."""
    status, headers, text = _get(port, "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=0.0.4")
    families = list(text_string_to_metric_families(text))
    samples = {}
    for family in families:
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples, families


def value(samples, name, **labels):
    """The sum of the samples called `name` whose labels include `labels` (None if none)."""
    found = [v for (n, ls), v in samples.items() if n == name and set(labels.items()) <= set(ls)]
    return sum(found) if found else None


@pytest.fixture(scope="module")
def after_five_posts(server):
    port = server
    before, _ = scrape(port)
    token = issue_token(port)
    ids = []
    for text in TEXTS:
        status, body = _post(port, text, token)
        assert status == 201, body
        ids.append(body["worry"]["id"])
    status, body = _post(port, "one too many", token)
    assert status == 429 and body["error"]["code"] == "rate_limited"
    _get(port, f"/api/worries/{ids[0]}")
    _get(port, f"/w/{ids[0]}")
    def five_finished():
        samples = scrape(port)[0]
        failed = (value(samples, "dumpit_renders_failed_total") or 0) + (value(samples, "dumpit_renders_retried_total") or 0)
        assert failed == 0, "a render failed: see metrics-server.log"
        return value(samples, "dumpit_renders_finished_total", format="mp4") == 5

    _wait_for(five_finished, RENDER_BOUND, "five finished renders")
    _wait_for(lambda: (value(scrape(port)[0], "dumpit_http_requests_total", route="/api/worries", method="POST",
                             status="201") or 0) >= 5, 30, "the five posts counted")
    after, families = scrape(port)
    return port, before, after, families, ids


def test_counts_moved_as_expected(after_five_posts):
    _, before, after, _, _ = after_five_posts
    assert value(before, "dumpit_renders_started_total", format="mp4") == 0
    assert value(after, "dumpit_http_requests_total", route="/api/worries", method="POST", status="201") == 5
    assert value(after, "dumpit_http_requests_total", route="/api/worries", method="POST", status="429") == 1
    assert value(after, "dumpit_http_requests_total", route="/api/worries/{id}", method="GET", status="200") == 1
    assert value(after, "dumpit_http_request_duration_seconds_count", route="/api/worries", method="POST") == 6
    assert value(after, "dumpit_rate_limited_total", limit="owner") == 1
    assert value(after, "dumpit_rate_limited_total", limit="address") == 0
    assert value(after, "dumpit_renders_started_total", format="mp4") == 5
    assert value(after, "dumpit_renders_finished_total", format="mp4") == 5
    assert value(after, "dumpit_renders_failed_total") == 0
    assert value(after, "dumpit_renders_retried_total") == 0
    assert value(after, "dumpit_render_duration_seconds_count") == 5
    assert value(after, "dumpit_render_stage_seconds_count", stage="render") == 5
    assert value(after, "dumpit_render_stage_seconds_count", stage="store") == 5
    assert value(after, "dumpit_post_to_ready_seconds_count") == 5
    assert value(after, "dumpit_post_to_ready_seconds_sum") > 0
    assert value(after, "dumpit_store_query_seconds_count", operation="add_worry") == 5
    assert value(after, "dumpit_render_queue_depth") == 0
    assert value(after, "dumpit_sky_layout_seconds_count") >= 1
    assert value(after, "dumpit_sky_nodes") == 5
    assert value(after, "dumpit_render_lease_rescues_total") == 0
    assert value(after, "dumpit_storage_full") == 0


def test_no_label_holds_an_id_or_a_text(after_five_posts):
    _, _, after, _, ids = after_five_posts
    labels = {v for (_, ls) in after for (_, v) in ls}
    for label in labels:
        for worry_id in ids:
            assert worry_id not in label, f"label {label!r} holds a worry id"
        for text in TEXTS + ["one too many"]:
            assert text not in label, f"label {label!r} holds a worry's text"
    routes = {v for (_, ls) in after for (k, v) in ls if k == "route"}
    assert "/api/worries/{id}" in routes and "/w/{id}" in routes


PROMQL_WORDS = {
    "sum", "max", "min", "avg", "count", "by", "without", "rate", "increase", "irate", "histogram_quantile",
    "le", "instance", "job", "route", "status", "stage", "operation", "format", "limit", "method", "on",
    "ignoring", "group_left", "group_right", "and", "or", "unless", "offset",
}


def dashboard_metric_names():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = []

    def walk(panels):
        for panel in panels:
            exprs.extend(t["expr"] for t in panel.get("targets", []) if t.get("expr"))
            walk(panel.get("panels", []))

    walk(dashboard["panels"])
    assert exprs, "the dashboard queries nothing"
    names = set()
    for expr in exprs:
        without_strings = re.sub(r'"[^"]*"', '""', expr)
        without_ranges = re.sub(r"\[[^\]]*\]", "", without_strings)
        without_matchers = re.sub(r"\{[^}]*\}", "", without_ranges)
        for token in re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", without_matchers):
            if token not in PROMQL_WORDS:
                names.add(token)
    return names


def test_every_metric_the_dashboard_queries_exists(after_five_posts):
    _, _, _, families, _ = after_five_posts
    exposed = {sample.name for family in families for sample in family.samples}
    queried = dashboard_metric_names()
    assert "dumpit_render_queue_depth" in queried and "dumpit_post_to_ready_seconds_bucket" in queried
    missing = sorted(queried - exposed - NOT_FROM_SERVE)
    assert not missing, f"the dashboard queries metrics /metrics does not answer: {missing}"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_private_metrics_port_takes_metrics_off_the_public_one():
    """`serve --metrics-port`: /metrics answers only on 127.0.0.1:PORT; the public port says 404."""
    private = _free_port()
    with live_server("metrics-private", ["--render-workers", "0", "--metrics-port", str(private),
                                         "--assets", str(REPO / "Assets")]) as port:
        try:
            _get(port, "/metrics")
            raise AssertionError("/metrics answered on the public port")
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert json.loads(error.read())["error"]["code"] == "not_found"
        status, headers, text = _wait_for(lambda: _try_get(private, "/metrics"), 30, "the private metrics port")
        assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
        names = {family.name for family in text_string_to_metric_families(text)}
        assert "dumpit_live_worries" in names and "dumpit_render_queue_depth" in names
        assert _get(private, "/healthz")[0] == 200


def _try_get(port, path):
    try:
        return _get(port, path)
    except (urllib.error.URLError, ConnectionError, OSError):
        return None
