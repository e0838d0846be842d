/* Dump It! — the client of the worry endpoints (Assets/openapi.yaml), on Safety's `api` (the owner
   token, JSON, {ok, status, data, raw, headers} or {network: true}), and what their answers'
   fields may be taken as on the page. No DOM. */
import { Safety } from "./safety.js";

var api = Safety.api;

export var Worries = {
  /* GET /api/limits: the door's limit on a worry's length (the server's number, not a copy), or 0 */
  limit: function () {
    return api("GET", "/api/limits").then(function (r) {
      var max = r.ok && r.data && r.data.text && r.data.text.maxCharacters;
      return typeof max === "number" && max > 0 ? max : 0;
    });
  },
  /* GET /api/sky: everyone's sky as a delta against `since` (the version held, "0" for the
     whole sky), or my own sky (small, always whole, with my token) */
  sky: function (mine, since) {
    if (mine) return api("GET", "/api/sky?scope=mine", undefined, true);
    return api("GET", "/api/sky?since=" + encodeURIComponent(since || "0"), undefined, false);
  },
  /* POST /api/worries: a worry, with my token; with `since`, the answer carries the shared
     sky as a delta against that version */
  post: function (text, since) {
    var path = since ? "/api/worries?since=" + encodeURIComponent(since) : "/api/worries";
    return api("POST", path, { text: text }, true);
  },
  /* GET /api/worries: my live worries, newest first */
  mine: function () { return api("GET", "/api/worries", undefined, true); },
  /* GET /api/worries/{id}: one worry and its clip (with my token: a worry only I can see answers only me) */
  one: function (id) { return api("GET", "/api/worries/" + encodeURIComponent(id), undefined, true); },
  /* DELETE /api/worries/{id}: one of mine, gone */
  remove: function (id) { return api("DELETE", "/api/worries/" + encodeURIComponent(id), undefined, true); }
};

/* A worry's visibility as the page knows it: "private" (kept for me by the server's verdict),
   "hidden" (after a report), else "public". */
export function visibilityOf(v) { return v === "private" || v === "hidden" ? v : "public"; }

/* Only server paths like "/clips/x.webm" (never another host, never javascript:), else null. */
export function sameOriginPath(p) {
  return typeof p === "string" && /^\/[^/\\]/.test(p) ? p : null;
}
