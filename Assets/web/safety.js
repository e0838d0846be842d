/* Dump It! — trust & safety on the page (docs/safety.md), shared by / and /sky: the owner
   token, a small fetch helper, "hide for me" (star ids kept in localStorage), modal dialogs
   (focus moves in, Tab stays in, Escape or close gives focus back) and the report dialog.
   Every string reaches the page through textContent. */
import { I18n } from "./i18n.js";


var I = I18n, t = I.t;
var TOKEN_KEY = "dumpit.owner";
var TOKEN_RE = /^[A-Za-z0-9_-]{32,128}$/;
var HIDDEN_KEY = "dumpit.hiddenStars";
var HIDDEN_MAX = 500;
var STAR_RE = /^n[0-9a-f]{16}$/;
var REASONS = ["personal_info", "hate", "self_harm", "spam", "other"];

/* ---- owner token: handed out by the server (POST /api/owner-tokens, signed, a few per
   network an hour), kept in localStorage; a token the server does not know (an old one the
   page made itself) is exchanged for a new one once ---- */
var memoryToken = null, pendingToken = null;
function ownerToken() {
  var v = null;
  try { v = window.localStorage.getItem(TOKEN_KEY); } catch (e) { v = memoryToken; }
  if (v && TOKEN_RE.test(v)) return v;
  return memoryToken;
}
function forgetToken() {
  memoryToken = null;
  try { window.localStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ }
}
/* a promise of the token: the kept one, or a new one from the server ({status} on failure) */
function ensureToken() {
  var kept = ownerToken();
  if (kept) return Promise.resolve(kept);
  if (pendingToken) return pendingToken;
  pendingToken = window.fetch("/api/owner-tokens", {
    method: "POST", headers: { "Accept": "application/json" }, cache: "no-store", credentials: "same-origin"
  }).then(function (res) {
    return res.json().catch(function () { return null; }).then(function (data) {
      var v = data && data.token;
      if (!res.ok || typeof v !== "string" || !TOKEN_RE.test(v)) throw { status: res.status, headers: res.headers, data: data };
      memoryToken = v;
      try { window.localStorage.setItem(TOKEN_KEY, v); } catch (e) { /* private mode: keep it in memory */ }
      return v;
    });
  }).then(function (v) { pendingToken = null; return v; }, function (err) { pendingToken = null; throw err; });
  return pendingToken;
}

/* ---- HTTP: {ok, status, data, raw, headers} or {ok: false, status: 0, network: true} ---- */
function send(method, path, body, token) {
  var headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["X-Owner-Token"] = token;
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
function tokenRefused(r) {
  var code = r && r.status === 401 && r.data && r.data.error && r.data.error.code;
  return code === "unknown_owner_token" || code === "invalid_owner_token";
}
function api(method, path, body, withToken) {
  if (!withToken) return send(method, path, body, null);
  function failed(err) {
    return err && err.status ? { ok: false, status: err.status, data: err.data || null, headers: err.headers }
                             : { ok: false, status: 0, network: true, error: err };
  }
  return ensureToken().then(function (token) {
    return send(method, path, body, token).then(function (r) {
      if (!tokenRefused(r)) return r;
      forgetToken();
      return ensureToken().then(function (fresh) { return send(method, path, body, fresh); }, failed);
    });
  }, failed);
}

function retryAfter(r, fallback) {
  var n = r && r.headers ? parseInt(r.headers.get("Retry-After") || "", 10) : NaN;
  return isFinite(n) && n > 0 ? n : fallback;
}

/* ---- hide for me: the ids of stars this browser never draws again (the newest 500) ---- */
var hiddenList = null, hiddenSet = null;
function loadHidden() {
  var list = [];
  try {
    var raw = window.localStorage.getItem(HIDDEN_KEY);
    var parsed = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) list = parsed.filter(function (id) { return typeof id === "string" && STAR_RE.test(id); });
  } catch (e) { list = hiddenList || []; }
  hiddenList = list.slice(-HIDDEN_MAX);
  hiddenSet = Object.create(null);
  for (var i = 0; i < hiddenList.length; i++) hiddenSet[hiddenList[i]] = true;
}
function isHidden(id) {
  if (!hiddenSet) loadHidden();
  return !!hiddenSet[id];
}
function hideStar(id) {
  if (typeof id !== "string" || !STAR_RE.test(id)) return false;
  if (!hiddenSet) loadHidden();
  hiddenList = hiddenList.filter(function (x) { return x !== id; });
  hiddenList.push(id);
  if (hiddenList.length > HIDDEN_MAX) hiddenList = hiddenList.slice(-HIDDEN_MAX);
  hiddenSet = Object.create(null);
  for (var i = 0; i < hiddenList.length; i++) hiddenSet[hiddenList[i]] = true;
  try { window.localStorage.setItem(HIDDEN_KEY, JSON.stringify(hiddenList)); } catch (e) { /* kept for this visit */ }
  return true;
}
/* another tab hid a star: this one follows at its next layout */
window.addEventListener("storage", function (e) { if (e.key === HIDDEN_KEY) loadHidden(); });

/* ---- tiny DOM builder (text only) ---- */
function el(tag, props, kids) {
  var e = document.createElement(tag);
  if (props) for (var k in props) {
    if (k === "text") e.textContent = props[k];
    else if (k === "className") e.className = props[k];
    else if (k === "hidden") e.hidden = !!props[k];
    else e.setAttribute(k, props[k]);
  }
  (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
  return e;
}

/* ---- modal dialogs ---- */
var stack = [];          // open dialogs, the top one last: {el, returnTo, fallback, onClose}
var scrim = null;
function ensureScrim() {
  if (scrim) return scrim;
  scrim = el("div", { className: "dlg-scrim", hidden: true, "aria-hidden": "true" });
  scrim.addEventListener("click", function () { var top = stack[stack.length - 1]; if (top && !top.noScrimClose) closeDialog(top.el, "scrim"); });
  document.body.appendChild(scrim);
  return scrim;
}
var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1'])";
function focusables(root) {
  return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (e) {
    return !e.hidden && e.getClientRects().length > 0 && !(e.type === "radio" && !e.checked && root.querySelector("input[type=radio][name='" + e.name + "']:checked"));
  });
}
function usable(e) {
  return !!e && e.isConnected && typeof e.focus === "function" && e.getClientRects().length > 0 && !e.closest("[hidden]");
}
function topDialog() { return stack.length ? stack[stack.length - 1] : null; }

/* Opens `dlg` (an element with role dialog, hidden until now) over the page. opts: initial (the
   element to focus, else the first control), returnTo (given focus back; default: what had
   focus), fallback (an element or a function giving one, when returnTo is gone), onClose(how). */
function openDialog(dlg, opts) {
  opts = opts || {};
  for (var i = 0; i < stack.length; i++) if (stack[i].el === dlg) return;
  stack.push({ el: dlg, returnTo: opts.returnTo || document.activeElement, fallback: opts.fallback, onClose: opts.onClose, noScrimClose: !!opts.noScrimClose });
  ensureScrim().hidden = false;
  dlg.hidden = false;
  dlg.classList.remove("show");
  void dlg.offsetWidth;
  dlg.classList.add("show");
  document.body.classList.add("dialog-open");
  var first = opts.initial || focusables(dlg)[0] || dlg;
  if (first === dlg && !dlg.hasAttribute("tabindex")) dlg.setAttribute("tabindex", "-1");
  try { first.focus({ preventScroll: true }); } catch (e) { first.focus(); }
}

function closeDialog(dlg, how) {
  var at = -1;
  for (var i = 0; i < stack.length; i++) if (stack[i].el === dlg) at = i;
  if (at < 0) return;
  var rec = stack.splice(at, 1)[0];
  dlg.hidden = true;
  if (!stack.length) { if (scrim) scrim.hidden = true; document.body.classList.remove("dialog-open"); }
  if (typeof rec.onClose === "function") rec.onClose(how || "close");
  var target = rec.returnTo;
  if (!usable(target)) target = typeof rec.fallback === "function" ? rec.fallback() : rec.fallback;
  if (!usable(target) && stack.length) target = focusables(stack[stack.length - 1].el)[0];
  if (target && typeof target.focus === "function") { try { target.focus({ preventScroll: true }); } catch (e) { target.focus(); } }
}

function isOpen(dlg) {
  if (!dlg) return stack.length > 0;
  for (var i = 0; i < stack.length; i++) if (stack[i].el === dlg) return true;
  return false;
}

/* Escape closes the top dialog and nothing else hears it; Tab cycles inside it. */
window.addEventListener("keydown", function (e) {
  var top = topDialog();
  if (!top) return;
  if (e.key === "Escape" || e.key === "Esc") {
    e.preventDefault();
    e.stopImmediatePropagation();
    closeDialog(top.el, "escape");
    return;
  }
  if (e.key !== "Tab") return;
  var list = focusables(top.el);
  if (!list.length) { e.preventDefault(); return; }
  var first = list[0], last = list[list.length - 1], active = document.activeElement;
  if (e.shiftKey && (active === first || !top.el.contains(active))) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && (active === last || !top.el.contains(active))) { e.preventDefault(); first.focus(); }
}, true);
/* focus that wanders out of an open dialog (a click behind the scrim, a script) comes back */
document.addEventListener("focusin", function (e) {
  var top = topDialog();
  if (!top || top.el.contains(e.target)) return;
  var list = focusables(top.el);
  (list[0] || top.el).focus();
});

/* ---- report a star ---- */
var R = null;    // the report dialog's parts, built on first use
function buildReport() {
  if (R) return R;
  R = {};
  R.close = el("button", { type: "button", className: "dlg-x", "aria-label": t("dialog.close") }, [el("span", { "aria-hidden": "true", text: "×" })]);
  R.title = el("h2", { id: "report-title", className: "dlg-title", text: t("report.title") });
  R.quote = el("p", { id: "report-quote", className: "dlg-quote" });
  R.status = el("p", { id: "report-status", className: "dlg-status", role: "status", "aria-live": "polite" });
  var reasons = el("fieldset", { className: "report-reasons" }, [el("legend", { className: "dlg-lead", text: t("report.question") })]);
  R.radios = [];
  REASONS.forEach(function (reason) {
    var input = el("input", { type: "radio", name: "report-reason", value: reason, id: "report-" + reason });
    R.radios.push(input);
    reasons.appendChild(el("label", { className: "report-reason", "for": "report-" + reason }, [input, el("span", { text: t("report.reason." + reason) })]));
  });
  R.send = el("button", { type: "submit", className: "dlg-btn primary", id: "report-send", text: t("report.send") });
  R.cancel = el("button", { type: "button", className: "dlg-btn", id: "report-cancel", text: t("dialog.cancel") });
  R.form = el("form", { className: "report-form", novalidate: "" }, [reasons, el("div", { className: "dlg-actions" }, [R.send, R.cancel])]);
  R.hide = el("button", { type: "button", className: "dlg-btn", id: "report-hide", text: t("tip.hide") });
  R.done = el("button", { type: "button", className: "dlg-btn primary", id: "report-done", text: t("dialog.close") });
  R.after = el("div", { className: "dlg-actions", hidden: true }, [R.done, R.hide]);
  R.dlg = el("section", { id: "report-dialog", className: "dlg report", role: "dialog", "aria-modal": "true",
    "aria-labelledby": "report-title", "aria-describedby": "report-quote", hidden: true },
  [R.close, R.title, R.quote, R.form, R.status, R.after]);
  document.body.appendChild(R.dlg);
  var shut = function () { closeDialog(R.dlg, "close"); };
  R.close.addEventListener("click", shut);
  R.cancel.addEventListener("click", shut);
  R.done.addEventListener("click", shut);
  R.hide.addEventListener("click", function () {
    var hide = R.onHide;
    R.returnGone = true;
    shut();
    if (typeof hide === "function") hide();
  });
  R.form.addEventListener("submit", function (e) { e.preventDefault(); sendReport(); });
  return R;
}

function setReportStatus(msg, kind) {
  R.status.textContent = msg || "";
  R.status.setAttribute("data-kind", msg ? kind || "info" : "");
}

function sendReport() {
  if (R.sending) return;
  var reason = null;
  for (var i = 0; i < R.radios.length; i++) if (R.radios[i].checked) reason = R.radios[i].value;
  if (!reason) {
    setReportStatus(t("report.pick"), "hint");
    R.radios[0].focus();
    return;
  }
  R.sending = true;
  R.send.setAttribute("aria-busy", "true");
  setReportStatus(t("report.sending"), "info");
  var id = R.star.id;
  api("POST", "/api/worries/" + encodeURIComponent(id) + "/reports", { reason: reason }, true).then(function (r) {
    R.sending = false;
    R.send.removeAttribute("aria-busy");
    if (R.dlg.hidden || !R.star || R.star.id !== id) return;
    if (r.ok) return reported(t("report.thanks"), reason);
    if (r.status === 404) return reported(t("report.gone"), null);
    if (r.network) return setReportStatus(t("msg.network"), "error");
    if (r.status === 429) return setReportStatus(t("msg.rateLimited", { n: retryAfter(r, 60) }), "error");
    setReportStatus(t("msg.generic"), "error");
  });
}

function reported(msg, reason) {
  R.form.hidden = true;
  R.after.hidden = false;
  R.hide.hidden = !R.onHide || reason === null;
  setReportStatus(msg, "ok");
  R.done.focus();
  R.lastReport = { id: R.star.id, reason: reason };
  if (reason && typeof R.onReported === "function") R.onReported(R.star, reason);
}

/* Opens the report dialog for a star {id, text}. opts: returnTo, fallback, onReported(star,
   reason), onHide() (offered after the report: "hide for me"). */
function report(star, opts) {
  opts = opts || {};
  if (!star || typeof star.id !== "string") return false;
  buildReport();
  R.star = { id: star.id, text: String(star.text || "") };
  R.onReported = opts.onReported;
  R.onHide = opts.onHide;
  R.returnGone = false;
  R.sending = false;
  R.quote.textContent = R.star.text;
  R.quote.hidden = !R.star.text;
  R.radios.forEach(function (r) { r.checked = false; });
  R.form.hidden = false;
  R.after.hidden = true;
  setReportStatus("");
  openDialog(R.dlg, {
    initial: R.radios[0],
    returnTo: opts.returnTo,
    fallback: opts.fallback,
    onClose: function () { if (typeof opts.onClose === "function") opts.onClose(R.returnGone); }
  });
  return true;
}

export var Safety = {
  ownerToken: ownerToken,
  ensureToken: ensureToken,
  api: api,
  retryAfter: retryAfter,
  isHidden: isHidden,
  hideStar: hideStar,
  hiddenStars: function () { if (!hiddenList) loadHidden(); return hiddenList.slice(); },
  STAR_RE: STAR_RE,
  el: el,
  openDialog: openDialog,
  closeDialog: closeDialog,
  isOpen: isOpen,
  report: report,
  get lastReport() { return R ? R.lastReport || null : null; }
};
