"""The card's clip has sound, and browsers only autoplay muted: the player starts muted and a
real, labelled, keyboard-reachable toggle turns the sound on and off."""
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import REPO, _free_port, _stop, _wait_healthy, wait_js
from test_page import check_video, dump_via_ui, wait_card, wait_ready

SOUND = """
    var b = document.getElementById('card-sound'), v = document.querySelector('#card video');
    if (!b || !v) return null;
    return {tag: b.tagName, type: b.type, pressed: b.getAttribute('aria-pressed'), muted: v.muted,
            name: b.textContent.trim(), focused: document.activeElement === b, tabIndex: b.tabIndex,
            focusVisible: b.matches(':focus-visible'), outline: getComputedStyle(b).outlineStyle,
            outlineWidth: getComputedStyle(b).outlineWidth,
            color: getComputedStyle(b).color, background: getComputedStyle(b).backgroundColor};"""


def _rgba(text):
    parts = text[text.index("(") + 1:text.index(")")].split(",")
    values = [float(p) for p in parts]
    return values + [1.0] * (4 - len(values))


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fg, bg_over):
    """Contrast ratio of text colour `fg` on background `bg_over` (rgba) laid over the clip's
    darkest possible frame, the night #0a0a12, and its brightest likely one (mint dust)."""
    ratios = []
    for under in ((10, 10, 18), (100, 255, 218)):
        a = bg_over[3]
        bg = [bg_over[i] * a + under[i] * (1 - a) for i in range(3)]
        l1, l2 = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        ratios.append((l1 + 0.05) / (l2 + 0.05))
    return min(ratios)


@pytest.fixture(scope="module")
def own_server(artifacts):
    """A server of this test's own: its clip does not wait behind the clips other tests queued
    on the session's server (it would, run after them)."""
    binary = str(Path(os.environ["DUMPIT_BIN"]).resolve())
    data = tempfile.mkdtemp(prefix="dumpit-sound-")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.setdefault("DUMPIT_ASSETS", str(REPO / "Assets"))
    with open(artifacts / "sound-server.log", "ab") as log:
        proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data,
                                 "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0",
                                 "--rate-limit-tokens", "0"], stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=str(REPO), env=env, start_new_session=True)
    try:
        if not _wait_healthy(url, proc):
            pytest.fail("the sound test's server did not become healthy")
        yield url
    finally:
        _stop(proc)
        shutil.rmtree(data, ignore_errors=True)


def test_the_clip_starts_muted_and_a_labelled_toggle_turns_its_sound_on(browsers, own_server):
    d = browsers(base_url=own_server)
    wait_ready(d)
    dump_via_ui(d, f"소리 나는 영상 {uuid.uuid4().hex[:6]}")
    wait_card(d)
    check_video(d)
    state = wait_js(d, SOUND, 10, "the sound toggle")
    assert state["tag"] == "BUTTON" and state["type"] == "button", state
    assert state["name"] == "소리", state
    assert state["pressed"] == "false" and state["muted"], state
    assert state["tabIndex"] >= 0, state
    assert _contrast(_rgba(state["color"]), _rgba(state["background"])) >= 4.5, state

    # keyboard: focus it, Space turns the sound on, Enter turns it off again
    d.execute_script("document.getElementById('card-sound').focus()")
    button = d.switch_to.active_element
    assert button.get_attribute("id") == "card-sound"
    button.send_keys(Keys.SPACE)
    state = wait_js(d, SOUND.replace("return {", "var s = {").replace("};", "}; return s.pressed === 'true' ? s : null;"),
                    5, "sound on")
    assert not state["muted"], state
    assert state["focused"] and state["focusVisible"], state
    assert state["outline"] != "none" and state["outlineWidth"] != "0px", state
    browsers.shot(d, "card-sound-on")
    button.send_keys(Keys.ENTER)
    state = wait_js(d, SOUND.replace("return {", "var s = {").replace("};", "}; return s.pressed === 'false' ? s : null;"),
                    5, "sound off")
    assert state["muted"], state

    # a pointer works too
    d.find_element(By.ID, "card-sound").click()
    wait_js(d, "return document.getElementById('card-sound').getAttribute('aria-pressed') === 'true'"
               " && !document.querySelector('#card video').muted", 5, "sound on by click")
    assert not browsers.js_errors(d), browsers.js_errors(d)
