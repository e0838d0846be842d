/* Dump It! — the one state the home page's modules share (app.js makes it and hands it to
   each). Everything else a module keeps to itself and shows through its own object. */

/* An entry of `dumps`, one of my worries:
     {id, worry: {id, text, createdAt, expiresAt}, clip: {status, progress, waitSeconds, mp4, ...},
      share: "/w/...", visibility: "public" | "private" | "hidden", care: {...} | null,
      star: star id | null (once the list named it), listed: in "내 고민", polling: its clip
      followed, deleted: gone here} */
export function homeState() {
  return {
    scope: "all",                 // the toggle: "all" (모두의 고민) or "mine" (내 고민); set only by mine.js
    /* what the server did to the last worry ("전화번호는 가렸어요."), shown before a happy
       status; set by the dump box, cleared by a delete */
    note: "",
    dumps: {},                    // worry id -> entry: every worry of mine this visit knows (dumped or listed)
    deleted: Object.create(null), // worry id -> true: deleted here (a list answer on its way does not bring it back)
    mine: []                      // my live worries as listed (entries of `dumps`), newest first
  };
}
