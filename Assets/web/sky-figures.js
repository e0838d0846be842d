/* Dump It! — the sky's figures (docs/page.md): constellation figure lines, their names where
   the server placed them, the members of the one in focus, and the rings around a star freshly
   dumped or chosen. Methods of the Sky (mixed in by sky.js), drawn from sky-paint.js's draw. */
import { I18n } from "./i18n.js";
import { textBitmap } from "./sky-paint.js";

export var SkyFigures = {};

var TAU = Math.PI * 2;
/* Constellations, as the server's painters draw them (DumpRender ConstellationInk, DumpEngine
   SkyConstellationLabel): pale starlight figure lines that stop short of their stars, names
   letter-spaced in light aqua. */
var FIGURE_RGB = "200,235,255";
var FIGURE_ALPHA = 0.72;
var FIGURE_WIDTH = 1.8;      // CSS px (links are 1)
var FIGURE_GAP = 2.0;        // star radii
var NAME_SIZE = 0.0085 * 1.45; // of the sky box's width
var NAME_TRACKING = 0.3;     // em after each grapheme

/* ---- rings: a star freshly dumped or chosen, ringed for a few seconds -------------
   Each ring plays on a small canvas of its own over its star, so the overlay (the whole
   screen's words, names and figures) is not drawn again every frame while it plays. */
var RING_REACH = 11;         // the widest ring, in star radii (2 + 9)

SkyFigures._drawRings = function (now) {
  var list = this.highlights, rm = this.reducedMotion, dpr = this.dpr;
  for (var i = list.length - 1; i >= 0; i--) {
    var h = list[i], hk = (now - h.start) / h.ms;
    if (hk >= 1 || h.node.dying) {
      if (h.canvas && h.canvas.parentNode) h.canvas.parentNode.removeChild(h.canvas);
      list.splice(i, 1);
      continue;
    }
    if (hk < 0) continue;
    var hn = h.node, half = Math.ceil(hn.sr * RING_REACH + 3), size = 2 * half, px = Math.round(size * dpr);
    if (!h.canvas) h.canvas = this._ringCanvas(h);
    var c = h.canvas;
    if (c.width !== px) {
      c.width = c.height = px;
      c.style.width = c.style.height = size + "px";
    }
    c.style.transform = "translate(" + (h.ox + hn.sx - half).toFixed(1) + "px," + (h.oy + hn.sy - half).toFixed(1) + "px)";
    var g = c.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size, size);
    g.strokeStyle = "rgba(100,255,218,1)";
    g.lineWidth = 1.2;
    var ringCount = rm ? 1 : 3;
    for (var r = 0; r < ringCount; r++) {
      var ph = rm ? 0.5 : ((now - h.start) / 1600 + r / ringCount) % 1;
      g.globalAlpha = (1 - ph) * 0.55 * (1 - hk * hk);
      g.beginPath();
      g.arc(half, half, hn.sr * (2 + ph * 9), 0, TAU);
      g.stroke();
    }
    g.globalAlpha = 1;
  }
};

/* A ring's canvas, just over the overlay canvas, placed where the overlay is. */
SkyFigures._ringCanvas = function (h) {
  var over = this.canvas, c = document.createElement("canvas"), cs = getComputedStyle(over);
  c.className = "sky-ring";
  c.setAttribute("aria-hidden", "true");
  c.style.position = cs.position === "fixed" ? "fixed" : "absolute";
  c.style.left = "0";
  c.style.top = "0";
  c.style.pointerEvents = "none";
  c.style.zIndex = cs.zIndex === "auto" ? "1" : cs.zIndex;
  h.ox = over.offsetLeft;
  h.oy = over.offsetTop;
  over.parentNode.insertBefore(c, over.nextSibling);
  return c;
};

/* ---- constellations ---------------------------------------------------------- */

SkyFigures._drawFigures = function (ctx) {
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
SkyFigures._nameSprite = function (G) {
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
  var g = textBitmap(cw, ch, dpr, font), c = g.canvas;
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
SkyFigures._nameRect = function (G) {
  if (!G.label) return null;
  if (!G.nameSprite) this._nameSprite(G);
  var cx = this.box.x + G.x * this.box.w, cy = this.box.y + G.y * this.box.h;
  return { x: cx - G.nameW / 2, y: cy - G.nameH / 2, w: G.nameW, h: G.nameH, pad: G.namePad };
};

SkyFigures._drawNames = function (ctx) {
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
SkyFigures._drawFocus = function (ctx) {
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
