/* Dump It! — the counter: "n명이 k개의 고민을 비워냈습니다", its numbers counting up to the
   new figures (at once with reduced motion), from GET /api/stats or a sky delta's stats. */
import { I18n } from "./i18n.js";
import { Safety } from "./safety.js";

var I = I18n, t = I.t, api = Safety.api;
var reducedMotion = function () {
  return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
};

var statsEl = document.getElementById("stats");
var shown = { people: 0, worries: 0 };
var held = { people: null, worries: null };       // the figures last received
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
  if (reducedMotion() || held.people === null) {
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
export function showStats(data) {
  var p = Math.max(0, Math.round(Number(data.people) || 0)), w = Math.max(0, Math.round(Number(data.worries) || 0));
  var first = held.people === null;
  if (!first && p === held.people && w === held.worries) return;
  animateStats(p, w);
  held = { people: p, worries: w };
  if (first) statsEl.classList.add("ready");
}
export function loadStats() {
  return api("GET", "/api/stats").then(function (r) {
    if (r.ok && r.data) showStats(r.data);
  });
}
