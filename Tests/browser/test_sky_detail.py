"""Detail by region (issue 22): a sky larger than its view is downloaded as its brightest stars;
zoomed in on /sky, the page loads the faint stars of the part it shows (GET /api/sky/region) and
draws them with the view's, and lets them go when it shows the whole sky again."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import http, wait_js

SKY = "var s = window.DumpSky && window.DumpSky.current; "
REGION_REQUESTS = ("return performance.getEntriesByType('resource').filter(function (e) { "
                   "return e.name.indexOf('/api/sky/region?') >= 0; }).length")


def detail_state(d):
    return d.execute_script(SKY + """
      var view = {}; s.nodes.forEach(function (n) { view[n.id] = true; });
      var r = s.detailRegion;
      return { view: s.nodes.length, detail: s.detail.length, region: r,
               dup: s.detail.filter(function (n) { return view[n.id]; }).length,
               outside: s.detail.filter(function (n) {
                 return !r || n.x < r.x0 || n.x > r.x1 || n.y < r.y0 || n.y > r.y1; }).length,
               lit: s.detail.filter(function (n) { return n.alpha >= 1; }).length,
               scale: s.scale() };""")


def test_zoomed_in_the_sky_page_loads_and_draws_the_faint_stars_of_the_part_shown(browsers, cut_sky):
    status, _, whole = http(cut_sky.url, "GET", "/api/sky", timeout=60)
    assert status == 200
    d = browsers(width=1280, height=800, base_url=cut_sky.url, path="/sky")
    wait_js(d, SKY + "return !!s && s.nodes.length >= 300 && s.nodes.every(function (n) { return n.alpha >= 1; })",
            60, "the live sky on /sky")
    d.execute_script("document.getElementById('tonight').scrollIntoView({block: 'center'})")
    # the whole sky: no detail is asked for
    assert d.execute_script(REGION_REQUESTS) == 0
    assert detail_state(d)["detail"] == 0

    # zoomed in 2.56x (the button twice): the faint stars of what is shown, with a margin
    d.find_element(By.ID, "zoom-in").click()
    d.find_element(By.ID, "zoom-in").click()
    wait_js(d, SKY + "return s.detail.length > 20 && s.detail.every(function (n) { return n.alpha >= 1; })", 20,
            "the faint stars loaded and faded in")
    state = detail_state(d)
    assert state["scale"] > 2.5 and state["dup"] == 0 and state["outside"] == 0, state
    assert state["view"] == len(whole["nodes"]), state
    r = state["region"]
    assert 0 <= r["x0"] < r["x1"] <= 1 and 0 <= r["y0"] < r["y1"] <= 1 and (r["x1"] - r["x0"]) < 0.8, r
    # none of them is a star of the view, and each is a star of the server's region
    status, _, answer = http(cut_sky.url, "GET", "/api/sky/region?x0=%.4f&y0=%.4f&x1=%.4f&y1=%.4f&limit=600"
                             % (r["x0"], r["y0"], r["x1"], r["y1"]), timeout=60)
    assert status == 200 and answer["nodes"], answer
    served = {n["id"] for n in answer["nodes"]}
    shown = set(d.execute_script(SKY + "return s.detail.map(function (n) { return n.id; })"))
    view_ids = {n["id"] for n in whole["nodes"]}
    assert shown and shown <= served and not (shown & view_ids)
    browsers.shot(d, "sky-detail-zoomed")

    # a faint star is named as any star: hover it, and its words show
    star = d.execute_script(SKY + """
      var W = s.W, H = s.H;
      var list = s.detail.filter(function (n) { return n.sx > 40 && n.sx < W - 40 && n.sy > 40 && n.sy < H - 40 &&
        s.pick(n.sx, n.sy, 12) === n; });
      return list.length ? { id: list[0].id, text: list[0].text, x: list[0].sx, y: list[0].sy } : null;""")
    assert star, "a faint star alone under the pointer"
    canvas = d.find_element(By.ID, "tonight-sky")
    size = canvas.size
    ActionChains(d).move_to_element_with_offset(canvas, star["x"] - size["width"] / 2,
                                                star["y"] - size["height"] / 2).perform()
    wait_js(d, "var t = document.getElementById('sky-tip-text'); return !!t && t.textContent === arguments[0]", 5,
            "the faint star's words in the tooltip", star["text"])

    # a small pan stays inside the region held (its margin): nothing new is wanted; a long one
    # leaves it, and the faint stars of the new part come
    d.execute_script(SKY + "s.panBy(12, 8)")
    assert d.execute_script(SKY + "var w = s.detailWanted(); return !!w && s.detailCovers(w.shown)")
    asked = d.execute_script(REGION_REQUESTS)
    d.execute_script(SKY + "s.panBy(-s.W * 0.6, 0)")
    assert not d.execute_script(SKY + "return s.detailCovers(s.detailWanted().shown)")
    wait_js(d, SKY + "var asked = performance.getEntriesByType('resource').filter(function (e) { "
               "return e.name.indexOf('/api/sky/region?') >= 0; }).length; "
               "return asked > arguments[0] && s.detailCovers(s.detailWanted().shown)", 20, "the new part's detail", asked)

    # the whole sky again: the detail goes
    d.find_element(By.ID, "zoom-reset").click()
    wait_js(d, SKY + "return s.detail.length === 0 && s.detailRegion === null", 5, "the detail let go")
    wait_js(d, SKY + "return s.drawn.length === s.nodes.length", 5, "only the view drawn")
    assert not browsers.js_errors(d), browsers.js_errors(d)
