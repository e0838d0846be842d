/* Dump It! — the night sky of worries, drawn from a SkyLayout (docs/CONTRACT.md).
   One full-screen canvas; faint background stars live on a second, static canvas.
   Built to stay smooth with thousands of nodes: pre-rendered glow sprites and label
   bitmaps, links batched by opacity, labels only for nodes with label:true. */
(function () {
  "use strict";

  var TAU = Math.PI * 2;
  var FADE_IN_MS = 1400;
  var FADE_OUT_MS = 900;
  var MOVE_MS = 1400;
  var LINK_BUCKETS = 12;
  var MAX_LABEL_CHARS = 22;
  var HISTORY = 120;
  var GLOW = 3;              // halo radius in star radii

  var PALETTE = {
    "#64ffda": [100, 255, 218],
    "#4ecca3": [78, 204, 163],
    "#80deea": [128, 222, 234],
    "#ffffff": [255, 255, 255]
  };

  function parseColor(c) {
    if (typeof c !== "string") return PALETTE["#64ffda"];
    var k = c.trim().toLowerCase();
    if (PALETTE[k]) return PALETTE[k];
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(k);
    if (!m) return PALETTE["#64ffda"];
    var h = m[1];
    if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }

  function num(v, d) { return typeof v === "number" && isFinite(v) ? v : d; }
  function clamp(v, a, b) { return v < a ? a : v > b ? b : v; }
  function easeInOut(k) { return k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2; }
  function easeOut(k) { return 1 - Math.pow(1 - k, 3); }

  /* Small deterministic PRNG for the background (same stars on every resize). */
  function mulberry32(a) {
    return function () {
      a |= 0; a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  var spriteCache = {};
  /* A 64×64 glow: white-hot core, the node colour around it, a soft halo out to 3× radius. */
  function starSprite(rgb) {
    var key = rgb.join(",");
    if (spriteCache[key]) return spriteCache[key];
    var s = 64, c = document.createElement("canvas");
    c.width = c.height = s;
    var g = c.getContext("2d");
    var grd = g.createRadialGradient(s / 2, s / 2, 0, s / 2, s / 2, s / 2);
    var col = "rgba(" + key + ",";
    grd.addColorStop(0, "rgba(255,255,255,1)");
    grd.addColorStop(0.13, "rgba(255,255,255,0.95)");
    grd.addColorStop(0.27, col + "0.9)");
    grd.addColorStop(0.37, col + "0.45)");
    grd.addColorStop(0.6, col + "0.14)");
    grd.addColorStop(0.85, col + "0.035)");
    grd.addColorStop(1, col + "0)");
    g.fillStyle = grd;
    g.fillRect(0, 0, s, s);
    spriteCache[key] = c;
    return c;
  }

  function truncate(text) {
    var flat = String(text).replace(/\s+/g, " ").trim();
    var gs = window.DumpI18n ? window.DumpI18n.graphemes(flat) : Array.from(flat);
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
    this.hadLayout = false;
    this.twinkles = [];
    this.frozenT = Date.now() / 1000;
    this.W = 0; this.H = 0; this.dpr = 1;
    this.box = { x: 0, y: 0, w: 1, h: 1, unit: 1 };
    this._bindPointer();
    this.resize();
    var self = this;
    window.addEventListener("resize", function () { self.resize(); });
    this._tick = function (ts) { self._frame(ts); };
    requestAnimationFrame(this._tick);
  }

  Sky.prototype.resize = function () {
    var W = Math.max(1, window.innerWidth), H = Math.max(1, window.innerHeight);
    var dpr = Math.min(2, window.devicePixelRatio || 1);
    var sizeChanged = W !== this.W || H !== this.H || dpr !== this.dpr;
    this.W = W; this.H = H; this.dpr = dpr;
    this.canvas.width = Math.round(W * dpr);
    this.canvas.height = Math.round(H * dpr);
    /* 16:9 sky box fitted with "cover": the cluster stays round, the edges may be cropped. */
    var scale = Math.max(W / 16, H / 9);
    var bw = 16 * scale, bh = 9 * scale;
    this.box = { x: (W - bw) / 2, y: (H - bh) / 2, w: bw, h: bh, unit: Math.min(bw, bh) };
    this.labelScale = clamp(Math.min(W, H) / 820, 0.78, 1.25);
    if (sizeChanged) {
      this._drawBackground();
      for (var i = 0; i < this.nodes.length; i++) this.nodes[i].labelSprite = null;
      this._prepareLabels();
    }
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

  Sky.prototype.setLayout = function (layout) {
    if (!layout || !Array.isArray(layout.nodes)) return;
    var now = performance.now();
    var P = num(layout.driftPeriod, 10);
    this.period = P > 0 ? P : 10;
    var w = TAU / this.period;
    var old = Object.create(null);
    for (var i = 0; i < this.nodes.length; i++) old[this.nodes[i].id] = this.nodes[i];
    var first = !this.hadLayout;
    this.hadLayout = true;
    var nodes = [], indexMap = new Array(layout.nodes.length);
    for (var j = 0; j < layout.nodes.length; j++) {
      var src = layout.nodes[j];
      indexMap[j] = -1;
      if (!src || typeof src !== "object") continue;
      var x = num(src.x, NaN), y = num(src.y, NaN);
      if (!isFinite(x) || !isFinite(y)) continue;
      var id = typeof src.id === "string" ? src.id : "i" + j;
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
      n.rgb = parseColor(n.color);
      n.sprite = starSprite(n.rgb);
      n.label = src.label === true;
      n.ax = num(d.ax, 0); n.ay = num(d.ay, 0);
      n.wx = w * num(d.fx, 0); n.wy = w * num(d.fy, 0);
      n.px = num(d.px, 0); n.py = num(d.py, 0);
      n.index = nodes.length;
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
    this.nodes = nodes;
    this.links = links;
    this.linkBuckets = [];
    for (var q = 0; q < LINK_BUCKETS; q++) this.linkBuckets.push([]);
    for (var m = 0; m < links.length; m++) this.linkBuckets[links[m].bucket].push(links[m]);
    this.labelNodes = nodes.filter(function (nn) { return nn.label; });
    this._prepareLabels();
    this._crowdDirty = true;
    if (this.hoverNode && this.hoverNode.dying) this.hideTooltip();
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

  /* Where a label's sprite goes: centred under its star, nudged inside the canvas so a star
     near the edge keeps its whole label. */
  Sky.prototype._labelX = function (n) {
    var lx = n.sx - n.labelW / 2;
    var W = this.W || 0;
    if (W > n.labelW) lx = clamp(lx, 0, W - n.labelW);
    return lx;
  };

  /* Greedy overlap check, most-shared worries first (runs every few frames, not every frame). */
  Sky.prototype._declutter = function () {
    this._crowdDirty = false;
    var labels = (this.labelNodes || []).filter(function (n) { return n.labelSprite && n.alpha > 0; });
    labels.sort(function (a, b) { return b.count - a.count || b.radius - a.radius; });
    var placed = [];
    for (var i = 0; i < labels.length; i++) {
      var n = labels[i];
      var pad = 6; /* of the sprite's 8 px margin: the words never overlap, their glows may */
      var x0 = this._labelX(n) + pad, x1 = x0 + n.labelW - pad * 2;
      var y0 = n.sy + n.sr * 1.6 - 4 + pad, y1 = y0 + n.labelH - pad * 2;
      var hit = false;
      for (var j = 0; j < placed.length && !hit; j++) {
        var p = placed[j];
        hit = x0 < p[2] && x1 > p[0] && y0 < p[3] && y1 > p[1];
      }
      n.crowded = hit;
      if (!hit) placed.push([x0, y0, x1, y1]);
    }
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

  Sky.prototype.draw = function (now) {
    var ctx = this.ctx, dpr = this.dpr, W = this.W, H = this.H;
    var box = this.box, unit = box.unit;
    var t = this.reducedMotion ? this.frozenT : Date.now() / 1000;
    var tw = now / 1000;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, W, H);

    /* twinkling background stars */
    ctx.fillStyle = "#dfe9ff";
    for (var s = 0; s < this.twinkles.length; s++) {
      var st = this.twinkles[s];
      var a = this.reducedMotion ? st.a : st.a * (0.5 + 0.5 * Math.sin(tw * st.w + st.p));
      ctx.globalAlpha = a;
      ctx.fillRect(st.x - st.r / 2, st.y - st.r / 2, st.r, st.r);
    }
    ctx.globalAlpha = 1;

    /* positions and alphas (contract drift formula) */
    var nodes = this.nodes, n, i;
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      var rx = n.x, ry = n.y;
      if (n.moveStart > 0 && now - n.moveStart < MOVE_MS) {
        var k = easeInOut((now - n.moveStart) / MOVE_MS);
        rx = n.fromX + (n.x - n.fromX) * k;
        ry = n.fromY + (n.y - n.fromY) * k;
      }
      var xt = rx + n.ax * Math.sin(n.wx * t + n.px);
      var yt = ry + n.ay * Math.sin(n.wy * t + n.py);
      n.sx = box.x + xt * box.w;
      n.sy = box.y + yt * box.h;
      n.sr = Math.max(1.1, n.radius * unit);
      var age = now - n.born;
      n.alpha = age <= 0 ? 0 : age >= FADE_IN_MS ? 1 : easeOut(age / FADE_IN_MS);
    }
    var leaving = this.leaving;
    for (i = leaving.length - 1; i >= 0; i--) {
      n = leaving[i];
      var k2 = (now - n.dieStart) / FADE_OUT_MS;
      if (k2 >= 1) { leaving.splice(i, 1); continue; }
      n.alpha = n.dieFrom * (1 - k2);
      var xt2 = n.x + n.ax * Math.sin(n.wx * t + n.px);
      var yt2 = n.y + n.ay * Math.sin(n.wy * t + n.py);
      n.sx = box.x + xt2 * box.w;
      n.sy = box.y + yt2 * box.h;
      n.sr = Math.max(1.1, n.radius * unit);
    }

    /* links: mint rgba(100,255,218, 0.3*strength), 1px — batched by opacity bucket */
    ctx.lineWidth = 1;
    var fading = [];
    for (var b = 0; b < this.linkBuckets.length; b++) {
      var list = this.linkBuckets[b];
      if (!list.length) continue;
      var any = false;
      ctx.beginPath();
      for (var l = 0; l < list.length; l++) {
        var L = list[l];
        if (L.a.alpha < 1 || L.b.alpha < 1) { if (L.a.alpha > 0 && L.b.alpha > 0) fading.push(L); continue; }
        ctx.moveTo(L.a.sx, L.a.sy);
        ctx.lineTo(L.b.sx, L.b.sy);
        any = true;
      }
      if (any) {
        ctx.strokeStyle = "rgba(100,255,218," + (0.3 * (b / (LINK_BUCKETS - 1))).toFixed(4) + ")";
        ctx.stroke();
      }
    }
    for (var f = 0; f < fading.length; f++) {
      var FL = fading[f];
      ctx.strokeStyle = "rgba(100,255,218," + (0.3 * FL.s * Math.min(FL.a.alpha, FL.b.alpha)).toFixed(4) + ")";
      ctx.beginPath();
      ctx.moveTo(FL.a.sx, FL.a.sy);
      ctx.lineTo(FL.b.sx, FL.b.sy);
      ctx.stroke();
    }

    /* stars: additive glow sprites */
    ctx.globalCompositeOperation = "lighter";
    var rm = this.reducedMotion;
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      if (n.alpha <= 0) continue;
      var R = n.sr * GLOW;
      if (n.sx < -R || n.sy < -R || n.sx > W + R || n.sy > H + R) continue;
      var twk = rm ? 1 : 0.82 + 0.18 * Math.sin(tw * n.tw + n.phase);
      ctx.globalAlpha = n.alpha * twk;
      ctx.drawImage(n.sprite, n.sx - R, n.sy - R, R * 2, R * 2);
    }
    for (i = 0; i < leaving.length; i++) {
      n = leaving[i];
      var R2 = n.sr * GLOW;
      ctx.globalAlpha = n.alpha;
      ctx.drawImage(n.sprite, n.sx - R2, n.sy - R2, R2 * 2, R2 * 2);
    }
    ctx.globalCompositeOperation = "source-over";

    /* labels (label:true only), pre-rendered; a label crowded by a bigger one fades out
       (hover or tap still shows it), so words never pile up on each other */
    var labels = this.labelNodes || [];
    if (this.frames % 12 === 0 || this._crowdDirty) this._declutter();
    for (i = 0; i < labels.length; i++) {
      n = labels[i];
      if (n.alpha <= 0 || !n.labelSprite) continue;
      var lx = this._labelX(n), ly = n.sy + n.sr * 1.6 - 4;
      if (lx > W || ly > H || lx + n.labelW < 0 || ly + n.labelH < 0) continue;
      var target = n.crowded ? 0 : 1;
      n.ca = n.ca === undefined ? target : n.ca + (target - n.ca) * 0.06;
      var la = this.hoverNode === n ? 1 : n.labelAlpha * n.ca;
      if (la < 0.01) continue;
      ctx.globalAlpha = n.alpha * la;
      ctx.drawImage(n.labelSprite, lx, ly, n.labelW, n.labelH);
    }
    ctx.globalAlpha = 1;

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

  Sky.prototype._bindPointer = function () {
    var self = this, c = this.canvas;
    c.addEventListener("pointermove", function (e) {
      if (e.pointerType === "touch" || self.pinned) return;
      var n = self.pick(e.clientX, e.clientY, 12);
      if (n !== self.hoverNode) { if (n) self.showTooltip(n); else self.hideTooltip(); }
      c.style.cursor = n ? "pointer" : "";
    });
    c.addEventListener("pointerleave", function () { if (!self.pinned) self.hideTooltip(); });
    c.addEventListener("pointerdown", function (e) {
      var n = self.pick(e.clientX, e.clientY, e.pointerType === "touch" ? 22 : 12);
      if (n) { self.showTooltip(n); self.pinned = e.pointerType === "touch"; }
      else { self.pinned = false; self.hideTooltip(); }
    });
  };

  Sky.prototype.showTooltip = function (n) {
    this.hoverNode = n;
    var tip = this.tooltip;
    if (!tip) return;
    var t = window.DumpI18n.t;
    tip.textEl.textContent = n.text;
    tip.countEl.textContent = n.count > 1 ? t("tip.countN", { n: n.count }) : t("tip.count1");
    tip.el.hidden = false;
    this._placeTooltip(n);
  };

  Sky.prototype.hideTooltip = function () {
    this.hoverNode = null;
    this.pinned = false;
    if (this.tooltip) this.tooltip.el.hidden = true;
  };

  Sky.prototype._placeTooltip = function (n) {
    var el = this.tooltip && this.tooltip.el;
    if (!el || el.hidden) return;
    var w = el.offsetWidth, h = el.offsetHeight;
    var x = clamp(n.sx - w / 2, 8, this.W - w - 8);
    var y = n.sy - n.sr * 2.2 - h - 10;
    if (y < 8) y = n.sy + n.sr * 2.2 + 10;
    el.style.transform = "translate(" + Math.round(x) + "px," + Math.round(y) + "px)";
  };

  /* ---- helpers for the app and for tests ---------------------------------------- */

  Sky.prototype.highlight = function (node, ms) {
    if (!node) return;
    this.highlights.push({ node: node, start: performance.now(), ms: ms || 6000 });
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
      var lx = this._labelX(n), ly = n.sy + n.sr * 1.6 - 4;
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

  Sky.paintStarfield = paintStarfield;
  window.DumpSky = Sky;
})();
