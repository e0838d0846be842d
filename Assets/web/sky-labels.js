/* Dump It! — the words of the stars on the page (docs/page.md): which stars are labelled
   (those the server labelled, mine, and in a close view the most shared in view), their
   label bitmaps, and the decluttering that keeps words from overlapping one another or lying
   over a crowd, by the server's rules (SkyLabeller). Methods of the Sky (mixed in by sky.js). */
import { I18n } from "./i18n.js";
import { clamp } from "./sky-model.js";
import { textBitmap } from "./sky-paint.js";

export var SkyLabels = {};

var MAX_LABEL_CHARS = 22;
export var PLACES = { below: 0, above: 1, right: 2, left: 3 };   // SkyLabel.Place, as _labelAt numbers them
var CROWD_EXEMPT = 8;        // the most shared labels may lie over a crowd (SkyLabeller.crowdExempt)
var MAX_COVERED = 5;         // shared stars a label's words may lie over (SkyLabeller.maxCoveredStars)
var ZOOM_LABELS = 28;        // extra labels per step of zoom, for stars in view (at most 160)

/* A worry's words as a label: one line, at most MAX_LABEL_CHARS graphemes. */
export function truncate(text) {
  var flat = String(text).replace(/\s+/g, " ").trim();
  var gs = I18n ? I18n.graphemes(flat) : Array.from(flat);
  if (gs.length <= MAX_LABEL_CHARS) return flat;
  return gs.slice(0, MAX_LABEL_CHARS - 1).join("").trim() + "…";
}

/* The stars whose words may be drawn: those the engine labelled and mine; in a close view
   (opts.zoomable) also the most shared of the stars in view, more the closer the view. */
SkyLabels._pickLabelNodes = function () {
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

SkyLabels._prepareLabels = function () {
  var list = this.labelNodes || [];
  for (var i = 0; i < list.length; i++) if (!list[i].labelSprite) this._labelSprite(list[i]);
};

SkyLabels.labelFontSize = function (count) {
  return Math.round(clamp(12 + 3.5 * Math.log2(Math.max(1, count)), 12, 26) * this.labelScale);
};

/* Render a node's label once into a small bitmap (drawn each frame with drawImage). */
SkyLabels._labelSprite = function (n) {
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
  var g = textBitmap(w, h, dpr, font), c = g.canvas;
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
SkyLabels._labelAt = function (n, pos, x, y) {
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
SkyLabels._declutter = function () {
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
