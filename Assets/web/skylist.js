/* Dump It! — the sky as a list ("목록으로 보기" / "List view"): tonight's constellations with
   their worries, the most shared first, then the stars of no constellation; paged. Each worry
   opens as its star would (DumpSky.openStar: my own star's card, someone else's with its
   actions), and focus comes back to it. The canvas shows the sky; this tells it, to a screen
   reader or a keyboard. */
import { I18n } from "./i18n.js";


var PAGE = 30;

/* els: {panel, body, summary, more, close, status, opener} */
function SkyList(sky, els) {
  this.sky = sky;
  this.els = els;
  this.rows = [];
  this.shown = 0;
  var self = this;
  els.opener.addEventListener("click", function () { if (els.panel.hidden) self.open(); else self.close(); });
  els.close.addEventListener("click", function () { self.close(); });
  els.more.addEventListener("click", function () { self.more(true); });
  els.panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") { e.preventDefault(); e.stopPropagation(); self.close(); }
  });
}

/* The stars as rows: a heading per constellation with its members, then the others. */
SkyList.prototype._collect = function () {
  var nodes = this.sky.nodes, shown = Object.create(null);
  nodes.forEach(function (n) { shown[n.id] = true; });
  var byCount = function (a, b) { return b.count - a.count || a.index - b.index; };
  var groups = this.sky.groups.slice().sort(function (a, b) { return b.size - a.size || (a.name < b.name ? -1 : 1); });
  var rows = [], inGroup = Object.create(null);
  groups.forEach(function (G) {
    var members = G.members.filter(function (n) { return shown[n.id]; }).sort(byCount);
    if (!members.length) return;
    rows.push({ group: G, size: G.size });
    members.forEach(function (n) { inGroup[n.id] = true; rows.push({ node: n }); });
  });
  var alone = nodes.filter(function (n) { return !inGroup[n.id]; }).sort(byCount);
  if (alone.length) {
    rows.push({ alone: true, size: alone.length });
    alone.forEach(function (n) { rows.push({ node: n }); });
  }
  return { rows: rows, stars: nodes.length, groups: groups.length };
};

SkyList.prototype.open = function () {
  var I = I18n, t = I.t, els = this.els;
  var got = this._collect();
  this.rows = got.rows;
  this.shown = 0;
  while (els.body.firstChild) els.body.removeChild(els.body.firstChild);
  this.list = null;
  els.summary.textContent = got.stars ? t("list.summary", { n: I.fmtNumber(got.stars), k: I.fmtNumber(got.groups) }) : t("sky.emptyAll");
  els.status.textContent = "";
  els.panel.hidden = false;
  els.opener.setAttribute("aria-expanded", "true");
  this.more(false);
  this.title().focus();
};

/* The list's heading; its groups are one level below it. */
SkyList.prototype.title = function () { return this.els.panel.querySelector(".sky-list-title"); };

SkyList.prototype.close = function () {
  var els = this.els;
  if (els.panel.hidden) return;
  els.panel.hidden = true;
  els.opener.setAttribute("aria-expanded", "false");
  els.opener.focus();
};

/* Shows the next page of worries; `focusNew` moves focus to its first one. */
SkyList.prototype.more = function (focusNew) {
  var I = I18n, t = I.t, els = this.els;
  var items = 0, first = null;
  while (this.shown < this.rows.length && items < PAGE) {
    var row = this.rows[this.shown++];
    if (!row.node) {
      var h = document.createElement("h" + Math.min(6, Number(this.title().tagName.slice(1)) + 1));
      h.className = "list-group";
      h.textContent = row.group ? t("list.group", { name: row.group.name, n: I.fmtNumber(row.size) }) : t("list.alone", { n: I.fmtNumber(row.size) });
      this.list = document.createElement("ul");
      this.list.className = "list-items";
      els.body.appendChild(h);
      els.body.appendChild(this.list);
      continue;
    }
    var b = this._item(row.node);
    if (!first) first = b;
    items++;
  }
  var left = this.rows.slice(this.shown).filter(function (r) { return r.node; }).length;
  els.more.hidden = left === 0;
  els.more.textContent = t("list.more", { n: I.fmtNumber(Math.min(PAGE, left)), left: I.fmtNumber(left) });
  if (focusNew && first) first.focus();
};

SkyList.prototype._item = function (n) {
  var t = I18n.t, self = this, els = this.els;
  var li = document.createElement("li");
  var b = document.createElement("button");
  b.type = "button";
  b.className = "list-item";
  b.setAttribute("data-star", n.id);
  var words = document.createElement("span");
  words.className = "list-text";
  words.textContent = n.text;
  var meta = document.createElement("span");
  meta.className = "list-meta";
  meta.textContent = (n.count > 1 ? t("tip.countN", { n: n.count }) : t("tip.count1")) + (n.mine ? " · " + t("list.mine") : "");
  b.appendChild(words);
  b.appendChild(meta);
  li.appendChild(b);
  this.list.appendChild(li);
  b.addEventListener("click", function () {
    els.panel.hidden = true;
    var back = function () {
      els.panel.hidden = false;
      return b.isConnected ? b : self.title();
    };
    if (!self.sky.openStar(n.id, back)) {
      els.panel.hidden = false;
      els.status.textContent = t("list.gone");
      b.focus();
    }
  });
  return b;
};

export { SkyList };
