/* Dump It! — the main page: dump box, sky polling, stats, share card, my worries, and the
   safety answers of docs/safety.md (masked data, private worries, the care card, delete). */
import { careOf, careState, showCare as showCareCard } from "./care.js";
import { Dust } from "./dust.js";
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { Sky } from "./sky.js";
import { SkyList } from "./skylist.js";
import { loadStats, showStats } from "./stats.js";


var I = I18n, t = I.t, S = Safety;
var MAX = 0;                /* the door's limit, from GET /api/limits (the server's number, not a copy) */
var POLL_MS = 1500;         // the shared sky: a delta against the sky held (a few hundred bytes when idle)
var POLL_MINE_MS = 5000;    // my own sky: small, fetched whole
var STATS_MS = 30000;
var CLIP_GIVE_UP_MS = 180000;
var MASK_KINDS = ["phone", "email", "resident_number", "card", "link"];

var $ = function (id) { return document.getElementById(id); };
var reducedMotion = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

I.apply(document);
document.title = t("doc.title");

/* ---- owner token (kept in localStorage by DumpSafety) and HTTP ---- */
var ownerToken = S.ownerToken;
var api = S.api;
S.ensureToken().catch(function () { /* asked again with the first post */ });

/* ---- sky ---- */
var skyCanvas = $("sky");
var tip = { el: $("sky-tip"), textEl: $("sky-tip-text"), countEl: $("sky-tip-count") };
/* the boxes star labels keep out of: the header's words and toggle, the dump box, the counter */
var labelBlockers = ["h1.headline", ".tagline", ".scope", "#mine-list", "#dump-form", "#stats", ".foot"];
function controlBoxes() {
  var boxes = [];
  for (var i = 0; i < labelBlockers.length; i++) {
    var el = document.querySelector(labelBlockers[i]);
    if (!el || el.hidden) continue;
    var b = el.getBoundingClientRect();
    if (b.width > 0 && b.height > 0) boxes.push([b.left, b.top, b.right, b.bottom]);
  }
  return boxes;
}
/* the free band between the header and the dump box: the cluster is fitted into it */
function skyBand() {
  var head = document.querySelector("header.top"), form = $("dump-form"), list = $("mine-list");
  if (!head || !form) return null;
  var below = list && !list.hidden ? list : form;
  return { top: head.getBoundingClientRect().bottom + 6, bottom: below.getBoundingClientRect().top - 6 };
}
var sky = new Sky(skyCanvas, $("sky-bg"), { tooltip: tip, reducedMotion: reducedMotion, blockers: controlBoxes, band: skyBand,
  onMineTap: function (n, returnTo) { return openCardOf(n, returnTo); },
  /* someone else's star, pinned: report it, or hide it on this browser */
  starActions: true,
  onHidden: function () { setStatus(t("msg.hidden"), "info"); },
  /* a report may take the star down at once (personal data): ask for the sky again */
  onReported: function () { setTimeout(function () { state.lastSkyRaw = null; loadSky(); }, 300); } });
$("browse-stars").addEventListener("click", function (e) {
  if (!sky.browse(0, e.currentTarget)) setStatus(t(state.scope === "mine" ? "sky.emptyMine" : "sky.emptyAll"), "info");
});
/* ---- the sky as a list, and the pause for all motion ---- */
new SkyList(sky, {
  panel: $("sky-list"), body: $("sky-list-body"), summary: $("sky-list-summary"), more: $("sky-list-more"),
  close: $("sky-list-close"), status: $("sky-list-status"), opener: $("list-open")
});
Sky.bindMotionButton($("motion"), sky, reducedMotion);
/* the band is known once the web font has laid the header out */
if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { sky.resize(); });
window.addEventListener("load", function () { sky.resize(); });
var dust = new Dust($("dust"));
var emptyEl = $("sky-empty");

var state = {
  scope: "all",
  skySeq: 0,
  skyInflight: false,
  lastSkyRaw: null,
  held: null,                 // the shared sky as last received (SkyLayout JSON), for deltas
  skyVersion: null,           // its version: what ?since= sends
  deltas: 0,                  // deltas applied (tests)
  fulls: 0,                   // whole skies received (tests)
  frozen: false,
  loadedOnce: false,
  pollTimer: 0,
  postCount: 0,
  lastPost: null,
  clipPolls: 0,
  clipStatus: null,
  retryUntil: 0,
  retryTimer: 0,
  mine: [],                   // my live worries (entries of `dumps`), newest first
  shown: null,                // the layout the sky shows (a star deleted here is dropped from it at once)
  sending: false,             // a worry is on its way: the box waits for the words the server kept
  note: "",                   // what the server did to the last worry ("전화번호는 가렸어요."), before the status
  deleting: false
};

var lastTotal = -1;
function applyLayout(layout, raw, statsKnown) {
  state.shown = layout;
  sky.setLayout(layout);
  /* someone else dumped a worry: let the counter follow the sky */
  if (state.scope === "all" && !state.frozen && !statsKnown) {
    var total = 0;
    for (var i = 0; i < sky.nodes.length; i++) total += sky.nodes[i].count;
    if (lastTotal >= 0 && total > lastTotal) loadStats();
    lastTotal = total;
  }
  state.loadedOnce = true;
  if (raw !== undefined) state.lastSkyRaw = raw;
  var n = sky.nodes.length;
  skyCanvas.setAttribute("aria-label", t("sky.label", { n: I.fmtNumber(n) }));
  if (n === 0) {
    emptyEl.textContent = t(state.scope === "mine" ? "sky.emptyMine" : "sky.emptyAll");
    emptyEl.hidden = false;
  } else {
    emptyEl.hidden = true;
  }
}

/* The shared sky arrives whole once, then as deltas against the version held: the model's
   `DumpSky.applyDelta` (sky.js) rebuilds the layout, or says the delta does not fit. */
var applyDelta = Sky.applyDelta;

/* Whether a delta changes nothing but the time. */
function deltaIsEmpty(d) {
  var dl = d.links || {};
  return !(d.nodes && d.nodes.length) && !(d.removed && d.removed.length) && !(dl.added && dl.added.length) &&
    !(dl.removed && dl.removed.length) && !Array.isArray(d.constellations);
}

/* An answer about the shared sky: a delta against the sky held, the whole sky with
   full:true and its version, or a plain layout (no version: the next poll asks for all). */
function receiveSky(data) {
  if (!data || typeof data !== "object") return false;
  if (data.full === false) {
    if (data.since !== state.skyVersion || !state.held) return false;
    if (deltaIsEmpty(data)) {
      state.skyVersion = data.version;
      state.held.generatedAt = data.generatedAt;
      return true;
    }
    var layout = applyDelta(state.held, data);
    if (!layout) { state.held = null; state.skyVersion = null; return false; }
    state.held = layout;
    state.skyVersion = data.version;
    state.deltas++;
    if (data.stats && typeof data.stats === "object") showStats(data.stats);
    applyLayout(layout, undefined, !!data.stats);
    return true;
  }
  if (!Array.isArray(data.nodes)) return false;
  var plain = {};
  for (var k in data) if (k !== "full" && k !== "revision" && k !== "version") plain[k] = data[k];
  state.held = plain;
  state.skyVersion = typeof data.version === "string" ? data.version : null;
  state.fulls++;
  applyLayout(plain);
  return true;
}

function loadSky() {
  if (state.frozen) return Promise.resolve();
  var seq = ++state.skySeq;
  var scope = state.scope;
  state.skyInflight = true;
  var mine = scope === "mine";
  var path = mine ? "/api/sky?scope=mine" : "/api/sky?since=" + encodeURIComponent(state.skyVersion || "0");
  return api("GET", path, undefined, mine).then(function (r) {
    if (seq === state.skySeq) state.skyInflight = false;
    if (seq !== state.skySeq || scope !== state.scope || state.frozen) return;
    if (!r.ok || !r.data) return;
    if (!mine) {
      /* a delta that does not fit what is held: ask again for the whole sky at once */
      if (!receiveSky(r.data) && !state.skyVersion) return loadSky();
      return;
    }
    if (Array.isArray(r.data.nodes)) {
      if (r.raw === state.lastSkyRaw) return;
      applyLayout(r.data, r.raw);
    }
  });
}

/* My live worries (GET /api/worries, newest first): their stars are labelled on my page
   (a star's id is the same in my sky and in everyone's), tapping one opens its card, and
   "내 고민" lists them with their clips, from this visit or an earlier one. */
var mineSeq = 0;
function loadMine() {
  var seq = ++mineSeq;
  return api("GET", "/api/worries", undefined, true).then(function (r) {
    if (seq !== mineSeq || !r.ok || !r.data || !Array.isArray(r.data.worries)) return;
    var list = [], stars = [];
    for (var i = 0; i < r.data.worries.length; i++) {
      var m = r.data.worries[i];
      if (!m || !m.worry || typeof m.worry.id !== "string" || !m.clip) continue;
      var id = m.worry.id, entry = dumps[id];
      if (deleted[id]) continue;          /* gone here already; this answer was on its way */
      if (!entry) entry = dumps[id] = { id: id, worry: m.worry, clip: m.clip, share: m.share };
      else if (!entry.polling) entry.clip = m.clip;
      entry.star = typeof m.star === "string" ? m.star : null;
      entry.visibility = visibilityOf(m.visibility);
      entry.listed = true;
      if (entry.star) stars.push(entry.star);
      list.push(entry);
      if (cardWorryId === id && !entry.polling) renderCardClip(entry);
    }
    state.mine = list;
    sky.setMine(stars);
    renderMineList();
  });
}

/* "내 고민": my worries as a row of small cards above the dump box (newest first). */
var mineList = $("mine-list");
var mineItems = $("mine-items");
function timeLeft(expiresAt) {
  var ms = Date.parse(expiresAt) - Date.now();
  if (!isFinite(ms)) return "";
  var minutes = Math.max(1, Math.round(ms / 60000));
  return minutes >= 60 ? t("mine.hoursLeft", { n: Math.floor(minutes / 60) }) : t("mine.minutesLeft", { n: minutes });
}
function clipWord(clip) {
  var s = clip && clip.status;
  return s === "ready" ? t("mine.ready") : s === "failed" ? t("mine.failed") : t("mine.making");
}
function renderMineList() {
  var show = state.scope === "mine" && state.mine.length > 0;
  var wasShown = !mineList.hidden;
  if (!show) {
    mineList.hidden = true;
    if (wasShown) sky.resize();
    return;
  }
  var existing = Object.create(null), i;
  for (i = 0; i < mineItems.children.length; i++) {
    var li = mineItems.children[i];
    existing[li.getAttribute("data-id")] = li;
  }
  var keep = Object.create(null);
  for (i = 0; i < state.mine.length; i++) {
    var e = state.mine[i];
    keep[e.id] = true;
    var item = existing[e.id] || mineItem(e);
    updateMineItem(item, e);
    if (mineItems.children[i] !== item) mineItems.insertBefore(item, mineItems.children[i] || null);
  }
  for (var id in existing) if (!keep[id]) mineItems.removeChild(existing[id]);
  mineList.hidden = false;
  markOverflow();
  if (!wasShown) sky.resize();
}
/* a row wider than the page fades out at its scrolling end(s), so it reads as "more this way" */
function markOverflow() {
  var over = mineItems.scrollWidth - mineItems.clientWidth;
  mineItems.classList.toggle("more-right", over > 2 && mineItems.scrollLeft < over - 2);
  mineItems.classList.toggle("more-left", over > 2 && mineItems.scrollLeft > 2);
}
mineItems.addEventListener("scroll", markOverflow, { passive: true });
window.addEventListener("resize", function () { if (!mineList.hidden) markOverflow(); });
function mineItem(entry) {
  var li = document.createElement("li");
  li.className = "mine-entry";
  li.setAttribute("data-id", entry.id);
  var b = document.createElement("button");
  b.type = "button";
  b.className = "mine-item";
  var thumb = document.createElement("span");
  thumb.className = "mine-thumb";
  var text = document.createElement("span");
  text.className = "mine-text";
  var meta = document.createElement("span");
  meta.className = "mine-meta";
  var body = document.createElement("span");
  body.className = "mine-body";
  body.appendChild(text);
  body.appendChild(meta);
  var badge = document.createElement("span");
  badge.className = "mine-badge";
  badge.hidden = true;
  b.appendChild(thumb);
  b.appendChild(body);
  b.appendChild(badge);
  li.appendChild(b);
  /* a sibling, not inside the item's button: its own name and focus stop */
  var del = document.createElement("button");
  del.type = "button";
  del.className = "mine-del";
  del.textContent = t("mine.delete");
  li.appendChild(del);
  del.addEventListener("click", function () { askDelete(dumps[entry.id] || entry, del); });
  b.addEventListener("click", function () { openEntry(dumps[entry.id] || entry); });
  var ring = function () {
    var e = dumps[entry.id] || entry;
    var star = (e.star && sky.findById(e.star)) || sky.findByText(e.worry.text);
    if (star) sky.highlight(star, 2400);
  };
  b.addEventListener("mouseenter", ring);
  b.addEventListener("focus", ring);
  return li;
}
function updateMineItem(li, entry) {
  var b = li.querySelector(".mine-item"), thumb = b.querySelector(".mine-thumb");
  var text = b.querySelector(".mine-text"), meta = b.querySelector(".mine-meta"), badge = b.querySelector(".mine-badge");
  var words = String(entry.worry.text || "");
  if (text.textContent !== words) text.textContent = words;
  var status = entry.clip && entry.clip.status;
  li.setAttribute("data-status", status || "");
  li.setAttribute("data-visibility", entry.visibility || "public");
  meta.textContent = timeLeft(entry.worry.expiresAt) + " · " + clipWord(entry.clip);
  /* only I see it: kept private by the server's verdict, or hidden after a report */
  var where = entry.visibility === "private" ? t("mine.private") : entry.visibility === "hidden" ? t("mine.hidden") : "";
  badge.textContent = where;
  badge.hidden = !where;
  b.setAttribute("aria-label", t("mine.open", { text: words }) + (where ? " · " + where : ""));
  li.querySelector(".mine-del").setAttribute("aria-label", t("mine.deleteLabel", { text: shortText(words) }));
  /* a worry hidden after a report: its files are not served (to anyone), so no picture */
  var src = status === "ready" && entry.visibility !== "hidden" ? sameOriginPath(entry.clip.thumbnail) : null;
  var img = thumb.firstChild;
  if (src && (!img || img.getAttribute("src") !== src)) {
    while (thumb.firstChild) thumb.removeChild(thumb.firstChild);
    img = document.createElement("img");
    img.alt = "";
    img.decoding = "async";
    img.loading = "lazy";
    img.src = src;
    thumb.appendChild(img);
  } else if (!src && img) {
    thumb.removeChild(img);
  }
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(function () {
    if (!document.hidden && !state.skyInflight) loadSky();
    schedulePoll();
    if (state.scope === "mine" && !document.hidden) loadMine();
  }, state.scope === "mine" ? POLL_MINE_MS : POLL_MS);
}

document.addEventListener("visibilitychange", function () {
  if (!document.hidden) { loadSky(); loadStats(); }
});

/* ---- scope toggle ---- */
var scopeButtons = [$("scope-all"), $("scope-mine")];
function setScope(scope) {
  if (scope === state.scope) return;
  state.scope = scope;
  scopeButtons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-scope") === scope ? "true" : "false"); });
  sky.hideTooltip();
  state.lastSkyRaw = null;
  state.held = null;
  state.skyVersion = null;
  renderMineList();
  loadSky();
  if (scope === "mine") loadMine();
  schedulePoll();
}
scopeButtons.forEach(function (b) {
  b.addEventListener("click", function () { setScope(b.getAttribute("data-scope")); });
});

/* ---- the counter (stats.js) ---- */

/* ---- dump box ---- */
var form = $("dump-form");
var ta = $("worry");
var countEl = $("dump-count");
var statusEl = $("dump-status");
var box = $("dump-box");

api("GET", "/api/limits").then(function (r) {
  var max = r.ok && r.data && r.data.text && r.data.text.maxCharacters;
  if (typeof max === "number" && max > 0) { MAX = max; updateCounter(); }
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
  state.retryUntil = Date.now() + seconds * 1000;
  clearInterval(state.retryTimer);
  var tickFn = function () {
    var left = Math.ceil((state.retryUntil - Date.now()) / 1000);
    if (left <= 0) { clearInterval(state.retryTimer); if (statusEl.getAttribute("data-kind") === "rate") setStatus(""); return; }
    setStatus(t("msg.rateLimited", { n: left }), "rate");
  };
  tickFn();
  state.retryTimer = setInterval(tickFn, 1000);
}

function submit() {
  if (state.sending) return;
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
  if (state.retryUntil > Date.now()) {
    setStatus(t("msg.rateLimited", { n: Math.ceil((state.retryUntil - Date.now()) / 1000) }), "rate");
    nudge();
    return;
  }

  /* The words wait in the box (a breath, on a good connection) for the server's answer: the
     dust is made of the words as kept (cleaned, personal data masked), and a refused worry
     never turns to dust. */
  state.sending = true;
  state.note = "";
  ta.readOnly = true;
  ta.setAttribute("aria-busy", "true");
  box.classList.add("sending");
  setStatus("");
  state.postCount++;

  /* the answer carries the sky: only what changed, when a shared sky is held */
  var postPath = state.scope === "all" && state.skyVersion && !state.frozen
    ? "/api/worries?since=" + encodeURIComponent(state.skyVersion) : "/api/worries";
  api("POST", postPath, { text: text }, true).then(function (r) {
    state.sending = false;
    ta.readOnly = false;
    ta.removeAttribute("aria-busy");
    box.classList.remove("sending");
    state.lastPost = { status: r.status, id: r.data && r.data.worry ? r.data.worry.id : null, share: r.data ? r.data.share : null,
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
      if (care) showCare(care, "refused");
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
  clearTimeout(state.dustingTimer);
  state.dustingTimer = setTimeout(function () { box.classList.remove("dusting"); }, reducedMotion ? 500 : 1700);
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

function visibilityOf(v) { return v === "private" || v === "hidden" ? v : "public"; }

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

function onDumped(data, text, started, dustGone) {
  var visibility = visibilityOf(data.visibility);
  var care = careOf(data);
  var notes = [];
  var masked = maskedNote(data.masked);
  if (masked) notes.push(masked);
  if (visibility !== "public" && !care) notes.push(t("msg.private"));
  state.note = notes.join(" ");
  setStatus(care ? "" : t("msg.sent"), "ok");
  state.clipStatus = data.clip ? data.clip.status : null;
  var wait = reducedMotion ? 0 : Math.max(0, 1100 - (performance.now() - started));
  setTimeout(function () {
    var done = function () {
      var node = sky.findByText(text);
      if (node) sky.highlight(node, 7000);
    };
    if (state.frozen) return;
    if (state.scope === "all" && data.sky && receiveSky(data.sky)) {
      state.skySeq++;             // drop an older poll still in flight
      state.skyInflight = false;
      state.lastSkyRaw = null;
      done();
    } else {
      state.lastSkyRaw = null;
      loadSky().then(done);
    }
  }, wait);
  loadStats();
  loadMine();
  var worry = data.worry || {};
  /* words of crisis: one calm card once the dust is gone, and no share card for them */
  if (care) dustGone.then(function () { showCare(care, visibility === "public" ? "public" : "private"); });
  if (!worry.id || !data.clip) return;
  var entry = { id: String(worry.id), worry: worry, clip: data.clip, share: data.share, visibility: visibility, care: care };
  dumps[entry.id] = entry;
  if (care) return;
  /* the card opens at once (the visitor asked for it by dumping), with the clip's honest
     progress until it plays; a card already open keeps its place and this one waits */
  offerCard(entry);
  if (data.clip.status !== "ready" && data.clip.status !== "failed") pollClip(entry);
  else clipSettled(entry);
}

/* Every dump keeps its own poll: a newer dump never cancels an older one's card. */
function pollClip(entry) {
  if (entry.polling) return;
  entry.polling = true;
  state.clipPolls++;
  var start = Date.now();
  var finish = function () { state.clipPolls--; entry.polling = false; clipSettled(entry); if (entry.listed) renderMineList(); };
  var step = function () {
    if (entry.deleted) { state.clipPolls--; entry.polling = false; return; }
    /* with my token: a worry only I can see answers only me */
    api("GET", "/api/worries/" + encodeURIComponent(entry.id), undefined, true).then(function (r) {
      if (entry.deleted) { state.clipPolls--; entry.polling = false; return; }
      if (r.ok && r.data && r.data.clip) {
        entry.clip = r.data.clip;
        state.clipStatus = r.data.clip.status;
        if (cardWorryId === entry.id) renderCardClip(entry);
        if (r.data.clip.status === "ready" || r.data.clip.status === "failed") { finish(); return; }
      } else if (r.status === 404 || r.status === 410) {
        entry.clip = { status: "failed" };
        finish();
        return;
      }
      if (Date.now() - start > CLIP_GIVE_UP_MS) { state.clipPolls--; entry.polling = false; setStatus(t("msg.clipTimeout"), "info"); return; }
      /* ask again soon while it renders (the bar moves), less often while it waits its turn */
      var wait = entry.clip.status === "rendering" ? 600 : Math.min(3000, Math.max(800, (entry.clip.waitSeconds || 1) * 250));
      setTimeout(step, wait);
    });
  };
  setTimeout(step, 500);
}

/* A clip is ready or gave up: say so under the box, and show it if its card is open. */
function clipSettled(entry) {
  state.clipStatus = entry.clip.status;
  if (entry.clip.status === "failed") setStatus(t("msg.clipFailed"), "error");
  else if (entry.clip.status === "ready") setStatus(t("msg.clipReady"), "ok");
  if (cardWorryId === entry.id) renderCardClip(entry);
}

/* ---- share card ---- */
/* The card is not modal: no scrim, no focus taken, and it is placed in the band below the
   header, so it never covers the toggle a visitor may be pressing when a clip comes in. */
var card = $("card");
var header = document.querySelector("header.top");
var cardVideoWrap = $("card-video");
var cardMedia = $("card-media");        // the progress or the player: shrunk to keep the card in its band
var cardQuote = $("card-quote");
var dlMp4 = $("card-mp4");
var dlWebm = $("card-webm");
var copyBtn = $("card-copy");
var copyLabel = $("card-copy-label");
var linkInput = $("card-link");
var copyStatus = $("card-copy-status");
var closeBtn = $("card-close");
var dlStory = $("card-story");
var cardSub = $("card-sub");
var cardDelete = $("card-delete");
var cardCare = $("card-care");
var cardShareable = true;  // the open card's worry is in everyone's sky: its link and files may be shared
var cardProgress = $("card-progress");
var cardBar = $("card-bar");
var cardProgressText = $("card-progress-text");
var shareUrl = "";
var copyTimer = 0;
var dumps = {};            // worry id -> {id, worry, clip, share}: every dump of this visit
var cardQueue = [];        // cards waiting for the open one to close, oldest first
var cardWorryId = null;
var cardReturn = null;     // where focus goes when the card closes (the list view's item), else the dump box

/* A dump opens its card, or waits its turn behind the one already open. */
function offerCard(entry) {
  if (!card.hidden && entry.id !== cardWorryId) {
    for (var i = 0; i < cardQueue.length; i++) if (cardQueue[i].id === entry.id) return;
    cardQueue.push(entry);
    setStatus(t("msg.clipQueued", { n: cardQueue.length }), "ok");
    return;
  }
  showCard(entry);
}

/* Tapping my own star opens its card again: the newest of my worries that star shows, from
   this visit or (through the list of my worries) an earlier one. */
function openCardOf(node, returnTo) {
  var best = null;
  for (var id in dumps) {
    var e = dumps[id];
    if (!e.worry) continue;
    /* by star id once the list has named it; until then by the words, as the sky finds them */
    var hit = e.star ? e.star === node.id : sky.findByText(e.worry.text) === node;
    if (hit && (!best || String(e.worry.createdAt) > String(best.worry.createdAt))) best = e;
  }
  if (!best) return false;
  cardReturn = returnTo || null;
  openEntry(best);
  return true;
}

/* Opens the card of one of my worries (or queues it behind the open one); its clip is
   followed until it is ready. */
function openEntry(entry) {
  if (cardWorryId !== entry.id) offerCard(entry);
  var s = entry.clip && entry.clip.status;
  if (s !== "ready" && s !== "failed") pollClip(entry);
}

function placeCard() {
  if (card.hidden) return;
  var margin = 10;
  var top = Math.max(margin, header.getBoundingClientRect().bottom + margin);
  var bottom = form.getBoundingClientRect().top - margin;
  var vh = window.innerHeight;
  card.style.maxHeight = "none";
  cardMedia.style.width = "";
  var natural = card.scrollHeight;
  /* above the list of my worries too, when there is room for the card there */
  if (!mineList.hidden) {
    var aboveList = mineList.getBoundingClientRect().top - margin;
    if (aboveList - top >= Math.min(natural, 320)) bottom = aboveList;
  }
  /* too narrow a band (a short landscape screen): the card may reach over the dump box, never over the header */
  if (bottom - top < Math.min(natural, 320)) bottom = vh - margin;
  var room = Math.max(140, bottom - top);
  if (natural > room) {
    /* a smaller player rather than a card that scrolls: the buttons stay in view */
    var box = cardMedia.getBoundingClientRect();
    var fitHeight = box.height - (natural - room);
    if (fitHeight >= 110) {
      cardMedia.style.width = Math.floor(Math.min(box.width, fitHeight * 16 / 9)) + "px";
      natural = card.scrollHeight;
    }
  }
  card.style.maxHeight = room + "px";
  card.style.top = Math.round(top + Math.max(0, (room - Math.min(natural, room)) / 2)) + "px";
}
window.addEventListener("resize", placeCard);

function sameOriginPath(p) {
  /* only accept server paths like "/clips/x.webm" (never another host, never javascript:) */
  return typeof p === "string" && /^\/[^/\\]/.test(p) ? p : null;
}

function showCard(entry) {
  var worry = entry.worry;
  cardQuote.textContent = worry && typeof worry.text === "string" ? worry.text : "";
  cardQuote.title = cardQuote.textContent;
  /* a worry only I can see (kept private, hidden after a report, words of crisis) offers
     nothing to share: its link would not open for anyone else */
  var visibility = visibilityOf(entry.visibility);
  cardShareable = visibility === "public" && !entry.care;
  cardSub.textContent = t(visibility === "hidden" ? "card.subHidden" : cardShareable ? "card.sub" : "card.subPrivate");
  cardCare.hidden = !entry.care;
  var sharePath = cardShareable ? sameOriginPath(entry.share) : null;
  shareUrl = sharePath ? location.origin + sharePath : "";
  copyBtn.hidden = !shareUrl;
  linkInput.hidden = true;
  linkInput.value = shareUrl;
  copyStatus.textContent = "";
  copyLabel.textContent = t("card.copy");
  cardWorryId = entry.id;
  card.removeAttribute("data-state");
  while (cardVideoWrap.firstChild) cardVideoWrap.removeChild(cardVideoWrap.firstChild);
  card.hidden = false;
  card.classList.remove("show");
  void card.offsetWidth;
  card.classList.add("show");
  document.body.classList.add("card-open");
  renderCardClip(entry);
}

/* The clip part of the open card: the progress while it renders, then the player. */
function renderCardClip(entry) {
  var clip = entry.clip || {};
  if (entry.visibility === "hidden") {
    /* hidden after a report: the server keeps its clip closed; the card says why, quietly */
    card.setAttribute("data-state", "hidden");
    cardProgress.hidden = false;
    cardVideoWrap.hidden = true;
    [dlMp4, dlWebm, dlStory].forEach(function (a) { setLink(a, null); });
    cardProgress.classList.remove("indeterminate");
    cardProgress.classList.add("closed");
    cardProgressText.textContent = t("card.hiddenClip");
    placeCard();
    return;
  }
  cardProgress.classList.remove("closed");
  if (clip.status === "ready") {
    if (card.getAttribute("data-state") !== "ready") showPlayer(entry);
    return;
  }
  card.setAttribute("data-state", clip.status === "failed" ? "failed" : "waiting");
  cardProgress.hidden = false;
  cardVideoWrap.hidden = true;
  [dlMp4, dlWebm, dlStory].forEach(function (a) { setLink(a, null); });
  var fraction = clip.status === "rendering" && typeof clip.progress === "number" ? clip.progress : 0;
  cardBar.style.transform = "scaleX(" + Math.max(0.02, Math.min(1, fraction)) + ")";
  cardProgress.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
  var seconds = Math.max(1, Math.round(Number(clip.waitSeconds) || 1));
  var text;
  if (clip.status === "failed") text = t("msg.clipFailed");
  else if (clip.status === "rendering") text = t("card.rendering", { p: Math.round(fraction * 100), n: seconds });
  else if (seconds > 60) text = t("card.queuedLong", { m: Math.ceil(seconds / 60) });
  else text = t("card.queued", { n: seconds });
  cardProgressText.textContent = text;
  cardProgress.classList.toggle("indeterminate", clip.status !== "rendering");
  placeCard();
}

function showPlayer(entry) {
  var clip = entry.clip, worry = entry.worry;
  var webm = sameOriginPath(clip.webm), mp4 = sameOriginPath(clip.mp4), thumb = sameOriginPath(clip.thumbnail);
  var story = sameOriginPath(clip.story);
  card.setAttribute("data-state", "ready");
  cardProgress.hidden = true;
  cardVideoWrap.hidden = false;
  while (cardVideoWrap.firstChild) cardVideoWrap.removeChild(cardVideoWrap.firstChild);
  var v = document.createElement("video");
  v.id = "card-player";
  v.muted = true;
  v.defaultMuted = true;
  v.autoplay = true;
  v.loop = true;
  v.playsInline = true;
  v.setAttribute("muted", "");
  v.setAttribute("autoplay", "");
  v.setAttribute("loop", "");
  v.setAttribute("playsinline", "");
  v.setAttribute("preload", "auto");
  v.setAttribute("aria-label", t("card.title"));
  if (thumb) v.setAttribute("poster", thumb);
  /* the MP4 is made with the clip and plays everywhere; the WebM is made when first asked for */
  if (mp4) { var s1 = document.createElement("source"); s1.src = mp4; s1.type = "video/mp4"; v.appendChild(s1); }
  var fb = document.createElement("p");
  fb.textContent = t("card.noVideo");
  v.appendChild(fb);
  cardVideoWrap.appendChild(v);
  cardVideoWrap.appendChild(soundButton(v));
  var id = worry && worry.id ? String(worry.id).replace(/[^A-Za-z0-9_-]/g, "") : "worry";
  setLink(dlMp4, cardShareable ? mp4 : null, "dumpit-" + id + ".mp4");
  setLink(dlWebm, cardShareable ? webm : null, "dumpit-" + id + ".webm");
  setLink(dlStory, cardShareable ? story : null, "dumpit-" + id + "-story.mp4");
  placeCard();
  v.addEventListener("loadedmetadata", placeCard);
  v.load();
  var pp = v.play();
  if (pp && pp.catch) pp.catch(function () { /* autoplay may be refused; controls stay available */ v.controls = true; });
}

/* The clip has a sound of wind and dust, but browsers only autoplay muted: the player starts
   muted and this toggle (a real button, aria-pressed = sound on) turns the sound on and off. */
function soundButton(v) {
  var b = document.createElement("button");
  b.type = "button";
  b.id = "card-sound";
  b.className = "card-sound";
  b.setAttribute("aria-pressed", "false");
  var ns = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(ns, "svg");
  icon.setAttribute("class", "card-sound-icon");
  icon.setAttribute("viewBox", "0 0 20 20");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  [["path", "M3 7.5h3.2L11 3.5v13L6.2 12.5H3z", ""], ["path", "M14 7a4 4 0 0 1 0 6", "waves"],
    ["path", "M16.2 4.8a7 7 0 0 1 0 10.4", "waves"], ["path", "M13.5 7.5l5 5M18.5 7.5l-5 5", "slash"]].forEach(function (d) {
    var e = document.createElementNS(ns, d[0]);
    e.setAttribute("d", d[1]);
    if (d[2]) e.setAttribute("class", d[2]);
    icon.appendChild(e);
  });
  var label = document.createElement("span");
  label.textContent = t("card.sound");
  b.appendChild(icon);
  b.appendChild(label);
  b.addEventListener("click", function () {
    var on = v.muted;
    v.muted = !on;
    b.setAttribute("aria-pressed", on ? "true" : "false");
    if (on && v.paused) {
      var p = v.play();
      if (p && p.catch) p.catch(function () { v.controls = true; });
    }
  });
  return b;
}

function setLink(a, href, name) {
  a.removeAttribute("data-ready");
  if (href) { a.href = href; a.setAttribute("download", name); a.hidden = false; }
  else { a.removeAttribute("href"); a.hidden = true; }
}

/* The WebM and the vertical story are made by the server's workers when first asked for (it
   answers 202 with Retry-After meanwhile): a click asks, says so on the button and in the
   status line, and starts the download once the file is there. */
function preparedDownload(a) {
  a.addEventListener("click", function (e) {
    if (a.getAttribute("data-ready") === "1") return;   /* made: the browser downloads it */
    e.preventDefault();
    var href = a.getAttribute("href");
    if (!href || a.getAttribute("aria-busy") === "true") return;
    var label = a.textContent, tries = 0;
    a.setAttribute("aria-busy", "true");
    a.textContent = t("card.making");
    setStatus(t("card.making"), "info");
    function done(ok) {
      a.removeAttribute("aria-busy");
      a.textContent = label;
      if (a.getAttribute("href") !== href) return;      /* the card moved on meanwhile */
      setStatus("", "");
      if (ok) { a.setAttribute("data-ready", "1"); a.click(); }
      else setStatus(t("card.makeFailed"), "error");
    }
    (function ask() {
      fetch(href, { method: "HEAD", cache: "no-store" }).then(function (r) {
        if (r.status === 200) return done(true);
        if (r.status === 202 && ++tries < 90) {
          var wait = Math.min(10, Math.max(1, parseInt(r.headers.get("Retry-After"), 10) || 2));
          return setTimeout(ask, wait * 1000);
        }
        done(false);
      }, function () { done(false); });
    })();
  });
}
preparedDownload(dlWebm);
preparedDownload(dlStory);

function closeCard(focusBack) {
  if (card.hidden) return;
  /* the card's star is ringed again, so it can be found (and tapped) in the sky */
  var closing = dumps[cardWorryId];
  if (closing && closing.worry) {
    var star = sky.findByText(closing.worry.text);
    if (star) sky.highlight(star, 6000);
  }
  card.hidden = true;
  cardWorryId = null;
  document.body.classList.remove("card-open");
  var v = $("card-player");
  if (v) { try { v.pause(); } catch (e) { /* ignore */ } }
  var next = cardQueue.shift();
  if (next) { showCard(next); return; }
  var back = cardReturn && cardReturn();
  cardReturn = null;
  if (focusBack !== false) (back || ta).focus();
}

closeBtn.addEventListener("click", function () { closeCard(); });
cardDelete.addEventListener("click", function () { var e = dumps[cardWorryId]; if (e) askDelete(e, cardDelete); });
cardCare.addEventListener("click", function () { var e = dumps[cardWorryId]; if (e && e.care) showCare(e.care, "private", cardCare); });
/* (an open dialog hears Escape first: DumpSafety) */
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" || e.key === "Esc") {
    if (!card.hidden) { e.preventDefault(); closeCard(); }
    else sky.hideTooltip();
  }
});

/* ---- the care card (care.js) ---- */
function showCare(care, mode, returnTo) { showCareCard(care, mode, returnTo, ta); }

/* ---- delete one of my worries (with a confirmation, never window.confirm) ---- */
var delDlg = $("del");
var delQuote = $("del-quote");
var delStatus = $("del-status");
var delYes = $("del-yes");
var delNo = $("del-no");
var delEntry = null;
var delAfter = null;       // where focus goes once the worry is gone (its button went with it)
var delFromCard = false;
var deleted = Object.create(null);

function shortText(words) {
  var flat = String(words).replace(/\s+/g, " ").trim();
  var gs = I.graphemes(flat);
  return gs.length <= 40 ? flat : gs.slice(0, 39).join("").trim() + "…";
}

function askDelete(entry, returnTo) {
  if (!entry || !entry.worry) return;
  delEntry = entry;
  delAfter = null;
  delFromCard = returnTo === cardDelete;
  delQuote.textContent = String(entry.worry.text || "");
  delStatus.textContent = "";
  delStatus.removeAttribute("data-kind");
  S.openDialog(delDlg, { initial: delNo, returnTo: returnTo, fallback: function () { return delAfter || ta; } });
}
delNo.addEventListener("click", function () { S.closeDialog(delDlg); });
delYes.addEventListener("click", function () {
  var entry = delEntry;
  if (!entry || state.deleting) return;
  state.deleting = true;
  delYes.setAttribute("aria-busy", "true");
  delStatus.textContent = t("del.working");
  delStatus.setAttribute("data-kind", "info");
  api("DELETE", "/api/worries/" + encodeURIComponent(entry.id), undefined, true).then(function (r) {
    state.deleting = false;
    delYes.removeAttribute("aria-busy");
    if (r.status === 204 || r.ok || r.status === 404 || r.status === 410) {
      delAfter = delFromCard ? ta : focusAfterDelete(entry);
      forget(entry);
      S.closeDialog(delDlg, "deleted");
      state.note = "";
      setStatus(t(r.status === 404 || r.status === 410 ? "msg.alreadyGone" : "msg.deleted"), "ok");
      return;
    }
    var msg = r.network ? t("msg.network") : r.status === 429 ? t("msg.rateLimited", { n: S.retryAfter(r, 30) }) : t("msg.generic");
    delStatus.textContent = msg;
    delStatus.setAttribute("data-kind", "error");
  });
});

/* the next item of the list (or the one before), else the box */
function focusAfterDelete(entry) {
  var items = Array.prototype.slice.call(mineItems.children);
  for (var i = 0; i < items.length; i++) {
    if (items[i].getAttribute("data-id") !== entry.id) continue;
    var near = items[i + 1] || items[i - 1];
    return near && !mineList.hidden ? near.querySelector(".mine-item") : ta;
  }
  return ta;
}

/* A deleted worry leaves at once: its list item, its card, its star (the next poll agrees). */
function forget(entry) {
  var star = entry.star ? entry.star : null;
  if (!star && visibilityOf(entry.visibility) === "public") { var n = sky.findByText(entry.worry.text); star = n ? n.id : null; }
  entry.deleted = true;
  deleted[entry.id] = true;
  delete dumps[entry.id];
  cardQueue = cardQueue.filter(function (e) { return e.id !== entry.id; });
  state.mine = state.mine.filter(function (e) { return e.id !== entry.id; });
  if (cardWorryId === entry.id) closeCard(false);
  renderMineList();
  if (star) dropStarHere(star);
  loadMine();
}

/* The sky shown without one worry of a star: one fewer, or the star gone with its links and
   figure lines (the indices after it move down by one). */
function dropStar(layout, id) {
  if (!layout || !Array.isArray(layout.nodes)) return layout;
  var at = -1, i;
  for (i = 0; i < layout.nodes.length; i++) if (layout.nodes[i] && layout.nodes[i].id === id) { at = i; break; }
  if (at < 0) return layout;
  var out = {};
  for (var k in layout) out[k] = layout[k];
  var node = layout.nodes[at];
  if (node.count > 1) {
    var fewer = {};
    for (var f in node) fewer[f] = node[f];
    fewer.count = node.count - 1;
    out.nodes = layout.nodes.slice();
    out.nodes[at] = fewer;
    return out;
  }
  var move = function (x) { return x > at ? x - 1 : x; };
  out.nodes = layout.nodes.filter(function (n, j) { return j !== at; });
  out.links = (Array.isArray(layout.links) ? layout.links : []).filter(function (L) { return L && L.a !== at && L.b !== at; })
    .map(function (L) { return { a: move(L.a), b: move(L.b), strength: L.strength }; });
  out.constellations = (Array.isArray(layout.constellations) ? layout.constellations : []).map(function (G) {
    var g = {};
    for (var q in G) g[q] = G[q];
    g.lines = (Array.isArray(G.lines) ? G.lines : []).filter(function (L) { return L && L.a !== at && L.b !== at; })
      .map(function (L) { return { a: move(L.a), b: move(L.b) }; });
    return g;
  });
  return out;
}
function dropStarHere(id) {
  var shown = state.shown;
  if (!shown) return;
  var next = dropStar(shown, id);
  if (next === shown) return;
  if (state.held === shown) state.held = next;
  applyLayout(next, undefined, true);
}

function copied(ok) {
  clearTimeout(copyTimer);
  if (ok) {
    copyLabel.textContent = t("card.copied");
    copyStatus.textContent = t("card.copied");
    copyBtn.classList.add("done");
    copyTimer = setTimeout(function () { copyLabel.textContent = t("card.copy"); copyBtn.classList.remove("done"); }, 2200);
  } else {
    copyStatus.textContent = t("card.copyManual");
  }
}
function copyFallback() {
  linkInput.hidden = false;
  linkInput.value = shareUrl;
  linkInput.focus();
  linkInput.select();
  try { linkInput.setSelectionRange(0, shareUrl.length); } catch (e) { /* ignore */ }
  var ok = false;
  try { ok = document.execCommand && document.execCommand("copy"); } catch (e) { ok = false; }
  copied(!!ok);
}
copyBtn.addEventListener("click", function () {
  if (!shareUrl) return;
  if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
    navigator.clipboard.writeText(shareUrl).then(function () { copied(true); }, copyFallback);
  } else {
    copyFallback();
  }
});

/* ---- start ---- */
updateCounter();
autoGrow();
loadSky();
loadStats();
loadMine();
schedulePoll();
setInterval(function () { if (!document.hidden) loadStats(); }, STATS_MS);

/* ---- test hooks (read-only views + a layout injector for the frame-time test) ---- */
window.__dumpit = {
  frameTimes: sky.frameTimes,           // last 120 draw durations (ms of script time per frame)
  frameIntervals: sky.frameIntervals,   // last 120 intervals between animation frames (ms)
  get frames() { return sky.frames; },
  get nodeCount() { return sky.nodes.length; },
  get linkCount() { return sky.links.length; },
  get scope() { return state.scope; },
  get postCount() { return state.postCount; },
  get lastPost() { return state.lastPost; },
  get clipStatus() { return state.clipStatus; },
  get clipPolls() { return state.clipPolls; },
  get cardWorry() { return card.hidden ? null : cardWorryId; },
  get cardState() { return card.hidden ? null : card.getAttribute("data-state"); },
  get cardsQueued() { return cardQueue.length; },
  get careOpen() { return careState().open; },
  get careShown() { return careState().shown; },
  get note() { return state.note; },
  hiddenStars: function () { return S.hiddenStars(); },
  /* "내 고민" as listed: [{id, text, status}] in page order */
  mineList: function () {
    if (mineList.hidden) return [];
    return Array.prototype.map.call(mineItems.children, function (li) {
      return { id: li.getAttribute("data-id"), text: li.querySelector(".mine-text").textContent, status: li.getAttribute("data-status"),
        visibility: li.getAttribute("data-visibility") };
    });
  },
  get dustParticles() { return dust.live; },
  get dustActive() { return dust.bursts.length; },
  get loaded() { return state.loadedOnce && !!ownerToken() && MAX > 0; },
  get skyVersion() { return state.skyVersion; },
  get skyDeltas() { return state.deltas; },
  get skyFulls() { return state.fulls; },
  /* the shared sky as held (what deltas are applied to), without its time */
  skyHeld: function () {
    if (!state.held) return null;
    var c = {};
    for (var k in state.held) if (k !== "generatedAt") c[k] = state.held[k];
    return c;
  },
  get polling() { return !state.frozen; },
  lang: I.lang,
  reducedMotion: reducedMotion,
  nodes: function () { return sky.snapshot(); },
  shownLabels: function () { return sky.shownLabels(); },
  node: function (text) {
    var n = sky.findByText(text);
    return n ? { id: n.id, text: n.text, count: n.count, label: n.label, sx: n.sx, sy: n.sy, r: n.sr, alpha: n.alpha } : null;
  },
  showTooltip: function (text) { var n = sky.findByText(text); if (n) sky.showTooltip(n); return !!n; },
  /* as a click on the star does: its tooltip stays, with its actions */
  pinStar: function (text) { var n = sky.findByText(text); if (!n) return false; sky.browsing = false; sky.showTooltip(n); sky.pinned = true; sky._syncBar(); return true; },
  get tooltip() { return tip.el.hidden ? null : { text: tip.textEl.textContent, count: tip.countEl.textContent }; },
  setLayout: function (layout) { state.frozen = true; state.skySeq++; lastTotal = -1; applyLayout(layout); return sky.nodes.length; },
  resumePolling: function () { state.frozen = false; state.lastSkyRaw = null; state.held = null; state.skyVersion = null; lastTotal = -1; return loadSky(); },
  refresh: function () { state.lastSkyRaw = null; return loadSky(); }
};
