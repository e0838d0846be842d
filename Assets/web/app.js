/* Dump It! — the main page: owner token, dump box, sky polling, stats, share card. */
(function () {
  "use strict";

  var I = window.DumpI18n, t = I.t;
  var MAX = 500;
  var POLL_MS = 5000;
  var STATS_MS = 30000;
  var CLIP_GIVE_UP_MS = 180000;
  var TOKEN_KEY = "dumpit.owner";
  var TOKEN_RE = /^[A-Za-z0-9_-]{32,128}$/;

  var $ = function (id) { return document.getElementById(id); };
  var reducedMotion = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  I.apply(document);
  document.title = t("doc.title");

  /* ---- owner token: 32 random bytes → base64url (43 chars), kept in localStorage ---- */
  var memoryToken = null;
  function base64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function ownerToken() {
    var v = null;
    try { v = window.localStorage.getItem(TOKEN_KEY); } catch (e) { v = memoryToken; }
    if (v && TOKEN_RE.test(v)) return v;
    if (memoryToken) return memoryToken;
    var b = new Uint8Array(32);
    window.crypto.getRandomValues(b);
    v = base64url(b);
    memoryToken = v;
    try { window.localStorage.setItem(TOKEN_KEY, v); } catch (e) { /* private mode: keep it in memory */ }
    return v;
  }
  ownerToken();

  /* ---- HTTP ---- */
  function api(method, path, body, withToken) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (withToken) headers["X-Owner-Token"] = ownerToken();
    var init = { method: method, headers: headers, cache: "no-store", credentials: "same-origin" };
    if (body !== undefined) init.body = JSON.stringify(body);
    return window.fetch(path, init).then(function (res) {
      return res.text().then(function (txt) {
        var data = null;
        try { data = txt ? JSON.parse(txt) : null; } catch (e) { data = null; }
        return { ok: res.ok, status: res.status, data: data, raw: txt, headers: res.headers };
      });
    }, function (err) {
      return { ok: false, status: 0, network: true, error: err };
    });
  }

  /* ---- sky ---- */
  var skyCanvas = $("sky");
  var tip = { el: $("sky-tip"), textEl: $("sky-tip-text"), countEl: $("sky-tip-count") };
  var sky = new window.DumpSky(skyCanvas, $("sky-bg"), { tooltip: tip, reducedMotion: reducedMotion });
  var dust = new window.DumpDust($("dust"));
  var emptyEl = $("sky-empty");

  var state = {
    scope: "all",
    skySeq: 0,
    skyInflight: false,
    lastSkyRaw: null,
    frozen: false,
    loadedOnce: false,
    pollTimer: 0,
    postCount: 0,
    lastPost: null,
    clipPolls: 0,
    clipStatus: null,
    retryUntil: 0,
    retryTimer: 0,
    stats: { people: null, worries: null }
  };

  var lastTotal = -1;
  function applyLayout(layout, raw) {
    sky.setLayout(layout);
    /* someone else dumped a worry: let the counter follow the sky */
    if (state.scope === "all" && !state.frozen) {
      var total = 0;
      for (var i = 0; i < sky.nodes.length; i++) total += sky.nodes[i].count;
      if (lastTotal >= 0 && total > lastTotal) loadStats();
      lastTotal = total;
    }
    state.loadedOnce = true;
    if (raw !== undefined) state.lastSkyRaw = raw;
    var n = sky.nodes.length;
    skyCanvas.setAttribute("aria-label", t("sky.label", { n: I.fmtNumber(n) }));
    if (n === 0) {
      emptyEl.textContent = t(state.scope === "mine" ? "sky.emptyMine" : "sky.emptyAll");
      emptyEl.hidden = false;
    } else {
      emptyEl.hidden = true;
    }
  }

  function loadSky() {
    if (state.frozen) return Promise.resolve();
    var seq = ++state.skySeq;
    var scope = state.scope;
    state.skyInflight = true;
    var mine = scope === "mine";
    return api("GET", mine ? "/api/sky?scope=mine" : "/api/sky", undefined, mine).then(function (r) {
      if (seq === state.skySeq) state.skyInflight = false;
      if (seq !== state.skySeq || scope !== state.scope || state.frozen) return;
      if (r.ok && r.data && Array.isArray(r.data.nodes)) {
        if (r.raw === state.lastSkyRaw) return;
        applyLayout(r.data, r.raw);
      }
    });
  }

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(function () {
      if (!document.hidden && !state.skyInflight) loadSky();
      schedulePoll();
    }, POLL_MS);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { loadSky(); loadStats(); }
  });

  /* ---- scope toggle ---- */
  var scopeButtons = [$("scope-all"), $("scope-mine")];
  function setScope(scope) {
    if (scope === state.scope) return;
    state.scope = scope;
    scopeButtons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-scope") === scope ? "true" : "false"); });
    sky.hideTooltip();
    state.lastSkyRaw = null;
    loadSky();
    schedulePoll();
  }
  scopeButtons.forEach(function (b) {
    b.addEventListener("click", function () { setScope(b.getAttribute("data-scope")); });
  });

  /* ---- stats counter ---- */
  var statsEl = $("stats");
  var shown = { people: 0, worries: 0 };
  var statsAnim = 0;
  function renderStats(people, worries) {
    var tpl = t(I.lang === "en" && people === 1 ? "stats.template1" : "stats.template");
    while (statsEl.firstChild) statsEl.removeChild(statsEl.firstChild);
    var parts = tpl.split(/(\{people\}|\{worries\})/);
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (!p) continue;
      if (p === "{people}" || p === "{worries}") {
        var span = document.createElement("span");
        span.className = "num";
        span.textContent = I.fmtNumber(p === "{people}" ? people : worries);
        statsEl.appendChild(span);
      } else {
        statsEl.appendChild(document.createTextNode(p));
      }
    }
  }
  function animateStats(people, worries) {
    cancelAnimationFrame(statsAnim);
    statsEl.setAttribute("data-people", String(people));
    statsEl.setAttribute("data-worries", String(worries));
    var from = { people: shown.people, worries: shown.worries };
    if (reducedMotion || state.stats.people === null) {
      shown = { people: people, worries: worries };
      renderStats(people, worries);
      return;
    }
    var start = performance.now(), dur = 900;
    (function step() {
      var k = Math.min(1, (performance.now() - start) / dur);
      var e = 1 - Math.pow(1 - k, 3);
      shown = { people: Math.round(from.people + (people - from.people) * e), worries: Math.round(from.worries + (worries - from.worries) * e) };
      renderStats(shown.people, shown.worries);
      if (k < 1) statsAnim = requestAnimationFrame(step);
    })();
  }
  function loadStats() {
    return api("GET", "/api/stats").then(function (r) {
      if (!r.ok || !r.data) return;
      var p = Math.max(0, Math.round(Number(r.data.people) || 0)), w = Math.max(0, Math.round(Number(r.data.worries) || 0));
      var first = state.stats.people === null;
      animateStats(p, w);
      state.stats = { people: p, worries: w };
      if (first) statsEl.classList.add("ready");
    });
  }

  /* ---- dump box ---- */
  var form = $("dump-form");
  var ta = $("worry");
  var countEl = $("dump-count");
  var statusEl = $("dump-status");
  var box = $("dump-box");

  function updateCounter() {
    var n = I.graphemeCount(ta.value.trim());
    countEl.textContent = I.fmtNumber(n) + " / " + MAX;
    countEl.setAttribute("aria-label", t("counter.label", { n: n, max: MAX }));
    countEl.classList.toggle("near", n > MAX * 0.9 && n <= MAX);
    countEl.classList.toggle("over", n > MAX);
  }
  function autoGrow() {
    ta.style.height = "auto";
    var max = parseFloat(getComputedStyle(ta).maxHeight) || 200;
    ta.style.height = Math.min(ta.scrollHeight, max) + "px";
    ta.style.overflowY = ta.scrollHeight > max ? "auto" : "hidden";
  }
  ta.addEventListener("input", function () {
    updateCounter();
    autoGrow();
    if (statusEl.getAttribute("data-kind") === "hint") setStatus("");
  });
  ta.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.isComposing || e.keyCode === 229) return;   // Korean IME still composing
    e.preventDefault();
    submit();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  function setStatus(msg, kind) {
    statusEl.textContent = msg || "";
    statusEl.setAttribute("data-kind", msg ? (kind || "info") : "");
  }

  function nudge() {
    if (reducedMotion) return;
    box.classList.remove("nudge");
    void box.offsetWidth;
    box.classList.add("nudge");
  }

  function rateLimited(seconds) {
    state.retryUntil = Date.now() + seconds * 1000;
    clearInterval(state.retryTimer);
    var tickFn = function () {
      var left = Math.ceil((state.retryUntil - Date.now()) / 1000);
      if (left <= 0) { clearInterval(state.retryTimer); if (statusEl.getAttribute("data-kind") === "rate") setStatus(""); return; }
      setStatus(t("msg.rateLimited", { n: left }), "rate");
    };
    tickFn();
    state.retryTimer = setInterval(tickFn, 1000);
  }

  function submit() {
    var raw = ta.value;
    var text = raw.trim();
    if (!text) {
      setStatus(t("msg.empty"), "hint");
      nudge();
      ta.focus();
      return;
    }
    if (I.graphemeCount(text) > MAX) {
      setStatus(t("msg.tooLong", { max: MAX }), "error");
      nudge();
      return;
    }
    if (state.retryUntil > Date.now()) {
      setStatus(t("msg.rateLimited", { n: Math.ceil((state.retryUntil - Date.now()) / 1000) }), "rate");
      nudge();
      return;
    }

    /* the dust starts at once; the server answers whenever it does */
    var started = performance.now();
    box.classList.add("dusting");          // keep the placeholder out of the way of the dust
    clearTimeout(state.dustingTimer);
    state.dustingTimer = setTimeout(function () { box.classList.remove("dusting"); }, reducedMotion ? 500 : 1700);
    try { dust.burst(ta, raw, { reducedMotion: reducedMotion }); } catch (e) { /* never block the dump */ }
    ta.value = "";
    updateCounter();
    autoGrow();
    setStatus("");
    state.postCount++;

    api("POST", "/api/worries", { text: text }, true).then(function (r) {
      state.lastPost = { status: r.status, id: r.data && r.data.worry ? r.data.worry.id : null, share: r.data ? r.data.share : null };
      if (r.status === 201 || (r.ok && r.data && r.data.worry)) {
        onDumped(r.data, text, started);
        return;
      }
      /* failed: give the words back */
      if (!ta.value) {
        dust.cancel();
        box.classList.remove("dusting");
        ta.value = raw;
        updateCounter();
        autoGrow();
      }
      if (r.network) { setStatus(t("msg.network"), "error"); return; }
      if (r.status === 429) {
        var ra = parseInt(r.headers.get("Retry-After") || "", 10);
        rateLimited(isFinite(ra) && ra > 0 ? ra : 30);
        return;
      }
      var msg = r.data && r.data.error && typeof r.data.error.message === "string" ? r.data.error.message : t("msg.generic");
      setStatus(msg, "error");
    });
  }

  function onDumped(data, text, started) {
    setStatus(t("msg.sent"), "ok");
    state.clipStatus = data.clip ? data.clip.status : null;
    var wait = reducedMotion ? 0 : Math.max(0, 1100 - (performance.now() - started));
    setTimeout(function () {
      var done = function () {
        var node = sky.findByText(text);
        if (node) sky.highlight(node, 7000);
      };
      if (state.frozen) return;
      if (state.scope === "all" && data.sky && Array.isArray(data.sky.nodes)) {
        state.skySeq++;             // drop an older poll still in flight
        state.skyInflight = false;
        state.lastSkyRaw = null;
        applyLayout(data.sky);
        done();
      } else {
        state.lastSkyRaw = null;
        loadSky().then(done);
      }
    }, wait);
    loadStats();
    var worry = data.worry || {};
    if (data.clip && data.clip.status === "ready") offerCard(worry, data.clip, data.share);
    else if (data.clip && data.clip.status === "failed") setStatus(t("msg.clipFailed"), "error");
    else pollClip(worry.id, worry, data.share);
  }

  /* Every dump keeps its own poll: a newer dump never cancels an older one's card. */
  function pollClip(id, worry, share) {
    if (!id) return;
    state.clipPolls++;
    var start = Date.now();
    var delay = 900;
    var finish = function () { state.clipPolls--; };
    var step = function () {
      api("GET", "/api/worries/" + encodeURIComponent(id)).then(function (r) {
        if (r.ok && r.data && r.data.clip) {
          state.clipStatus = r.data.clip.status;
          if (r.data.clip.status === "ready") { finish(); offerCard(r.data.worry || worry, r.data.clip, share); return; }
          if (r.data.clip.status === "failed") { finish(); setStatus(t("msg.clipFailed"), "error"); return; }
        } else if (r.status === 404 || r.status === 410) {
          finish();
          state.clipStatus = "failed";
          setStatus(t("msg.clipFailed"), "error");
          return;
        }
        if (Date.now() - start > CLIP_GIVE_UP_MS) { finish(); setStatus(t("msg.clipTimeout"), "info"); return; }
        delay = Math.min(3000, delay * 1.25);
        setTimeout(step, delay);
      });
    };
    setTimeout(step, delay);
  }

  /* ---- share card ---- */
  /* The card is not modal: no scrim, no focus taken, and it is placed in the band below the
     header, so it never covers the toggle a visitor may be pressing when a clip comes in. */
  var card = $("card");
  var header = document.querySelector("header.top");
  var cardVideoWrap = $("card-video");
  var cardQuote = $("card-quote");
  var dlMp4 = $("card-mp4");
  var dlWebm = $("card-webm");
  var copyBtn = $("card-copy");
  var copyLabel = $("card-copy-label");
  var linkInput = $("card-link");
  var copyStatus = $("card-copy-status");
  var closeBtn = $("card-close");
  var shareUrl = "";
  var copyTimer = 0;
  var cardQueue = [];        // clips that became ready while another card was open, oldest first
  var cardWorryId = null;

  /* A ready clip opens its card, or waits its turn behind the one already open. */
  function offerCard(worry, clip, share) {
    var id = worry && worry.id ? String(worry.id) : null;
    if (!card.hidden && id && id !== cardWorryId) {
      for (var i = 0; i < cardQueue.length; i++) if (cardQueue[i].id === id) return;
      cardQueue.push({ id: id, worry: worry, clip: clip, share: share });
      setStatus(t("msg.clipQueued", { n: cardQueue.length }), "ok");
      return;
    }
    showCard(worry, clip, share);
  }

  function placeCard() {
    if (card.hidden) return;
    var margin = 10;
    var top = Math.max(margin, header.getBoundingClientRect().bottom + margin);
    var bottom = form.getBoundingClientRect().top - margin;
    var vh = window.innerHeight;
    card.style.maxHeight = "none";
    cardVideoWrap.style.width = "";
    var natural = card.scrollHeight;
    /* too narrow a band (a short landscape screen): the card may reach over the dump box, never over the header */
    if (bottom - top < Math.min(natural, 320)) bottom = vh - margin;
    var room = Math.max(140, bottom - top);
    if (natural > room) {
      /* a smaller player rather than a card that scrolls: the buttons stay in view */
      var box = cardVideoWrap.getBoundingClientRect();
      var fitHeight = box.height - (natural - room);
      if (fitHeight >= 110) {
        cardVideoWrap.style.width = Math.floor(Math.min(box.width, fitHeight * 16 / 9)) + "px";
        natural = card.scrollHeight;
      }
    }
    card.style.maxHeight = room + "px";
    card.style.top = Math.round(top + Math.max(0, (room - Math.min(natural, room)) / 2)) + "px";
  }
  window.addEventListener("resize", placeCard);

  function sameOriginPath(p) {
    /* only accept server paths like "/clips/x.webm" (never another host, never javascript:) */
    return typeof p === "string" && /^\/[^\/\\]/.test(p) ? p : null;
  }

  function showCard(worry, clip, share) {
    var webm = sameOriginPath(clip.webm), mp4 = sameOriginPath(clip.mp4), thumb = sameOriginPath(clip.thumbnail);
    setStatus(t("msg.clipReady"), "ok");
    cardQuote.textContent = worry && typeof worry.text === "string" ? worry.text : "";
    while (cardVideoWrap.firstChild) cardVideoWrap.removeChild(cardVideoWrap.firstChild);
    var v = document.createElement("video");
    v.id = "card-player";
    v.muted = true;
    v.defaultMuted = true;
    v.autoplay = true;
    v.loop = true;
    v.playsInline = true;
    v.setAttribute("muted", "");
    v.setAttribute("autoplay", "");
    v.setAttribute("loop", "");
    v.setAttribute("playsinline", "");
    v.setAttribute("preload", "auto");
    v.setAttribute("aria-label", t("card.title"));
    if (thumb) v.setAttribute("poster", thumb);
    if (webm) { var s1 = document.createElement("source"); s1.src = webm; s1.type = "video/webm"; v.appendChild(s1); }
    if (mp4) { var s2 = document.createElement("source"); s2.src = mp4; s2.type = "video/mp4"; v.appendChild(s2); }
    var fb = document.createElement("p");
    fb.textContent = t("card.noVideo");
    v.appendChild(fb);
    cardVideoWrap.appendChild(v);
    var id = worry && worry.id ? String(worry.id).replace(/[^A-Za-z0-9_-]/g, "") : "worry";
    setLink(dlMp4, mp4, "dumpit-" + id + ".mp4");
    setLink(dlWebm, webm, "dumpit-" + id + ".webm");
    var sharePath = sameOriginPath(share);
    shareUrl = sharePath ? location.origin + sharePath : "";
    copyBtn.hidden = !shareUrl;
    linkInput.hidden = true;
    linkInput.value = shareUrl;
    copyStatus.textContent = "";
    copyLabel.textContent = t("card.copy");
    cardWorryId = worry && worry.id ? String(worry.id) : null;
    card.hidden = false;
    card.classList.remove("show");
    void card.offsetWidth;
    card.classList.add("show");
    document.body.classList.add("card-open");
    placeCard();
    v.addEventListener("loadedmetadata", placeCard);
    v.load();
    var pp = v.play();
    if (pp && pp.catch) pp.catch(function () { /* autoplay may be refused; controls stay available */ v.controls = true; });
  }

  function setLink(a, href, name) {
    if (href) { a.href = href; a.setAttribute("download", name); a.hidden = false; }
    else { a.removeAttribute("href"); a.hidden = true; }
  }

  function closeCard(focusBack) {
    if (card.hidden) return;
    card.hidden = true;
    cardWorryId = null;
    document.body.classList.remove("card-open");
    var v = $("card-player");
    if (v) { try { v.pause(); } catch (e) { /* ignore */ } }
    var next = cardQueue.shift();
    if (next) { showCard(next.worry, next.clip, next.share); return; }
    if (focusBack !== false) ta.focus();
  }

  closeBtn.addEventListener("click", function () { closeCard(); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") {
      if (!card.hidden) { e.preventDefault(); closeCard(); }
      else sky.hideTooltip();
    }
  });

  function copied(ok) {
    clearTimeout(copyTimer);
    if (ok) {
      copyLabel.textContent = t("card.copied");
      copyStatus.textContent = t("card.copied");
      copyBtn.classList.add("done");
      copyTimer = setTimeout(function () { copyLabel.textContent = t("card.copy"); copyBtn.classList.remove("done"); }, 2200);
    } else {
      copyStatus.textContent = t("card.copyManual");
    }
  }
  function copyFallback() {
    linkInput.hidden = false;
    linkInput.value = shareUrl;
    linkInput.focus();
    linkInput.select();
    try { linkInput.setSelectionRange(0, shareUrl.length); } catch (e) { /* ignore */ }
    var ok = false;
    try { ok = document.execCommand && document.execCommand("copy"); } catch (e) { ok = false; }
    copied(!!ok);
  }
  copyBtn.addEventListener("click", function () {
    if (!shareUrl) return;
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(shareUrl).then(function () { copied(true); }, copyFallback);
    } else {
      copyFallback();
    }
  });

  /* ---- start ---- */
  updateCounter();
  autoGrow();
  loadSky();
  loadStats();
  schedulePoll();
  setInterval(function () { if (!document.hidden) loadStats(); }, STATS_MS);

  /* ---- test hooks (read-only views + a layout injector for the frame-time test) ---- */
  window.__dumpit = {
    frameTimes: sky.frameTimes,           // last 120 draw durations (ms of script time per frame)
    frameIntervals: sky.frameIntervals,   // last 120 intervals between animation frames (ms)
    get frames() { return sky.frames; },
    get nodeCount() { return sky.nodes.length; },
    get linkCount() { return sky.links.length; },
    get scope() { return state.scope; },
    get postCount() { return state.postCount; },
    get lastPost() { return state.lastPost; },
    get clipStatus() { return state.clipStatus; },
    get clipPolls() { return state.clipPolls; },
    get cardWorry() { return card.hidden ? null : cardWorryId; },
    get cardsQueued() { return cardQueue.length; },
    get dustParticles() { return dust.live; },
    get dustActive() { return dust.bursts.length; },
    get loaded() { return state.loadedOnce; },
    get polling() { return !state.frozen; },
    lang: I.lang,
    reducedMotion: reducedMotion,
    nodes: function () { return sky.snapshot(); },
    shownLabels: function () { return sky.shownLabels(); },
    node: function (text) {
      var n = sky.findByText(text);
      return n ? { id: n.id, text: n.text, count: n.count, label: n.label, sx: n.sx, sy: n.sy, r: n.sr, alpha: n.alpha } : null;
    },
    showTooltip: function (text) { var n = sky.findByText(text); if (n) sky.showTooltip(n); return !!n; },
    get tooltip() { return tip.el.hidden ? null : { text: tip.textEl.textContent, count: tip.countEl.textContent }; },
    setLayout: function (layout) { state.frozen = true; state.skySeq++; lastTotal = -1; applyLayout(layout); return sky.nodes.length; },
    resumePolling: function () { state.frozen = false; state.lastSkyRaw = null; lastTotal = -1; return loadSky(); },
    refresh: function () { state.lastSkyRaw = null; return loadSky(); }
  };
})();
