/* Dump It! — what the sky says about a star or a constellation (docs/page.md): the legend of
   constellations and their focus, the tooltip (a star's words, pinned with its actions:
   report, hide for me) and the way focus goes into it and back. Methods of the Sky (mixed in
   by sky.js). */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { clamp } from "./sky-model.js";
import { truncate } from "./sky-labels.js";

export var SkyCard = {};

var LEGEND_MAX = 8;

/* Puts a constellation in focus (hover of a member, its name or its legend entry); null clears. */
SkyCard.focusConstellation = function (G, source) {
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

SkyCard.groupAt = function (x, y) {
  for (var g = 0; g < this.groups.length; g++) {
    var r = this._nameRect(this.groups[g]);
    if (r && x >= r.x + r.pad && x <= r.x + r.w - r.pad && y >= r.y + r.pad && y <= r.y + r.h - r.pad) return this.groups[g];
  }
  return null;
};

/* The legend: the largest constellations with their sizes, as text (textContent only). */
SkyCard._renderLegend = function () {
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

SkyCard._groupById = function (id) {
  for (var g = 0; g < this.groups.length; g++) if (this.groups[g].id === id) return this.groups[g];
  return null;
};

/* Opens a star as a tap would (the list view): my own star's card, or someone else's star
   pinned with its actions and focus in them. `returnTo()` gives where focus goes when it
   closes. Returns false when the sky has no such star. */
SkyCard.openStar = function (id, returnTo) {
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

SkyCard.showTooltip = function (n) {
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
SkyCard.hideTooltip = function (keepFocus) {
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

SkyCard._placeTooltip = function (n) {
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

SkyCard._buildBar = function () {
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

SkyCard._barHasFocus = function () {
  return !!this.bar && this.bar.el.contains(document.activeElement);
};

SkyCard._focusBack = function () {
  var to = this.browseReturn;
  if (to && to.isConnected && to.getClientRects().length) to.focus();
};

/* Shows the actions under a pinned tooltip: report and hide for someone else's star, the
   steps while browsing by keyboard. */
SkyCard._syncBar = function () {
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
