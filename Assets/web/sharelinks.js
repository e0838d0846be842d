/* Dump It! — the share card's links: the worry's page to copy (the clipboard, else the
   link shown selected), and its files to download (the MP4, and the WebM and the vertical
   story, made when first asked for). */
import { I18n } from "./i18n.js";

var t = I18n.t;
var $ = function (id) { return document.getElementById(id); };

/* setStatus(msg, kind): the dump box's status line, where a download being made is told. */
export function shareLinks(setStatus) {
  var dlMp4 = $("card-mp4");
  var dlWebm = $("card-webm");
  var dlStory = $("card-story");
  var copyBtn = $("card-copy");
  var copyLabel = $("card-copy-label");
  var linkInput = $("card-link");
  var copyStatus = $("card-copy-status");
  var shareUrl = "";
  var copyTimer = 0;

  function setLink(a, href, name) {
    a.removeAttribute("data-ready");
    if (href) { a.href = href; a.setAttribute("download", name); a.hidden = false; }
    else { a.removeAttribute("href"); a.hidden = true; }
  }

  /* The WebM and the vertical story are made by the server's workers when first asked for (it
     answers 202 with Retry-After meanwhile): a click asks, says so on the button and in the
     status line, and starts the download once the file is there. */
  function preparedDownload(a) {
    a.addEventListener("click", function (e) {
      if (a.getAttribute("data-ready") === "1") return;   /* made: the browser downloads it */
      e.preventDefault();
      var href = a.getAttribute("href");
      if (!href || a.getAttribute("aria-busy") === "true") return;
      var label = a.textContent, tries = 0;
      a.setAttribute("aria-busy", "true");
      a.textContent = t("card.making");
      setStatus(t("card.making"), "info");
      function done(ok) {
        a.removeAttribute("aria-busy");
        a.textContent = label;
        if (a.getAttribute("href") !== href) return;      /* the card moved on meanwhile */
        setStatus("", "");
        if (ok) { a.setAttribute("data-ready", "1"); a.click(); }
        else setStatus(t("card.makeFailed"), "error");
      }
      (function ask() {
        fetch(href, { method: "HEAD", cache: "no-store" }).then(function (r) {
          if (r.status === 200) return done(true);
          if (r.status === 202 && ++tries < 90) {
            var wait = Math.min(10, Math.max(1, parseInt(r.headers.get("Retry-After"), 10) || 2));
            return setTimeout(ask, wait * 1000);
          }
          done(false);
        }, function () { done(false); });
      })();
    });
  }
  preparedDownload(dlWebm);
  preparedDownload(dlStory);

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

  return {
    /* a card opened: its page's address to copy ("" when it is not to be shared) */
    offer: function (url) {
      shareUrl = url;
      copyBtn.hidden = !shareUrl;
      linkInput.hidden = true;
      linkInput.value = shareUrl;
      copyStatus.textContent = "";
      copyLabel.textContent = t("card.copy");
    },
    /* the clip's files (same-origin paths; null hides a link), named after the worry's id */
    files: function (id, mp4, webm, story) {
      setLink(dlMp4, mp4, "dumpit-" + id + ".mp4");
      setLink(dlWebm, webm, "dumpit-" + id + ".webm");
      setLink(dlStory, story, "dumpit-" + id + "-story.mp4");
    },
    /* no files (the clip is not ready, or closed) */
    none: function () { [dlMp4, dlWebm, dlStory].forEach(function (a) { setLink(a, null); }); }
  };
}
