/* Dump It! — "내 고민": the toggle between everyone's sky and mine, my live worries (GET
   /api/worries, newest first, from this visit or an earlier one) as a row of small cards above
   the dump box, and deleting one of them (with a confirmation, never window.confirm). Their
   stars are labelled on my page (a star's id is the same in my sky and in everyone's), and
   tapping one, or its card in the row, opens its share card. */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";
import { Worries, sameOriginPath, visibilityOf } from "./worries.js";

var I = I18n, t = I.t, S = Safety;
var $ = function (id) { return document.getElementById(id); };

function timeLeft(expiresAt) {
  var ms = Date.parse(expiresAt) - Date.now();
  if (!isFinite(ms)) return "";
  var minutes = Math.max(1, Math.round(ms / 60000));
  return minutes >= 60 ? t("mine.hoursLeft", { n: Math.floor(minutes / 60) }) : t("mine.minutesLeft", { n: minutes });
}
function clipWord(clip) {
  var s = clip && clip.status;
  return s === "ready" ? t("mine.ready") : s === "failed" ? t("mine.failed") : t("mine.making");
}
function shortText(words) {
  var flat = String(words).replace(/\s+/g, " ").trim();
  var gs = I.graphemes(flat);
  return gs.length <= 40 ? flat : gs.slice(0, 39).join("").trim() + "…";
}

/* state: the page's shared state (home-state.js; scope, dumps, deleted, mine and note
   written). feed: the home sky (feed.js). card: the share card (sharecard.js). hooks:
   setStatus(msg, kind), box (the dump box's textarea: focus's last resort). */
export function myWorries(state, feed, card, hooks) {
  var sky = feed.sky, dumps = state.dumps, deleted = state.deleted, setStatus = hooks.setStatus, ta = hooks.box;
  var mineList = $("mine-list");
  var mineItems = $("mine-items");

  var mineSeq = 0;
  function loadMine() {
    var seq = ++mineSeq;
    return Worries.mine().then(function (r) {
      if (seq !== mineSeq || !r.ok || !r.data || !Array.isArray(r.data.worries)) return;
      var list = [], stars = [];
      for (var i = 0; i < r.data.worries.length; i++) {
        var m = r.data.worries[i];
        if (!m || !m.worry || typeof m.worry.id !== "string" || !m.clip) continue;
        var id = m.worry.id, entry = dumps[id];
        if (deleted[id]) continue;          /* gone here already; this answer was on its way */
        if (!entry) entry = dumps[id] = { id: id, worry: m.worry, clip: m.clip, share: m.share };
        else if (!entry.polling) entry.clip = m.clip;
        entry.star = typeof m.star === "string" ? m.star : null;
        entry.visibility = visibilityOf(m.visibility);
        entry.listed = true;
        if (entry.star) stars.push(entry.star);
        list.push(entry);
        card.listed(entry);
      }
      state.mine = list;
      sky.setMine(stars);
      renderMineList();
    });
  }

  /* the row shows on my page only, when I have worries */
  function renderMineList() {
    var show = state.scope === "mine" && state.mine.length > 0;
    var wasShown = !mineList.hidden;
    if (!show) {
      mineList.hidden = true;
      if (wasShown) sky.resize();
      return;
    }
    var existing = Object.create(null), i;
    for (i = 0; i < mineItems.children.length; i++) {
      var li = mineItems.children[i];
      existing[li.getAttribute("data-id")] = li;
    }
    var keep = Object.create(null);
    for (i = 0; i < state.mine.length; i++) {
      var e = state.mine[i];
      keep[e.id] = true;
      var item = existing[e.id] || mineItem(e);
      updateMineItem(item, e);
      if (mineItems.children[i] !== item) mineItems.insertBefore(item, mineItems.children[i] || null);
    }
    for (var id in existing) if (!keep[id]) mineItems.removeChild(existing[id]);
    mineList.hidden = false;
    markOverflow();
    if (!wasShown) sky.resize();
  }
  /* a row wider than the page fades out at its scrolling end(s), so it reads as "more this way" */
  function markOverflow() {
    var over = mineItems.scrollWidth - mineItems.clientWidth;
    mineItems.classList.toggle("more-right", over > 2 && mineItems.scrollLeft < over - 2);
    mineItems.classList.toggle("more-left", over > 2 && mineItems.scrollLeft > 2);
  }
  mineItems.addEventListener("scroll", markOverflow, { passive: true });
  window.addEventListener("resize", function () { if (!mineList.hidden) markOverflow(); });
  function mineItem(entry) {
    var li = document.createElement("li");
    li.className = "mine-entry";
    li.setAttribute("data-id", entry.id);
    var b = document.createElement("button");
    b.type = "button";
    b.className = "mine-item";
    var thumb = document.createElement("span");
    thumb.className = "mine-thumb";
    var text = document.createElement("span");
    text.className = "mine-text";
    var meta = document.createElement("span");
    meta.className = "mine-meta";
    var body = document.createElement("span");
    body.className = "mine-body";
    body.appendChild(text);
    body.appendChild(meta);
    var badge = document.createElement("span");
    badge.className = "mine-badge";
    badge.hidden = true;
    b.appendChild(thumb);
    b.appendChild(body);
    b.appendChild(badge);
    li.appendChild(b);
    /* a sibling, not inside the item's button: its own name and focus stop */
    var del = document.createElement("button");
    del.type = "button";
    del.className = "mine-del";
    del.textContent = t("mine.delete");
    li.appendChild(del);
    del.addEventListener("click", function () { askDelete(dumps[entry.id] || entry, del, false); });
    b.addEventListener("click", function () { card.openEntry(dumps[entry.id] || entry); });
    var ring = function () {
      var e = dumps[entry.id] || entry;
      var star = (e.star && sky.findById(e.star)) || sky.findByText(e.worry.text);
      if (star) sky.highlight(star, 2400);
    };
    b.addEventListener("mouseenter", ring);
    b.addEventListener("focus", ring);
    return li;
  }
  function updateMineItem(li, entry) {
    var b = li.querySelector(".mine-item"), thumb = b.querySelector(".mine-thumb");
    var text = b.querySelector(".mine-text"), meta = b.querySelector(".mine-meta"), badge = b.querySelector(".mine-badge");
    var words = String(entry.worry.text || "");
    if (text.textContent !== words) text.textContent = words;
    var status = entry.clip && entry.clip.status;
    li.setAttribute("data-status", status || "");
    li.setAttribute("data-visibility", entry.visibility || "public");
    meta.textContent = timeLeft(entry.worry.expiresAt) + " · " + clipWord(entry.clip);
    /* only I see it: kept private by the server's verdict, or hidden after a report */
    var where = entry.visibility === "private" ? t("mine.private") : entry.visibility === "hidden" ? t("mine.hidden") : "";
    badge.textContent = where;
    badge.hidden = !where;
    b.setAttribute("aria-label", t("mine.open", { text: words }) + (where ? " · " + where : ""));
    li.querySelector(".mine-del").setAttribute("aria-label", t("mine.deleteLabel", { text: shortText(words) }));
    /* a worry hidden after a report: its files are not served (to anyone), so no picture */
    var src = status === "ready" && entry.visibility !== "hidden" ? sameOriginPath(entry.clip.thumbnail) : null;
    var img = thumb.firstChild;
    if (src && (!img || img.getAttribute("src") !== src)) {
      while (thumb.firstChild) thumb.removeChild(thumb.firstChild);
      img = document.createElement("img");
      img.alt = "";
      img.decoding = "async";
      img.loading = "lazy";
      img.src = src;
      thumb.appendChild(img);
    } else if (!src && img) {
      thumb.removeChild(img);
    }
  }

  /* ---- the toggle: 모두의 고민 / 내 고민 ---- */
  var scopeButtons = [$("scope-all"), $("scope-mine")];
  function setScope(scope) {
    if (scope === state.scope) return;
    state.scope = scope;
    scopeButtons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-scope") === scope ? "true" : "false"); });
    sky.hideTooltip();
    feed.forgetHeld();
    renderMineList();
    feed.load();
    if (scope === "mine") loadMine();
    feed.schedulePoll();
  }
  scopeButtons.forEach(function (b) {
    b.addEventListener("click", function () { setScope(b.getAttribute("data-scope")); });
  });

  /* ---- delete one of my worries ---- */
  var delDlg = $("del");
  var delQuote = $("del-quote");
  var delStatus = $("del-status");
  var delYes = $("del-yes");
  var delNo = $("del-no");
  var delEntry = null;
  var delAfter = null;       // where focus goes once the worry is gone (its button went with it)
  var delFromCard = false;
  var deleting = false;

  /* returnTo: the button asked from (focus goes back to it if nothing is deleted); fromCard:
     it is the share card's (the card closes with the worry: focus then goes to the box) */
  function askDelete(entry, returnTo, fromCard) {
    if (!entry || !entry.worry) return;
    delEntry = entry;
    delAfter = null;
    delFromCard = !!fromCard;
    delQuote.textContent = String(entry.worry.text || "");
    delStatus.textContent = "";
    delStatus.removeAttribute("data-kind");
    S.openDialog(delDlg, { initial: delNo, returnTo: returnTo, fallback: function () { return delAfter || ta; } });
  }
  delNo.addEventListener("click", function () { S.closeDialog(delDlg); });
  delYes.addEventListener("click", function () {
    var entry = delEntry;
    if (!entry || deleting) return;
    deleting = true;
    delYes.setAttribute("aria-busy", "true");
    delStatus.textContent = t("del.working");
    delStatus.setAttribute("data-kind", "info");
    Worries.remove(entry.id).then(function (r) {
      deleting = false;
      delYes.removeAttribute("aria-busy");
      if (r.status === 204 || r.ok || r.status === 404 || r.status === 410) {
        delAfter = delFromCard ? ta : focusAfterDelete(entry);
        forget(entry);
        S.closeDialog(delDlg, "deleted");
        state.note = "";
        setStatus(t(r.status === 404 || r.status === 410 ? "msg.alreadyGone" : "msg.deleted"), "ok");
        return;
      }
      var msg = r.network ? t("msg.network") : r.status === 429 ? t("msg.rateLimited", { n: S.retryAfter(r, 30) }) : t("msg.generic");
      delStatus.textContent = msg;
      delStatus.setAttribute("data-kind", "error");
    });
  });

  /* the next item of the list (or the one before), else the box */
  function focusAfterDelete(entry) {
    var items = Array.prototype.slice.call(mineItems.children);
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-id") !== entry.id) continue;
      var near = items[i + 1] || items[i - 1];
      return near && !mineList.hidden ? near.querySelector(".mine-item") : ta;
    }
    return ta;
  }

  /* A deleted worry leaves at once: its list item, its card, its star (the next poll agrees). */
  function forget(entry) {
    var star = entry.star ? entry.star : null;
    if (!star && visibilityOf(entry.visibility) === "public") { var n = sky.findByText(entry.worry.text); star = n ? n.id : null; }
    entry.deleted = true;
    deleted[entry.id] = true;
    delete dumps[entry.id];
    state.mine = state.mine.filter(function (e) { return e.id !== entry.id; });
    card.forget(entry);
    renderMineList();
    if (star) feed.dropStarHere(star);
    loadMine();
  }

  return {
    load: loadMine,
    render: renderMineList,
    askDelete: askDelete,
    /* "내 고민" as listed: [{id, text, status, visibility}] in page order (tests) */
    listed: function () {
      if (mineList.hidden) return [];
      return Array.prototype.map.call(mineItems.children, function (li) {
        return { id: li.getAttribute("data-id"), text: li.querySelector(".mine-text").textContent, status: li.getAttribute("data-status"),
          visibility: li.getAttribute("data-visibility") };
      });
    }
  };
}
