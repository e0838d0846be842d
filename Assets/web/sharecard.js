/* Dump It! — the share card of one of my worries: opened by a dump (or queued behind the
   card already open), by my star or by "내 고민"; its clip's honest progress while it
   renders, then the player; its links; closed by its button or Escape, focus given back.
   The card is not modal: no scrim, no focus taken, and it is placed in the band below the
   header, so it never covers the toggle a visitor may be pressing when a clip comes in. */
import { I18n } from "./i18n.js";
import { clipVideo, soundButton, startVideo } from "./player.js";
import { shareLinks } from "./sharelinks.js";
import { Worries, sameOriginPath, visibilityOf } from "./worries.js";

var t = I18n.t;
var CLIP_GIVE_UP_MS = 180000;
var $ = function (id) { return document.getElementById(id); };

/* state: the page's shared state (home-state.js; `dumps` read and written). sky: the Sky on
   the page. hooks: setStatus(msg, kind), box (the dump box's textarea: focus's last resort),
   askDelete(entry, returnTo, fromCard), renderMine() (my list, once a clip is settled),
   showCare(care, mode, returnTo). */
export function shareCard(state, sky, hooks) {
  var dumps = state.dumps, setStatus = hooks.setStatus;
  var card = $("card");
  var header = document.querySelector("header.top");
  var form = $("dump-form");
  var mineList = $("mine-list");
  var cardVideoWrap = $("card-video");
  var cardMedia = $("card-media");        // the progress or the player: shrunk to keep the card in its band
  var cardQuote = $("card-quote");
  var closeBtn = $("card-close");
  var cardSub = $("card-sub");
  var cardDelete = $("card-delete");
  var cardCare = $("card-care");
  var cardProgress = $("card-progress");
  var cardBar = $("card-bar");
  var cardProgressText = $("card-progress-text");
  var links = shareLinks(setStatus);
  var cardShareable = true;  // the open card's worry is in everyone's sky: its link and files may be shared
  var cardQueue = [];        // cards waiting for the open one to close, oldest first
  var cardWorryId = null;
  var cardReturn = null;     // where focus goes when the card closes (the list view's item), else the dump box
  var clipPolls = 0;         // clips followed (tests)
  var clipStatus = null;     // the status of the clip last heard of (tests)

  /* A dump opens its card, or waits its turn behind the one already open. */
  function offerCard(entry) {
    if (!card.hidden && entry.id !== cardWorryId) {
      for (var i = 0; i < cardQueue.length; i++) if (cardQueue[i].id === entry.id) return;
      cardQueue.push(entry);
      setStatus(t("msg.clipQueued", { n: cardQueue.length }), "ok");
      return;
    }
    showCard(entry);
  }

  /* Tapping my own star opens its card again: the newest of my worries that star shows, from
     this visit or (through the list of my worries) an earlier one. */
  function openCardOf(node, returnTo) {
    var best = null;
    for (var id in dumps) {
      var e = dumps[id];
      if (!e.worry) continue;
      /* by star id once the list has named it; until then by the words, as the sky finds them */
      var hit = e.star ? e.star === node.id : sky.findByText(e.worry.text) === node;
      if (hit && (!best || String(e.worry.createdAt) > String(best.worry.createdAt))) best = e;
    }
    if (!best) return false;
    cardReturn = returnTo || null;
    openEntry(best);
    return true;
  }

  /* Opens the card of one of my worries (or queues it behind the open one); its clip is
     followed until it is ready. */
  function openEntry(entry) {
    if (cardWorryId !== entry.id) offerCard(entry);
    var s = entry.clip && entry.clip.status;
    if (s !== "ready" && s !== "failed") pollClip(entry);
  }

  function placeCard() {
    if (card.hidden) return;
    var margin = 10;
    var top = Math.max(margin, header.getBoundingClientRect().bottom + margin);
    var bottom = form.getBoundingClientRect().top - margin;
    var vh = window.innerHeight;
    card.style.maxHeight = "none";
    cardMedia.style.width = "";
    var natural = card.scrollHeight;
    /* above the list of my worries too, when there is room for the card there */
    if (!mineList.hidden) {
      var aboveList = mineList.getBoundingClientRect().top - margin;
      if (aboveList - top >= Math.min(natural, 320)) bottom = aboveList;
    }
    /* too narrow a band (a short landscape screen): the card may reach over the dump box, never over the header */
    if (bottom - top < Math.min(natural, 320)) bottom = vh - margin;
    var room = Math.max(140, bottom - top);
    if (natural > room) {
      /* a smaller player rather than a card that scrolls: the buttons stay in view */
      var box = cardMedia.getBoundingClientRect();
      var fitHeight = box.height - (natural - room);
      if (fitHeight >= 110) {
        cardMedia.style.width = Math.floor(Math.min(box.width, fitHeight * 16 / 9)) + "px";
        natural = card.scrollHeight;
      }
    }
    card.style.maxHeight = room + "px";
    card.style.top = Math.round(top + Math.max(0, (room - Math.min(natural, room)) / 2)) + "px";
  }
  window.addEventListener("resize", placeCard);

  function showCard(entry) {
    var worry = entry.worry;
    cardQuote.textContent = worry && typeof worry.text === "string" ? worry.text : "";
    cardQuote.title = cardQuote.textContent;
    /* a worry only I can see (kept private, hidden after a report, words of crisis) offers
       nothing to share: its link would not open for anyone else */
    var visibility = visibilityOf(entry.visibility);
    cardShareable = visibility === "public" && !entry.care;
    cardSub.textContent = t(visibility === "hidden" ? "card.subHidden" : cardShareable ? "card.sub" : "card.subPrivate");
    cardCare.hidden = !entry.care;
    var sharePath = cardShareable ? sameOriginPath(entry.share) : null;
    links.offer(sharePath ? location.origin + sharePath : "");
    cardWorryId = entry.id;
    card.removeAttribute("data-state");
    while (cardVideoWrap.firstChild) cardVideoWrap.removeChild(cardVideoWrap.firstChild);
    card.hidden = false;
    card.classList.remove("show");
    void card.offsetWidth;
    card.classList.add("show");
    document.body.classList.add("card-open");
    renderCardClip(entry);
  }

  /* The clip part of the open card: the progress while it renders, then the player. */
  function renderCardClip(entry) {
    var clip = entry.clip || {};
    if (entry.visibility === "hidden") {
      /* hidden after a report: the server keeps its clip closed; the card says why, quietly */
      card.setAttribute("data-state", "hidden");
      cardProgress.hidden = false;
      cardVideoWrap.hidden = true;
      links.none();
      cardProgress.classList.remove("indeterminate");
      cardProgress.classList.add("closed");
      cardProgressText.textContent = t("card.hiddenClip");
      placeCard();
      return;
    }
    cardProgress.classList.remove("closed");
    if (clip.status === "ready") {
      if (card.getAttribute("data-state") !== "ready") showPlayer(entry);
      return;
    }
    card.setAttribute("data-state", clip.status === "failed" ? "failed" : "waiting");
    cardProgress.hidden = false;
    cardVideoWrap.hidden = true;
    links.none();
    var fraction = clip.status === "rendering" && typeof clip.progress === "number" ? clip.progress : 0;
    cardBar.style.transform = "scaleX(" + Math.max(0.02, Math.min(1, fraction)) + ")";
    cardProgress.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    var seconds = Math.max(1, Math.round(Number(clip.waitSeconds) || 1));
    var text;
    if (clip.status === "failed") text = t("msg.clipFailed");
    else if (clip.status === "rendering") text = t("card.rendering", { p: Math.round(fraction * 100), n: seconds });
    else if (seconds > 60) text = t("card.queuedLong", { m: Math.ceil(seconds / 60) });
    else text = t("card.queued", { n: seconds });
    cardProgressText.textContent = text;
    cardProgress.classList.toggle("indeterminate", clip.status !== "rendering");
    placeCard();
  }

  function showPlayer(entry) {
    var clip = entry.clip, worry = entry.worry;
    var webm = sameOriginPath(clip.webm), mp4 = sameOriginPath(clip.mp4), story = sameOriginPath(clip.story);
    card.setAttribute("data-state", "ready");
    cardProgress.hidden = true;
    cardVideoWrap.hidden = false;
    while (cardVideoWrap.firstChild) cardVideoWrap.removeChild(cardVideoWrap.firstChild);
    var v = clipVideo(mp4, sameOriginPath(clip.thumbnail));
    cardVideoWrap.appendChild(v);
    cardVideoWrap.appendChild(soundButton(v));
    var id = worry && worry.id ? String(worry.id).replace(/[^A-Za-z0-9_-]/g, "") : "worry";
    if (cardShareable) links.files(id, mp4, webm, story);
    else links.files(id, null, null, null);
    placeCard();
    v.addEventListener("loadedmetadata", placeCard);
    startVideo(v);
  }

  function closeCard(focusBack) {
    if (card.hidden) return;
    /* the card's star is ringed again, so it can be found (and tapped) in the sky */
    var closing = dumps[cardWorryId];
    if (closing && closing.worry) {
      var star = sky.findByText(closing.worry.text);
      if (star) sky.highlight(star, 6000);
    }
    card.hidden = true;
    cardWorryId = null;
    document.body.classList.remove("card-open");
    var v = $("card-player");
    if (v) { try { v.pause(); } catch (e) { /* ignore */ } }
    var next = cardQueue.shift();
    if (next) { showCard(next); return; }
    var back = cardReturn && cardReturn();
    cardReturn = null;
    if (focusBack !== false) (back || hooks.box).focus();
  }

  closeBtn.addEventListener("click", function () { closeCard(); });
  cardDelete.addEventListener("click", function () { var e = dumps[cardWorryId]; if (e) hooks.askDelete(e, cardDelete, true); });
  cardCare.addEventListener("click", function () { var e = dumps[cardWorryId]; if (e && e.care) hooks.showCare(e.care, "private", cardCare); });
  /* (an open dialog hears Escape first: DumpSafety) */
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") {
      if (!card.hidden) { e.preventDefault(); closeCard(); }
      else sky.hideTooltip();
    }
  });

  /* Every dump keeps its own poll: a newer dump never cancels an older one's card. */
  function pollClip(entry) {
    if (entry.polling) return;
    entry.polling = true;
    clipPolls++;
    var start = Date.now();
    var finish = function () { clipPolls--; entry.polling = false; clipSettled(entry); if (entry.listed) hooks.renderMine(); };
    var step = function () {
      if (entry.deleted) { clipPolls--; entry.polling = false; return; }
      /* with my token: a worry only I can see answers only me */
      Worries.one(entry.id).then(function (r) {
        if (entry.deleted) { clipPolls--; entry.polling = false; return; }
        if (r.ok && r.data && r.data.clip) {
          entry.clip = r.data.clip;
          clipStatus = r.data.clip.status;
          if (cardWorryId === entry.id) renderCardClip(entry);
          if (r.data.clip.status === "ready" || r.data.clip.status === "failed") { finish(); return; }
        } else if (r.status === 404 || r.status === 410) {
          entry.clip = { status: "failed" };
          finish();
          return;
        }
        if (Date.now() - start > CLIP_GIVE_UP_MS) { clipPolls--; entry.polling = false; setStatus(t("msg.clipTimeout"), "info"); return; }
        /* ask again soon while it renders (the bar moves), less often while it waits its turn */
        var wait = entry.clip.status === "rendering" ? 600 : Math.min(3000, Math.max(800, (entry.clip.waitSeconds || 1) * 250));
        setTimeout(step, wait);
      });
    };
    setTimeout(step, 500);
  }

  /* A clip is ready or gave up: say so under the box, and show it if its card is open. */
  function clipSettled(entry) {
    clipStatus = entry.clip.status;
    if (entry.clip.status === "failed") setStatus(t("msg.clipFailed"), "error");
    else if (entry.clip.status === "ready") setStatus(t("msg.clipReady"), "ok");
    if (cardWorryId === entry.id) renderCardClip(entry);
  }

  return {
    openCardOf: openCardOf,
    openEntry: openEntry,
    /* A worry just taken (the dump box's answer): its card opens at once (the visitor asked
       for it by dumping), with the clip's honest progress until it plays; a card already open
       keeps its place and this one waits. Words of crisis get no share card. */
    dumped: function (data, visibility, care) {
      clipStatus = data.clip ? data.clip.status : null;
      var worry = data.worry || {};
      if (!worry.id || !data.clip) return;
      var entry = { id: String(worry.id), worry: worry, clip: data.clip, share: data.share, visibility: visibility, care: care };
      dumps[entry.id] = entry;
      if (care) return;
      offerCard(entry);
      if (data.clip.status !== "ready" && data.clip.status !== "failed") pollClip(entry);
      else clipSettled(entry);
    },
    /* my list brought news of a worry's clip: shown if its card is open */
    listed: function (entry) { if (cardWorryId === entry.id && !entry.polling) renderCardClip(entry); },
    /* a worry deleted here: out of the queue, and its card closed (focus is the delete's to give) */
    forget: function (entry) {
      cardQueue = cardQueue.filter(function (e) { return e.id !== entry.id; });
      if (cardWorryId === entry.id) closeCard(false);
    },
    /* for the tests (window.__dumpit) */
    test: {
      get worry() { return card.hidden ? null : cardWorryId; },
      get state() { return card.hidden ? null : card.getAttribute("data-state"); },
      get queued() { return cardQueue.length; },
      get clipStatus() { return clipStatus; },
      get clipPolls() { return clipPolls; }
    }
  };
}
