/* Dump It! — window.__dumpit, for the browser tests and the page benchmark: read-only views of
   the home page's state, and a layout injector for the frame-time test. The one name the home
   page puts on window (sky.js puts DumpSky). */
import { careState } from "./care.js";
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";

/* parts: {state, feed, box, card, mine, reducedMotion} as app.js made them */
export function exposeTestHooks(parts) {
  var state = parts.state, feed = parts.feed, sky = feed.sky, tip = feed.tip;
  var box = parts.box.test, card = parts.card.test, mine = parts.mine;
  window.__dumpit = {
    frameTimes: sky.frameTimes,           // last 120 draw durations (ms of script time per frame)
    frameIntervals: sky.frameIntervals,   // last 120 intervals between animation frames (ms)
    get frames() { return sky.frames; },
    get nodeCount() { return sky.nodes.length; },
    get linkCount() { return sky.links.length; },
    get scope() { return state.scope; },
    get postCount() { return box.postCount; },
    get lastPost() { return box.lastPost; },
    get clipStatus() { return card.clipStatus; },
    get clipPolls() { return card.clipPolls; },
    get cardWorry() { return card.worry; },
    get cardState() { return card.state; },
    get cardsQueued() { return card.queued; },
    get careOpen() { return careState().open; },
    get careShown() { return careState().shown; },
    get note() { return state.note; },
    hiddenStars: function () { return Safety.hiddenStars(); },
    /* "내 고민" as listed: [{id, text, status, visibility}] in page order */
    mineList: function () { return mine.listed(); },
    get dustParticles() { return box.dustParticles; },
    get dustActive() { return box.dustActive; },
    get loaded() { return feed.test.loadedOnce && !!Safety.ownerToken() && box.max > 0; },
    get skyVersion() { return feed.test.skyVersion; },
    get skyDeltas() { return feed.test.deltas; },
    get skyFulls() { return feed.test.fulls; },
    /* the shared sky as held (what deltas are applied to), without its time */
    skyHeld: function () { return feed.test.held(); },
    get polling() { return !feed.frozen; },
    lang: I18n.lang,
    reducedMotion: parts.reducedMotion,
    nodes: function () { return sky.snapshot(); },
    shownLabels: function () { return sky.shownLabels(); },
    node: function (text) {
      var n = sky.findByText(text);
      return n ? { id: n.id, text: n.text, count: n.count, label: n.label, sx: n.sx, sy: n.sy, r: n.sr, alpha: n.alpha } : null;
    },
    showTooltip: function (text) { var n = sky.findByText(text); if (n) sky.showTooltip(n); return !!n; },
    /* as a click on the star does: its tooltip stays, with its actions */
    pinStar: function (text) { var n = sky.findByText(text); if (!n) return false; sky.browsing = false; sky.showTooltip(n); sky.pinned = true; sky._syncBar(); return true; },
    get tooltip() { return tip.el.hidden ? null : { text: tip.textEl.textContent, count: tip.countEl.textContent }; },
    setLayout: function (layout) { return feed.test.setLayout(layout); },
    resumePolling: function () { return feed.test.resumePolling(); },
    refresh: function () { return feed.test.refresh(); }
  };
}
