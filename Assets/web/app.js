/* Dump It! — the home page's entry: it makes the page's parts and wires them, and nothing
   else. The parts (docs/page.md, "Modules"): the sky and its feed (feed.js), the dump box
   (dumpbox.js), the share card (sharecard.js, with player.js and sharelinks.js), "내 고민"
   and the toggle (mine.js), the counter (stats.js), the care card (care.js), all on the worry
   endpoints' client (worries.js) and one shared state (home-state.js). Each takes what it
   uses as arguments; a part made later is reached through a function here. */
import { showCare as showCareCard } from "./care.js";
import { dumpBox } from "./dumpbox.js";
import { homeSky } from "./feed.js";
import { homeState } from "./home-state.js";
import { I18n } from "./i18n.js";
import { myWorries } from "./mine.js";
import { Safety } from "./safety.js";
import { shareCard } from "./sharecard.js";
import { loadStats } from "./stats.js";
import { exposeTestHooks } from "./testhooks.js";

var STATS_MS = 30000;
var reducedMotion = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

I18n.apply(document);
document.title = I18n.t("doc.title");

/* the owner token (kept in localStorage by Safety) */
Safety.ensureToken().catch(function () { /* asked again with the first post */ });

var state = homeState();
var box, card, mine;
function setStatus(msg, kind) { box.setStatus(msg, kind); }
/* the care card (care.js): focus falls back to the dump box */
function showCare(care, mode, returnTo) { showCareCard(care, mode, returnTo, box.input); }

var feed = homeSky(state, {
  reducedMotion: reducedMotion,
  setStatus: setStatus,
  openCardOf: function (node, returnTo) { return card.openCardOf(node, returnTo); },
  pollMine: function () { mine.load(); }
});
box = dumpBox(state, feed, {
  reducedMotion: reducedMotion,
  showCare: showCare,
  dumped: function (data, visibility, care) { card.dumped(data, visibility, care); },
  loadMine: function () { mine.load(); }
});
card = shareCard(state, feed.sky, {
  setStatus: setStatus,
  box: box.input,
  askDelete: function (entry, returnTo, fromCard) { mine.askDelete(entry, returnTo, fromCard); },
  renderMine: function () { mine.render(); },
  showCare: showCare
});
mine = myWorries(state, feed, card, { setStatus: setStatus, box: box.input });

/* ---- start ---- */
feed.load();
loadStats();
mine.load();
feed.schedulePoll();
setInterval(function () { if (!document.hidden) loadStats(); }, STATS_MS);

exposeTestHooks({ state: state, feed: feed, box: box, card: card, mine: mine, reducedMotion: reducedMotion });
