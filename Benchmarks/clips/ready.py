"""Time to ready: from the POST's answer to the clip's `ready`, against a live server.
Single posts one after the other (median of 10), then a burst of 10 within a second (p90)."""
import json
import statistics
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

base = sys.argv[1]


def wait_healthy():
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except Exception:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def owner_token():
    """An owner token as the page gets one: handed out by the server (made-up ones are refused)."""
    req = urllib.request.Request(base + "/api/owner-tokens", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)["token"]


def post(text):
    body = json.dumps({"text": text}).encode()
    req = urllib.request.Request(base + "/api/worries", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Owner-Token": owner_token()})
    with urllib.request.urlopen(req, timeout=30) as r:
        answered = time.time()
        return json.load(r)["worry"]["id"], answered


def ready_after(worry_id, answered):
    while True:
        with urllib.request.urlopen(f"{base}/api/worries/{worry_id}", timeout=30) as r:
            status = json.load(r)["clip"]["status"]
        if status == "ready":
            return time.time() - answered
        if status == "failed":
            raise SystemExit("a clip failed")
        time.sleep(0.05)


def one(i):
    wid, answered = post(f"벤치마크 고민 {i} {uuid.uuid4().hex[:6]} 오늘도 힘들었어요")
    return ready_after(wid, answered)


wait_healthy()
one("warm-up")
singles = [one(i) for i in range(10)]
print(f"ready: single post, median of 10: {statistics.median(singles):.2f} s "
      f"(min {min(singles):.2f}, max {max(singles):.2f})  [goal <= 3.0 s]")
with ThreadPoolExecutor(max_workers=10) as pool:
    burst = sorted(pool.map(one, range(100, 110)))
p90 = burst[min(len(burst) - 1, int(round(0.9 * (len(burst) - 1))))]
print(f"ready: burst of 10 within 1 s, p90: {p90:.2f} s (median {statistics.median(burst):.2f}, max {burst[-1]:.2f})  [goal <= 6 s]")
