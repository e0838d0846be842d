/* Dump It! — the sky's painter (docs/page.md): the glow sprites, the faint background, the
   star layer painted a slice a frame, and the overlay drawn when it changed (words, and the
   constellations and rings of sky-figures.js). Its methods are the Sky's (sky.js mixes
   SkyPaint into Sky.prototype); they read the nodes, links and groups that setLayout keeps and
   the view that sky-input.js sets, and change only what is painted. */
import { REFRESH, clamp, easeInOut, easeOut, mulberry32, nextRefreshWait } from "./sky-model.js";

export var SkyPaint = {};

var TAU = Math.PI * 2;
export var FADE_IN_MS = 1400;
var FADE_OUT_MS = 900;
export var MOVE_MS = 1400;
export var LINK_BUCKETS = 12;

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

SkyPaint._drawBackground = function () {
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
export function paintStarfield(canvas) {
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

/* ---- the star layer ------------------------------------------------------------
   The stars, their links and the faint twinkles are painted into a canvas off the page, a
   few milliseconds a frame, and copied whole into the canvas under the overlay; the overlay
   (labels, names, figures, rings) is drawn every frame. So a sky of many thousand stars
   never holds a frame for long on a slow phone: it only refreshes its drift a little less
   often (stars drift a pixel or two in ten seconds). A change of view or size is painted at
   once, whole; a paused sky is not painted again until something in it changes.
   How often the drift is painted follows the device: after each refresh the frames it
   spanned are timed, and where they ran under 55 fps the next refresh waits longer (up to
   a second), where they ran at 58 fps or more it comes sooner (down to 33 ms). A slow phone
   with a big sky so keeps its frames and lets the drift and the twinkles step more slowly;
   the twinkles grow fainter as they step, so a slow refresh never blinks. */
var STAR_BUDGET_MS = 6;      // a frame's share of the star painting
var TWINKLE = 0.18;          // a star's twinkle, at the fastest refresh
var LAYER_DPR_CAP = 1.5;     // a big sky's glows at most this sharp (soft sprites: costs more than it shows)

export function makeStarLayer(canvas) {
  var c = document.createElement("canvas");
  c.className = canvas.className.replace(/\b(sky-canvas|frame-live)\b/g, "").replace(/\s+/g, " ").trim() + " sky-stars";
  c.setAttribute("aria-hidden", "true");
  c.style.visibility = "hidden";
  canvas.parentNode.insertBefore(c, canvas);
  return c;
}

/* The resolution of the star layer: the canvas's, or at most LAYER_DPR_CAP for a big sky. */
SkyPaint._layerScale = function () {
  return this.nodes.length > 1500 ? Math.min(this.dpr, LAYER_DPR_CAP) : this.dpr;
};

SkyPaint._sizeStarLayers = function () {
  var k = this._layerScale(), w = Math.round(this.W * k), h = Math.round(this.H * k);
  [this.starLayer, this.starBack].forEach(function (c) {
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
  });
  this.starLayer.style.visibility = "visible";
  this.layerK = k;
};

/* Starts, goes on with or finishes painting the star layer; shows it when it is whole. */
SkyPaint._paintStars = function (now) {
  if (!this.starJob) {
    var moving = !this.reducedMotion || this.starsAnimating || this.leaving.length > 0;
    if (!this.starsDirty && (this.starsHeld || !moving || now - this.starsAt < this._starRefreshMs())) return;
    if (this._layerScale() !== this.layerK) { this._sizeStarLayers(); this.starsSync = true; }
    this.starJob = { step: 0, i: 0, now: now };
    this.starsDirty = false;
  }
  /* while the dust plays (held), a change is painted in thinner slices: the dust keeps the frames */
  var until = this.starsSync ? Infinity : performance.now() + (this.starsHeld ? STAR_BUDGET_MS / 3 : STAR_BUDGET_MS);
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
  this._adaptRefresh(now);
  this.starsAt = now;
};

/* The wait between two refreshes of the drift (see above; the rule is sky-model.js's
   nextRefreshWait). */
SkyPaint._starRefreshMs = function () { return this.starRefresh || REFRESH.min; };

/* After a refresh: its cycle's frames, timed, set the wait before the next one. A cycle
   that a change forced (a new star, a view) counts too: it spent the same frames. */
SkyPaint._adaptRefresh = function (now) {
  var frames = this.frames - (this.starsFrame || 0);
  this.starsFrame = this.frames;
  if (!this.starsAt || document.hidden) return;
  this.starRefresh = nextRefreshWait(this._starRefreshMs(), now - this.starsAt, frames);
};

/* One job's steps, until `until` (performance.now()); true when the layer is whole. */
SkyPaint._starSteps = function (job, until) {
  var ctx = this.starBack.getContext("2d"), k = this.layerK || this.dpr;
  var W = this.W, H = this.H, now = job.now, nodes = this.drawn || this.nodes, leaving = this.leaving, n, i;
  var box = this.box, starUnit = box.starUnit || box.unit, drift = box.drift || 1;
  var rm = this.reducedMotion, basePx = BASE_RADIUS * starUnit;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  if (job.step === 0) {
    job.t = rm ? this.frozenT : Date.now() / 1000 - this.timeOffset;   // one drift time for the whole layer
    job.tw = now / 1000;
    var steady = Math.min(1, 150 / this._starRefreshMs());
    job.twinkle = TWINKLE * steady;
    job.faint = 0.5 * steady;     // the faint background stars' twinkle
    job.animating = false;
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, W, H);
    /* twinkling background stars */
    ctx.fillStyle = "#dfe9ff";
    for (var s = 0; s < this.twinkles.length; s++) {
      var st = this.twinkles[s];
      ctx.globalAlpha = rm ? st.a : st.a * (1 - job.faint + job.faint * Math.sin(job.tw * st.w + st.p));
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
    var twk = rm ? 1 : 1 - job.twinkle + job.twinkle * Math.sin(job.tw * n.tw + n.phase);
    ctx.globalAlpha = n.alpha * twk * (n.dim || 1);
    ctx.drawImage(nodeSprite(n, basePx), n.sx - R, n.sy - R, R * 2, R * 2);
  }
  for (i = 0; i < leaving.length; i++) {
    n = leaving[i];
    var R2 = n.sr * GLOW_REACH;
    ctx.globalAlpha = n.alpha * (n.dim || 1);
    ctx.drawImage(nodeSprite(n, basePx), n.sx - R2, n.sy - R2, R2 * 2, R2 * 2);
  }
  ctx.globalCompositeOperation = "source-over";
  ctx.globalAlpha = 1;
  return true;
};

/* While the dust of a dumped worry plays the drift waits (a change, such as the new star,
   is still painted): the few seconds of dust get the frames. */
SkyPaint.holdStars = function (on) { this.starsHeld = !!on; };

/* The page as shown: the star layer under the overlay, in one canvas (for tests and checks). */
SkyPaint.flatten = function () {
  var c = document.createElement("canvas");
  c.width = this.canvas.width;
  c.height = this.canvas.height;
  var g = c.getContext("2d");
  g.drawImage(this.starLayer, 0, 0, c.width, c.height);
  g.drawImage(this.canvas, 0, 0);
  return c;
};

SkyPaint.draw = function (now) {
  var ctx = this.ctx, dpr = this.dpr, W = this.W, H = this.H, n, i;
  this._paintStars(now);
  if (this.highlights.length) this._drawRings(now);
  /* the overlay is drawn again only when something in it changed: an unchanged canvas costs
     the compositor nothing */
  var declutterDue = this._crowdDirty || (this.frames % 12 === 0 && this.movedSinceDeclutter);
  if (!this.overlayDirty && !this.labelsSettling && !declutterDue) return;
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

/* A small bitmap for text: `w` x `h` CSS px at `dpr`, its context scaled to CSS px and set to
   `font` (a star's words, a constellation's name). */
export function textBitmap(w, h, dpr, font) {
  var c = document.createElement("canvas");
  c.width = Math.max(1, Math.round(w * dpr));
  c.height = Math.max(1, Math.round(h * dpr));
  var g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = font;
  return g;
}
