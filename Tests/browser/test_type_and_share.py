"""One headline face everywhere, and a share page that says what Dump It! is (issue 10, item 7)."""
import pytest

from conftest import wait_js

# The face the headline is drawn with: the shipped one must be loaded and used (Debian's
# Chromium otherwise falls back to DejaVu Sans Bold for system-ui).
HEADLINE_FACE = """
    var done = arguments[arguments.length - 1];
    var h = document.querySelector('.headline');
    document.fonts.ready.then(function () {
      var loaded = [];
      document.fonts.forEach(function (f) { if (f.status === 'loaded') loaded.push(f.family.replace(/["']/g, '')); });
      done({family: getComputedStyle(h).fontFamily, loaded: loaded,
            check: document.fonts.check('800 40px "Dump Headline"', 'FREE YOUR MIND')});
    });"""


@pytest.mark.parametrize("path", ["/", "/sky"])
def test_the_headline_uses_the_shipped_face(browsers, path):
    d = browsers(path=path)
    face = d.execute_async_script(HEADLINE_FACE)
    assert face["family"].startswith('"Dump Headline"'), face
    assert "Dump Headline" in face["loaded"], face
    assert face["check"], face


def test_the_share_page_says_what_it_is_and_asks_you_in(browsers, api):
    status, _, created = api.post_worry("공유 페이지에서 처음 만난 사람")
    assert status == 201
    d = browsers(width=390, height=844, mobile=True, path=created["share"])
    face = d.execute_async_script(HEADLINE_FACE)
    assert "Dump Headline" in face["loaded"], face
    intro = d.execute_script("var e = document.querySelector('.intro'); return e && e.textContent")
    assert intro and "Dump It!" in intro
    cta = d.execute_script("""
        var a = document.querySelector('a.cta'), b = a.getBoundingClientRect();
        return {text: a.textContent, href: a.getAttribute('href'), top: b.top, bottom: b.bottom,
                vh: window.innerHeight, bg: getComputedStyle(a).backgroundColor};""")
    assert cta["text"] == "나도 고민 버리기" and cta["href"] == "/"
    assert cta["bottom"] <= cta["vh"], cta      # above the fold on a phone
    assert cta["bg"] == "rgb(100, 255, 218)", cta
    browsers.shot(d, "share-phone")
    d.find_element("css selector", "a.cta").click()
    wait_js(d, "return location.pathname === '/' && !!document.getElementById('worry')", 20, "the main page")


def test_a_long_worry_on_its_card_ends_with_an_ellipsis(browsers):
    d = browsers()
    wait_js(d, "return !!(window.__dumpit && window.__dumpit.loaded)", 20, "page loaded")
    text = "끝이 잘리는 긴 고민 " + " ".join(f"문장{i}이 계속 이어져요" for i in range(30))
    d.execute_script("var t = document.getElementById('worry'); t.value = arguments[0]; "
                     "t.dispatchEvent(new Event('input'));", text)
    d.find_element("id", "dump-btn").click()
    wait_js(d, "return window.__dumpit.cardWorry !== null", 30, "the card opened")
    quote = d.execute_script("""
        var q = document.getElementById('card-quote'), s = getComputedStyle(q);
        return {clamp: s.webkitLineClamp, display: s.display, cut: q.scrollHeight > q.clientHeight + 2,
                title: q.title, lines: Math.round(q.clientHeight / parseFloat(s.lineHeight))};""")
    assert quote["clamp"] == "3", quote     # (Chromium reports the clamped box as display: flow-root)
    assert quote["cut"] and quote["lines"] == 3, quote
    assert quote["title"] == text
