"""The page's benchmark (issue 24): frames per second and the share of time in long tasks, per
device profile and sky size, on `/` (with the dump box), on `/sky`, while the dust plays and
while typing. A phone is emulated as a mid-range one: 390x844 CSS px at device pixel ratio 3,
its CPU throttled 4x (Chromium's CPU throttling, so the figures are relative to this machine).

The skies are laid out by the real engine (`dumpit sky --from worries.json -o sky.json`, the
JSON `GET /api/sky` sends) from a busy day's worries, and handed to the page's sky as a poll
would (`__dumpit.setLayout`, `DumpSky.current.setLayout`).

The baseline, measured in the same run: the same page, profile and case with an empty sky;
each line prints its fps as a ratio of that (the machines are shared and noisy). No figure is
asserted; --light (the test command's run) only checks that every case drew frames.

Run:  bash Benchmarks/page/run.sh [--light] [--sizes 5000,20000] [--seconds 6]
"""
import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "browser"))

from conftest import (Browsers, _free_port, _stop, _wait_healthy, full_sky_texts, new_token,  # noqa: E402
                      wait_js)

EMPTY = {"nodes": [], "links": [], "constellations": [], "seed": 1, "driftPeriod": 10,
         "generatedAt": "2026-01-01T00:00:00Z"}

OBSERVE = """
window.__bench = {long: 0, since: performance.now()};
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__bench.long += e.duration; });
  }).observe({type: "longtask", buffered: false});
} catch (e) { window.__bench.unsupported = true; }
"""

MEASURE = """
var done = arguments[arguments.length - 1], ms = arguments[0], typing = arguments[1];
var sky = window.DumpSky.current, start = performance.now(), long0 = window.__bench.long;
/* typing: a character every 120 ms into the dump box, as the page hears keys (input events) */
var ta = document.getElementById("worry"), typer = 0;
if (typing && ta) {
  ta.focus();
  typer = setInterval(function () {
    ta.value += ta.value.length % 7 === 6 ? " " : "고";
    ta.dispatchEvent(new Event("input", {bubbles: true}));
  }, 120);
}
var intervals = [], last = 0;
function tick(t) {
  if (last) intervals.push(t - last);
  last = t;
  if (t - start < ms) requestAnimationFrame(tick);
  else {
    clearInterval(typer);
    if (typer) { ta.value = ""; ta.dispatchEvent(new Event("input", {bubbles: true})); }
    var elapsed = performance.now() - start;
    intervals.sort(function (a, b) { return a - b; });
    var sum = intervals.reduce(function (a, b) { return a + b; }, 0);
    done({fps: intervals.length ? 1000 * intervals.length / sum : 0, frames: intervals.length,
          p95: intervals.length ? intervals[Math.floor(intervals.length * 0.95)] : 0,
          worst: intervals.length ? intervals[intervals.length - 1] : 0,
          longShare: (window.__bench.long - long0) / elapsed, nodes: sky.nodes.length, dpr: sky.dpr});
  }
}
requestAnimationFrame(tick);
"""


def layout_for(n, folder, binary):
    worries = folder / f"worries-{n}.json"
    out = folder / f"sky-{n}.json"
    if not out.exists():
        now = datetime.datetime.now(datetime.timezone.utc)
        ws = [{"text": t, "createdAt": (now - datetime.timedelta(seconds=i * 80000 / n)).strftime("%Y-%m-%dT%H:%M:%SZ")}
              for i, t in enumerate(full_sky_texts(n))]
        worries.write_text(json.dumps(ws, ensure_ascii=False))
        subprocess.run([binary, "sky", "--from", str(worries), "-o", str(out)], check=True)
    return json.loads(out.read_text())


def measure(d, ms, typing=False):
    d.set_script_timeout(ms / 1000 + 60)
    return d.execute_async_script(MEASURE, ms, typing)


def run(base, layouts, profiles, ms, out):
    rows, baseline = [], {}
    b = Browsers(base, out, "bench-page")
    try:
        for profile in profiles:
            for n, layout in layouts.items():
                for page in ("/", "/sky"):
                    phone = profile == "phone"
                    d = b(width=390 if phone else 1280, height=844 if phone else 800, mobile=phone, path=None)
                    if phone:
                        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                          {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
                    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVE})
                    d.get(base + page)
                    if page == "/":
                        wait_js(d, "return window.__dumpit && window.__dumpit.loaded", 60, "the page")
                        d.execute_script("window.__dumpit.setLayout(arguments[0])", layout)
                    else:
                        wait_js(d, "return window.DumpSky && window.DumpSky.current && window.DumpSky.current.W > 0", 60)
                        d.execute_script("window.DumpSky.current.setLayout(arguments[0])", layout)
                    if phone:
                        d.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
                    time.sleep(1.5)   # the new stars fade in
                    cases = [("idle", None)]
                    if page == "/":
                        cases += [("typing", "type"), ("dust", "dust")]
                    for case, action in cases:
                        if action == "type":
                            r = measure(d, ms, typing=True)
                        elif action == "dust":
                            d.execute_script("""
                              var ta = document.getElementById('worry');
                              ta.value = '오늘 하루도 너무 길었다 내일은 조금 나아지겠지';
                              ta.dispatchEvent(new Event('input', {bubbles: true}));
                              document.getElementById('dump-btn').click();""")
                            r = measure(d, ms)
                        else:
                            r = measure(d, ms)
                        row = {"profile": profile, "worries": n, "page": page, "case": case, **r}
                        floor = baseline.get((profile, page, case))
                        if n == 0:
                            baseline[(profile, page, case)] = r["fps"]
                        ratio = f"{r['fps'] / floor:4.2f}x of empty" if floor else "(baseline)"
                        row["ratio"] = r["fps"] / floor if floor else None
                        rows.append(row)
                        print(f"{profile:8} {n:>6} worries {page:5} {case:7} {r['fps']:5.1f} fps {ratio:14}  long tasks "
                              f"{100 * r['longShare']:4.0f} %  p95 {r['p95']:6.1f} ms  worst {r['worst']:6.1f} ms  "
                              f"({r['nodes']} stars, dpr {r['dpr']})", flush=True)
                    if phone:
                        d.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
                    d.quit()
                    b.drivers.remove(d)
    finally:
        b.close()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--light", action="store_true", help="one sky size (5,000), 3 s windows: the test command's run")
    ap.add_argument("--sizes", default="5000,20000")
    ap.add_argument("--seconds", type=float, default=6)
    ap.add_argument("--profiles", default="desktop,phone")
    args = ap.parse_args()
    sizes = [0] + ([5000] if args.light else [int(s) for s in args.sizes.split(",")])
    ms = 3000 if args.light else args.seconds * 1000
    binary = os.environ.get("DUMPIT_BIN", str(REPO / ".build" / "debug" / "dumpit"))
    out = pathlib.Path(os.environ.get("DUMPIT_ARTIFACTS", REPO / "artifacts" / "bench-page"))
    out.mkdir(parents=True, exist_ok=True)
    layouts = {n: (layout_for(n, out, binary) if n else EMPTY) for n in sizes}
    data = tempfile.mkdtemp(prefix="dumpit-bench-page-")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DUMPIT_ASSETS=str(REPO / "Assets"))
    proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data, "--render-workers", "0",
                             "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0",
                             "--rate-limit-tokens", "0"], cwd=str(REPO), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if not _wait_healthy(base, proc):
            sys.exit("bench-page: the server did not start")
        new_token(base)
        rows = run(base, layouts, args.profiles.split(","), ms, out)
    finally:
        _stop(proc)
    (out / "bench-page.json").write_text(json.dumps(rows, indent=1))
    if args.light:
        blank = [r for r in rows if r["frames"] < 5]
        if blank:
            sys.exit(f"bench-page: no frames drawn in {blank}")


if __name__ == "__main__":
    main()
