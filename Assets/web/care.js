/* Dump It! — the care card (docs/safety.md, "Care"): words of crisis get one calm card after
   the dust, not a wall of numbers; its lines come from the server's answer, and only a phone
   number or an https address ever becomes a link. */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";

var t = I18n.t, S = Safety;
var $ = function (id) { return document.getElementById(id); };

var careDlg = $("care");
var careTitle = $("care-title");
var careMessage = $("care-message");
var careMain = $("care-main");
var careLines = $("care-lines");
var careNote = $("care-note");
var careMore = $("care-more");
var careShown = 0;

/* The server's care answer {message, lines: [{name, phone, url, hours}]}, or null. */
export function careOf(data) {
  var c = data && data.care;
  if (!c || typeof c !== "object" || !Array.isArray(c.lines)) return null;
  var lines = c.lines.filter(function (l) { return l && typeof l.name === "string" && careHref(l); });
  if (!lines.length) return null;
  return { message: typeof c.message === "string" ? c.message : "", lines: lines };
}
/* a phone number as a tel: link, else an https address; nothing else is ever a link */
function careHref(line) {
  var phone = typeof line.phone === "string" ? line.phone.trim() : "";
  if (/^\+?[0-9][0-9 ()-]{0,18}$/.test(phone)) return "tel:" + phone.replace(/[^0-9+]/g, "");
  var url = typeof line.url === "string" ? line.url.trim() : "";
  if (/^tel:\+?[0-9-]{2,20}$/.test(url)) return url;
  if (/^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s]*)?$/.test(url)) return url;
  return null;
}
function careText(line, href) {
  if (typeof line.phone === "string" && line.phone.trim()) return line.phone.trim();
  return href.replace(/^https:\/\//, "").replace(/\/$/, "");
}
function careLink(a, line) {
  var href = careHref(line);
  a.href = href;
  if (/^https:/.test(href)) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
  else { a.removeAttribute("target"); a.removeAttribute("rel"); }
  return careText(line, href);
}

/* mode: "private" (dumped, kept for me only), "public", or "refused" (422: not dumped). */
export function showCare(care, mode, returnTo, fallback) {
  careMessage.textContent = care.message;
  careMessage.hidden = !care.message;
  var main = care.lines[0];
  var mainPhone = careLink(careMain, main);
  careMain.querySelector(".care-main-name").textContent = main.name;
  var hours = typeof main.hours === "string" ? main.hours : "";
  var calls = /^tel:/.test(careMain.getAttribute("href") || "");
  careMain.querySelector(".care-main-hours").textContent = calls ? (hours ? hours + " · " : "") + t("care.callHint") : hours;
  careMain.querySelector(".care-main-phone").textContent = mainPhone;
  while (careLines.firstChild) careLines.removeChild(careLines.firstChild);
  for (var i = 1; i < care.lines.length; i++) {
    var line = care.lines[i];
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "care-line";
    var num = document.createElement("span");
    num.className = "care-line-phone";
    num.textContent = careLink(a, line);
    var about = document.createElement("span");
    about.className = "care-line-name";
    about.textContent = line.name + (typeof line.hours === "string" && line.hours ? " · " + line.hours : "");
    a.appendChild(num);
    a.appendChild(about);
    li.appendChild(a);
    careLines.appendChild(li);
  }
  careMore.hidden = care.lines.length < 2;
  careNote.textContent = mode === "refused" ? t("care.refused") : mode === "private" ? t("care.private") : "";
  careNote.hidden = !careNote.textContent;
  careShown++;
  if (S.isOpen(careDlg)) return;
  S.openDialog(careDlg, { initial: careTitle, returnTo: returnTo || fallback, fallback: function () { return fallback; } });
}
$("care-close").addEventListener("click", function () { S.closeDialog(careDlg); });
$("care-done").addEventListener("click", function () { S.closeDialog(careDlg); });

/* For the tests: whether the card is open, and how many times one was shown. */
export function careState() { return { open: !careDlg.hidden, shown: careShown }; }
