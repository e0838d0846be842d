"""The page's sky model is pinned to the same golden files as the Swift engine
(Tests/Fixtures/sky-contract, written and checked by Tests/DumpEngineTests/SkyContractTests):
the page's `DumpSky.applyDelta`, given the sky `base.json` and the delta `delta.json` exactly
as the service sends them, must rebuild `next.json` — the sky the engine lays out. A change to
the JSON on either side fails a test on the other. The page's drawing twins, `crowdLooks` and
`skyBox`, are pinned the same way to `crowding.json` and `viewport.json`
(Tests/DumpRenderTests/SkyTwinContractTests)."""
import json
import shutil
import subprocess
from pathlib import Path

from conftest import wait_js

FIXTURES = Path(__file__).resolve().parents[1] / "Fixtures" / "sky-contract"


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_the_page_rebuilds_the_engines_next_sky_from_the_golden_delta(browsers):
    d = browsers()
    wait_js(d, "return !!(window.DumpSky && window.DumpSky.applyDelta)", 30, "the sky model loaded")
    base, delta, expected = load("base.json"), load("delta.json"), load("next.json")
    assert delta["full"] is False and delta["removed"] and delta["nodes"], "the fixture exercises removal and change"
    rebuilt = d.execute_script("return window.DumpSky.applyDelta(arguments[0], arguments[1])", base, delta)
    assert rebuilt is not None, "the page refused a delta the engine made"
    for field in ("nodes", "links", "constellations", "seed", "driftPeriod", "generatedAt"):
        assert rebuilt[field] == expected[field], field
    # a delta that does not fit the sky held is refused, not half-applied
    wrong = dict(delta, nodeCount=delta["nodeCount"] + 5)
    assert d.execute_script("return window.DumpSky.applyDelta(arguments[0], arguments[1])", base, wrong) is None


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def test_the_pages_drawing_twins_give_what_the_swift_rules_give(browsers):
    """`crowdLooks` (SkyCrowding.looks) and `skyBox` (SkyViewport.cover / .fitting) against the
    golden files Tests/DumpRenderTests/SkyTwinContractTests writes."""
    d = browsers()
    wait_js(d, "return !!(window.DumpSky && window.DumpSky.crowdLooks && window.DumpSky.skyBox)", 30, "the twins loaded")
    crowding = load("crowding.json")
    looks = d.execute_script("return window.DumpSky.crowdLooks(arguments[0])", crowding["stars"])
    assert len(looks) == len(crowding["looks"]) == 401
    for n, (got, want) in enumerate(zip(looks, crowding["looks"])):
        assert close(got["size"], want["size"]) and close(got["halo"], want["halo"]), (n, got, want)
    for case in load("viewport.json"):
        box = d.execute_script(
            "return window.DumpSky.skyBox(arguments[0], arguments[1], arguments[2])",
            case["width"], case["height"], case.get("band"))
        for field in ("x", "y", "w", "h"):
            assert close(box[field], case["box"][field]), (case, box)


NODE_CHECK = r"""
import { applyDelta, crowdLooks, skyBox } from "./sky-model.mjs";
import { readFileSync } from "node:fs";
const dir = process.argv[2], load = (n) => JSON.parse(readFileSync(dir + "/" + n, "utf8"));
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const out = { noDom: typeof document === "undefined" && typeof window === "undefined" };
const next = applyDelta(load("base.json"), load("delta.json")), want = load("next.json");
out.delta = ["nodes", "links", "constellations", "seed", "driftPeriod", "generatedAt"]
  .every((f) => JSON.stringify(next[f]) === JSON.stringify(want[f]));
const crowd = load("crowding.json");
out.crowding = crowdLooks(crowd.stars).every((l, i) => close(l.size, crowd.looks[i].size) && close(l.halo, crowd.looks[i].halo));
out.viewport = load("viewport.json").every((c) => {
  const b = skyBox(c.width, c.height, c.band || null);
  return ["x", "y", "w", "h"].every((f) => close(b[f], c.box[f]));
});
console.log(JSON.stringify(out));
"""


def test_the_sky_model_is_pure_and_keeps_the_contract_without_a_browser(tmp_path):
    """Assets/web/sky-model.js is imported by Node, where there is no DOM: it loads, and its
    delta, crowding and viewport rules give the golden files' answers."""
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node (Debian's nodejs, installed with eslint) is needed for this test"
    model = Path(__file__).resolve().parents[2] / "Assets" / "web" / "sky-model.js"
    (tmp_path / "sky-model.mjs").write_text(model.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "check.mjs").write_text(NODE_CHECK, encoding="utf-8")
    run = subprocess.run([node, str(tmp_path / "check.mjs"), str(FIXTURES)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"noDom": True, "delta": True, "crowding": True, "viewport": True}
