"""Trust & safety on the page (docs/safety.md), against the real server: deleting one of my
worries from 내 고민 (with its confirmation, by keyboard), reporting a star and hiding a star for
me, the care card for words of crisis (and for a refused text), and masked personal data that
the page never shows. Screenshots of the care card, the report dialog and the delete
confirmation, desktop 1280x800 and phone 390x844, go to the artifacts folder.

Run:  DUMPIT_BIN=.build/debug/dumpit python3 -m pytest -q Tests/browser/test_safety.py
"""
import json
import uuid

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import http, new_token, wait_js

CRISIS = "그냥 다 끝내고 죽고 싶어요"
REFUSED = "같이 죽을 사람 구해요"
PHONE = "내 번호 010-2345-6789"
PHONE_WIDTH, PHONE_HEIGHT = 390, 844


# ---------------------------------------------------------------------------- helpers

def wait_ready(d):
    wait_js(d, "return !!(window.__dumpit && window.__dumpit.loaded)", 20, "sky loaded")


def keys(d, *ks):
    ActionChains(d).send_keys(*ks).perform()


def shift_tab(d):
    ActionChains(d).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def active(d):
    return d.execute_script("var a = document.activeElement; return a ? {id: a.id, cls: a.className, "
                            "label: a.getAttribute('aria-label'), text: a.textContent} : null")


def settle(d):
    """Finishes running CSS animations (a dialog's fade-in) so a screenshot shows the end state."""
    d.execute_script("document.getAnimations().forEach(function (a) { try { a.finish(); } catch (e) {} })")


def focus_inside(d, dialog_id):
    return d.execute_script("return document.getElementById(arguments[0]).contains(document.activeElement)", dialog_id)


def public_ids(api):
    return {n["id"] for n in api.sky()["nodes"]}


def page_ids(d):
    return set(d.execute_script("return window.__dumpit.nodes().map(function (n) { return n.id; })"))


def sky_node(api, text):
    for n in api.sky()["nodes"]:
        if n["text"] == text:
            return n
    return None


def dump(d, text):
    ta = d.find_element(By.ID, "worry")
    ta.click()
    ta.send_keys(text)
    ta.send_keys(Keys.ENTER)


def no_dialog_call(d):
    assert not d.execute_script("return window.__alerted"), "alert/confirm/prompt was used"


def pin_star(d, text):
    """Clicks the star of `text` on the canvas (its tooltip stays, with its actions); when a control
    lies over it, pins it the same way through the page's hook."""
    pos = wait_js(d, """
        var n = window.__dumpit.node(arguments[0]);
        if (!n || n.alpha < 1) return null;
        var el = document.elementFromPoint(n.sx, n.sy);
        return {x: n.sx, y: n.sy, onCanvas: !!el && el.id === 'sky', w: innerWidth, h: innerHeight};""",
                  15, "the star drawn", text)
    if pos["onCanvas"] and 0 <= pos["x"] < pos["w"] and 0 <= pos["y"] < pos["h"]:
        canvas = d.find_element(By.ID, "sky")
        ActionChains(d).move_to_element_with_offset(
            canvas, int(pos["x"] - pos["w"] / 2), int(pos["y"] - pos["h"] / 2)).click().perform()
    try:
        wait_js(d, "var b = document.querySelector('.sky-tip-bar'); var t = window.__dumpit.tooltip;"
                   "return b && !b.hidden && t && t.text === arguments[0]", 3, "pinned", text)
    except AssertionError:
        assert d.execute_script("return window.__dumpit.pinStar(arguments[0])", text)
    wait_js(d, "var b = document.querySelector('.sky-tip-bar'); return b && !b.hidden", 3, "the star's actions")


def bar_button(d, label):
    for b in d.find_elements(By.CSS_SELECTOR, ".sky-tip-bar .tip-acts .tip-btn"):
        if b.text == label:
            return b
    raise AssertionError(f"no {label!r} in the pinned star's actions")


def care_card(d):
    return d.execute_script("""
        var c = document.getElementById('care');
        var links = Array.prototype.map.call(c.querySelectorAll('a[href]'), function (a) {
          return {href: a.getAttribute('href'), text: a.textContent.replace(/\\s+/g, ' ').trim()}; });
        var b = c.getBoundingClientRect();
        return {open: !c.hidden, role: c.getAttribute('role'), modal: c.getAttribute('aria-modal'),
                heading: c.querySelector('h2').textContent, message: document.getElementById('care-message').textContent,
                links: links, share: c.querySelectorAll('#card-copy, .card-btn').length,
                box: [b.left, b.top, b.right, b.bottom], vw: innerWidth, vh: innerHeight};""")


def in_view(box, vw, vh):
    left, top, right, bottom = box
    return left >= 0 and top >= 0 and right <= vw and bottom <= vh


# ---------------------------------------------------------------------------- delete

def test_delete_from_my_worries_by_keyboard_with_a_confirmation(browsers, api):
    token = new_token()
    tag = uuid.uuid4().hex[:6]
    keep, gone = f"남겨 둘 고민 {tag}", f"지울 고민 {tag}"
    ids = {}
    for text in (keep, gone):
        status, _, created = api.post_worry(text, token=token)
        assert status == 201, created
        ids[text] = created["worry"]["id"]
    star = sky_node(api, gone)["id"]

    d = browsers()
    # the page's own token first (its request could land after ours and overwrite it)
    wait_ready(d)
    d.execute_script("localStorage.setItem('dumpit.owner', arguments[0])", token)
    d.refresh()
    wait_ready(d)
    wait_js(d, "var id = arguments[0]; return window.__dumpit.nodes().some(function (n) { return n.id === id; })", 15,
            "the star in everyone's sky", star)
    d.find_element(By.ID, "scope-mine").click()
    items = wait_js(d, "var l = window.__dumpit.mineList(); return l.length === 2 ? l : null", 15, "my two worries")
    assert [i["text"] for i in items] == [gone, keep]

    # Tab from the toggle: the newest item, then its 지우기 (named with the worry)
    assert active(d)["id"] == "scope-mine"
    keys(d, Keys.TAB)
    assert "mine-item" in active(d)["cls"]
    keys(d, Keys.TAB)
    a = active(d)
    assert "mine-del" in a["cls"] and a["text"] == "지우기", a
    assert a["label"] == f"‘{gone}’ 지우기", a
    ring = d.execute_script("var s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]")
    assert ring[0] != "none" and ring[1] >= 1, ring

    # Enter asks first; Escape keeps the worry and gives focus back
    keys(d, Keys.ENTER)
    wait_js(d, "return !document.getElementById('del').hidden", 3, "the confirmation")
    dlg = d.execute_script("""var e = document.getElementById('del');
        return {role: e.getAttribute('role'), modal: e.getAttribute('aria-modal'), title: document.getElementById('del-title').textContent,
                desc: document.getElementById('del-desc').textContent, quote: document.getElementById('del-quote').textContent};""")
    assert dlg == {"role": "alertdialog", "modal": "true", "title": "이 고민을 지울까요?",
                   "desc": "영상과 공유 링크도 함께 사라져요.", "quote": gone}, dlg
    assert active(d)["id"] == "del-no"            # the safe choice first
    keys(d, Keys.ESCAPE)
    wait_js(d, "return document.getElementById('del').hidden", 3, "closed")
    assert "mine-del" in active(d)["cls"]
    assert len(d.execute_script("return window.__dumpit.mineList()")) == 2

    # again, and this time 지우기 (Shift+Tab from 취소, Tab stays inside the dialog)
    keys(d, Keys.ENTER)
    wait_js(d, "return !document.getElementById('del').hidden", 3, "the confirmation")
    keys(d, Keys.TAB)
    assert focus_inside(d, "del")
    keys(d, Keys.TAB)
    assert focus_inside(d, "del")
    settle(d)
    browsers.shot(d, "delete-confirm-desktop")
    assert active(d)["id"] in ("del-yes", "del-no")
    if active(d)["id"] == "del-no":
        shift_tab(d)
    assert active(d)["id"] == "del-yes" and active(d)["text"] == "지우기"
    keys(d, Keys.ENTER)
    wait_js(d, "return document.getElementById('del').hidden", 10, "deleted")
    wait_js(d, "return document.getElementById('dump-status').textContent === '지웠어요'", 5, "said so")
    assert [i["text"] for i in d.execute_script("return window.__dumpit.mineList()")] == [keep]
    assert "mine-item" in active(d)["cls"]      # focus on the item that is left

    # gone from the server, from my sky and from everyone's
    assert star not in public_ids(api)
    status, _, mine = http(api.base, "GET", "/api/worries", token=token)
    assert status == 200 and [w["worry"]["id"] for w in mine["worries"]] == [ids[keep]]
    assert http(api.base, "GET", f"/w/{ids[gone]}")[0] == 410
    wait_js(d, "var id = arguments[0]; return !window.__dumpit.nodes().some(function (n) { return n.id === id; })", 5,
            "the star gone from my sky", star)
    d.find_element(By.ID, "scope-all").click()
    wait_js(d, "var id = arguments[0]; return window.__dumpit.scope === 'all' && window.__dumpit.nodes().length > 0 && "
               "!window.__dumpit.nodes().some(function (n) { return n.id === id; })", 10,
            "the star gone from everyone's sky", star)
    no_dialog_call(d)
    assert not browsers.js_errors(d), browsers.js_errors(d)

    # the share card of my worry also deletes (here on a phone, for the screenshot)
    p = browsers(width=PHONE_WIDTH, height=PHONE_HEIGHT, mobile=True)
    wait_ready(p)
    p.execute_script("localStorage.setItem('dumpit.owner', arguments[0])", token)
    p.refresh()
    wait_ready(p)
    p.find_element(By.ID, "scope-mine").click()
    wait_js(p, "return window.__dumpit.mineList().length === 1", 15, "my worry listed")
    p.find_element(By.CSS_SELECTOR, "#mine-items .mine-item").click()
    wait_js(p, "return window.__dumpit.cardWorry === arguments[0]", 5, "its card", ids[keep])
    p.find_element(By.ID, "card-delete").click()
    wait_js(p, "return !document.getElementById('del').hidden", 3, "the confirmation")
    box = p.execute_script("var b = document.getElementById('del').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]")
    assert in_view(box, PHONE_WIDTH, PHONE_HEIGHT), box
    settle(p)
    browsers.shot(p, "delete-confirm-phone")
    p.find_element(By.ID, "del-yes").click()
    wait_js(p, "return document.getElementById('del').hidden && window.__dumpit.cardWorry === null", 10, "deleted, card closed")
    assert http(api.base, "GET", "/api/worries", token=token)[2]["worries"] == []
    assert not browsers.js_errors(p), browsers.js_errors(p)


# ---------------------------------------------------------------------------- report, hide

def test_report_a_star_through_the_dialog(browsers, api, artifacts):
    text = f"누가 내 번호를 알아요 {uuid.uuid4().hex[:6]}"
    status, _, _ = api.post_worry(text)
    assert status == 201
    star = sky_node(api, text)["id"]

    d = browsers()
    wait_ready(d)
    pin_star(d, text)
    report = bar_button(d, "신고")
    assert report.get_attribute("aria-label") == f"‘{text}’ 신고"
    report.click()
    wait_js(d, "var e = document.getElementById('report-dialog'); return e && !e.hidden", 3, "the report dialog")
    info = d.execute_script("""var e = document.getElementById('report-dialog');
        return {role: e.getAttribute('role'), modal: e.getAttribute('aria-modal'),
                title: document.getElementById('report-title').textContent,
                quote: document.getElementById('report-quote').textContent,
                reasons: Array.prototype.map.call(e.querySelectorAll('input[type=radio]'), function (r) {
                  return [r.value, r.labels[0].textContent]; }),
                named: Array.prototype.every.call(e.querySelectorAll('button'), function (b) {
                  return (b.getAttribute('aria-label') || b.textContent).trim().length > 0; })};""")
    assert info["role"] == "dialog" and info["modal"] == "true" and info["title"] == "이 별 신고하기", info
    assert info["quote"] == text and info["named"], info
    assert info["reasons"] == [["personal_info", "개인 정보가 보여요"], ["hate", "혐오·괴롭힘"],
                               ["self_harm", "위험해 보여요 (자해·자살)"], ["spam", "광고·스팸"], ["other", "기타"]], info
    assert focus_inside(d, "report-dialog") and active(d)["id"] == "report-personal_info"

    # by keyboard: nothing chosen is a gentle hint, then Space picks, Tab reaches 신고하기
    d.find_element(By.ID, "report-send").send_keys(Keys.ENTER)
    wait_js(d, "return document.getElementById('report-status').textContent === '이유를 하나 골라 주세요.'", 3, "pick a reason")
    assert active(d)["id"] == "report-personal_info"
    keys(d, Keys.SPACE)
    assert d.execute_script("return document.getElementById('report-personal_info').checked")
    settle(d)
    browsers.shot(d, "report-dialog-desktop")
    keys(d, Keys.TAB)
    assert active(d)["id"] == "report-send"
    keys(d, Keys.ENTER)
    wait_js(d, "return document.getElementById('report-status').textContent === '신고해 주셔서 고마워요. 살펴볼게요.'", 10,
            "thanks")
    assert active(d)["id"] == "report-done"
    browsers.shot(d, "report-thanks-desktop")
    sent = d.execute_script("""return (window.__fetches || []).filter(function (f) {
        return f.method === 'POST' && /\\/reports$/.test(f.url); }).map(function (f) { return f.url; });""")
    assert sent == [f"{api.base}/api/worries/{star}/reports"], sent

    # a report of personal data takes the star down at once: the server and then the page
    assert star not in public_ids(api)
    wait_js(d, "var id = arguments[0]; return !window.__dumpit.nodes().some(function (n) { return n.id === id; })", 10,
            "the reported star gone from the page", star)
    keys(d, Keys.ESCAPE)
    wait_js(d, "return document.getElementById('report-dialog').hidden", 3, "closed")
    no_dialog_call(d)
    assert not browsers.js_errors(d), browsers.js_errors(d)

    # the dialog on a phone (a star reported by nobody yet)
    other = f"폰에서 본 별 {uuid.uuid4().hex[:6]}"
    assert api.post_worry(other)[0] == 201
    p = browsers(width=PHONE_WIDTH, height=PHONE_HEIGHT, mobile=True)
    wait_ready(p)
    wait_js(p, "var n = window.__dumpit.node(arguments[0]); return n && n.alpha >= 1", 15, "the star", other)
    assert p.execute_script("return window.__dumpit.pinStar(arguments[0])", other)
    wait_js(p, "var b = document.querySelector('.sky-tip-bar'); return b && !b.hidden", 3, "actions")
    bar = p.execute_script("var b = document.querySelector('.sky-tip-bar').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]")
    assert in_view(bar, PHONE_WIDTH, PHONE_HEIGHT), bar
    browsers.shot(p, "star-actions-phone")
    bar_button(p, "신고").click()
    wait_js(p, "var e = document.getElementById('report-dialog'); return e && !e.hidden", 3, "the report dialog")
    p.find_element(By.CSS_SELECTOR, "label[for=report-hate]").click()
    box = p.execute_script("var b = document.getElementById('report-dialog').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]")
    assert in_view(box, PHONE_WIDTH, PHONE_HEIGHT), box
    settle(p)
    browsers.shot(p, "report-dialog-phone")
    p.find_element(By.ID, "report-cancel").click()
    wait_js(p, "return document.getElementById('report-dialog').hidden", 3, "closed")
    assert other in [n["text"] for n in api.sky()["nodes"]]       # nothing was sent
    assert not browsers.js_errors(p), browsers.js_errors(p)


def test_hide_a_star_for_me_only_and_for_good(browsers, api):
    tag = uuid.uuid4().hex[:6]
    hidden, stays = f"안 보고 싶은 별 {tag}", f"계속 보이는 별 {tag}"
    for text in (hidden, stays):
        assert api.post_worry(text)[0] == 201
    star = sky_node(api, hidden)["id"]

    d = browsers()
    wait_ready(d)
    pin_star(d, hidden)
    button = bar_button(d, "이 별 숨기기")
    assert button.get_attribute("aria-label") == f"‘{hidden}’ — 이 별 숨기기"
    button.click()
    wait_js(d, "var id = arguments[0]; return !window.__dumpit.nodes().some(function (n) { return n.id === id; })", 3,
            "hidden at once", star)
    assert d.execute_script("return JSON.parse(localStorage.getItem('dumpit.hiddenStars'))") == [star]
    assert d.execute_script("return document.getElementById('sky-tip').hidden")
    assert hidden not in [l["text"] for l in d.execute_script("return window.__dumpit.shownLabels()")]
    assert star in public_ids(api)                       # for everyone else it is still there

    # after a reload, and on /sky, it stays away; the other star is drawn
    d.refresh()
    wait_ready(d)
    wait_js(d, "return !!window.__dumpit.node(arguments[0])", 15, "the other star", stays)
    assert star not in page_ids(d)
    d.get(api.base + "/sky")
    wait_js(d, "var t = arguments[0], s = window.DumpSky && window.DumpSky.current; return !!s && s.nodes.some(function (n) {"
               "return n.text === t; })", 20, "the live sky on /sky", stays)
    assert not d.execute_script("var id = arguments[0]; return window.DumpSky.current.nodes.some(function (n) { return n.id === id; })", star)
    assert d.find_element(By.CSS_SELECTOR, "footer a[href='/safety']").text == "안전 수칙"

    # keyboard: the stars one by one (those drawn), each with its actions
    wait_js(d, "return window.DumpSky.current._browsable().length > 0", 10, "stars faded in")
    browse = d.find_element(By.ID, "browse-stars")
    d.execute_script("arguments[0].focus()", browse)
    keys(d, Keys.ENTER)
    wait_js(d, "var b = document.querySelector('.sky-tip-bar'); return b && !b.hidden && b.contains(document.activeElement)",
            3, "focus in the star's actions")
    first = d.execute_script("return document.getElementById('sky-tip-text').textContent")
    keys(d, Keys.ARROW_RIGHT)
    second = d.execute_script("return document.getElementById('sky-tip-text').textContent")
    if d.execute_script("return window.DumpSky.current._browsable().length") > 1:
        assert second != first
    assert first != hidden and second != hidden
    # hiding one from the keyboard goes on with the next star
    gone = d.execute_script("return document.querySelector('.sky-tip-bar').getAttribute('data-star')")
    shown_before = d.execute_script("return window.DumpSky.current._browsable().length")
    d.execute_script("arguments[0].focus()", bar_button(d, "이 별 숨기기"))
    keys(d, Keys.ENTER)
    wait_js(d, "return document.getElementById('sky-note').textContent === '이 별을 숨겼어요. 이 기기에서는 다시 보이지 않아요.'",
            3, "said so on /sky")
    assert not d.execute_script("var id = arguments[0]; return window.DumpSky.current.nodes.some(function (n) { return n.id === id; })", gone)
    assert gone in d.execute_script("return JSON.parse(localStorage.getItem('dumpit.hiddenStars'))")
    if shown_before > 1:
        assert d.execute_script("var b = document.querySelector('.sky-tip-bar'); return !b.hidden && b.contains(document.activeElement)")
    keys(d, Keys.ESCAPE)
    wait_js(d, "return document.getElementById('sky-tip').hidden", 3, "tooltip closed")
    assert active(d)["id"] == "browse-stars"
    assert not browsers.js_errors(d), browsers.js_errors(d)


# ---------------------------------------------------------------------------- care, masking

def check_care(d, browsers, shot):
    care = wait_js(d, "return window.__dumpit.careOpen", 15, "the care card") and care_card(d)
    assert care["role"] == "dialog" and care["modal"] == "true" and care["heading"], care
    assert care["message"].startswith("많이 힘든 밤이네요"), care
    assert care["links"][0]["href"] == "tel:109" and "109" in care["links"][0]["text"], care
    assert [link["href"] for link in care["links"]] == ["tel:109", "tel:15770199", "tel:1388"], care
    assert care["share"] == 0, care
    assert in_view(care["box"], care["vw"], care["vh"]), care
    assert focus_inside(d, "care")
    settle(d)
    browsers.shot(d, shot)
    return care


def test_words_of_crisis_get_the_care_card_and_stay_out_of_the_sky(browsers, api):
    d = browsers()
    wait_ready(d)
    dump(d, CRISIS)
    post = wait_js(d, "var p = window.__dumpit.lastPost; return p && p.status ? p : null", 20, "posted")
    assert post["status"] == 201, post
    wait_js(d, "return window.__dumpit.dustParticles > 50", 3, "the dust plays")
    check_care(d, browsers, "care-card-desktop")
    assert d.execute_script("return window.__dumpit.cardWorry") is None     # no share card for it
    assert CRISIS not in [n["text"] for n in api.sky()["nodes"]]
    token = d.execute_script("return localStorage.getItem('dumpit.owner')")
    mine = http(api.base, "GET", "/api/worries", token=token)[2]["worries"]
    assert [(w["worry"]["text"], w["visibility"]) for w in mine] == [(CRISIS, "private")]

    # Escape (or 닫기) gives the box its focus back
    keys(d, Keys.ESCAPE)
    wait_js(d, "return !window.__dumpit.careOpen", 3, "closed")
    assert active(d)["id"] == "worry"
    # in 내 고민 it is marked as mine only; its card offers nothing to share
    d.find_element(By.ID, "scope-mine").click()
    items = wait_js(d, "var l = window.__dumpit.mineList(); return l.length ? l : null", 15, "listed")
    assert items[0]["visibility"] == "private"
    assert d.find_element(By.CSS_SELECTOR, "#mine-items .mine-badge").text == "나만 보기"
    d.find_element(By.CSS_SELECTOR, "#mine-items .mine-item").click()
    wait_js(d, "return window.__dumpit.cardWorry !== null", 5, "its card")
    assert not d.find_element(By.ID, "card-copy").is_displayed()
    assert not d.find_element(By.ID, "card-mp4").is_displayed()
    # the card fades in (opacity 0 at its first frame): wait for it rather than catch it mid-fade
    WebDriverWait(d, 5).until(
        lambda _: d.find_element(By.ID, "card-care").is_displayed() and d.find_element(By.ID, "card-delete").is_displayed())
    settle(d)
    browsers.shot(d, "private-card-and-list-desktop")
    no_dialog_call(d)
    assert not browsers.js_errors(d), browsers.js_errors(d)

    p = browsers(width=PHONE_WIDTH, height=PHONE_HEIGHT, mobile=True)
    wait_ready(p)
    dump(p, CRISIS)
    check_care(p, browsers, "care-card-phone")
    p.find_element(By.ID, "care-done").click()
    wait_js(p, "return !window.__dumpit.careOpen", 3, "closed")
    assert not browsers.js_errors(p), browsers.js_errors(p)


def test_a_refused_text_gets_the_care_card_and_no_dust(browsers):
    d = browsers()
    wait_ready(d)
    dump(d, REFUSED)
    post = wait_js(d, "var p = window.__dumpit.lastPost; return p && p.status ? p : null", 20, "answered")
    assert post["status"] == 422 and post["code"] == "not_allowed", post
    check_care(d, browsers, "care-card-refused-desktop")
    assert d.execute_script("return window.__dumpit.dustActive") == 0
    assert d.find_element(By.ID, "worry").get_attribute("value") == REFUSED       # the words are given back
    assert "하늘에 올리지 않았어요" in d.find_element(By.ID, "care-note").text
    d.find_element(By.ID, "care-close").click()
    wait_js(d, "return !window.__dumpit.careOpen", 3, "closed")
    assert active(d)["id"] == "worry"
    assert not browsers.js_errors(d), browsers.js_errors(d)


SHOWN_TEXT = """
    var out = [document.body.innerText, document.getElementById('worry').value,
               document.getElementById('card-quote').textContent, document.getElementById('card-quote').title];
    window.__dumpit.nodes().forEach(function (n) { out.push(n.text); });
    window.__dumpit.mineList().forEach(function (i) { out.push(i.text); });
    document.querySelectorAll('[aria-label]').forEach(function (e) { out.push(e.getAttribute('aria-label')); });
    return out.join('\\n');"""


def test_a_phone_number_is_masked_and_never_shown(browsers, api):
    d = browsers()
    wait_ready(d)
    dump(d, PHONE)
    post = wait_js(d, "var p = window.__dumpit.lastPost; return p && p.status ? p : null", 20, "posted")
    assert post["status"] == 201, post
    wait_js(d, "return document.getElementById('dump-status').textContent.indexOf('전화번호는 가렸어요.') === 0", 5,
            "the masked note")
    wait_js(d, "return window.__dumpit.cardWorry === arguments[0]", 10, "its card", post["id"])
    quote = d.find_element(By.ID, "card-quote").get_attribute("textContent")
    assert quote.startswith("내 번호 ") and "•" in quote and "2345" not in quote, quote
    wait_js(d, "var t = arguments[0]; return window.__dumpit.nodes().some(function (n) { return n.text === t; })", 15,
            "its star, masked", quote)
    d.find_element(By.ID, "scope-mine").click()
    wait_js(d, "return window.__dumpit.mineList().length === 1", 15, "listed")
    shown = d.execute_script(SHOWN_TEXT)
    assert "2345" not in shown and "6789" not in shown
    # the sky's texts (its numbers are coordinates, where any four digits may turn up)
    texts = [node["text"] for node in api.sky()["nodes"]]
    assert quote in texts and not any("2345" in text or "6789" in text for text in texts), texts
    # the stored worry, which the clip was painted from, is masked too
    status, _, worry = http(api.base, "GET", f"/api/worries/{post['id']}")
    assert status == 200 and "2345" not in worry["worry"]["text"] and "6789" not in worry["worry"]["text"]
    assert not browsers.js_errors(d), browsers.js_errors(d)


@pytest.mark.parametrize("lang", ["en-US"])
def test_english_safety_strings(browsers, lang):
    d = browsers(lang=lang)
    wait_ready(d)
    assert d.find_element(By.CSS_SELECTOR, "footer a[href='/safety']").text == "Safety"
    dump(d, "call me at 010-2345-6789 please")
    wait_js(d, "return document.getElementById('dump-status').textContent.indexOf('We hid the phone number.') === 0", 10,
            "the masked note in English")
    assert not browsers.js_errors(d), browsers.js_errors(d)
