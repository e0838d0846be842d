/* Dump It! — the share card's player: the clip, muted, looping, inline (browsers only
   autoplay muted), and its sound toggle. */
import { I18n } from "./i18n.js";

var t = I18n.t;

/* The player of a clip: its MP4 (made with the clip, it plays everywhere; the WebM is made
   when first asked for) and its thumbnail as the poster, both same-origin paths or null. */
export function clipVideo(mp4, poster) {
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
  if (poster) v.setAttribute("poster", poster);
  if (mp4) { var s1 = document.createElement("source"); s1.src = mp4; s1.type = "video/mp4"; v.appendChild(s1); }
  var fb = document.createElement("p");
  fb.textContent = t("card.noVideo");
  v.appendChild(fb);
  return v;
}

/* Loads the player and starts it; where autoplay is refused its controls stay available. */
export function startVideo(v) {
  v.load();
  var pp = v.play();
  if (pp && pp.catch) pp.catch(function () { /* autoplay may be refused; controls stay available */ v.controls = true; });
}

/* The clip has a sound of wind and dust, but browsers only autoplay muted: the player starts
   muted and this toggle (a real button, aria-pressed = sound on) turns the sound on and off. */
export function soundButton(v) {
  var b = document.createElement("button");
  b.type = "button";
  b.id = "card-sound";
  b.className = "card-sound";
  b.setAttribute("aria-pressed", "false");
  var ns = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(ns, "svg");
  icon.setAttribute("class", "card-sound-icon");
  icon.setAttribute("viewBox", "0 0 20 20");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  [["path", "M3 7.5h3.2L11 3.5v13L6.2 12.5H3z", ""], ["path", "M14 7a4 4 0 0 1 0 6", "waves"],
    ["path", "M16.2 4.8a7 7 0 0 1 0 10.4", "waves"], ["path", "M13.5 7.5l5 5M18.5 7.5l-5 5", "slash"]].forEach(function (d) {
    var e = document.createElementNS(ns, d[0]);
    e.setAttribute("d", d[1]);
    if (d[2]) e.setAttribute("class", d[2]);
    icon.appendChild(e);
  });
  var label = document.createElement("span");
  label.textContent = t("card.sound");
  b.appendChild(icon);
  b.appendChild(label);
  b.addEventListener("click", function () {
    var on = v.muted;
    v.muted = !on;
    b.setAttribute("aria-pressed", on ? "true" : "false");
    if (on && v.paused) {
      var p = v.play();
      if (p && p.catch) p.catch(function () { v.controls = true; });
    }
  });
  return b;
}
