/* Dump It! — the night sky of worries, drawn from a SkyLayout (docs/sky.md, docs/page.md).
   The stars live in a layer painted a slice a frame; the words, names and rings on an
   overlay canvas above it; faint background stars on a static canvas below.
   Built to stay smooth with thousands of nodes: pre-rendered glow sprites and label
   bitmaps, links batched by opacity, labels only for nodes with label:true.
   Constellations (stars about the same thing) get figure lines, names where the server
   placed them, a legend, and hover that lights every member.

   This module holds the Sky's state and its layout (setLayout: the server's stars merged
   into the ones on screen), the frame loop and the motion; its other parts are modules of
   their own, mixed into Sky.prototype:
     sky-model.js   the pure rules, no DOM (delta, crowding, the sky box, easing)
     sky-paint.js   SkyPaint: sprites, the star layer, the overlay
     sky-figures.js SkyFigures: constellation figures and names, the focus, rings
     sky-labels.js  SkyLabels: which stars are labelled, label bitmaps, decluttering
     sky-input.js   SkyInput: zoom and pan, hover and tap, keyboard browsing
     sky-card.js    SkyCard: the legend, the tooltip and its actions, focus
     sky-detail.js  SkyDetail: zoomed in on a big sky, the faint stars of the part shown */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { applyDelta, clamp, crowdLooks, easeInOut, num, readStar, skyBox } from "./sky-model.js";
import { LINK_BUCKETS, MOVE_MS, SkyPaint, makeStarLayer, paintStarfield } from "./sky-paint.js";
import { PLACES, SkyLabels } from "./sky-labels.js";
import { MAX_ZOOM, SkyInput } from "./sky-input.js";
import { SkyCard } from "./sky-card.js";
import { SkyFigures } from "./sky-figures.js";
import { SkyDetail } from "./sky-detail.js";

var TAU = Math.PI * 2;
var HISTORY = 120;           // frame times kept for the tests and the page benchmark

function Sky(canvas, bgCanvas, opts) {
  this.canvas = canvas;
  this.ctx = canvas.getContext("2d");
  this.bg = bgCanvas;
  this.opts = opts || {};
  this.tooltip = this.opts.tooltip || null;
  this.reducedMotion = !!this.opts.reducedMotion;
  this.nodes = [];
  this.detail = [];            // zoomed in on a big sky: its faint stars near the view (SkyDetail)
  this.detailRegion = null;
  this.drawn = this.nodes;     // the stars painted and picked: the view's, then the detail's
  this.leaving = [];
  this.links = [];
  this.linkBuckets = [];
  this.period = 10;
  this.frameTimes = [];
  this.frameIntervals = [];
  this.frames = 0;
  this.lastFrameAt = 0;
  this.hoverNode = null;
  this.pinned = false;
  this.pointer = null;
  this.highlights = [];
  this.groups = [];
  this.focusGroup = null;
  this.focusSource = null;
  this.legend = this.opts.legend || {
    el: document.getElementById("sky-legend"), list: document.getElementById("sky-legend-list")
  };
  this.tipGroup = this.opts.tipGroup || document.getElementById("sky-tip-group");
  this.legendKey = "";
  this.hadLayout = false;
  this.twinkles = [];
  this.frozenT = Date.now() / 1000;
  this.timeOffset = 0;         // seconds of drift skipped while the motion was paused (setMotion)
  this.W = 0; this.H = 0; this.dpr = 1;
  this.box = { x: 0, y: 0, w: 1, h: 1, unit: 1, starUnit: 1 };
  this.baseBox = this.box;
  this.zoom = null;            // {s, x, y}: the view's scale and the sky box's corner, or null (whole sky)
  this.browsing = false;       // keyboard: stepping through the stars one by one (browse)
  this.browseAt = 0;
  this.bar = null;             // the pinned tooltip's actions (opts.starActions): report, hide for me
  this.starLayer = makeStarLayer(canvas);              // shown, under the overlay
  this.starBack = document.createElement("canvas");    // painted a slice a frame, off the page
  this.starJob = null;         // the star layer being painted (_paintStars)
  this.starsDirty = true;      // something in the layer changed: paint it again
  this.starsSync = true;       // ... whole, in this frame (a new size or view)
  this.starsAt = 0;
  this.starsAnimating = false; // stars fading in or moving to a new place
  this._buildBar();
  this._bindPointer();
  if (this.opts.zoomable) this._bindZoom();
  this.resize();
  var self = this;
  window.addEventListener("resize", function () { self.resize(); });
  this._tick = function (ts) { self._frame(ts); };
  requestAnimationFrame(this._tick);
  Sky.current = this;
}
Object.assign(Sky.prototype, SkyPaint, SkyFigures, SkyLabels, SkyInput, SkyCard, SkyDetail);

Sky.prototype.resize = function () {
  this.overlayDirty = true;
  /* full window, or (opts.frame) the element the canvases fill, as on /sky */
  var frame = this.opts.frame;
  var W = Math.max(1, frame ? frame.clientWidth : window.innerWidth), H = Math.max(1, frame ? frame.clientHeight : window.innerHeight);
  var dpr = Math.min(2, window.devicePixelRatio || 1);
  var sizeChanged = W !== this.W || H !== this.H || dpr !== this.dpr;
  this.W = W; this.H = H; this.dpr = dpr;
  this.canvas.width = Math.round(W * dpr);
  this.canvas.height = Math.round(H * dpr);
  this._sizeStarLayers();
  this.starJob = null;
  this.starsDirty = true;
  this.starsSync = true;
  var box = skyBox(W, H, typeof this.opts.band === "function" ? this.opts.band() : null);
  var boxChanged = !this.baseBox || box.x !== this.baseBox.x || box.y !== this.baseBox.y || box.w !== this.baseBox.w;
  this.baseBox = box;
  if (boxChanged) this.zoom = null;      // a new size shows the whole sky again
  this._applyView();
  this.labelScale = clamp(Math.min(W, H) / 820, 0.78, 1.25);
  if (sizeChanged || boxChanged) {
    this._drawBackground();
    for (var i = 0; i < this.nodes.length; i++) this.nodes[i].labelSprite = null;
    for (var g = 0; g < this.groups.length; g++) this.groups[g].nameSprite = null;
    this._prepareLabels();
  }
};


/* ---- layout ---------------------------------------------------------------- */

/* A star this browser hid ("hide for me", DumpSafety) is left out as if it were not in the
   layout, with its links and figure lines; my own stars are never hidden from me. */
Sky.prototype._hidden = function (id) {
  var S = Safety;
  return !!S && S.isHidden(id) && !(this.mineIds && this.mineIds[id]);
};

Sky.prototype.setLayout = function (layout) {
  this.overlayDirty = true;
  if (!layout || !Array.isArray(layout.nodes)) return;
  this.layout = layout;
  var now = performance.now();
  var P = num(layout.driftPeriod, 10);
  this.period = P > 0 ? P : 10;
  var w = TAU / this.period;
  var old = Object.create(null);
  for (var i = 0; i < this.nodes.length; i++) old[this.nodes[i].id] = this.nodes[i];
  var first = !this.hadLayout;
  this.hadLayout = true;
  /* constellations: a node names its own by index into layout.constellations */
  var oldGroups = Object.create(null);
  for (var og = 0; og < this.groups.length; og++) oldGroups[this.groups[og].id] = this.groups[og];
  var groups = [], groupAt = [];
  var srcGroups = Array.isArray(layout.constellations) ? layout.constellations : [];
  for (var gi = 0; gi < srcGroups.length; gi++) {
    var SG = srcGroups[gi];
    groupAt.push(null);
    if (!SG || typeof SG !== "object") continue;
    var gid = typeof SG.id === "string" ? SG.id : "c" + gi;
    var name = typeof SG.name === "string" ? SG.name : String(SG.name == null ? "" : SG.name);
    var G = oldGroups[gid] || { id: gid };
    if (G.name !== name) G.nameSprite = null;
    G.name = name;
    G.size = Math.max(1, Math.round(num(SG.size, 1)));
    G.stars = Math.max(0, Math.round(num(SG.stars, 0)));
    G.x = num(SG.x, NaN); G.y = num(SG.y, NaN);
    G.label = SG.label === true && isFinite(G.x) && isFinite(G.y) && name.length > 0;
    G.members = []; G.lines = [];
    G.srcLines = Array.isArray(SG.lines) ? SG.lines : [];
    G.index = groups.length;
    groupAt[gi] = G;
    groups.push(G);
  }
  var nodes = [], indexMap = new Array(layout.nodes.length);
  for (var j = 0; j < layout.nodes.length; j++) {
    var src = layout.nodes[j];
    indexMap[j] = -1;
    if (!src || typeof src !== "object") continue;
    var x = num(src.x, NaN), y = num(src.y, NaN);
    if (!isFinite(x) || !isFinite(y)) continue;
    var id = typeof src.id === "string" ? src.id : "i" + j;
    if (this._hidden(id)) continue;
    var n = old[id];
    if (n && !n.dying) {
      var rest = this._rest(n, now);
      if (Math.abs(rest.x - x) > 1e-6 || Math.abs(rest.y - y) > 1e-6) {
        n.fromX = rest.x; n.fromY = rest.y; n.moveStart = now;
      }
      delete old[id];
    } else {
      var delay = 0;
      if (first && !this.reducedMotion) {
        var dx = (x - 0.5) * 16 / 9, dy = y - 0.5;
        delay = Math.min(2200, Math.sqrt(dx * dx + dy * dy) * 3600 + Math.random() * 350);
      }
      n = { id: id, born: now + delay, fromX: x, fromY: y, moveStart: -1e9, phase: Math.random() * TAU, tw: 0.6 + Math.random() * 1.4 };
    }
    readStar(n, src, x, y, w);
    n.label = src.label === true;
    n.serverPos = PLACES[src.labelAt] || 0;
    n.mine = !!(this.mineIds && this.mineIds[id]);
    n.index = nodes.length;
    var gIndex = src.constellation;
    n.group = typeof gIndex === "number" && gIndex >= 0 && gIndex < groupAt.length ? groupAt[gIndex] : null;
    if (n.group) n.group.members.push(n);
    n.alpha = n.alpha || 0;
    n.sx = n.sx || 0; n.sy = n.sy || 0; n.sr = n.sr || 0;
    indexMap[j] = nodes.length;
    nodes.push(n);
  }
  this._letGo(old, now);
  var links = [];
  var srcLinks = Array.isArray(layout.links) ? layout.links : [];
  for (var k = 0; k < srcLinks.length; k++) {
    var L = srcLinks[k];
    if (!L) continue;
    var a = indexMap[L.a], b = indexMap[L.b];
    if (a === undefined || b === undefined || a < 0 || b < 0 || a === b) continue;
    var s = clamp(num(L.strength, 0.5), 0, 1);
    var bucket = Math.round(s * (LINK_BUCKETS - 1));
    if (s > 0) links.push({ a: nodes[a], b: nodes[b], s: s, bucket: bucket });
  }
  for (var gl = 0; gl < groups.length; gl++) {
    var GR = groups[gl];
    for (var li = 0; li < GR.srcLines.length; li++) {
      var GL = GR.srcLines[li];
      if (!GL) continue;
      var ga = indexMap[GL.a], gb = indexMap[GL.b];
      if (ga === undefined || gb === undefined || ga < 0 || gb < 0 || ga === gb) continue;
      if (nodes[ga].group !== GR || nodes[gb].group !== GR) continue;
      GR.lines.push({ a: nodes[ga], b: nodes[gb] });
    }
    GR.srcLines = null;
  }
  this.groups = groups;
  if (this.focusGroup && groups.indexOf(this.focusGroup) < 0) this.focusGroup = null;
  this._renderLegend();
  this.nodes = nodes;
  var groupsById = Object.create(null);
  for (var gd = 0; gd < groups.length; gd++) groupsById[groups[gd].id] = groups[gd];
  this._mergeDetail(groupsById);
  this.links = links;
  this.linkBuckets = [];
  for (var q = 0; q < LINK_BUCKETS; q++) this.linkBuckets.push([]);
  for (var m = 0; m < links.length; m++) this.linkBuckets[links[m].bucket].push(links[m]);
  var looks = crowdLooks(nodes);
  for (var lk = 0; lk < nodes.length; lk++) { nodes[lk].size = looks[lk].size; nodes[lk].halo = looks[lk].halo; }
  this._pickLabelNodes();
  if (this.zoom) this._viewLabelsDue = true;    /* again once the new stars have their places */
  this.starJob = null;                          /* the stars as they are now, from the next frame */
  this.starsDirty = true;
  if (this.hoverNode && this.hoverNode.dying) this.hideTooltip();
};

/* My own stars (ids): always labelled on my page. */
Sky.prototype.setMine = function (ids) {
  this.overlayDirty = true;
  var mine = Object.create(null);
  for (var i = 0; i < (ids || []).length; i++) mine[ids[i]] = true;
  this.mineIds = mine;
  for (var j = 0; j < this.nodes.length; j++) this.nodes[j].mine = !!mine[this.nodes[j].id];
  this._pickLabelNodes();       /* (mine changes the words only: the star layer stays) */
  var S = Safety;
  if (S && this.layout) {
    for (var k = 0; k < (ids || []).length; k++) {
      if (S.isHidden(ids[k]) && !this.findById(ids[k])) { this.setLayout(this.layout); break; }
    }
  }
  if (this.hoverNode) this._syncBar();
};

/* "Hide for me": the star goes at once (no fade) and stays away on this browser. */
Sky.prototype.hideStar = function (id) {
  var S = Safety;
  if (!S || !S.hideStar(id)) return false;
  var wasBrowsing = this.browsing, hadFocus = this._barHasFocus();
  if (this.hoverNode && this.hoverNode.id === id) this.hideTooltip(wasBrowsing);
  if (this.layout) this.setLayout(this.layout);
  this.leaving = this.leaving.filter(function (n) { return n.id !== id; });
  /* stepping through the stars by keyboard: go on with the next one */
  if (wasBrowsing && !this.browse(0, null, hadFocus) && hadFocus) this._focusBack();
  return true;
};

/* Stars no longer shown (by id) fade out from where they are, as leaving ones (at most 4,000). */
Sky.prototype._letGo = function (byId, now) {
  for (var id in byId) {
    var g = byId[id];
    if (g.dying) continue;
    g.dying = true;
    g.dieStart = now;
    g.dieFrom = g.alpha || 0;
    this.leaving.push(g);
  }
  if (this.leaving.length > 4000) this.leaving.splice(0, this.leaving.length - 4000);
};

Sky.prototype._rest = function (n, now) {
  if (n.moveStart < 0 || now - n.moveStart >= MOVE_MS) return { x: n.x, y: n.y };
  var k = easeInOut(clamp((now - n.moveStart) / MOVE_MS, 0, 1));
  return { x: n.fromX + (n.x - n.fromX) * k, y: n.fromY + (n.y - n.fromY) * k };
};

/* ---- frame ----------------------------------------------------------------- */

Sky.prototype._frame = function (ts) {
  requestAnimationFrame(this._tick);
  var t0 = performance.now();
  if (this.lastFrameAt) {
    this.frameIntervals.push(t0 - this.lastFrameAt);
    if (this.frameIntervals.length > HISTORY) this.frameIntervals.shift();
  }
  this.lastFrameAt = t0;
  this.draw(t0);
  var dt = performance.now() - t0;
  this.frameTimes.push(dt);
  if (this.frameTimes.length > HISTORY) this.frameTimes.shift();
  this.frames++;
};

/* Pauses (false) or plays (true) every motion of the sky: drift, twinkles, fades. Paused,
   the stars stay where they are, and play on from there (WCAG 2.2.2, the page's pause). */
Sky.prototype.setMotion = function (on) {
  var now = Date.now() / 1000;
  if (!on && !this.reducedMotion) { this.frozenT = now - this.timeOffset; this.reducedMotion = true; }
  else if (on && this.reducedMotion) { this.timeOffset = now - this.frozenT; this.reducedMotion = false; }
};

/* ---- helpers for the app and for tests ---------------------------------------- */

/* Rings `node` for `ms` (sky-figures.js, _drawRings); ringing a star again starts its rings anew. */
Sky.prototype.highlight = function (node, ms) {
  if (!node) return;
  for (var i = 0; i < this.highlights.length; i++) {
    var h = this.highlights[i];
    if (h.node === node) { h.start = performance.now(); h.ms = ms || 6000; return; }
  }
  this.highlights.push({ node: node, start: performance.now(), ms: ms || 6000 });
};

Sky.prototype.findById = function (id) {
  for (var i = 0; i < this.nodes.length; i++) if (this.nodes[i].id === id) return this.nodes[i];
  return null;
};

Sky.prototype.findByText = function (text) {
  var want = String(text).replace(/\s+/g, " ").trim().toLowerCase();
  for (var i = 0; i < this.nodes.length; i++) {
    if (this.nodes[i].text.replace(/\s+/g, " ").trim().toLowerCase() === want) return this.nodes[i];
  }
  return null;
};

/* The text boxes (CSS px) of labels drawn at more than half their opacity. */
Sky.prototype.shownLabels = function () {
  var out = [];
  var list = this.labelNodes || [];
  for (var i = 0; i < list.length; i++) {
    var n = list[i];
    if (!n.labelSprite || n.crowded || n.alpha <= 0.5 || !(n.ca > 0.5)) continue;
    var at = this._labelAt(n, n.lpos || 0), lx = at[0], ly = at[1];
    out.push({ text: n.text, x0: lx + 8, y0: ly + 8, x1: lx + n.labelW - 8, y1: ly + n.labelH - 8 });
  }
  return out;
};

Sky.prototype.snapshot = function () {
  return this.nodes.map(function (n) {
    return { id: n.id, text: n.text, count: n.count, label: n.label, color: n.color, x: n.x, y: n.y,
      sx: n.sx, sy: n.sy, r: n.sr, alpha: n.alpha };
  });
};

/* The constellations as drawn: names, sizes, members (ids and screen positions), placed names. */
Sky.prototype.constellations = function () {
  var self = this;
  return this.groups.map(function (G) {
    return { id: G.id, name: G.name, size: G.size, stars: G.stars, label: G.label, lines: G.lines.length,
      members: G.members.map(function (n) { return { id: n.id, sx: n.sx, sy: n.sy, alpha: n.alpha }; }),
      nameRect: self._nameRect(G) };
  });
};

/* The constellation in focus and its members' ids, or null. */
Sky.prototype.focused = function () {
  var G = this.focusGroup;
  return G ? { id: G.id, name: G.name, source: this.focusSource, members: G.members.map(function (n) { return n.id; }) } : null;
};

/* The page's pause for all motion (WCAG 2.2.2): a button that pauses and plays the sky,
   remembered in this browser; paused at first when the system asks for reduced motion. */
var MOTION_KEY = "dumpit.motion";
Sky.bindMotionButton = function (button, sky, reduced) {
  if (!button) return;
  var t = I18n.t, saved = null;
  try { saved = window.localStorage.getItem(MOTION_KEY); } catch (e) { /* private mode */ }
  var on = saved ? saved === "on" : !reduced;
  var show = function () {
    sky.setMotion(on);
    button.textContent = t(on ? "motion.pause" : "motion.play");
    button.setAttribute("data-motion", on ? "on" : "off");
  };
  button.addEventListener("click", function () {
    on = !on;
    try { window.localStorage.setItem(MOTION_KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
    show();
  });
  show();
};

Sky.paintStarfield = paintStarfield;
Sky.MAX_ZOOM = MAX_ZOOM;
Sky.applyDelta = applyDelta;

/* the twins of SkyCrowding.looks and SkyViewport, for the contract test (Tests/Fixtures/sky-contract) */
Sky.crowdLooks = crowdLooks;
Sky.skyBox = skyBox;
/* the one name on window: the browser tests read the sky through it (docs/page.md) */
window.DumpSky = Sky;
export { Sky };
