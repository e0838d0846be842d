/* Dump It! — the night sky of worries, drawn from a SkyLayout (docs/sky.md, docs/page.md).
   The stars live in a layer painted a slice a frame; the words, names and rings on an
   overlay canvas above it; faint background stars on a static canvas below. The pure rules
   (delta, crowding, the sky box) are in sky-model.js.
   Built to stay smooth with thousands of nodes: pre-rendered glow sprites and label
   bitmaps, links batched by opacity, labels only for nodes with label:true.
   Constellations (stars about the same thing) get figure lines, names where the server
   placed them, a legend, and hover that lights every member. */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { CLUSTER_SPAN, applyDelta, clamp, crowdLooks, easeInOut, easeOut, mulberry32, num, parseColor, skyBox } from "./sky-model.js";


var TAU = Math.PI * 2;
var FADE_IN_MS = 1400;
var FADE_OUT_MS = 900;
var MOVE_MS = 1400;
var LINK_BUCKETS = 12;
var MAX_LABEL_CHARS = 22;
var PLACES = { below: 0, above: 1, right: 2, left: 3 };   // SkyLabel.Place, as _labelAt numbers them
var CROWD_EXEMPT = 8;        // the most shared labels may lie over a crowd (SkyLabeller.crowdExempt)
var MAX_COVERED = 5;         // shared stars a label's words may lie over (SkyLabeller.maxCoveredStars)
var HISTORY = 120;
var MAX_ZOOM = 8;            // the closest view (opts.zoomable): 8x the whole cluster
var ZOOM_LABELS = 28;        // extra labels per step of zoom, for stars in view (at most 160)
/* Constellations, as the server's painters draw them (DumpRender ConstellationInk, DumpEngine
   SkyConstellationLabel): pale starlight figure lines that stop short of their stars, names
   letter-spaced in light aqua. */
var FIGURE_RGB = "200,235,255";
var FIGURE_ALPHA = 0.72;
var FIGURE_WIDTH = 1.8;      // CSS px (links are 1)
var FIGURE_GAP = 2.0;        // star radii
var NAME_SIZE = 0.0085 * 1.45; // of the sky box's width
var NAME_TRACKING = 0.3;     // em after each grapheme
var LEGEND_MAX = 8;

/* Star light, as the server's painter draws it (DumpRender StarGlow, SkyCrowding): a
   white-hot core, the star's colour, a soft halo to 6 radii. Where stars crowd, each disc
   shrinks towards the local spacing and its halo dims by how many other halos overlap it,
   so a full sky keeps a core of distinct points instead of burning white. */
var GLOW_REACH = 6;          // halo reach in star radii (StarGlow.reach)
var BASE_RADIUS = 0.004;     // a one-worry star, of the sky box's unit (SkyInk.baseRadius)
var SPRITE_PX = 96;
var spriteCache = {};

/* StarGlow.stops: `halo` dims all but the core; `core` (0…1) shrinks a big star's solid centre. */
function glowStops(halo, core) {
  var r = 1 / GLOW_REACH, c = r * core;
  return [[0, 1, 1], [0.4 * c, 1, 0.95], [0.8 * c, 0, 0.9], [1.12 * c, 0, 0.45 * Math.sqrt(halo)],
    [Math.max(1.8 * r, 1.3 * c), 0, 0.15 * halo], [2.8 * r, 0, 0.055 * halo], [4 * r, 0, 0.02 * halo], [1, 0, 0]];
}

/* One glow image per (colour, halo in sixteenths, core in twentieths), made when first needed. */
function starSprite(rgb, haloStep, coreStep) {
  var key = rgb.join(",") + "/" + haloStep + "/" + coreStep;
  if (spriteCache[key]) return spriteCache[key];
  var s = SPRITE_PX, c = document.createElement("canvas");
  c.width = c.height = s;
  var g = c.getContext("2d");
  var grd = g.createRadialGradient(s / 2, s / 2, 0, s / 2, s / 2, s / 2);
  var stops = glowStops(haloStep / 16, coreStep / 20);
  var last = -1;
  for (var i = 0; i < stops.length; i++) {
    var at = Math.max(last, Math.min(1, stops[i][0]));
    last = at;
    var col = stops[i][1] ? "255,255,255" : rgb.join(",");
    grd.addColorStop(at, "rgba(" + col + "," + stops[i][2].toFixed(4) + ")");
  }
  g.fillStyle = grd;
  g.fillRect(0, 0, s, s);
  spriteCache[key] = c;
  return c;
}

/* The sprite of node n at its current on-screen radius. */
function nodeSprite(n, basePx) {
  var core = n.sr > basePx && basePx > 0 ? Math.pow(basePx / n.sr, 0.45) : 1;
  var coreStep = Math.max(1, Math.min(20, Math.round(core * 20)));
  var haloStep = Math.max(1, Math.min(16, Math.round((n.halo || 1) * 16)));
  if (n.spriteKey !== haloStep * 32 + coreStep || !n.sprite) {
    n.sprite = starSprite(n.rgb, haloStep, coreStep);
    n.spriteKey = haloStep * 32 + coreStep;
  }
  return n.sprite;
}

function truncate(text) {
  var flat = String(text).replace(/\s+/g, " ").trim();
  var gs = I18n ? I18n.graphemes(flat) : Array.from(flat);
  if (gs.length <= MAX_LABEL_CHARS) return flat;
  return gs.slice(0, MAX_LABEL_CHARS - 1).join("").trim() + "…";
}

function Sky(canvas, bgCanvas, opts) {
  this.canvas = canvas;
  this.ctx = canvas.getContext("2d");
  this.bg = bgCanvas;
  this.opts = opts || {};
  this.tooltip = this.opts.tooltip || null;
  this.reducedMotion = !!this.opts.reducedMotion;
  this.nodes = [];
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

/* ---- view: zoom and pan (opts.zoomable, the /sky page) ------------------------
   The sky box grows by the zoom s about the point zoomed at; star discs grow only by √s (so a
   close view separates stars rather than swelling them), labels and names keep their size,
   and the stars in view that have room get their words too. The backdrop stays put. */
Sky.prototype._applyView = function () {
  this.overlayDirty = true;
  var b = this.baseBox, z = this.zoom;
  if (!z || z.s <= 1.001) {
    this.zoom = null;
    this.box = b;
  } else {
    this.box = { x: z.x, y: z.y, w: b.w * z.s, h: b.h * z.s, unit: b.unit * z.s, starUnit: b.unit * Math.sqrt(z.s),
      drift: 1 / Math.sqrt(z.s) };
  }
  this.starJob = null;
  this.starsDirty = true;
  this.starsSync = true;
  this._crowdDirty = true;
  this._viewLabelsDue = true;
};

/* Keeps part of the cluster (radius CLUSTER_SPAN/2 of the box's height around its centre)
   over the middle of the view, so a pan never loses the sky. */
Sky.prototype._clampView = function () {
  var z = this.zoom, b = this.baseBox;
  if (!z) return;
  var w = b.w * z.s, h = b.h * z.s, r = h * CLUSTER_SPAN / 2;
  var cx = clamp(z.x + w / 2, this.W / 2 - r, this.W / 2 + r);
  var cy = clamp(z.y + h / 2, this.H / 2 - r, this.H / 2 + r);
  z.x = cx - w / 2;
  z.y = cy - h / 2;
};

/* Zooms by `factor` about the point (mx, my) of the canvas (CSS px), which stays put. */
Sky.prototype.zoomAt = function (mx, my, factor) {
  var b = this.box, base = this.baseBox;
  var s0 = this.zoom ? this.zoom.s : 1;
  var s = clamp(s0 * factor, 1, MAX_ZOOM);
  if (s === s0) return;
  var u = (mx - b.x) / b.w, v = (my - b.y) / b.h;
  var w = base.w * s, h = base.h * s;
  this.zoom = { s: s, x: mx - u * w, y: my - v * h };
  this._clampView();
  this._applyView();
  this._viewChanged();
};

Sky.prototype.panBy = function (dx, dy) {
  if (!this.zoom) return;
  this.zoom.x += dx;
  this.zoom.y += dy;
  this._clampView();
  this._applyView();
  this._viewChanged();
};

Sky.prototype.resetView = function () {
  this.zoom = null;
  this._applyView();
  this._viewChanged();
};

/* The view's scale (1 = the whole sky). */
Sky.prototype.scale = function () { return this.zoom ? this.zoom.s : 1; };

Sky.prototype._viewChanged = function () {
  this._fastFadeUntil = performance.now() + 700;
  this.canvas.classList.toggle("zoomed", !!this.zoom);
  if (this.tooltip && this.hoverNode) this.hideTooltip();
  if (typeof this.opts.onView === "function") this.opts.onView(this.scale());
};

/* Wheel and trackpad zoom about the pointer; drag pans; two fingers pinch and pan; a double
   click or tap zooms in there (at the closest view it shows the whole sky again). */
Sky.prototype._bindZoom = function () {
  var self = this, c = this.canvas, pointers = {}, gesture = null;
  c.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = self._point(e);
    var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
    self.zoomAt(p.x, p.y, Math.exp(-clamp(dy, -300, 300) * 0.0022));
  }, { passive: false });
  c.addEventListener("dblclick", function (e) {
    var p = self._point(e);
    if (self.scale() >= MAX_ZOOM) self.resetView();     /* zoomAt clamps to MAX_ZOOM exactly */
    else self.zoomAt(p.x, p.y, 2);
  });
  var list = function () { return Object.keys(pointers).map(function (k) { return pointers[k]; }); };
  var start = function () {
    var ps = list();
    if (ps.length >= 2) {
      var a = ps[0], b = ps[1];
      gesture = { pinch: true, d: Math.hypot(a.x - b.x, a.y - b.y) || 1, mx: (a.x + b.x) / 2, my: (a.y + b.y) / 2 };
    } else if (ps.length === 1) {
      gesture = { pinch: false, x: ps[0].x, y: ps[0].y, moved: 0 };
    } else {
      gesture = null;
    }
  };
  c.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    pointers[e.pointerId] = self._point(e);
    start();
  });
  c.addEventListener("pointermove", function (e) {
    if (!pointers[e.pointerId] || !gesture) return;
    pointers[e.pointerId] = self._point(e);
    var ps = list();
    if (gesture.pinch && ps.length >= 2) {
      var a = ps[0], b = ps[1], d = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
      self.zoomAt(gesture.mx, gesture.my, d / gesture.d);
      self.panBy(mx - gesture.mx, my - gesture.my);
      gesture.d = d; gesture.mx = mx; gesture.my = my;
    } else if (!gesture.pinch && ps.length === 1) {
      var dx = ps[0].x - gesture.x, dy = ps[0].y - gesture.y;
      gesture.moved += Math.abs(dx) + Math.abs(dy);
      gesture.x = ps[0].x; gesture.y = ps[0].y;
      if (self.zoom && gesture.moved > 3) {
        self.panBy(dx, dy);
        c.classList.add("panning");
      }
    }
  });
  var end = function (e) {
    if (!pointers[e.pointerId]) return;
    delete pointers[e.pointerId];
    c.classList.remove("panning");
    start();
  };
  c.addEventListener("pointerup", end);
  c.addEventListener("pointercancel", end);
  c.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") end(e); });
};

Sky.prototype._drawBackground = function () {
  if (this.bg) this.twinkles = paintBackground(this.bg, this.W, this.H, this.dpr, this.box);
};

/* Static backdrop: #0a0a12, a faint aurora where the cluster lives, a scatter of dim stars.
   Returns a few stars for the live canvas to twinkle. */
function paintBackground(c, W, H, dpr, box) {
  c.width = Math.round(W * dpr);
  c.height = Math.round(H * dpr);
  var g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = "#0a0a12";
  g.fillRect(0, 0, W, H);
  var cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  var R = Math.max(W, H);
  var neb = g.createRadialGradient(cx, cy, 0, cx, cy, box.unit * 0.62);
  neb.addColorStop(0, "rgba(78,204,163,0.075)");
  neb.addColorStop(0.5, "rgba(60,110,160,0.035)");
  neb.addColorStop(1, "rgba(10,10,18,0)");
  g.fillStyle = neb;
  g.fillRect(0, 0, W, H);
  var neb2 = g.createRadialGradient(W * 0.15, H * 0.9, 0, W * 0.15, H * 0.9, R * 0.5);
  neb2.addColorStop(0, "rgba(90,70,170,0.06)");
  neb2.addColorStop(1, "rgba(10,10,18,0)");
  g.fillStyle = neb2;
  g.fillRect(0, 0, W, H);
  var rnd = mulberry32(20261125);
  var n = Math.round(clamp(W * H / 2600, 120, 900));
  for (var i = 0; i < n; i++) {
    var x = rnd() * W, y = rnd() * H;
    var r = 0.25 + Math.pow(rnd(), 3) * 1.1;
    var a = 0.08 + rnd() * 0.32;
    var tint = rnd();
    g.fillStyle = tint < 0.7 ? "rgba(220,230,255," + a + ")" : tint < 0.88 ? "rgba(128,222,234," + a + ")" : "rgba(100,255,218," + a + ")";
    g.beginPath();
    g.arc(x, y, r, 0, TAU);
    g.fill();
  }
  var twinkles = [];
  var tn = Math.round(clamp(W * H / 30000, 12, 48));
  for (var k = 0; k < tn; k++) {
    twinkles.push({ x: rnd() * W, y: rnd() * H, r: 0.6 + rnd() * 0.9, w: 0.4 + rnd() * 1.2, p: rnd() * TAU, a: 0.15 + rnd() * 0.35 });
  }
  return twinkles;
}

/* For pages without a live sky: paint the backdrop into a fixed canvas and keep it sized. */
function paintStarfield(canvas) {
  var draw = function () {
    var W = Math.max(1, window.innerWidth), H = Math.max(1, window.innerHeight);
    var scale = Math.max(W / 16, H / 9);
    var bw = 16 * scale, bh = 9 * scale;
    paintBackground(canvas, W, H, Math.min(2, window.devicePixelRatio || 1),
      { x: (W - bw) / 2, y: (H - bh) / 2, w: bw, h: bh, unit: Math.min(bw, bh) });
  };
  draw();
  var timer = 0;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(draw, 120); });
}

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
    var d = src.drift && typeof src.drift === "object" ? src.drift : {};
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
    var text = typeof src.text === "string" ? src.text : String(src.text == null ? "" : src.text);
    if (n.text !== text || n.count !== src.count) n.labelSprite = null;
    n.text = text;
    n.count = Math.max(1, Math.round(num(src.count, 1)));
    n.x = x; n.y = y;
    n.radius = clamp(num(src.radius, 0.005), 0, 0.2);
    n.color = typeof src.color === "string" ? src.color : "#64ffda";
    var rgbNew = parseColor(n.color);
    if (!n.rgb || n.rgb.join() !== rgbNew.join()) n.sprite = null;
    n.rgb = rgbNew;
    n.label = src.label === true;
    n.serverPos = PLACES[src.labelAt] || 0;
    n.mine = !!(this.mineIds && this.mineIds[id]);
    n.ax = num(d.ax, 0); n.ay = num(d.ay, 0);
    n.wx = w * num(d.fx, 0); n.wy = w * num(d.fy, 0);
    n.px = num(d.px, 0); n.py = num(d.py, 0);
    n.index = nodes.length;
    var gIndex = src.constellation;
    n.group = typeof gIndex === "number" && gIndex >= 0 && gIndex < groupAt.length ? groupAt[gIndex] : null;
    if (n.group) n.group.members.push(n);
    n.alpha = n.alpha || 0;
    n.sx = n.sx || 0; n.sy = n.sy || 0; n.sr = n.sr || 0;
    indexMap[j] = nodes.length;
    nodes.push(n);
  }
  for (var gone in old) {
    var g = old[gone];
    if (g.dying) continue;
    g.dying = true;
    g.dieStart = now;
    g.dieFrom = g.alpha || 0;
    this.leaving.push(g);
  }
  if (this.leaving.length > 4000) this.leaving.splice(0, this.leaving.length - 4000);
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

/* The stars whose words may be drawn: those the engine labelled and mine; in a close view
   (opts.zoomable) also the most shared of the stars in view, more the closer the view. */
Sky.prototype._pickLabelNodes = function () {
  var nodes = this.nodes, out = [], extra = [], i;
  var s = this.scale(), room = s > 1.2 ? Math.min(160, Math.round(ZOOM_LABELS * (s - 1))) : 0;
  for (i = 0; i < nodes.length; i++) {
    var n = nodes[i];
    if (n.label || n.mine) out.push(n);
    /* stars well inside the view: words near its edges would come and go as the stars drift */
    else if (room > 0 && n.sx >= 24 && n.sy >= 44 && n.sx <= this.W - 24 && n.sy <= this.H - 44) extra.push(n);
  }
  if (extra.length > room) {
    extra.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    extra.length = room;
  }
  this.labelNodes = out.concat(extra);
  this._viewLabelsDue = false;
  this._prepareLabels();
  this._crowdDirty = true;
};

Sky.prototype._prepareLabels = function () {
  var list = this.labelNodes || [];
  for (var i = 0; i < list.length; i++) if (!list[i].labelSprite) this._labelSprite(list[i]);
};

Sky.prototype.labelFontSize = function (count) {
  return Math.round(clamp(12 + 3.5 * Math.log2(Math.max(1, count)), 12, 26) * this.labelScale);
};

/* Render a node's label once into a small bitmap (drawn each frame with drawImage). */
Sky.prototype._labelSprite = function (n) {
  var fs = this.labelFontSize(n.count);
  var dpr = this.dpr;
  var text = truncate(n.text);
  var font = "500 " + fs + "px system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', sans-serif";
  var meas = this.ctx;
  meas.save();
  meas.font = font;
  var tw = Math.ceil(meas.measureText(text).width);
  meas.restore();
  var pad = 8;
  var w = Math.min(4096, tw + pad * 2), h = Math.ceil(fs * 1.5) + pad * 2;
  var c = document.createElement("canvas");
  c.width = Math.max(1, Math.round(w * dpr));
  c.height = Math.max(1, Math.round(h * dpr));
  var g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = font;
  g.textAlign = "center";
  g.textBaseline = "middle";
  /* a soft rim of night around the glyphs keeps words legible over links and glows (as the
     server's painter draws them) */
  g.lineJoin = "round";
  g.strokeStyle = "rgba(10,10,18,0.6)";
  g.lineWidth = fs * 0.28;
  g.strokeText(text, w / 2, h / 2);
  g.shadowColor = "rgba(78,204,163,0.55)";
  g.shadowBlur = 8;
  g.fillStyle = "rgba(78,204,163,1)";
  g.fillText(text, w / 2, h / 2);
  g.shadowBlur = 0;
  g.fillStyle = "rgba(160,240,215,0.35)";
  g.fillText(text, w / 2, h / 2);
  n.labelSprite = c;
  n.labelW = w; n.labelH = h; n.labelFs = fs;
  n.labelAlpha = clamp(0.5 + 0.12 * Math.log2(n.count), 0.5, 0.92);
};

/* Where a label's sprite goes (its top-left corner, CSS px) in one of four places around its
   star: under it (the usual place), above, right, left. Nudged inside the canvas so a star
   near the edge keeps its whole label. */
Sky.prototype._labelAt = function (n, pos, x, y) {
  var gap = n.sr * 1.6 - 4, lx, ly, sx = x === undefined ? n.sx : x, sy = y === undefined ? n.sy : y;
  if (pos === 1) { lx = sx - n.labelW / 2; ly = sy - gap - n.labelH; }
  else if (pos === 2) { lx = sx + gap; ly = sy - n.labelH / 2; }
  else if (pos === 3) { lx = sx - gap - n.labelW; ly = sy - n.labelH / 2; }
  else { lx = sx - n.labelW / 2; ly = sy + gap; }
  var W = this.W || 0;
  if (W > n.labelW) lx = clamp(lx, 0, W - n.labelW);
  return [lx, ly];
};

/* Greedy placement (runs every few frames, not every frame): my own stars first, then by
   share count, then age (the layout's order). Each label tries four places around its star
   (its present place first, else the server's); a place is taken when its words would
   overlap a control (opts.blockers: the headline, toggle, dump box, counter, in canvas px)
   or a label already placed; of the free places the one over the fewest discs of stars shared by two or more people wins, and a label over
   more than MAX_COVERED of them is not drawn. My own stars go first and are always
   labelled, so only the controls can push them around. */
Sky.prototype._declutter = function () {
  this._crowdDirty = false;
  var self = this, box = this.box, now = performance.now(), drift = box.drift || 1;
  var labels = (this.labelNodes || []).filter(function (n) { return n.labelSprite && n.alpha > 0; });
  labels.sort(function (a, b) { return (b.mine ? 1 : 0) - (a.mine ? 1 : 0) || b.count - a.count || a.index - b.index; });
  var controls = typeof this.opts.blockers === "function" ? this.opts.blockers().slice() : [];
  var placed = [];
  /* constellation names stay where the server placed them; star labels keep off them */
  for (var g = 0; g < this.groups.length; g++) {
    var nr = this._nameRect(this.groups[g]);
    if (nr && this.groups[g].members.length) placed.push([nr.x + nr.pad, nr.y + nr.pad, nr.x + nr.w - nr.pad, nr.y + nr.h - nr.pad]);
  }
  /* Places are decided on the stars' rest positions, each box grown by how far its star
     drifts: the words of two labels never meet whatever the drift, and the choice does not
     change from one run to the next while nothing but the drift moves (no labels trading
     places, cross-fading, as the stars sway). */
  var rest = function (n) {
    var r = self._rest(n, now);
    return { x: box.x + r.x * box.w, y: box.y + r.y * box.h, mx: Math.abs(n.ax) * drift * box.w, my: Math.abs(n.ay) * drift * box.h };
  };
  var discs = [];
  for (var s = 0; s < this.nodes.length; s++) {
    var st = this.nodes[s];
    if (st.count < 2 || st.alpha <= 0) continue;
    var sp = rest(st);
    discs.push({ node: st, x: sp.x, y: sp.y, r: st.sr * 1.3 });
  }
  var pad = 6; /* of the sprite's 8 px margin: the words never overlap, their glows may */
  var hits = function (list, x0, y0, x1, y1) {
    for (var j = 0; j < list.length; j++) {
      var p = list[j];
      if (x0 < p[2] && x1 > p[0] && y0 < p[3] && y1 > p[1]) return true;
    }
    return false;
  };
  for (var i = 0; i < labels.length; i++) {
    var n = labels[i], chosen = -1, fewest = Infinity, chosenBox = null;
    var at0 = rest(n);
    var boxAt = function (pos) {
      var at = self._labelAt(n, pos, at0.x, at0.y);
      return [at[0] + pad - at0.mx, at[1] + pad - at0.my, at[0] + n.labelW - pad + at0.mx, at[1] + n.labelH - pad + at0.my];
    };
    /* where it is shown now, else the server's place (where the PNG draws it), then the others */
    var first = n.crowded === false && n.lpos !== undefined ? n.lpos : n.serverPos || 0;
    for (var tried = 0; tried < 4 && fewest > 0; tried++) {
      var pos = (first + tried) % 4, b = boxAt(pos);
      if (hits(controls, b[0], b[1], b[2], b[3]) || hits(placed, b[0], b[1], b[2], b[3])) continue;
      if (this.zoom && !n.mine && (b[1] < 0 || b[3] > this.H)) continue;   /* a close view cuts no words at its edges */
      var covered = 0;
      for (var k = 0; k < discs.length && covered < fewest; k++) {
        var D = discs[k];
        if (D.node === n) continue;
        if (D.x + D.r > b[0] && D.x - D.r < b[2] && D.y + D.r > b[1] && D.y - D.r < b[3]) covered++;
      }
      if (covered < fewest) { fewest = covered; chosen = pos; chosenBox = b; }
    }
    /* my own star is labelled even where every place is taken by other words: the first
       place clear of the controls */
    for (var mp = 0; chosen < 0 && n.mine && mp < 4; mp++) {
      var mb = boxAt(mp);
      if (!hits(controls, mb[0], mb[1], mb[2], mb[3])) { chosen = mp; chosenBox = mb; }
    }
    /* words over more than MAX_COVERED shared stars are not drawn (mine always are) */
    if (chosen >= 0 && fewest > MAX_COVERED && !n.mine && i >= CROWD_EXEMPT) chosen = -1;
    n.crowded = chosen < 0;
    if (chosen >= 0) {
      if (n.lpos !== undefined && n.lpos !== chosen) n.ca = 0;   /* moved: fade in at the new place */
      n.lpos = chosen;
      placed.push(chosenBox);
    }
  }
};

/* My own stars (ids): always labelled on my page. */
Sky.prototype.setMine = function (ids) {
  this.overlayDirty = true;
  var mine = Object.create(null);
  for (var i = 0; i < (ids || []).length; i++) mine[ids[i]] = true;
  this.mineIds = mine;
  for (var j = 0; j < this.nodes.length; j++) this.nodes[j].mine = !!mine[this.nodes[j].id];
  this._pickLabelNodes();
  this.starsDirty = true;
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

/* ---- the star layer ------------------------------------------------------------
   The stars, their links and the faint twinkles are painted into a canvas off the page, a
   few milliseconds a frame, and copied whole into the canvas under the overlay; the overlay
   (labels, names, figures, rings) is drawn every frame. So a sky of many thousand stars
   never holds a frame for long on a slow phone: it only refreshes its drift a little less
   often (stars drift a pixel or two in ten seconds). A change of view or size is painted at
   once, whole; a paused sky is not painted again until something in it changes. */
var STAR_BUDGET_MS = 6;      // a frame's share of the star painting
var STAR_REFRESH_MS = 33;    // the drift is painted anew at most this often
var LAYER_DPR_CAP = 1.5;     // a big sky's glows at most this sharp (soft sprites: costs more than it shows)

function makeStarLayer(canvas) {
  var c = document.createElement("canvas");
  c.className = canvas.className.replace(/\b(sky-canvas|frame-live)\b/g, "").replace(/\s+/g, " ").trim() + " sky-stars";
  c.setAttribute("aria-hidden", "true");
  c.style.visibility = "hidden";
  canvas.parentNode.insertBefore(c, canvas);
  return c;
}

/* The resolution of the star layer: the canvas's, or at most LAYER_DPR_CAP for a big sky. */
Sky.prototype._layerScale = function () {
  return this.nodes.length > 1500 ? Math.min(this.dpr, LAYER_DPR_CAP) : this.dpr;
};

Sky.prototype._sizeStarLayers = function () {
  var k = this._layerScale(), w = Math.round(this.W * k), h = Math.round(this.H * k);
  [this.starLayer, this.starBack].forEach(function (c) {
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
  });
  this.starLayer.style.visibility = "visible";
  this.layerK = k;
};

/* Starts, goes on with or finishes painting the star layer; shows it when it is whole. */
Sky.prototype._paintStars = function (now) {
  if (!this.starJob) {
    var moving = !this.reducedMotion || this.starsAnimating || this.leaving.length > 0;
    if (!this.starsDirty && (this.starsHeld || !moving || now - this.starsAt < STAR_REFRESH_MS)) return;
    if (this._layerScale() !== this.layerK) { this._sizeStarLayers(); this.starsSync = true; }
    this.starJob = { step: 0, i: 0, now: now };
    this.starsDirty = false;
  }
  var until = this.starsSync ? Infinity : performance.now() + STAR_BUDGET_MS;
  this.starsSync = false;
  if (!this._starSteps(this.starJob, until)) return;
  /* whole: shown in one copy (the canvas on the page changes once per refresh, not every
     frame a slice of it is painted) */
  var g = this.starLayer.getContext("2d");
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.globalCompositeOperation = "copy";
  g.drawImage(this.starBack, 0, 0);
  g.globalCompositeOperation = "source-over";
  this.starJob = null;
  this.starsAt = now;
};

/* One job's steps, until `until` (performance.now()); true when the layer is whole. */
Sky.prototype._starSteps = function (job, until) {
  var ctx = this.starBack.getContext("2d"), k = this.layerK || this.dpr;
  var W = this.W, H = this.H, now = job.now, nodes = this.nodes, leaving = this.leaving, n, i;
  var box = this.box, starUnit = box.starUnit || box.unit, drift = box.drift || 1;
  var rm = this.reducedMotion, basePx = BASE_RADIUS * starUnit;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  if (job.step === 0) {
    job.t = rm ? this.frozenT : Date.now() / 1000 - this.timeOffset;   // one drift time for the whole layer
    job.tw = now / 1000;
    job.animating = false;
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, W, H);
    /* twinkling background stars */
    ctx.fillStyle = "#dfe9ff";
    for (var s = 0; s < this.twinkles.length; s++) {
      var st = this.twinkles[s];
      ctx.globalAlpha = rm ? st.a : st.a * (0.5 + 0.5 * Math.sin(job.tw * st.w + st.p));
      ctx.fillRect(st.x - st.r / 2, st.y - st.r / 2, st.r, st.r);
    }
    ctx.globalAlpha = 1;
    job.step = 1;
    job.i = 0;
  }
  if (job.step === 1) {
    /* positions and alphas (contract drift formula), a slice at a time */
    var t = job.t;
    for (i = job.i; i < nodes.length; i++) {
      if ((i & 255) === 255 && performance.now() > until) { job.i = i; return false; }
      n = nodes[i];
      var rx = n.x, ry = n.y;
      if (n.moveStart > 0 && now - n.moveStart < MOVE_MS) {
        var e = easeInOut((now - n.moveStart) / MOVE_MS);
        rx = n.fromX + (n.x - n.fromX) * e;
        ry = n.fromY + (n.y - n.fromY) * e;
        job.animating = true;
      }
      n.sx = box.x + (rx + n.ax * drift * Math.sin(n.wx * t + n.px)) * box.w;
      n.sy = box.y + (ry + n.ay * drift * Math.sin(n.wy * t + n.py)) * box.h;
      n.sr = Math.max(1.1, n.radius * (n.size || 1) * starUnit);
      var age = now - n.born;
      n.alpha = age <= 0 ? 0 : age >= FADE_IN_MS ? 1 : easeOut(age / FADE_IN_MS);
      if (age < FADE_IN_MS) job.animating = true;
    }
    this.starsAnimating = job.animating;
    this.overlayDirty = true;
    this.movedSinceDeclutter = true;
    for (i = leaving.length - 1; i >= 0; i--) {
      n = leaving[i];
      var k2 = (now - n.dieStart) / FADE_OUT_MS;
      if (k2 >= 1) { leaving.splice(i, 1); continue; }
      n.alpha = n.dieFrom * (1 - k2);
      n.sx = box.x + (n.x + n.ax * drift * Math.sin(n.wx * t + n.px)) * box.w;
      n.sy = box.y + (n.y + n.ay * drift * Math.sin(n.wy * t + n.py)) * box.h;
      n.sr = Math.max(1.1, n.radius * (n.size || 1) * starUnit);
    }
    job.step = 2;
    job.b = 0;
    job.l = 0;
    job.fading = [];
    if (performance.now() > until) return false;
  }
  if (job.step === 2) {
    /* links: mint rgba(100,255,218, 0.3*strength), 1px — batched by opacity bucket, a slice
       at a time */
    ctx.lineWidth = 1;
    for (var b = job.b; b < this.linkBuckets.length; b++) {
      var list = this.linkBuckets[b], any = false, l;
      ctx.beginPath();
      for (l = job.l; l < list.length; l++) {
        var L = list[l];
        if (L.a.alpha < 1 || L.b.alpha < 1) { if (L.a.alpha > 0 && L.b.alpha > 0) job.fading.push(L); continue; }
        ctx.moveTo(L.a.sx, L.a.sy);
        ctx.lineTo(L.b.sx, L.b.sy);
        any = true;
        if ((l & 255) === 255 && performance.now() > until) break;
      }
      if (any) {
        ctx.strokeStyle = "rgba(100,255,218," + (0.3 * (b / (LINK_BUCKETS - 1))).toFixed(4) + ")";
        ctx.stroke();
      }
      if (l < list.length) { job.b = b; job.l = l + 1; return false; }
      job.l = 0;
    }
    for (var f = 0; f < job.fading.length; f++) {
      var FL = job.fading[f];
      ctx.strokeStyle = "rgba(100,255,218," + (0.3 * FL.s * Math.min(FL.a.alpha, FL.b.alpha)).toFixed(4) + ")";
      ctx.beginPath();
      ctx.moveTo(FL.a.sx, FL.a.sy);
      ctx.lineTo(FL.b.sx, FL.b.sy);
      ctx.stroke();
    }
    job.step = 3;
    job.i = 0;
    if (performance.now() > until) return false;
  }
  /* stars: additive glow sprites, a slice at a time */
  ctx.globalCompositeOperation = "lighter";
  for (i = job.i; i < nodes.length; i++) {
    if ((i & 15) === 15 && performance.now() > until) {
      job.i = i;
      ctx.globalCompositeOperation = "source-over";
      ctx.globalAlpha = 1;
      return false;
    }
    n = nodes[i];
    if (n.alpha <= 0) continue;
    var R = n.sr * GLOW_REACH;
    if (n.sx < -R || n.sy < -R || n.sx > W + R || n.sy > H + R) continue;
    var twk = rm ? 1 : 0.82 + 0.18 * Math.sin(job.tw * n.tw + n.phase);
    ctx.globalAlpha = n.alpha * twk;
    ctx.drawImage(nodeSprite(n, basePx), n.sx - R, n.sy - R, R * 2, R * 2);
  }
  for (i = 0; i < leaving.length; i++) {
    n = leaving[i];
    var R2 = n.sr * GLOW_REACH;
    ctx.globalAlpha = n.alpha;
    ctx.drawImage(nodeSprite(n, basePx), n.sx - R2, n.sy - R2, R2 * 2, R2 * 2);
  }
  ctx.globalCompositeOperation = "source-over";
  ctx.globalAlpha = 1;
  return true;
};

/* While the dust of a dumped worry plays the drift waits (a change, such as the new star,
   is still painted): the few seconds of dust get the frames. */
Sky.prototype.holdStars = function (on) { this.starsHeld = !!on; };

/* The page as shown: the star layer under the overlay, in one canvas (for tests and checks). */
Sky.prototype.flatten = function () {
  var c = document.createElement("canvas");
  c.width = this.canvas.width;
  c.height = this.canvas.height;
  var g = c.getContext("2d");
  g.drawImage(this.starLayer, 0, 0, c.width, c.height);
  g.drawImage(this.canvas, 0, 0);
  return c;
};

Sky.prototype.draw = function (now) {
  var ctx = this.ctx, dpr = this.dpr, W = this.W, H = this.H, n, i;
  var rm = this.reducedMotion;
  this._paintStars(now);
  /* the overlay is drawn again only when something in it changed: an unchanged canvas costs
     the compositor nothing */
  var declutterDue = this._crowdDirty || (this.frames % 12 === 0 && this.movedSinceDeclutter);
  if (!this.overlayDirty && !this.labelsSettling && !this.highlights.length && !declutterDue) return;
  this.overlayDirty = false;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalCompositeOperation = "source-over";
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, W, H);

  /* constellation figures: pale starlight lines, stopping short of their stars */
  this._drawFigures(ctx);

  /* labels (label:true only), pre-rendered; a label crowded by a bigger one fades out
     (hover or tap still shows it), so words never pile up on each other */
  if (this._viewLabelsDue && this.opts.zoomable) this._pickLabelNodes();
  /* labels trade places quickly right after the view moved, gently otherwise (by time, not
     frames: a slow device must not leave two words crossing each other for long) */
  var since = this._lastDraw ? Math.min(250, Math.max(0, now - this._lastDraw)) : 16;
  this._lastDraw = now;
  var fadeRate = 1 - Math.exp(-since / (now < (this._fastFadeUntil || 0) ? 60 : 270));
  var labels = this.labelNodes || [];
  if (declutterDue) { this._declutter(); this.movedSinceDeclutter = false; }
  var settling = false;
  for (i = 0; i < labels.length; i++) {
    n = labels[i];
    if (n.alpha <= 0 || !n.labelSprite) continue;
    var lat = this._labelAt(n, n.lpos || 0), lx = lat[0], ly = lat[1];
    if (lx > W || ly > H || lx + n.labelW < 0 || ly + n.labelH < 0) continue;
    var target = n.crowded ? 0 : 1;
    n.ca = n.ca === undefined ? target : n.ca + (target - n.ca) * fadeRate;
    if (Math.abs(target - n.ca) > 0.004) settling = true;
    var la = this.hoverNode === n ? 1 : (n.mine ? 0.95 : n.labelAlpha) * n.ca;
    if (la < 0.01) continue;
    ctx.globalAlpha = n.alpha * la;
    ctx.drawImage(n.labelSprite, lx, ly, n.labelW, n.labelH);
  }
  this.labelsSettling = settling;
  ctx.globalAlpha = 1;

  /* constellation names where the server placed them, and the members of the one in focus */
  this._drawNames(ctx);
  this._drawFocus(ctx);

  /* highlight rings around a freshly dumped worry */
  for (i = this.highlights.length - 1; i >= 0; i--) {
    var h = this.highlights[i];
    var hk = (now - h.start) / h.ms;
    if (hk >= 1 || h.node.dying) { this.highlights.splice(i, 1); continue; }
    if (hk < 0) continue;
    var hn = h.node;
    var ringCount = rm ? 1 : 3;
    for (var rI = 0; rI < ringCount; rI++) {
      var ph = rm ? 0.5 : ((now - h.start) / 1600 + rI / ringCount) % 1;
      var rad = hn.sr * (2 + ph * 9);
      ctx.globalAlpha = (1 - ph) * 0.55 * (1 - hk * hk);
      ctx.strokeStyle = "rgba(100,255,218,1)";
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.arc(hn.sx, hn.sy, rad, 0, TAU);
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;

  /* hover ring + tooltip follows its star */
  var hv = this.hoverNode;
  if (hv) {
    ctx.strokeStyle = "rgba(220,255,245,0.7)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.arc(hv.sx, hv.sy, hv.sr * 2.2 + 3, 0, TAU);
    ctx.stroke();
    this._placeTooltip(hv);
  }
};

/* ---- constellations ---------------------------------------------------------- */

Sky.prototype._drawFigures = function (ctx) {
  var groups = this.groups, focus = this.focusGroup;
  if (!groups.length) return;
  ctx.lineCap = "round";
  for (var g = 0; g < groups.length; g++) {
    var G = groups[g];
    if (!G.lines.length) continue;
    var focused = G === focus;
    var alpha = focused ? 1 : focus ? FIGURE_ALPHA * 0.45 : FIGURE_ALPHA;
    ctx.lineWidth = focused ? FIGURE_WIDTH * 1.4 : FIGURE_WIDTH;
    ctx.beginPath();
    var any = false, fade = 1;
    for (var i = 0; i < G.lines.length; i++) {
      var a = G.lines[i].a, b = G.lines[i].b;
      if (a.alpha <= 0 || b.alpha <= 0) continue;
      fade = Math.min(fade, a.alpha, b.alpha);
      var dx = b.sx - a.sx, dy = b.sy - a.sy, len = Math.sqrt(dx * dx + dy * dy);
      var ga = a.sr * FIGURE_GAP + 1, gb = b.sr * FIGURE_GAP + 1;
      if (len <= ga + gb + 1) continue;
      var ux = dx / len, uy = dy / len;
      ctx.moveTo(a.sx + ux * ga, a.sy + uy * ga);
      ctx.lineTo(b.sx - ux * gb, b.sy - uy * gb);
      any = true;
    }
    if (!any) continue;
    ctx.strokeStyle = "rgba(" + FIGURE_RGB + "," + (alpha * fade).toFixed(3) + ")";
    ctx.stroke();
  }
  ctx.lineCap = "butt";
};

/* A name rendered once: letter-spaced graphemes in light aqua on a rim of night. */
Sky.prototype._nameSprite = function (G) {
  var fs = Math.max(9, NAME_SIZE * this.baseBox.w), dpr = this.dpr;
  var font = "500 " + fs.toFixed(1) + "px 'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', system-ui, sans-serif";
  var gs = I18n ? I18n.graphemes(G.name) : Array.from(G.name);
  if (gs.length > 12) gs = gs.slice(0, 11).concat(["…"]);
  var meas = this.ctx;
  meas.save();
  meas.font = font;
  var widths = [], total = 0, track = fs * NAME_TRACKING;
  for (var i = 0; i < gs.length; i++) { var w = meas.measureText(gs[i]).width; widths.push(w); total += w + (i ? track : 0); }
  meas.restore();
  var pad = Math.ceil(fs * 0.5);
  var cw = Math.ceil(total) + pad * 2, ch = Math.ceil(fs * 1.5) + pad * 2;
  var c = document.createElement("canvas");
  c.width = Math.max(1, Math.round(cw * dpr));
  c.height = Math.max(1, Math.round(ch * dpr));
  var g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = font;
  g.textBaseline = "middle";
  g.lineJoin = "round";
  for (var pass = 0; pass < 2; pass++) {
    var x = pad;
    for (var k = 0; k < gs.length; k++) {
      if (pass === 0) {
        g.strokeStyle = "rgba(10,10,18,0.65)";
        g.lineWidth = fs * 0.3;
        g.strokeText(gs[k], x, ch / 2);
      } else {
        g.fillStyle = "rgba(128,222,234,0.82)";
        g.fillText(gs[k], x, ch / 2);
      }
      x += widths[k] + track;
    }
  }
  G.nameSprite = c; G.nameW = cw; G.nameH = ch; G.namePad = pad;
  return c;
};

/* Where a placed name's text sits on screen (CSS px), centred on its (x, y). */
Sky.prototype._nameRect = function (G) {
  if (!G.label) return null;
  if (!G.nameSprite) this._nameSprite(G);
  var cx = this.box.x + G.x * this.box.w, cy = this.box.y + G.y * this.box.h;
  return { x: cx - G.nameW / 2, y: cy - G.nameH / 2, w: G.nameW, h: G.nameH, pad: G.namePad };
};

Sky.prototype._drawNames = function (ctx) {
  var groups = this.groups, focus = this.focusGroup;
  for (var g = 0; g < groups.length; g++) {
    var G = groups[g];
    if (!G.label || !G.members.length) continue;
    var r = this._nameRect(G);
    var shown = 0;
    for (var i = 0; i < G.members.length && i < 8; i++) shown = Math.max(shown, G.members[i].alpha);
    if (shown <= 0) continue;
    ctx.globalAlpha = shown * (G === focus ? 1 : focus ? 0.45 : 0.92);
    ctx.drawImage(G.nameSprite, r.x, r.y, r.w, r.h);
  }
  ctx.globalAlpha = 1;
};

/* Rings around every member of the constellation in focus (the figure is already brighter). */
Sky.prototype._drawFocus = function (ctx) {
  var G = this.focusGroup;
  if (!G) return;
  ctx.strokeStyle = "rgba(" + FIGURE_RGB + ",0.6)";
  ctx.lineWidth = 1;
  ctx.beginPath();
  var limit = Math.min(G.members.length, 600);
  for (var i = 0; i < limit; i++) {
    var n = G.members[i];
    if (n.alpha <= 0.2) continue;
    var r = n.sr * 2.2 + 3;
    ctx.moveTo(n.sx + r, n.sy);
    ctx.arc(n.sx, n.sy, r, 0, TAU);
  }
  ctx.stroke();
};

/* Puts a constellation in focus (hover of a member, its name or its legend entry); null clears. */
Sky.prototype.focusConstellation = function (G, source) {
  this.overlayDirty = true;
  if (G && this.groups.indexOf(G) < 0) G = null;
  this.focusGroup = G || null;
  this.focusSource = G ? source || null : null;
  var list = this.legend && this.legend.list;
  if (list) {
    var items = list.querySelectorAll(".sky-legend-item");
    for (var i = 0; i < items.length; i++) {
      var on = !!G && items[i].getAttribute("data-id") === G.id;
      items[i].classList.toggle("active", on);
      items[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
};

Sky.prototype.groupAt = function (x, y) {
  for (var g = 0; g < this.groups.length; g++) {
    var r = this._nameRect(this.groups[g]);
    if (r && x >= r.x + r.pad && x <= r.x + r.w - r.pad && y >= r.y + r.pad && y <= r.y + r.h - r.pad) return this.groups[g];
  }
  return null;
};

/* The legend: the largest constellations with their sizes, as text (textContent only). */
Sky.prototype._renderLegend = function () {
  var L = this.legend;
  if (!L || !L.el || !L.list) return;
  var shown = this.groups.filter(function (G) { return G.name && G.members.length; }).slice(0, LEGEND_MAX);
  var key = shown.map(function (G) { return G.id + ":" + G.size + ":" + G.name; }).join("|");
  if (key === this.legendKey) return;
  this.legendKey = key;
  var self = this, I = I18n;
  while (L.list.firstChild) L.list.removeChild(L.list.firstChild);
  shown.forEach(function (G) {
    var li = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "sky-legend-item";
    b.setAttribute("data-id", G.id);
    b.setAttribute("aria-pressed", "false");
    var size = I ? I.fmtNumber(G.size) : String(G.size);
    if (I) b.setAttribute("aria-label", I.t("legend.item", { name: G.name, n: size }));
    var nm = document.createElement("span");
    nm.className = "sky-legend-name";
    nm.textContent = G.name;
    var sz = document.createElement("span");
    sz.className = "sky-legend-size";
    sz.textContent = I ? I.t("legend.size", { n: size }) : size;
    b.appendChild(nm);
    b.appendChild(sz);
    var enter = function () { self.hideTooltip(); self.focusConstellation(self._groupById(G.id), "legend"); };
    var leave = function () { if (self.focusSource === "legend") self.focusConstellation(null); };
    b.addEventListener("mouseenter", enter);
    b.addEventListener("focus", enter);
    b.addEventListener("mouseleave", leave);
    b.addEventListener("blur", leave);
    b.addEventListener("click", enter);
    li.appendChild(b);
    L.list.appendChild(li);
  });
  L.el.hidden = shown.length === 0;
  if (this.focusGroup) this.focusConstellation(this.focusGroup, this.focusSource);
};

Sky.prototype._groupById = function (id) {
  for (var g = 0; g < this.groups.length; g++) if (this.groups[g].id === id) return this.groups[g];
  return null;
};

/* ---- hover / tap ----------------------------------------------------------- */

Sky.prototype.pick = function (x, y, slop) {
  var best = null, bestD = Infinity;
  var nodes = this.nodes;
  for (var i = 0; i < nodes.length; i++) {
    var n = nodes[i];
    if (n.alpha < 0.2) continue;
    var dx = n.sx - x, dy = n.sy - y;
    var d2 = dx * dx + dy * dy;
    var lim = Math.max(slop, n.sr * 2.2);
    if (d2 <= lim * lim && d2 < bestD) { bestD = d2; best = n; }
  }
  return best;
};

/* A pointer event's place in canvas (CSS px) coordinates. */
Sky.prototype._point = function (e) {
  if (!this.opts.frame) return { x: e.clientX, y: e.clientY };
  var r = this.canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
};

Sky.prototype._bindPointer = function () {
  var self = this, c = this.canvas;
  c.addEventListener("pointermove", function (e) {
    if (e.pointerType === "touch" || self.pinned) return;
    var p = self._point(e);
    var n = self.pick(p.x, p.y, 12);
    if (n !== self.hoverNode) { if (n) self.showTooltip(n); else self.hideTooltip(); }
    var G = n ? null : self.groupAt(p.x, p.y);
    if (G) self.focusConstellation(G, "name");
    else if (!n && self.focusSource === "name") self.focusConstellation(null);
    c.style.cursor = n || G ? "pointer" : "";
  });
  c.addEventListener("pointerleave", function () { if (!self.pinned) self.hideTooltip(); });
  c.addEventListener("pointerdown", function (e) {
    var p = self._point(e);
    var n = self.pick(p.x, p.y, e.pointerType === "touch" ? 22 : 12);
    if (n) {
      self.browsing = false;
      self.showTooltip(n);
      var opened = n.mine && typeof self.opts.onMineTap === "function" && self.opts.onMineTap(n);
      /* someone else's star stays pinned with its actions; my own opened its card */
      self.pinned = e.pointerType === "touch" || !opened;
      self._syncBar();
    }
    else { self.pinned = false; self.hideTooltip(); }
  });
  /* a press anywhere else (the page's controls) lets a pinned tooltip go */
  document.addEventListener("pointerdown", function (e) {
    if (!self.pinned || e.target === c) return;
    var tgt = e.target;
    if (self.bar && self.bar.el.contains(tgt)) return;
    if (tgt && tgt.closest && tgt.closest(".dlg, .dlg-scrim")) return;
    self.hideTooltip();
  }, true);
};

/* Pauses (false) or plays (true) every motion of the sky: drift, twinkles, fades. Paused,
   the stars stay where they are, and play on from there (WCAG 2.2.2, the page's pause). */
Sky.prototype.setMotion = function (on) {
  var now = Date.now() / 1000;
  if (!on && !this.reducedMotion) { this.frozenT = now - this.timeOffset; this.reducedMotion = true; }
  else if (on && this.reducedMotion) { this.timeOffset = now - this.frozenT; this.reducedMotion = false; }
};

/* Opens a star as a tap would (the list view): my own star's card, or someone else's star
   pinned with its actions and focus in them. `returnTo()` gives where focus goes when it
   closes. Returns false when the sky has no such star. */
Sky.prototype.openStar = function (id, returnTo) {
  var n = this.findById(id);
  if (!n) return false;
  this.browsing = false;
  if (n.mine && typeof this.opts.onMineTap === "function" && this.opts.onMineTap(n, returnTo)) return true;
  if (!this.bar) return false;
  if (this.zoom && !(n.sx >= 0 && n.sx <= this.W && n.sy >= 0 && n.sy <= this.H)) {
    this.resetView();
    this.draw(performance.now());
  }
  if (this.opts.frame) {
    var y = this.canvas.getBoundingClientRect().top + n.sy, vh = window.innerHeight;
    if (y < 160 || y > vh - 60) window.scrollBy(0, Math.round(y - vh / 2));
  }
  this.showTooltip(n);
  this.pinned = true;
  this.listReturn = returnTo || null;
  this.highlight(n, 2400);
  this._syncBar();
  (n.mine ? this.bar.close : this.bar.report).focus();
  return true;
};

Sky.prototype.showTooltip = function (n) {
  this.overlayDirty = true;
  this.hoverNode = n;
  var tip = this.tooltip;
  if (!tip) return;
  var t = I18n.t;
  tip.textEl.textContent = n.text;
  tip.countEl.textContent = n.count > 1 ? t("tip.countN", { n: n.count }) : t("tip.count1");
  var tg = this.tipGroup;
  if (tg) {
    tg.textContent = n.group ? t("tip.constellation", { name: n.group.name, n: I18n.fmtNumber(n.group.size) }) : "";
    tg.hidden = !n.group;
  }
  this.focusConstellation(n.group, "star");
  tip.el.hidden = false;
  this._placeTooltip(n);
};

/* keepFocus: focus in the action bar stays where it goes (it is leaving anyway); otherwise it
   goes back to what started the keyboard browsing. */
Sky.prototype.hideTooltip = function (keepFocus) {
  this.overlayDirty = true;
  var refocus = keepFocus !== true && this.browsing && this._barHasFocus();
  var back = this.listReturn;
  this.listReturn = null;
  this.hoverNode = null;
  this.pinned = false;
  this.browsing = false;
  if (this.focusSource === "star") this.focusConstellation(null);
  if (this.tooltip) this.tooltip.el.hidden = true;
  if (this.bar) { this.bar.el.hidden = true; this.tooltip.el.classList.remove("pinned"); }
  if (refocus) this._focusBack();
  else if (back) { var to = back(); if (to && keepFocus !== true) to.focus(); }
};

Sky.prototype._placeTooltip = function (n) {
  var el = this.tooltip && this.tooltip.el;
  if (!el || el.hidden) return;
  var bar = this.bar && !this.bar.el.hidden ? this.bar.el : null;
  var w = el.offsetWidth, h = el.offsetHeight;
  var bw = bar ? bar.offsetWidth : 0, bh = bar ? bar.offsetHeight + 6 : 0;
  var off = this.opts.frame ? this.canvas.getBoundingClientRect() : { left: 0, top: 0 };
  var vw = window.innerWidth, vh = window.innerHeight;
  var x = clamp(off.left + n.sx - w / 2, 8, vw - w - 8);
  /* above the star (the actions under the words), or below it when there is no room */
  var y = off.top + n.sy - n.sr * 2.2 - h - bh - 10;
  if (y < 8) y = off.top + n.sy + n.sr * 2.2 + 10;
  if (bar) y = Math.min(y, vh - h - bh - 8);
  el.style.transform = "translate(" + Math.round(x) + "px," + Math.round(y) + "px)";
  if (bar) {
    var bx = clamp(off.left + n.sx - bw / 2, 8, vw - bw - 8);
    bar.style.transform = "translate(" + Math.round(bx) + "px," + Math.round(y + h + 6) + "px)";
  }
};

/* ---- the pinned tooltip's actions, and stepping through the stars by keyboard ---------- */

Sky.prototype._buildBar = function () {
  var tip = this.tooltip, S = Safety;
  if (!tip || !tip.el || !this.opts.starActions || !S) return;
  var self = this, t = I18n.t, el = S.el;
  var b = {};
  b.prev = el("button", { type: "button", className: "tip-btn tip-step", "aria-label": t("tip.prev"), title: t("tip.prev") }, [el("span", { "aria-hidden": "true", text: "‹" })]);
  b.pos = el("span", { className: "tip-pos", "aria-hidden": "true" });
  b.next = el("button", { type: "button", className: "tip-btn tip-step", "aria-label": t("tip.next"), title: t("tip.next") }, [el("span", { "aria-hidden": "true", text: "›" })]);
  b.nav = el("span", { className: "tip-nav", hidden: true }, [b.prev, b.pos, b.next]);
  b.report = el("button", { type: "button", className: "tip-btn", text: t("tip.report") });
  b.hide = el("button", { type: "button", className: "tip-btn", text: t("tip.hide") });
  b.acts = el("span", { className: "tip-acts" }, [b.report, b.hide]);
  b.close = el("button", { type: "button", className: "tip-btn tip-close", "aria-label": t("tip.close"), title: t("tip.close") }, [el("span", { "aria-hidden": "true", text: "×" })]);
  b.live = el("p", { className: "sr-only", "aria-live": "polite" });
  b.el = el("div", { className: "sky-tip-bar", role: "group", "aria-label": t("tip.actions"), hidden: true }, [b.nav, b.acts, b.close, b.live]);
  tip.el.parentNode.insertBefore(b.el, tip.el.nextSibling);
  this.bar = b;
  b.prev.addEventListener("click", function () { self.browse(-1); });
  b.next.addEventListener("click", function () { self.browse(1); });
  b.close.addEventListener("click", function () { self.hideTooltip(); });
  b.hide.addEventListener("click", function () {
    var n = self.hoverNode;
    if (!n || n.mine) return;
    var star = { id: n.id, text: n.text };
    if (self.hideStar(n.id) && typeof self.opts.onHidden === "function") self.opts.onHidden(star);
  });
  b.report.addEventListener("click", function () {
    var n = self.hoverNode;
    if (!n || n.mine) return;
    var star = { id: n.id, text: n.text };
    S.report(star, {
      returnTo: b.report,
      fallback: function () { return self.browseReturn || null; },
      onReported: function (st, reason) { if (typeof self.opts.onReported === "function") self.opts.onReported(st, reason); },
      onHide: function () { if (self.hideStar(star.id) && typeof self.opts.onHidden === "function") self.opts.onHidden(star); }
    });
  });
  b.el.addEventListener("keydown", function (e) {
    if (e.key === "ArrowRight" || e.key === "ArrowDown") { e.preventDefault(); self.browse(1); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") { e.preventDefault(); self.browse(-1); }
    else if ((e.key === "Escape" || e.key === "Esc") && !S.isOpen()) { e.preventDefault(); e.stopPropagation(); self.hideTooltip(); }
  });
  /* keyboard browsing ends when focus leaves the bar (not for the report dialog it opened) */
  b.el.addEventListener("focusout", function (e) {
    var to = e.relatedTarget;
    var held = self.browsing || self.listReturn;
    if (!held || (to && (b.el.contains(to) || (to.closest && to.closest(".dlg"))))) return;
    setTimeout(function () {
      if ((self.browsing || self.listReturn) && !self._barHasFocus() && !S.isOpen()) self.hideTooltip(true);
    }, 0);
  });
};

Sky.prototype._barHasFocus = function () {
  return !!this.bar && this.bar.el.contains(document.activeElement);
};

Sky.prototype._focusBack = function () {
  var to = this.browseReturn;
  if (to && to.isConnected && to.getClientRects().length) to.focus();
};

/* Shows the actions under a pinned tooltip: report and hide for someone else's star, the
   steps while browsing by keyboard. */
Sky.prototype._syncBar = function () {
  var b = this.bar, n = this.hoverNode;
  if (!b) return;
  var t = I18n.t;
  var others = !!n && !n.mine;
  var show = !!n && this.pinned && (others || this.browsing || !!this.listReturn);
  b.el.hidden = !show;
  this.tooltip.el.classList.toggle("pinned", show);
  if (!show) return;
  b.acts.hidden = !others;
  b.nav.hidden = !this.browsing;
  var words = n.text.replace(/\s+/g, " ").trim();
  var short = truncate(words);
  b.report.setAttribute("aria-label", t("tip.reportLabel", { text: short }));
  b.hide.setAttribute("aria-label", t("tip.hideLabel", { text: short }));
  b.el.setAttribute("data-star", n.id);
  this._placeTooltip(n);
};

/* The stars a keyboard can step through: those in view, the most shared first. */
Sky.prototype._browsable = function () {
  var W = this.W, H = this.H;
  var list = this.nodes.filter(function (n) { return n.alpha >= 0.5 && n.sx >= 0 && n.sx <= W && n.sy >= 0 && n.sy <= H; });
  list.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
  return list;
};

/* Pins the tooltip on the next (dir 1), previous (-1) or same place (0) star of the browsable
   list, with its actions; the first call gives `returnTo` (focus goes back there at the end)
   and moves focus into the bar. Returns false when there is no star to show. */
Sky.prototype.browse = function (dir, returnTo, focusBar) {
  if (!this.bar) return false;
  var list = this._browsable();
  if (!list.length) { if (this.browsing) this.hideTooltip(); return false; }
  var cur = this.browsing && this.hoverNode ? list.indexOf(this.hoverNode) : -1;
  var k = cur >= 0 ? (cur + dir + list.length) % list.length : (this.browsing || dir === 0 ? Math.min(this.browseAt, list.length - 1) : 0);
  if (returnTo) this.browseReturn = returnTo;
  var n = list[k];
  this.browseAt = k;
  this.showTooltip(n);
  this.pinned = true;
  this.browsing = true;
  this.highlight(n, 1600);
  /* on /sky the page scrolls: bring the star (with room for its words) into view */
  if (this.opts.frame) {
    var y = this.canvas.getBoundingClientRect().top + n.sy, vh = window.innerHeight;
    if (y < 160 || y > vh - 60) window.scrollBy(0, Math.round(y - vh / 2));
  }
  var I = I18n;
  this.bar.pos.textContent = I.fmtNumber(k + 1) + " / " + I.fmtNumber(list.length);
  this._syncBar();
  this.bar.live.textContent = I.t("tip.browseSay", { text: n.text, k: I.fmtNumber(k + 1), n: I.fmtNumber(list.length) });
  if (returnTo || focusBar) (this._barHasFocus() ? document.activeElement : this.bar.next).focus();
  return true;
};

/* ---- helpers for the app and for tests ---------------------------------------- */

Sky.prototype.highlight = function (node, ms) {
  this.overlayDirty = true;
  if (!node) return;
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
