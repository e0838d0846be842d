/* Dump It! — /sky: tonight's server-rendered sky and the posters of past nights. */
(function () {
  "use strict";

  var I = window.DumpI18n, t = I.t;
  I.apply(document);
  document.title = t("doc.skyTitle");
  if (window.DumpSky && window.DumpSky.paintStarfield) window.DumpSky.paintStarfield(document.getElementById("sky-bg"));

  /* tonight's sky image, painted at the size it is shown (device pixels, within the server's
     640…7680 × 360…4320), so labels are not squeezed out of a 1920 px picture; the HTML's
     1920x1080 picture stays the no-script fallback */
  var img = document.getElementById("tonight-img");
  var msg = document.getElementById("tonight-msg");
  (function () {
    var frame = document.getElementById("tonight");
    var cssWidth = frame ? frame.getBoundingClientRect().width : 0;
    if (!(cssWidth > 0)) return;
    var dpr = Math.min(3, window.devicePixelRatio || 1);
    var w = Math.max(640, Math.min(7680, Math.round(cssWidth * dpr)));
    var h = Math.max(360, Math.round(w * 9 / 16));
    if (w === 1920) return;
    img.setAttribute("width", String(w));
    img.setAttribute("height", String(h));
    img.src = "/sky.png?w=" + w + "&h=" + h;
  })();
  function loaded() { img.classList.add("loaded"); msg.hidden = true; }
  function failed() { msg.textContent = t("skyPage.imgError"); msg.hidden = false; }
  if (img.complete && img.naturalWidth > 0) loaded();
  else {
    img.addEventListener("load", loaded);
    img.addEventListener("error", failed);
  }

  /* posters of past nights */
  var list = document.getElementById("posters");
  var note = document.getElementById("posters-note");

  function safePath(p) {
    return typeof p === "string" && /^\/[^\/\\]/.test(p) ? p : null;
  }

  function formatDate(d) {
    if (typeof d !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return String(d || "");
    try {
      var parts = d.split("-").map(Number);
      var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
      /* Korean reads the weekday whole ("2026년 11월 29일 일요일"): the short form "일"
         after "29일" looked like a stray character */
      return date.toLocaleDateString(I.lang === "ko" ? "ko-KR" : "en-US",
        { year: "numeric", month: "long", day: "numeric", weekday: I.lang === "ko" ? "long" : "short", timeZone: "UTC" });
    } catch (e) { return d; }
  }

  function render(posters) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var shown = 0;
    posters.forEach(function (p) {
      if (!p || typeof p !== "object") return;
      var png = safePath(p.png);
      if (!png) return;
      var count = Math.max(0, Math.round(Number(p.worries) || 0));
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "poster";
      a.href = png;
      var im = document.createElement("img");
      im.src = png;
      im.loading = "lazy";
      im.decoding = "async";
      im.alt = t("skyPage.posterAlt", { date: String(p.date || ""), n: I.fmtNumber(count) });
      var meta = document.createElement("span");
      meta.className = "poster-meta";
      var date = document.createElement("span");
      date.className = "poster-date";
      date.textContent = formatDate(p.date);
      var c = document.createElement("span");
      c.className = "poster-count";
      c.textContent = t("skyPage.posterWorries", { n: I.fmtNumber(count) });
      meta.appendChild(date);
      meta.appendChild(c);
      a.appendChild(im);
      a.appendChild(meta);
      li.appendChild(a);
      list.appendChild(li);
      shown++;
    });
    note.textContent = shown ? "" : t("skyPage.noPosters");
    note.hidden = !!shown;
  }

  window.fetch("/posters", { headers: { "Accept": "application/json" }, cache: "no-store" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) { render(data && Array.isArray(data.posters) ? data.posters : []); })
    .catch(function () { note.textContent = t("skyPage.postersError"); note.hidden = false; });
})();
