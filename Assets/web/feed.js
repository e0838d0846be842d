/* Dump It! — the home page's sky and its feed: the `Sky` on `/` (kept clear of the page's
   controls, fitted into the band between the header and the dump box, its list view and
   pause), the shared sky taken whole once and then as deltas every 1.5 s, my own sky whole
   every 5 s, and a star deleted here dropped from the sky shown at once. */
import { I18n } from "./i18n.js";
import { Sky } from "./sky.js";
import { SkyList } from "./skylist.js";
import { loadStats, showStats } from "./stats.js";
import { Worries } from "./worries.js";

var I = I18n, t = I.t;
var POLL_MS = 1500;         // the shared sky: a delta against the sky held (a few hundred bytes when idle)
var POLL_MINE_MS = 5000;    // my own sky: small, fetched whole
var $ = function (id) { return document.getElementById(id); };

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

/* Whether a delta changes nothing but the time. */
function deltaIsEmpty(d) {
  var dl = d.links || {};
  return !(d.nodes && d.nodes.length) && !(d.removed && d.removed.length) && !(dl.added && dl.added.length) &&
    !(dl.removed && dl.removed.length) && !Array.isArray(d.constellations);
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

/* state: the page's shared state (home-state.js; scope is read here). hooks: reducedMotion,
   setStatus(msg, kind), openCardOf(node, returnTo) (my star tapped), pollMine() (my list,
   asked again with my sky). */
export function homeSky(state, hooks) {
  var skyCanvas = $("sky");
  var tip = { el: $("sky-tip"), textEl: $("sky-tip-text"), countEl: $("sky-tip-count") };
  var sky = new Sky(skyCanvas, $("sky-bg"), { tooltip: tip, reducedMotion: hooks.reducedMotion, blockers: controlBoxes, band: skyBand,
    onMineTap: function (n, returnTo) { return hooks.openCardOf(n, returnTo); },
    /* someone else's star, pinned: report it, or hide it on this browser */
    starActions: true,
    onHidden: function () { hooks.setStatus(t("msg.hidden"), "info"); },
    /* a report may take the star down at once (personal data): ask for the sky again */
    onReported: function () { setTimeout(function () { f.lastSkyRaw = null; loadSky(); }, 300); } });
  $("browse-stars").addEventListener("click", function (e) {
    if (!sky.browse(0, e.currentTarget)) hooks.setStatus(t(state.scope === "mine" ? "sky.emptyMine" : "sky.emptyAll"), "info");
  });
  /* ---- the sky as a list, and the pause for all motion ---- */
  new SkyList(sky, {
    panel: $("sky-list"), body: $("sky-list-body"), summary: $("sky-list-summary"), more: $("sky-list-more"),
    close: $("sky-list-close"), status: $("sky-list-status"), opener: $("list-open")
  });
  Sky.bindMotionButton($("motion"), sky, hooks.reducedMotion);
  /* the band is known once the web font has laid the header out */
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { sky.resize(); });
  window.addEventListener("load", function () { sky.resize(); });
  var emptyEl = $("sky-empty");

  /* the feed's own state */
  var f = {
    skySeq: 0,
    skyInflight: false,
    lastSkyRaw: null,
    held: null,                 // the shared sky as last received (SkyLayout JSON), for deltas
    skyVersion: null,           // its version: what ?since= sends
    deltas: 0,                  // deltas applied (tests)
    fulls: 0,                   // whole skies received (tests)
    frozen: false,              // a layout set by the tests: no polling
    loadedOnce: false,
    pollTimer: 0,
    shown: null,                // the layout the sky shows (a star deleted here is dropped from it at once)
    lastTotal: -1
  };

  function applyLayout(layout, raw, statsKnown) {
    f.shown = layout;
    sky.setLayout(layout);
    /* someone else dumped a worry: let the counter follow the sky */
    if (state.scope === "all" && !f.frozen && !statsKnown) {
      var total = 0;
      for (var i = 0; i < sky.nodes.length; i++) total += sky.nodes[i].count;
      if (f.lastTotal >= 0 && total > f.lastTotal) loadStats();
      f.lastTotal = total;
    }
    f.loadedOnce = true;
    if (raw !== undefined) f.lastSkyRaw = raw;
    var n = sky.nodes.length;
    skyCanvas.setAttribute("aria-label", t("sky.label", { n: I.fmtNumber(n) }));
    if (n === 0) {
      emptyEl.textContent = t(state.scope === "mine" ? "sky.emptyMine" : "sky.emptyAll");
      emptyEl.hidden = false;
    } else {
      emptyEl.hidden = true;
    }
  }

  /* An answer about the shared sky: a delta against the sky held (the model's
     `DumpSky.applyDelta` rebuilds the layout, or says the delta does not fit), the whole sky
     with full:true and its version, or a plain layout (no version: the next poll asks for all). */
  function receiveSky(data) {
    if (!data || typeof data !== "object") return false;
    if (data.full === false) {
      if (data.since !== f.skyVersion || !f.held) return false;
      if (deltaIsEmpty(data)) {
        f.skyVersion = data.version;
        f.held.generatedAt = data.generatedAt;
        return true;
      }
      var layout = Sky.applyDelta(f.held, data);
      if (!layout) { f.held = null; f.skyVersion = null; return false; }
      f.held = layout;
      f.skyVersion = data.version;
      f.deltas++;
      if (data.stats && typeof data.stats === "object") showStats(data.stats);
      applyLayout(layout, undefined, !!data.stats);
      return true;
    }
    if (!Array.isArray(data.nodes)) return false;
    var plain = {};
    for (var k in data) if (k !== "full" && k !== "revision" && k !== "version") plain[k] = data[k];
    f.held = plain;
    f.skyVersion = typeof data.version === "string" ? data.version : null;
    f.fulls++;
    applyLayout(plain);
    return true;
  }

  function loadSky() {
    if (f.frozen) return Promise.resolve();
    var seq = ++f.skySeq;
    var scope = state.scope;
    f.skyInflight = true;
    var mine = scope === "mine";
    return Worries.sky(mine, f.skyVersion).then(function (r) {
      if (seq === f.skySeq) f.skyInflight = false;
      if (seq !== f.skySeq || scope !== state.scope || f.frozen) return;
      if (!r.ok || !r.data) return;
      if (!mine) {
        /* a delta that does not fit what is held: ask again for the whole sky at once */
        if (!receiveSky(r.data) && !f.skyVersion) return loadSky();
        return;
      }
      if (Array.isArray(r.data.nodes)) {
        if (r.raw === f.lastSkyRaw) return;
        applyLayout(r.data, r.raw);
      }
    });
  }

  function schedulePoll() {
    clearTimeout(f.pollTimer);
    f.pollTimer = setTimeout(function () {
      if (!document.hidden && !f.skyInflight) loadSky();
      schedulePoll();
      if (state.scope === "mine" && !document.hidden) hooks.pollMine();
    }, state.scope === "mine" ? POLL_MINE_MS : POLL_MS);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { loadSky(); loadStats(); }
  });

  return {
    sky: sky,
    tip: tip,
    load: loadSky,
    schedulePoll: schedulePoll,
    /* the toggle moved: what is held belongs to the other sky */
    forgetHeld: function () { f.lastSkyRaw = null; f.held = null; f.skyVersion = null; },
    /* the version a post may ask a delta against (everyone's sky, held, polling), else null */
    postSince: function () { return state.scope === "all" && f.skyVersion && !f.frozen ? f.skyVersion : null; },
    get frozen() { return f.frozen; },
    /* A worry was taken: the sky its answer carried (a delta, or whole), else the sky asked
       again; `done` once the new star is in the sky shown. */
    afterPost: function (answerSky, done) {
      if (f.frozen) return;
      if (state.scope === "all" && answerSky && receiveSky(answerSky)) {
        f.skySeq++;             // drop an older poll still in flight
        f.skyInflight = false;
        f.lastSkyRaw = null;
        done();
      } else {
        f.lastSkyRaw = null;
        loadSky().then(done);
      }
    },
    /* one of my worries deleted here: its star (or one worry of it) leaves the sky shown at once */
    dropStarHere: function (id) {
      var shown = f.shown;
      if (!shown) return;
      var next = dropStar(shown, id);
      if (next === shown) return;
      if (f.held === shown) f.held = next;
      applyLayout(next, undefined, true);
    },
    /* for the tests (window.__dumpit) */
    test: {
      get loadedOnce() { return f.loadedOnce; },
      get skyVersion() { return f.skyVersion; },
      get deltas() { return f.deltas; },
      get fulls() { return f.fulls; },
      held: function () {
        if (!f.held) return null;
        var c = {};
        for (var k in f.held) if (k !== "generatedAt") c[k] = f.held[k];
        return c;
      },
      setLayout: function (layout) { f.frozen = true; f.skySeq++; f.lastTotal = -1; applyLayout(layout); return sky.nodes.length; },
      resumePolling: function () { f.frozen = false; f.lastSkyRaw = null; f.held = null; f.skyVersion = null; f.lastTotal = -1; return loadSky(); },
      refresh: function () { f.lastSkyRaw = null; return loadSky(); }
    }
  };
}
