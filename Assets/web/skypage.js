/* Dump It! — /sky: tonight's server-rendered sky and the posters of past nights. */
import { I18n } from "./i18n.js";
import { Sky } from "./sky.js";
import { SkyList } from "./skylist.js";


var I = I18n, t = I.t;
I.apply(document);
document.title = t("doc.skyTitle");
if (Sky && Sky.paintStarfield) Sky.paintStarfield(document.getElementById("sky-bg"));

/* tonight's sky, live: the same canvas as the main page, at the size of its frame (labels at
   the page's sizes, hover or tap names a worry), polled every 10 s (an unchanged sky is a
   304). Without script the server's PNG shows instead (noscript), and it is the download. */
/* the download: the served picture nearest this screen (the server paints 1280x720,
   1920x1080, 3840x2160 and an upright 1080x1920 for phones) */
var pngLink = document.getElementById("tonight-png");
if (pngLink) {
  var sw = (window.screen && window.screen.width) || window.innerWidth, sh = (window.screen && window.screen.height) || window.innerHeight;
  var px = Math.max(sw, sh) * Math.min(3, window.devicePixelRatio || 1);
  var size = sh > sw ? "1080x1920" : px > 2400 ? "3840x2160" : "1920x1080";
  pngLink.setAttribute("href", "/sky.png?size=" + size);
}
var msg = document.getElementById("tonight-msg");
var frame = document.getElementById("tonight");
var live = document.getElementById("tonight-sky");
var reduced = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
var sky = null, etag = null;
/* zoom buttons (the wheel, a pinch, a drag and a double click work on the canvas itself) */
var zoomBox = document.getElementById("zoom");
var zoomIn = document.getElementById("zoom-in"), zoomOut = document.getElementById("zoom-out");
var zoomReset = document.getElementById("zoom-reset");
if (Sky && live) {
  sky = new Sky(live, document.getElementById("tonight-bg"), {
    frame: frame, reducedMotion: reduced, zoomable: true, onView: showZoom,
    /* labels keep off the zoom buttons (canvas px) */
    blockers: function () {
      if (zoomBox.hidden) return [];
      var f = frame.getBoundingClientRect(), b = zoomBox.getBoundingClientRect();
      return [[b.left - f.left - 4, b.top - f.top - 4, b.right - f.left + 4, b.bottom - f.top + 4]];
    },
    /* the whole round cluster fits the frame, whatever its shape (taller on a phone) */
    band: function () { return { top: 0, bottom: frame.clientHeight }; },
    tooltip: { el: document.getElementById("sky-tip"), textEl: document.getElementById("sky-tip-text"),
      countEl: document.getElementById("sky-tip-count") },
    /* a pinned star can be reported, or hidden on this browser (DumpSafety) */
    starActions: true,
    onHidden: function () { sayNote(t("msg.hidden")); },
    onReported: function () { etag = null; setTimeout(loadTonight, 300); }
  });
}
var noteEl = document.getElementById("sky-note"), noteTimer = 0;
function sayNote(text) {
  clearTimeout(noteTimer);
  noteEl.textContent = text;
  noteTimer = setTimeout(function () { noteEl.textContent = ""; }, 6000);
}
var browseBtn = document.getElementById("browse-stars");
var $ = function (id) { return document.getElementById(id); };
if (sky) {
  /* the sky as a list, and the pause for all motion */
  new SkyList(sky, {
    panel: $("sky-list"), body: $("sky-list-body"), summary: $("sky-list-summary"), more: $("sky-list-more"),
    close: $("sky-list-close"), status: $("sky-list-status"), opener: $("list-open")
  });
  Sky.bindMotionButton($("motion"), sky, reduced);
  browseBtn.addEventListener("click", function () { sky.browse(0, browseBtn); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" || e.key === "Esc") sky.hideTooltip(); });
}
function showZoom(scale) {
  zoomOut.disabled = scale <= 1;
  zoomIn.disabled = scale >= Sky.MAX_ZOOM;
  zoomReset.hidden = scale <= 1;
  detailSoon();
}

/* Zoomed in on a big sky, the faint stars of the part shown (docs/sky-at-scale.md): asked for
   once the view rests (a drag or a pinch asks once, at its end), again only when the view leaves
   the region held, or the region is a minute old; one request at a time. */
var DETAIL_WAIT_MS = 350, DETAIL_MAX_AGE_MS = 60000, DETAIL_LIMIT = 600;
var detailTimer = 0, detailBusy = false, detailAt = 0;
function detailSoon() {
  clearTimeout(detailTimer);
  detailTimer = setTimeout(loadDetail, DETAIL_WAIT_MS);
}
function loadDetail() {
  if (!sky || document.hidden) return;
  var want = sky.detailWanted();
  if (!want) { sky.clearDetail(); return; }
  if (sky.detailCovers(want.shown) && performance.now() - detailAt < DETAIL_MAX_AGE_MS) return;
  if (detailBusy) { detailSoon(); return; }
  var r = want.region, q = function (v) { return v.toFixed(4); };
  detailBusy = true;
  window.fetch("/api/sky/region?x0=" + q(r.x0) + "&y0=" + q(r.y0) + "&x1=" + q(r.x1) + "&y1=" + q(r.y1) +
    "&limit=" + DETAIL_LIMIT, { headers: { "Accept": "application/json" }, cache: "no-store" })
    .then(function (res) { if (!res.ok) throw new Error("HTTP " + res.status); return res.json(); })
    .then(function (answer) {
      detailAt = performance.now();
      /* the view may have moved on while the answer came: keep it only if it is still wanted */
      var now = sky.detailWanted();
      if (now) sky.setDetail(answer, r);
    })
    .catch(function () { /* the view's stars stay; the next move asks again */ })
    .then(function () { detailBusy = false; });
}
function zoomCentre(factor) { sky.zoomAt(frame.clientWidth / 2, frame.clientHeight / 2, factor); }
if (sky) {
  zoomIn.addEventListener("click", function () { zoomCentre(1.6); });
  zoomOut.addEventListener("click", function () { zoomCentre(1 / 1.6); });
  zoomReset.addEventListener("click", function () { sky.resetView(); });
}

function loadTonight() {
  if (!sky || document.hidden) return;
  window.fetch("/api/sky", { headers: { "Accept": "application/json" }, cache: "no-cache" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      var tag = r.headers.get("ETag");
      if (tag && tag === etag) return null;
      etag = tag;
      return r.json();
    })
    .then(function (layout) {
      if (!layout) return;
      sky.setLayout(layout);
      detailSoon();
      msg.hidden = true;
      frame.classList.add("live");
      zoomBox.hidden = false;
      browseBtn.hidden = false;
      document.getElementById("zoom-hint").hidden = false;
    })
    .catch(function () { if (!frame.classList.contains("live")) { msg.textContent = t("skyPage.imgError"); msg.hidden = false; } });
}
loadTonight();
setInterval(loadTonight, 10000);

/* posters of past nights */
var list = document.getElementById("posters");
var note = document.getElementById("posters-note");

function safePath(p) {
  return typeof p === "string" && /^\/[^/\\]/.test(p) ? p : null;
}

function formatDate(d) {
  if (typeof d !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return String(d || "");
  try {
    var parts = d.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    /* Korean reads the weekday whole ("2026년 11월 29일 일요일"): the short form "일"
       after "29일" looked like a stray character */
    return date.toLocaleDateString(I.lang === "ko" ? "ko-KR" : "en-US",
      { year: "numeric", month: "long", day: "numeric", weekday: I.lang === "ko" ? "long" : "short", timeZone: "UTC" });
  } catch (e) { return d; }
}

/* the list is paged (30 nights a page, newest first): "earlier nights" asks for the next */
var more = document.createElement("button");
more.type = "button";
more.id = "posters-more";
more.className = "card-btn";
more.hidden = true;
more.textContent = t("skyPage.morePosters");
list.parentNode.insertBefore(more, list.nextSibling);
var nextPage = null, shown = 0;

function render(posters, append) {
  if (!append) { while (list.firstChild) list.removeChild(list.firstChild); shown = 0; }
  posters.forEach(function (p) {
    if (!p || typeof p !== "object") return;
    var png = safePath(p.png);
    if (!png) return;
    var count = Math.max(0, Math.round(Number(p.worries) || 0));
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "poster";
    a.href = png;
    var im = document.createElement("img");
    im.src = png;
    im.loading = "lazy";
    im.decoding = "async";
    im.alt = t("skyPage.posterAlt", { date: String(p.date || ""), n: I.fmtNumber(count) });
    var meta = document.createElement("span");
    meta.className = "poster-meta";
    var date = document.createElement("span");
    date.className = "poster-date";
    date.textContent = formatDate(p.date);
    var c = document.createElement("span");
    c.className = "poster-count";
    c.textContent = t("skyPage.posterWorries", { n: I.fmtNumber(count) });
    meta.appendChild(date);
    meta.appendChild(c);
    a.appendChild(im);
    a.appendChild(meta);
    li.appendChild(a);
    list.appendChild(li);
    shown++;
  });
  note.textContent = shown ? "" : t("skyPage.noPosters");
  note.hidden = !!shown;
}

function loadPosters(path, append) {
  more.disabled = true;
  window.fetch(path, { headers: { "Accept": "application/json" }, cache: "no-store" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) {
      render(data && Array.isArray(data.posters) ? data.posters : [], append);
      nextPage = data && typeof data.next === "string" && /^\/posters\?/.test(data.next) ? data.next : null;
      more.hidden = !nextPage;
      more.disabled = false;
    })
    .catch(function () { note.textContent = t("skyPage.postersError"); note.hidden = false; more.disabled = false; });
}
more.addEventListener("click", function () { if (nextPage) loadPosters(nextPage, true); });
loadPosters("/posters", false);
