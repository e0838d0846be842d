"""The page for everyone (issue 24): axe-core finds nothing on the four pages a visitor sees,
in Korean and in English, on a desktop and on a phone: `/` (with a worry dumped, so the card,
the counter and the stars are there), `/sky`, a share page `/w/{id}` and `/safety`.

axe-core (4.9) comes from selenium-axe-python (PyPI), the maintained fork of axe-selenium-python
(whose axe-core 3.1 knows no WCAG 2.1 or 2.2 rule); the rules run are WCAG 2.0/2.1/2.2 A and AA and
axe's best practices (landmarks, one main, headings). Bounded: 4 pages × 2 languages × 2 sizes.
"""
import pytest
from selenium_axe_python import Axe

from selenium.webdriver.common.keys import Keys

from conftest import wait_js

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]}).then(function (r) {
  done({version: axe.version, found: r.violations.map(function (v) {
    return v.nodes.map(function (n) {
      return v.id + " (" + v.impact + "): " + JSON.stringify(n.target) + " " + (n.failureSummary || "").slice(0, 240);
    });
  })});
}, function (e) { done({error: String(e)}); });
"""


def violations(d):
    Axe(d).inject()
    d.set_script_timeout(120)
    result = d.execute_async_script(RUN, TAGS)
    assert "error" not in result, result
    return result["version"], [line for lines in result["found"] for line in lines]


@pytest.fixture(scope="module")
def shared_worry(api):
    status, _, body = api.post_worry("접근성을 확인하는 고민")
    assert status == 201, body
    return body["worry"]["id"]


@pytest.mark.parametrize("lang", ["ko-KR", "en-US"])
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_axe_finds_nothing_on_the_pages(browsers, shared_worry, lang, mobile):
    d = browsers(width=390 if mobile else 1280, height=844 if mobile else 800, mobile=mobile, lang=lang, path=None)
    report = {}
    for path in ["/", "/sky", f"/w/{shared_worry}", "/safety"]:
        d.get(browsers.base_url + path)
        wait_js(d, "return document.readyState === 'complete'", 30)
        if path == "/":
            wait_js(d, "return window.__dumpit && window.__dumpit.loaded", 30, "the page loaded")
        version, found = violations(d)
        if found:
            report[path] = found
    assert not report, f"axe-core {version} ({lang}, {'phone' if mobile else 'desktop'}):\n" + "\n".join(
        f"{path}: {line}" for path, lines in report.items() for line in lines)


def test_axe_finds_nothing_with_the_list_view_open(browsers, shared_worry):
    d = browsers(lang="en-US")
    wait_js(d, "return window.__dumpit && window.__dumpit.loaded && window.__dumpit.nodeCount > 0", 30, "stars")
    d.find_element("id", "list-open").click()
    wait_js(d, "return document.querySelectorAll('.list-item').length > 0", 10, "the list filled")
    version, found = violations(d)
    assert not found, f"axe-core {version} with the list open:\n" + "\n".join(found)


def test_the_list_view_tells_the_sky_and_opens_a_star_and_brings_focus_back(browsers, full_sky):
    # a busy day's sky (its own server): many pages of worries, many constellations
    d = browsers(base_url=full_sky.url)
    wait_js(d, "return window.__dumpit && window.__dumpit.loaded && window.__dumpit.nodeCount > 60", 60, "the stars")
    opener = d.find_element("id", "list-open")
    assert opener.text == "목록으로 보기" and opener.get_attribute("aria-expanded") == "false"
    opener.send_keys(Keys.ENTER)
    wait_js(d, "return !document.getElementById('sky-list').hidden", 5, "the list opened")
    assert d.switch_to.active_element.get_attribute("id") == "sky-list-title", "focus moved into the list"
    assert opener.get_attribute("aria-expanded") == "true"
    shown = d.execute_script("return document.querySelectorAll('.list-item').length")
    nodes = d.execute_script("return window.__dumpit.nodeCount")
    assert shown == min(30, nodes), (shown, nodes)
    # the next page, and focus on its first worry
    more = d.find_element("id", "sky-list-more")
    assert more.is_displayed()
    more.send_keys(Keys.ENTER)
    wait_js(d, f"return document.querySelectorAll('.list-item').length === {min(60, nodes)}", 5, "the next page")
    first_new = d.execute_script("return document.querySelectorAll('.list-item')[30]")
    assert d.switch_to.active_element == first_new
    # every star of the sky is in the list once it is all shown, under its constellation's heading
    d.execute_script("var m = document.getElementById('sky-list-more'); while (!m.hidden) m.click();")
    listed = d.execute_script("return Array.prototype.map.call(document.querySelectorAll('.list-item'), function (b) { return b.getAttribute('data-star'); })")
    ids = d.execute_script("return window.DumpSky.current.nodes.map(function (n) { return n.id; })")
    assert sorted(listed) == sorted(ids)
    groups = d.execute_script("return window.DumpSky.current.constellations().length")
    headings = d.execute_script("return document.querySelectorAll('#sky-list-body h3').length")
    assert headings == groups + (1 if len(ids) > sum(
        len(g["members"]) for g in d.execute_script("return window.DumpSky.current.constellations()")) else 0)
    # a worry opens its star, pinned with its actions, focus in them
    item = d.execute_script("return document.querySelector('.list-item')")
    star = item.get_attribute("data-star")
    words = d.execute_script("return arguments[0].querySelector('.list-text').textContent", item)
    item.send_keys(Keys.ENTER)
    wait_js(d, "return document.getElementById('sky-list').hidden", 5, "the list made way")
    focused = d.switch_to.active_element
    assert "tip-btn" in focused.get_attribute("class"), focused.get_attribute("outerHTML")
    assert d.execute_script("return document.querySelector('.sky-tip-bar').getAttribute('data-star')") == star
    assert d.find_element("id", "sky-tip-text").text == words
    # Escape: the star closes, the list is back, focus on the same worry
    focused.send_keys(Keys.ESCAPE)
    wait_js(d, "return !document.getElementById('sky-list').hidden", 5, "the list came back")
    assert d.switch_to.active_element == item
    assert d.find_element("id", "sky-tip").get_attribute("hidden") is not None
    # Escape again closes the list; focus goes back to its button
    item.send_keys(Keys.ESCAPE)
    wait_js(d, "return document.getElementById('sky-list').hidden", 5, "the list closed")
    assert d.switch_to.active_element == opener
    assert not browsers.js_errors(d)


def positions(d):
    return d.execute_script("return window.DumpSky.current.nodes.map(function (n) { return [n.sx, n.sy]; })")


def frames_later(d, n=10):
    start = d.execute_script("return window.__dumpit.frames")
    wait_js(d, f"return window.__dumpit.frames >= {start + n}", 10, "frames were drawn")


@pytest.mark.parametrize("reduced", [False, True], ids=["motion", "reduced-motion"])
def test_the_pause_stops_all_motion_and_is_remembered(browsers, shared_worry, reduced):
    d = browsers(reduced_motion=reduced)
    wait_js(d, "return window.__dumpit && window.__dumpit.loaded && window.__dumpit.nodeCount > 0", 30, "stars")
    button = d.find_element("id", "motion")
    assert button.is_displayed()
    # reduced motion: paused from the start, and the button offers to play
    assert button.text == ("움직임 켜기" if reduced else "움직임 멈추기")
    if not reduced:
        before = positions(d)
        wait_js(d, "return window.DumpSky.current.nodes.some(function (n, i) { return Math.abs(n.sx - arguments[0][i][0]) > 0.05; })"
                .replace("arguments[0]", str(before)), 15, "the stars drift")
        button.send_keys(Keys.ENTER)
        assert button.text == "움직임 켜기"
    frames_later(d)
    still = positions(d)
    frames_later(d, 30)
    assert positions(d) == still, "nothing moves while paused"
    # remembered: a new visit starts as it was left
    d.refresh()
    wait_js(d, "return window.__dumpit && window.__dumpit.loaded && window.__dumpit.nodeCount > 0", 30, "stars")
    button = d.find_element("id", "motion")
    assert button.text == "움직임 켜기"
    frames_later(d)
    still = positions(d)
    frames_later(d, 30)
    assert positions(d) == still
    # and it plays again, from where it stood
    button.send_keys(Keys.ENTER)
    assert button.text == "움직임 멈추기"
    moved = still
    wait_js(d, "return window.DumpSky.current.nodes.some(function (n, i) { return Math.abs(n.sx - arguments[0][i][0]) > 0.05; })"
            .replace("arguments[0]", str(moved)), 15, "the stars drift again")
    jump = max(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(still, positions(d)))
    assert jump < 40, f"play went on from where the stars stood (moved {jump:.1f} px), not from a jump"
