"""The page's sky model is pinned to the same golden files as the Swift engine
(Tests/Fixtures/sky-contract, written and checked by Tests/DumpEngineTests/SkyContractTests):
the page's `DumpSky.applyDelta`, given the sky `base.json` and the delta `delta.json` exactly
as the service sends them, must rebuild `next.json` — the sky the engine lays out. A change to
the JSON on either side fails a test on the other. The page's drawing twins, `crowdLooks` and
`skyBox`, are pinned the same way to `crowding.json` and `viewport.json`
(Tests/DumpRenderTests/SkyTwinContractTests)."""
import json
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
