/* Dump It! — the typed worry breaks into glowing dust and blows away.
   The text is redrawn on an offscreen canvas exactly where the textarea shows it,
   particles are sampled from its opaque pixels, and a wave (left→right, or right→left
   for RTL text) releases them into a gentle swirling wind drifting to the upper right.
   Everything fades out within ~2.5 s. With prefers-reduced-motion the text simply fades. */
import { I18n } from "./i18n.js";


var TAU = Math.PI * 2;
var MAX_PARTICLES = 4200;
var WAVE_S = 0.7;          // time for the wave to cross the text
var LIFE_MIN = 1.35, LIFE_VAR = 0.4;
var FADE_S = 0.7;          // reduced-motion fade
var PALETTE = [[100, 255, 218], [78, 204, 163], [128, 222, 234], [255, 255, 255]];
var WEIGHTS = [0.42, 0.2, 0.24, 0.14];

var RTL_RE = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
var LTR_RE = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u4E00-\u9FFF\uAC00-\uD7AF]/;

/* Direction of the first strong character (like dir="auto"). */
function isRTL(text) {
  for (var i = 0; i < text.length; i++) {
    var ch = text[i];
    if (RTL_RE.test(ch)) return true;
    if (LTR_RE.test(ch)) return false;
  }
  return false;
}

var sprites = null;
function glowSprites() {
  if (sprites) return sprites;
  sprites = PALETTE.map(function (c) {
    var s = 24, cv = document.createElement("canvas");
    cv.width = cv.height = s;
    var g = cv.getContext("2d");
    var grd = g.createRadialGradient(s / 2, s / 2, 0, s / 2, s / 2, s / 2);
    var col = "rgba(" + c.join(",") + ",";
    grd.addColorStop(0, "rgba(255,255,255,1)");
    grd.addColorStop(0.16, col + "1)");
    grd.addColorStop(0.34, col + "0.5)");
    grd.addColorStop(0.62, col + "0.12)");
    grd.addColorStop(1, col + "0)");
    g.fillStyle = grd;
    g.fillRect(0, 0, s, s);
    return cv;
  });
  return sprites;
}

function pickColor() {
  var r = Math.random(), acc = 0;
  for (var i = 0; i < WEIGHTS.length; i++) { acc += WEIGHTS[i]; if (r < acc) return i; }
  return 0;
}

function px(v) { var n = parseFloat(v); return isFinite(n) ? n : 0; }

/* Wrap like the textarea does (word-break: keep-all; overflow-wrap: anywhere). */
function wrap(ctx, text, maxW) {
  var out = [];
  var graphemes = I18n ? I18n.graphemes : function (s) { return Array.from(s); };
  text.split("\n").forEach(function (para) {
    var tokens = para.match(/\S+\s*|\s+/g) || [""];
    var line = "";
    tokens.forEach(function (tok) {
      var test = line + tok;
      if (ctx.measureText(test.replace(/\s+$/, "")).width <= maxW) { line = test; return; }
      if (line) { out.push(line); line = ""; }
      if (ctx.measureText(tok.replace(/\s+$/, "")).width <= maxW) { line = tok; return; }
      var gs = graphemes(tok);
      for (var i = 0; i < gs.length; i++) {
        if (line && ctx.measureText(line + gs[i]).width > maxW) { out.push(line); line = ""; }
        line += gs[i];
      }
    });
    out.push(line);
  });
  return out;
}

function Dust(canvas) {
  this.canvas = canvas;
  this.ctx = canvas.getContext("2d");
  this.bursts = [];
  this.running = false;
  this.live = 0;
  this.W = 0; this.H = 0; this.dpr = 1;
  var self = this;
  this._tick = function () { self._frame(); };
}

Dust.prototype._resize = function () {
  var W = window.innerWidth, H = window.innerHeight, dpr = Math.min(2, window.devicePixelRatio || 1);
  if (W !== this.W || H !== this.H || dpr !== this.dpr) {
    this.W = W; this.H = H; this.dpr = dpr;
    this.canvas.width = Math.round(W * dpr);
    this.canvas.height = Math.round(H * dpr);
  }
};

/* Draw the textarea's text, laid out as the textarea shows it, at device resolution.
   Returns an alpha mask (for sampling) and a glowing copy (shown until the wave reaches it). */
Dust.prototype._rasterize = function (textarea, text, rtl) {
  var rect = textarea.getBoundingClientRect();
  var cs = getComputedStyle(textarea);
  var s = this.dpr;
  var w = Math.max(1, Math.ceil(rect.width)), h = Math.max(1, Math.ceil(rect.height));
  var fontSize = px(cs.fontSize) || 16;
  var font = [cs.fontStyle, cs.fontWeight, fontSize + "px", cs.fontFamily].join(" ");
  var lh = cs.lineHeight === "normal" ? fontSize * 1.3 : px(cs.lineHeight);
  var padL = px(cs.paddingLeft) + px(cs.borderLeftWidth);
  var padR = px(cs.paddingRight) + px(cs.borderRightWidth);
  var padT = px(cs.paddingTop) + px(cs.borderTopWidth);
  var contentW = Math.max(10, textarea.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight));
  var scroll = textarea.scrollTop || 0;

  function paint(g, glow) {
    g.setTransform(s, 0, 0, s, 0, 0);
    g.font = font;
    g.textBaseline = "middle";
    if (rtl) { g.direction = "rtl"; g.textAlign = "right"; } else { g.textAlign = "left"; }
    var lines = wrap(g, text, contentW);
    var x = rtl ? w - padR : padL;
    if (glow) {
      g.shadowColor = "rgba(100,255,218,0.85)";
      g.shadowBlur = 10 * s;
      g.fillStyle = "rgb(214,255,244)";
    } else {
      g.fillStyle = "#fff";
    }
    for (var i = 0; i < lines.length; i++) {
      var y = padT + i * lh + lh / 2 - scroll;
      if (y < -lh || y > h + lh) continue;
      g.fillText(lines[i], x, y);
    }
    return lines.length;
  }

  var mask = document.createElement("canvas");
  mask.width = Math.round(w * s); mask.height = Math.round(h * s);
  var mg = mask.getContext("2d", { willReadFrequently: true });
  var lines = paint(mg, false);
  var glow = document.createElement("canvas");
  glow.width = mask.width; glow.height = mask.height;
  paint(glow.getContext("2d"), true);
  return { mask: mask, g: mg, glow: glow, x: rect.left, y: rect.top, w: w, h: h, s: s, lines: lines };
};

/* Start a burst. Returns a promise that resolves when the dust is gone. */
Dust.prototype.burst = function (textarea, text, opts) {
  opts = opts || {};
  this._resize();
  var rtl = opts.rtl != null ? opts.rtl : isRTL(text);
  var r = this._rasterize(textarea, text, rtl);
  var self = this;
  var b = opts.reducedMotion
    ? { kind: "fade", img: r.glow, x: r.x, y: r.y, w: r.w, h: r.h, t: 0, n: 0 }
    : this._particles(r, rtl);
  b.start = performance.now();
  b.last = b.start;
  return new Promise(function (resolve) {
    b.resolve = resolve;
    self.bursts.push(b);
    if (!self.running) { self.running = true; self.canvas.style.visibility = "visible"; requestAnimationFrame(self._tick); }
  });
};

Dust.prototype._particles = function (r, rtl) {
  var W = r.mask.width, H = r.mask.height, s = r.s;
  var data = r.g.getImageData(0, 0, W, H).data;
  var opaque = 0, i, x, y;
  for (i = 3; i < data.length; i += 4) if (data[i] > 100) opaque++;
  var step = Math.max(1, Math.ceil(Math.sqrt(opaque / MAX_PARTICLES)));
  var cap = Math.ceil(opaque / (step * step)) + 16;
  var P = {
    x: new Float32Array(cap), y: new Float32Array(cap), vx: new Float32Array(cap), vy: new Float32Array(cap),
    delay: new Float32Array(cap), life: new Float32Array(cap), size: new Float32Array(cap),
    col: new Uint8Array(cap), seed: new Float32Array(cap)
  };
  var n = 0, minX = Infinity, maxX = -Infinity;
  for (y = 0; y < H && n < cap; y += step) {
    for (x = 0; x < W && n < cap; x += step) {
      if (data[(y * W + x) * 4 + 3] <= 100) continue;
      P.x[n] = r.x + (x + (Math.random() - 0.5) * step * 0.6) / s;
      P.y[n] = r.y + (y + (Math.random() - 0.5) * step * 0.6) / s;
      if (P.x[n] < minX) minX = P.x[n];
      if (P.x[n] > maxX) maxX = P.x[n];
      n++;
    }
  }
  var span = Math.max(1, maxX - minX);
  var cssStep = step / s;                       // spacing of the particles in CSS px
  var base = clamp01((cssStep - 0.5) / 2) * 1.1 + 0.8;
  for (i = 0; i < n; i++) {
    var u = (P.x[i] - minX) / span;
    if (rtl) u = 1 - u;
    P.delay[i] = WAVE_S * u + Math.random() * 0.12;
    P.life[i] = LIFE_MIN + Math.random() * LIFE_VAR;
    P.size[i] = base * (0.7 + Math.random() * 0.8);
    P.col[i] = pickColor();
    P.seed[i] = Math.random() * TAU;
    var kick = 15 + Math.random() * 45;
    var ang = -Math.PI / 2 + (Math.random() - 0.5) * 2.4;
    P.vx[i] = Math.cos(ang) * kick + 20;
    P.vy[i] = Math.sin(ang) * kick;
  }
  return {
    kind: "dust", P: P, n: n, t: 0, rtl: rtl,
    img: r.glow, x: r.x, y: r.y, w: r.w, h: r.h, minX: minX, span: span,
    /* dense dust would add up to a white smear: start dim, brighten as it spreads */
    dense: Math.min(1, Math.max(0.3, cssStep * cssStep / 4))
  };
};

function clamp01(v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

Dust.prototype._frame = function () {
  var now = performance.now();
  var ctx = this.ctx, dpr = this.dpr;
  this._resize();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalCompositeOperation = "source-over";
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, this.W, this.H);
  var live = 0;
  for (var k = this.bursts.length - 1; k >= 0; k--) {
    var b = this.bursts[k];
    var dt = Math.min(0.05, (now - b.last) / 1000);
    b.last = now;
    b.t = (now - b.start) / 1000;
    var alive = b.kind === "fade" ? this._drawFade(b) : this._drawDust(b, dt);
    live += alive;
    if (!alive) { this.bursts.splice(k, 1); if (b.resolve) b.resolve(); }
  }
  this.live = live;
  if (this.bursts.length) requestAnimationFrame(this._tick);
  else {
    /* idle: an empty full-screen layer still costs compositing, so hide it */
    this.running = false;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.canvas.style.visibility = "hidden";
  }
};

Dust.prototype._drawFade = function (b) {
  var k = b.t / FADE_S;
  if (k >= 1) return 0;
  var ctx = this.ctx;
  ctx.globalAlpha = 1 - k;
  ctx.drawImage(b.img, b.x, b.y, b.w, b.h);
  ctx.globalAlpha = 1;
  return 1;
};

Dust.prototype._drawDust = function (b, dt) {
  var P = b.P, n = b.n, T = b.t;
  var ctx = this.ctx, spr = glowSprites();
  var fr = Math.pow(0.6, dt);       // gentle air friction
  var windX = 330, windY = -290, swirl = 260;
  var alive = 0;

  /* the part of the glowing text the wave has not reached yet */
  var front = b.minX + b.span * Math.min(1, T / WAVE_S);
  if (T < WAVE_S) {
    ctx.save();
    ctx.beginPath();
    if (b.rtl) ctx.rect(b.x, b.y, Math.max(0, (b.minX + b.span - b.span * (T / WAVE_S)) - b.x), b.h);
    else ctx.rect(front, b.y, b.x + b.w - front, b.h);
    ctx.clip();
    ctx.globalAlpha = 0.92;
    ctx.drawImage(b.img, b.x, b.y, b.w, b.h);
    ctx.restore();
    alive++;
  }
  var waveAt = T / WAVE_S;
  ctx.globalCompositeOperation = "lighter";
  for (var i = 0; i < n; i++) {
    var age = T - P.delay[i];
    var s = P.size[i], a;
    if (age < 0) {
      /* passed by the wave but not yet lifted: a glowing speck in place */
      var u = (P.x[i] - b.minX) / b.span;
      if (b.rtl) u = 1 - u;
      if (u > waveAt) { alive++; continue; }
      a = 0.8 * b.dense;
      alive++;
    } else {
      var p = age / P.life[i];
      if (p >= 1) continue;
      alive++;
      var x = P.x[i], y = P.y[i];
      var ang = Math.sin(x * 0.0105 + T * 1.7 + P.seed[i]) * 2.4 + Math.cos(y * 0.0125 - T * 1.1) * 1.7;
      var vx = P.vx[i] + (windX + Math.cos(ang) * swirl) * dt;
      var vy = P.vy[i] + (windY + Math.sin(ang) * swirl) * dt;
      vx *= fr; vy *= fr;
      P.vx[i] = vx; P.vy[i] = vy;
      P.x[i] = x + vx * dt;
      P.y[i] = y + vy * dt;
      var spread = Math.min(1, p * 3);
      a = Math.pow(1 - p, 0.9) * (b.dense + (1 - b.dense) * spread);
      s = s * (1 - 0.7 * p) + (p < 0.08 ? (0.08 - p) * 12 : 0);   // tiny flare as it lifts off
    }
    var R = s * 3.2;
    ctx.globalAlpha = a;
    ctx.drawImage(spr[P.col[i]], P.x[i] - R, P.y[i] - R, R * 2, R * 2);
  }
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = "source-over";
  return alive;
};

/* Drop every running burst at once (e.g. the worry was not accepted and goes back in the box). */
Dust.prototype.cancel = function () {
  var list = this.bursts;
  this.bursts = [];
  this.live = 0;
  list.forEach(function (b) { if (b.resolve) b.resolve(); });
};

Dust.isRTL = isRTL;
export { Dust };
