/* Dump It! — the sky's input (docs/page.md): the view (zoom and pan on /sky, by wheel, pinch,
   drag and keys), hover and tap (which star or constellation is under a point), and stepping
   through the stars by keyboard. Methods of the Sky (mixed in by sky.js). */
import { I18n } from "./i18n.js";
import { CLUSTER_SPAN, clamp } from "./sky-model.js";

export var SkyInput = {};

export var MAX_ZOOM = 8;     // the closest view (opts.zoomable): 8x the whole cluster

/* ---- view: zoom and pan (opts.zoomable, the /sky page) ------------------------
   The sky box grows by the zoom s about the point zoomed at; star discs grow only by √s (so a
   close view separates stars rather than swelling them), labels and names keep their size,
   and the stars in view that have room get their words too. The backdrop stays put. */
SkyInput._applyView = function () {
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
SkyInput._clampView = function () {
  var z = this.zoom, b = this.baseBox;
  if (!z) return;
  var w = b.w * z.s, h = b.h * z.s, r = h * CLUSTER_SPAN / 2;
  var cx = clamp(z.x + w / 2, this.W / 2 - r, this.W / 2 + r);
  var cy = clamp(z.y + h / 2, this.H / 2 - r, this.H / 2 + r);
  z.x = cx - w / 2;
  z.y = cy - h / 2;
};

/* Zooms by `factor` about the point (mx, my) of the canvas (CSS px), which stays put. */
SkyInput.zoomAt = function (mx, my, factor) {
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

SkyInput.panBy = function (dx, dy) {
  if (!this.zoom) return;
  this.zoom.x += dx;
  this.zoom.y += dy;
  this._clampView();
  this._applyView();
  this._viewChanged();
};

SkyInput.resetView = function () {
  this.zoom = null;
  this._applyView();
  this._viewChanged();
};

/* The view's scale (1 = the whole sky). */
SkyInput.scale = function () { return this.zoom ? this.zoom.s : 1; };

SkyInput._viewChanged = function () {
  this._fastFadeUntil = performance.now() + 700;
  this.canvas.classList.toggle("zoomed", !!this.zoom);
  if (this.tooltip && this.hoverNode) this.hideTooltip();
  if (typeof this.opts.onView === "function") this.opts.onView(this.scale());
};

/* Wheel and trackpad zoom about the pointer; drag pans; two fingers pinch and pan; a double
   click or tap zooms in there (at the closest view it shows the whole sky again). */
SkyInput._bindZoom = function () {
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

/* ---- hover / tap ----------------------------------------------------------- */

SkyInput.pick = function (x, y, slop) {
  var best = null, bestD = Infinity;
  var nodes = this.drawn || this.nodes;     /* the view's stars first: one of them wins a tie */
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
SkyInput._point = function (e) {
  if (!this.opts.frame) return { x: e.clientX, y: e.clientY };
  var r = this.canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
};

SkyInput._bindPointer = function () {
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

/* The stars a keyboard can step through: those in view, the most shared first. */
SkyInput._browsable = function () {
  var W = this.W, H = this.H;
  var list = this.nodes.filter(function (n) { return n.alpha >= 0.5 && n.sx >= 0 && n.sx <= W && n.sy >= 0 && n.sy <= H; });
  list.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
  return list;
};

/* Pins the tooltip on the next (dir 1), previous (-1) or same place (0) star of the browsable
   list, with its actions; the first call gives `returnTo` (focus goes back there at the end)
   and moves focus into the bar. Returns false when there is no star to show. */
SkyInput.browse = function (dir, returnTo, focusBar) {
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
