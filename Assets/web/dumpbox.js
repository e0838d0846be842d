/* Dump It! — the dump box: typing (the counter against the server's limit, the box growing
   with its lines, Enter to dump outside an IME composition), the post, the status line under
   the box, and the hand-off of the kept words to the dust and of the answer to the sky, the
   counter, the care card and the share card. */
import { careOf } from "./care.js";
import { Dust } from "./dust.js";
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { loadStats } from "./stats.js";
import { Worries, visibilityOf } from "./worries.js";

var I = I18n, t = I.t, S = Safety;
var MASK_KINDS = ["phone", "email", "resident_number", "card", "link"];
var $ = function (id) { return document.getElementById(id); };

/* "전화번호는 가렸어요." — one kind by name, two together, more as personal details. */
function maskedNote(masked) {
  if (!Array.isArray(masked) || !masked.length) return "";
  var kinds = [];
  for (var i = 0; i < masked.length; i++) if (kinds.indexOf(masked[i]) < 0) kinds.push(masked[i]);
  var known = kinds.every(function (k) { return MASK_KINDS.indexOf(k) >= 0; });
  if (!known || kinds.length > 2) return t("msg.maskedMany");
  kinds.sort(function (a, b) { return MASK_KINDS.indexOf(a) - MASK_KINDS.indexOf(b); });
  if (kinds.length === 1) return t("msg.masked1", { a: t("mask." + kinds[0]) });
  return t("msg.masked2", { a: t("mask." + kinds[0]), b: t("mask." + kinds[1]) });
}

/* state: the page's shared state (home-state.js; scope read, note written). feed: the home
   sky (feed.js). hooks: reducedMotion, showCare(care, mode), dumped(data, visibility, care)
   (the share card's part of a taken worry), loadMine(). */
export function dumpBox(state, feed, hooks) {
  var sky = feed.sky, reducedMotion = hooks.reducedMotion;
  var form = $("dump-form");
  var ta = $("worry");
  var countEl = $("dump-count");
  var statusEl = $("dump-status");
  var box = $("dump-box");
  var dust = new Dust($("dust"));
  var MAX = 0;                  // the door's limit, from GET /api/limits
  var b = {
    postCount: 0,
    lastPost: null,
    sending: false,             // a worry is on its way: the box waits for the words the server kept
    retryUntil: 0,
    retryTimer: 0,
    dustingTimer: 0
  };

  Worries.limit().then(function (max) {
    if (max) { MAX = max; updateCounter(); }
  });
  function updateCounter() {
    if (!MAX) return;            /* until the limits arrive, the page's own "0 / 500" stands */
    var n = I.graphemeCount(ta.value.trim());
    countEl.textContent = I.fmtNumber(n) + " / " + MAX;
    countEl.setAttribute("aria-label", t("counter.label", { n: n, max: MAX }));
    countEl.classList.toggle("near", n > MAX * 0.9 && n <= MAX);
    countEl.classList.toggle("over", n > MAX);
  }
  var grownFor = -1;
  function autoGrow() {
    /* typing on: while the words still fit, one read and no layout thrown away (on a phone
       every keystroke otherwise laid the page out twice) */
    var len = ta.value.length;
    if (len >= grownFor && grownFor >= 0 && ta.scrollHeight <= ta.clientHeight) { grownFor = len; return; }
    grownFor = len;
    ta.style.height = "auto";
    var max = parseFloat(getComputedStyle(ta).maxHeight) || 200;
    ta.style.height = Math.min(ta.scrollHeight, max) + "px";
    ta.style.overflowY = ta.scrollHeight > max ? "auto" : "hidden";
  }
  ta.addEventListener("input", function () {
    updateCounter();
    autoGrow();
    if (statusEl.getAttribute("data-kind") === "hint") setStatus("");
  });
  ta.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.isComposing || e.keyCode === 229) return;   // Korean IME still composing
    e.preventDefault();
    submit();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  /* The status line under the box. A happy message ("ok") follows the note about what the
     server did to the last worry (masked data, kept private), so the note stays in view. */
  function setStatus(msg, kind) {
    var text = kind === "ok" && state.note ? (msg ? state.note + " " + msg : state.note) : (msg || "");
    statusEl.textContent = text;
    statusEl.setAttribute("data-kind", text ? (kind || "info") : "");
  }

  function nudge() {
    if (reducedMotion) return;
    box.classList.remove("nudge");
    void box.offsetWidth;
    box.classList.add("nudge");
  }

  function rateLimited(seconds) {
    b.retryUntil = Date.now() + seconds * 1000;
    clearInterval(b.retryTimer);
    var tickFn = function () {
      var left = Math.ceil((b.retryUntil - Date.now()) / 1000);
      if (left <= 0) { clearInterval(b.retryTimer); if (statusEl.getAttribute("data-kind") === "rate") setStatus(""); return; }
      setStatus(t("msg.rateLimited", { n: left }), "rate");
    };
    tickFn();
    b.retryTimer = setInterval(tickFn, 1000);
  }

  function submit() {
    if (b.sending) return;
    var raw = ta.value;
    var text = raw.trim();
    if (!text) {
      setStatus(t("msg.empty"), "hint");
      nudge();
      ta.focus();
      return;
    }
    if (MAX && I.graphemeCount(text) > MAX) {
      setStatus(t("msg.tooLong", { max: MAX }), "error");
      nudge();
      return;
    }
    if (b.retryUntil > Date.now()) {
      setStatus(t("msg.rateLimited", { n: Math.ceil((b.retryUntil - Date.now()) / 1000) }), "rate");
      nudge();
      return;
    }

    /* The words wait in the box (a breath, on a good connection) for the server's answer: the
       dust is made of the words as kept (cleaned, personal data masked), and a refused worry
       never turns to dust. */
    b.sending = true;
    state.note = "";
    ta.readOnly = true;
    ta.setAttribute("aria-busy", "true");
    box.classList.add("sending");
    setStatus("");
    b.postCount++;

    /* the answer carries the sky: only what changed, when a shared sky is held */
    Worries.post(text, feed.postSince()).then(function (r) {
      b.sending = false;
      ta.readOnly = false;
      ta.removeAttribute("aria-busy");
      box.classList.remove("sending");
      b.lastPost = { status: r.status, id: r.data && r.data.worry ? r.data.worry.id : null, share: r.data ? r.data.share : null,
        code: r.data && r.data.error ? r.data.error.code : null };
      if (r.status === 201 || (r.ok && r.data && r.data.worry)) {
        var kept = r.data.worry && typeof r.data.worry.text === "string" && r.data.worry.text ? r.data.worry.text : text;
        var started = performance.now();
        var gone = dustAway(kept);
        onDumped(r.data, kept, started, gone);
        return;
      }
      /* not taken: the words are still in the box */
      if (r.network) { setStatus(t("msg.network"), "error"); return; }
      if (r.status === 429) {
        rateLimited(S.retryAfter(r, 30));
        return;
      }
      var code = r.data && r.data.error && typeof r.data.error.code === "string" ? r.data.error.code : "";
      if (code === "not_allowed") {
        setStatus(t("msg.notAllowed"), "info");
        var care = careOf(r.data);
        if (care) hooks.showCare(care, "refused");
        return;
      }
      if (code === "empty_text") {           /* nothing visible was left once the text was cleaned */
        setStatus(t("msg.empty"), "hint");
        nudge();
        return;
      }
      var msg = r.data && r.data.error && typeof r.data.error.message === "string" ? r.data.error.message : t("msg.generic");
      setStatus(msg, "error");
    });
  }

  /* The kept words break into dust from the box; resolves when the dust is gone. */
  function dustAway(words) {
    box.classList.add("dusting");          // keep the placeholder out of the way of the dust
    clearTimeout(b.dustingTimer);
    b.dustingTimer = setTimeout(function () { box.classList.remove("dusting"); }, reducedMotion ? 500 : 1700);
    if (ta.value !== words) { ta.value = words; autoGrow(); }
    var gone = null;
    try { gone = dust.burst(ta, words, { reducedMotion: reducedMotion }); } catch (e) { gone = null; /* never block the dump */ }
    /* the sky's drift waits while the dust plays (at most the dust's four seconds) */
    sky.holdStars(true);
    var release = function () { sky.holdStars(false); };
    var holdUntil = setTimeout(release, 4000);
    if (gone && gone.then) gone.then(function () { clearTimeout(holdUntil); release(); });
    ta.value = "";
    updateCounter();
    autoGrow();
    var atMost = new Promise(function (resolve) { setTimeout(resolve, 4000); });
    return gone && gone.then ? Promise.race([gone, atMost]) : Promise.resolve();
  }

  /* A worry taken: the note and the status, the new star ringed once the sky has it, the
     counter and my list asked again, the care card after the dust, then the share card. */
  function onDumped(data, text, started, dustGone) {
    var visibility = visibilityOf(data.visibility);
    var care = careOf(data);
    var notes = [];
    var masked = maskedNote(data.masked);
    if (masked) notes.push(masked);
    if (visibility !== "public" && !care) notes.push(t("msg.private"));
    state.note = notes.join(" ");
    setStatus(care ? "" : t("msg.sent"), "ok");
    var wait = reducedMotion ? 0 : Math.max(0, 1100 - (performance.now() - started));
    setTimeout(function () {
      feed.afterPost(data.sky, function () {
        var node = sky.findByText(text);
        if (node) sky.highlight(node, 7000);
      });
    }, wait);
    loadStats();
    hooks.loadMine();
    /* words of crisis: one calm card once the dust is gone, and no share card for them */
    if (care) dustGone.then(function () { hooks.showCare(care, visibility === "public" ? "public" : "private"); });
    hooks.dumped(data, visibility, care);
  }

  updateCounter();
  autoGrow();

  return {
    input: ta,                  // the box: where focus goes back to when nothing better is left
    setStatus: setStatus,
    test: {
      get max() { return MAX; },
      get postCount() { return b.postCount; },
      get lastPost() { return b.lastPost; },
      get dustParticles() { return dust.live; },
      get dustActive() { return dust.bursts.length; }
    }
  };
}
