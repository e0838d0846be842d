/* Dump It! — the sky's detail (docs/page.md, docs/sky-at-scale.md): a big sky's view holds its
   brightest stars; zoomed in on /sky, the faint ones of the part shown are loaded by region
   (GET /api/sky/region, by the page: skypage.js) and drawn with the view's, dimmer, without
   words or links. A tap or a hover names one as it names any star. Methods of the Sky (mixed
   in by sky.js). */
import { DETAIL_MARGIN, DETAIL_ZOOM, num, readStar, regionCovers, regionOfView } from "./sky-model.js";

export var SkyDetail = {};

var TAU = Math.PI * 2;
var DETAIL_ALPHA = 0.72;     // a faint star's glow, of a view star's
var DETAIL_HALO = 0.55;      // and its halo (many faint stars side by side must not fog the sky)
var VIEW_MIN = 200;          // a view of fewer stars is the whole sky (--sky-view-stars is at least 200)

/* The region the page should hold detail for, with its margin, and the part shown now;
   null when no detail is wanted (the whole sky, or a view that is the whole sky). */
SkyDetail.detailWanted = function () {
  if (!this.zoom || this.zoom.s < DETAIL_ZOOM || !this._viewIsCut()) return null;
  var shown = regionOfView(this.box, this.W, this.H, 0);
  if (!shown) return null;
  return { shown: shown, region: regionOfView(this.box, this.W, this.H, DETAIL_MARGIN) };
};

/* Whether the view may leave stars out (the server then has detail; otherwise it answers none,
   and the page asks again only for another region). */
SkyDetail._viewIsCut = function () { return this.nodes.length >= VIEW_MIN; };

/* Whether the detail held covers what is shown now. */
SkyDetail.detailCovers = function (shown) {
  return !!this.detailRegion && regionCovers(this.detailRegion, shown);
};

/* The faint stars of `region` ({x0, y0, x1, y1}) from GET /api/sky/region's answer: stars of the
   view and stars hidden on this browser are left out; a star held before keeps its glow. */
SkyDetail.setDetail = function (answer, region) {
  var list = answer && Array.isArray(answer.nodes) ? answer.nodes : [];
  var now = performance.now(), w = TAU / this.period;
  var inView = byId(this.nodes), had = byId(this.detail), i;
  var detail = [];
  for (i = 0; i < list.length; i++) {
    var src = list[i];
    if (!src || typeof src !== "object" || typeof src.id !== "string") continue;
    var x = num(src.x, NaN), y = num(src.y, NaN);
    if (!isFinite(x) || !isFinite(y) || inView[src.id] || this._hidden(src.id)) continue;
    var n = had[src.id] || { id: src.id, born: now, moveStart: -1e9, phase: Math.random() * TAU, tw: 0.6 + Math.random() * 1.4,
      alpha: 0, sx: 0, sy: 0, sr: 0 };
    delete had[src.id];
    inView[src.id] = true;
    readStar(n, src, x, y, w);
    n.label = false;
    n.dim = DETAIL_ALPHA;
    n.size = 1;
    n.halo = DETAIL_HALO;
    n.mine = !!(this.mineIds && this.mineIds[n.id]);
    var gIndex = src.constellation;
    n.group = typeof gIndex === "number" && gIndex >= 0 && gIndex < this.groups.length ? this.groups[gIndex] : null;
    detail.push(n);
  }
  this._letDetailGo(had);
  this.detail = detail;
  this.detailRegion = region || null;
  this._drawnDirty();
};

/* Lets the detail go (zoomed out): its stars fade as leaving ones do. */
SkyDetail.clearDetail = function () {
  this.detailRegion = null;
  if (!this.detail.length) return;
  var gone = byId(this.detail);
  this.detail = [];
  this._letDetailGo(gone);
  this._drawnDirty();
};

SkyDetail._letDetailGo = function (gone) {
  this._letGo(gone, performance.now());
  if (this.hoverNode && this.hoverNode.dying) this.hideTooltip();
};

/* The stars of `list` by id. */
function byId(list) {
  var map = Object.create(null);
  for (var i = 0; i < list.length; i++) map[list[i].id] = list[i];
  return map;
}

/* After a new layout: a faint star that joined the view (or was hidden here) leaves the detail,
   and the rest take the new constellations' places. */
SkyDetail._mergeDetail = function (groupsById) {
  if (!this.detail.length) { this.drawn = this.nodes; return; }
  var inView = byId(this.nodes), self = this;
  this.detail = this.detail.filter(function (n) {
    if (n.group) n.group = groupsById[n.group.id] || null;
    return !inView[n.id] && !self._hidden(n.id);
  });
  this._drawnDirty();
};

/* The stars painted and picked: the view's, then the detail's. */
SkyDetail._drawnDirty = function () {
  this.drawn = this.detail.length ? this.nodes.concat(this.detail) : this.nodes;
  this.starJob = null;
  this.starsDirty = true;
};
