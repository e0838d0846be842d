/* Dump It! — the page's sky model: pure functions of the sky JSON, no DOM, no canvas.
   The twins of the engine's Swift rules are pinned to the same golden files
   (Tests/Fixtures/sky-contract): `applyDelta` (SkyLayoutDelta.apply), `crowdLooks`
   (SkyCrowding.looks), `skyBox` (SkyViewport.cover / .fitting). The drift formula is the
   contract's (docs/CONTRACT.md); sky.js evaluates it where it paints. */

export var PALETTE = {
  "#64ffda": [100, 255, 218],
  "#4ecca3": [78, 204, 163],
  "#80deea": [128, 222, 234],
  "#ffffff": [255, 255, 255]
};

export function parseColor(c) {
  if (typeof c !== "string") return PALETTE["#64ffda"];
  var k = c.trim().toLowerCase();
  if (PALETTE[k]) return PALETTE[k];
  var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(k);
  if (!m) return PALETTE["#64ffda"];
  var h = m[1];
  if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function num(v, d) { return typeof v === "number" && isFinite(v) ? v : d; }
export function clamp(v, a, b) { return v < a ? a : v > b ? b : v; }
export function easeInOut(k) { return k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2; }
export function easeOut(k) { return 1 - Math.pow(1 - k, 3); }

/* A star's words, count, place, size, colour and drift from the server's node `src` (at the
   checked place x, y; `w` is the drift's angular speed, 2π over its period), onto `n`: a
   changed text drops its label bitmap, a changed colour its glow. */
export function readStar(n, src, x, y, w) {
  var text = typeof src.text === "string" ? src.text : String(src.text == null ? "" : src.text);
  if (n.text !== text || n.count !== src.count) n.labelSprite = null;
  n.text = text;
  n.count = Math.max(1, Math.round(num(src.count, 1)));
  n.x = x; n.y = y;
  n.radius = clamp(num(src.radius, 0.005), 0, 0.2);
  n.color = typeof src.color === "string" ? src.color : "#64ffda";
  var rgb = parseColor(n.color);
  if (!n.rgb || n.rgb.join() !== rgb.join()) n.sprite = null;
  n.rgb = rgb;
  var d = src.drift && typeof src.drift === "object" ? src.drift : {};
  n.ax = num(d.ax, 0); n.ay = num(d.ay, 0);
  n.wx = w * num(d.fx, 0); n.wy = w * num(d.fy, 0);
  n.px = num(d.px, 0); n.py = num(d.py, 0);
}

/* Small deterministic PRNG for the background (same stars on every resize). */
export function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    var t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


var CROWD_CELL = 0.025, CROWD_SPACING = 0.25, CROWD_MIN = 0.25, CROWD_HALO_REACH = 3;

/* SkyCrowding.looks: each star's size factor (0.25…1) and halo strength (1/16…1) from the
   density of rest positions around it, in sky coordinates (the same at every size). */
export function crowdLooks(nodes) {
  var n = nodes.length, out = new Array(n), i;
  if (n <= 1) { for (i = 0; i < n; i++) out[i] = { size: 1, halo: 1 }; return out; }
  var aspect = 16 / 9, cols = Math.ceil(aspect / CROWD_CELL) + 1, rows = Math.ceil(1 / CROWD_CELL) + 1;
  var col = function (x) { return Math.min(cols - 1, Math.max(0, Math.floor(x * aspect / CROWD_CELL))); };
  var row = function (y) { return Math.min(rows - 1, Math.max(0, Math.floor(y / CROWD_CELL))); };
  var counts = new Int32Array(cols * rows);
  for (i = 0; i < n; i++) counts[row(nodes[i].y) * cols + col(nodes[i].x)]++;
  var area = 9 * CROWD_CELL * CROWD_CELL;
  for (i = 0; i < n; i++) {
    var cx = col(nodes[i].x), cy = row(nodes[i].y), total = 0;
    for (var gy = Math.max(0, cy - 1); gy <= Math.min(rows - 1, cy + 1); gy++)
      for (var gx = Math.max(0, cx - 1); gx <= Math.min(cols - 1, cx + 1); gx++) total += counts[gy * cols + gx];
    var density = (total - 1) / area;
    if (density <= 0) { out[i] = { size: 1, halo: 1 }; continue; }
    var spacing = 1 / Math.sqrt(density), r = Math.max(nodes[i].radius, 1e-6);
    var size = Math.min(1, Math.max(CROWD_MIN, CROWD_SPACING * spacing / r));
    var reach = CROWD_HALO_REACH * size * r;
    out[i] = { size: size, halo: Math.max(1 / 16, 1 / (1 + density * Math.PI * reach * reach)) };
  }
  return out;
}


/* The 16:9 sky box. With a band (the free space between the page's header and its dump
   box, {top, bottom} in CSS px) the round cluster (radius 0.42 of the box's height, plus a
   rim for glow and drift: SkyViewport.fitting) fits inside it, so stars keep out of the
   controls on every screen; without one the box covers the window (the server's PNG). */
export var CLUSTER_SPAN = 0.92;
export function skyBox(W, H, band) {
  var bw, bh, x, y;
  if (band && band.bottom - band.top > 80) {
    var top = Math.max(0, band.top), bottom = Math.min(H, band.bottom);
    bh = Math.min(W, bottom - top) / CLUSTER_SPAN;
    bw = bh * 16 / 9;
    x = (W - bw) / 2;
    y = top + (bottom - top - bh) / 2;
  } else {
    var scale = Math.max(W / 16, H / 9);
    bw = 16 * scale; bh = 9 * scale;
    x = (W - bw) / 2; y = (H - bh) / 2;
  }
  return { x: x, y: y, w: bw, h: bh, unit: Math.min(bw, bh), starUnit: Math.min(bw, bh) };
}


/* The shared sky arrives whole once, then as deltas against the version held
   (GET /api/sky?since=<version>, docs/sky.md "Live at scale"). A delta names links and
   constellation lines by star ids; stars that are new or changed come with their new index,
   the others keep their order. Returns the rebuilt layout, or null when the delta does not
   fit the sky held (then the page asks for the whole sky again). The Swift twin is
   `SkyLayoutDelta.apply`; both are pinned to Tests/Fixtures/sky-contract. */
export function applyDelta(held, d) {
  if (!held || !Array.isArray(held.nodes) || !Array.isArray(d.nodes) || typeof d.nodeCount !== "number") return null;
  var gone = Object.create(null), sent = Object.create(null), at = Object.create(null), i;
  var removed = Array.isArray(d.removed) ? d.removed : [];
  for (i = 0; i < removed.length; i++) gone[removed[i]] = true;
  for (i = 0; i < d.nodes.length; i++) {
    var p = d.nodes[i];
    if (!p || typeof p.i !== "number" || p.i < 0 || p.i >= d.nodeCount || at[p.i]) return null;
    var node = {};
    for (var k in p) if (k !== "i") node[k] = p[k];
    at[p.i] = node;
    sent[node.id] = true;
  }
  var kept = [];
  for (i = 0; i < held.nodes.length; i++) {
    var h = held.nodes[i];
    if (!gone[h.id] && !sent[h.id]) kept.push(h);
  }
  var nodes = new Array(d.nodeCount), next = 0;
  for (i = 0; i < d.nodeCount; i++) {
    if (at[i]) nodes[i] = at[i];
    else if (next < kept.length) nodes[i] = kept[next++];
    else return null;
  }
  if (next !== kept.length) return null;
  var index = Object.create(null);
  for (i = 0; i < nodes.length; i++) index[nodes[i].id] = i;
  var key = function (a, b) { return a < b ? a + " " + b : b + " " + a; };
  var links = new Map();
  for (i = 0; i < held.links.length; i++) {
    var L = held.links[i], na = held.nodes[L.a], nb = held.nodes[L.b];
    if (na && nb) links.set(key(na.id, nb.id), { a: na.id, b: nb.id, strength: L.strength });
  }
  var dl = d.links || {};
  var lr = Array.isArray(dl.removed) ? dl.removed : [], la = Array.isArray(dl.added) ? dl.added : [];
  for (i = 0; i < lr.length; i++) if (Array.isArray(lr[i])) links.delete(key(lr[i][0], lr[i][1]));
  for (i = 0; i < la.length; i++) links.set(key(la[i].a, la[i].b), la[i]);
  var newLinks = [];
  links.forEach(function (l) {
    var a = index[l.a], b = index[l.b];
    if (a === undefined || b === undefined) return;   /* a link to a star that is gone goes with it */
    newLinks.push({ a: Math.min(a, b), b: Math.max(a, b), strength: l.strength });
  });
  newLinks.sort(function (x, y) { return x.a - y.a || x.b - y.b; });
  var groups;
  if (Array.isArray(d.constellations)) {
    groups = d.constellations;
  } else {
    groups = [];
    var old = Array.isArray(held.constellations) ? held.constellations : [];
    for (i = 0; i < old.length; i++) {
      var G = {}, src = old[i];
      for (var f in src) G[f] = src[f];
      G.lines = [];
      var lines = Array.isArray(src.lines) ? src.lines : [];
      for (var j = 0; j < lines.length; j++) {
        var ha = held.nodes[lines[j].a], hb = held.nodes[lines[j].b];
        var ia = ha ? index[ha.id] : undefined, ib = hb ? index[hb.id] : undefined;
        if (ia === undefined || ib === undefined) return null;
        G.lines.push({ a: ia, b: ib });
      }
      groups.push(G);
    }
  }
  return { constellations: groups, driftPeriod: d.driftPeriod, generatedAt: d.generatedAt, links: newLinks, nodes: nodes, seed: d.seed };
}

/* How often the sky's star layer is painted again (sky-paint.js, _adaptRefresh): from the wait
   before the last refresh and the refresh cycle that just ended (its milliseconds and frames),
   the wait before the next one. Frames slower than 55 fps on average: 1.5x longer (at most a
   second); 58 fps or faster: shorter (at least 33 ms). A cycle of fewer than two frames, or
   one longer than four seconds (a hidden tab, a paused sky), says nothing of the device. */
export var REFRESH = { min: 33, max: 1000, slowFrame: 18.2, fastFrame: 17.2 };
export function nextRefreshWait(wait, cycleMs, frames) {
  if (frames < 2 || cycleMs > 4 * REFRESH.max) return wait;
  var perFrame = cycleMs / frames;
  if (perFrame > REFRESH.slowFrame) return Math.min(REFRESH.max, wait * 1.5 + 16);
  if (perFrame < REFRESH.fastFrame) return Math.max(REFRESH.min, wait * 0.8);
  return wait;
}

/* ---- detail by region (docs/sky-at-scale.md) ------------------------------------------
   Zoomed in past DETAIL_ZOOM on a sky larger than its view, /sky loads the faint stars of what
   it shows (GET /api/sky/region) with a margin around it, and asks again only when the view
   leaves the region it holds. */
export var DETAIL_ZOOM = 2;
export var DETAIL_MARGIN = 0.35;     // of the view's size, on every side

/* The part of the sky (0…1 each way) the screen W x H shows through the sky box `box`, grown
   by `margin` of its size on every side, cut to the sky; null when it shows none of it. */
export function regionOfView(box, W, H, margin) {
  if (!box || !(box.w > 0) || !(box.h > 0)) return null;
  var x0 = -box.x / box.w, x1 = (W - box.x) / box.w, y0 = -box.y / box.h, y1 = (H - box.y) / box.h;
  var mx = (x1 - x0) * (margin || 0), my = (y1 - y0) * (margin || 0);
  var r = { x0: clamp(x0 - mx, 0, 1), y0: clamp(y0 - my, 0, 1), x1: clamp(x1 + mx, 0, 1), y1: clamp(y1 + my, 0, 1) };
  return r.x1 > r.x0 && r.y1 > r.y0 ? r : null;
}

/* Whether the region `outer` holds all of `inner`. */
export function regionCovers(outer, inner) {
  return !!outer && !!inner && outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 && outer.y1 >= inner.y1;
}
