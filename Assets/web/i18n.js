/* Dump It! — UI strings (Korean by default, English otherwise) and small shared helpers.
   Every string that reaches the page goes through textContent, never innerHTML. */

var STRINGS = {
  ko: {
    "doc.title": "Dump It! · 고민 버리는 곳",
    "doc.skyTitle": "오늘의 밤하늘 · Dump It!",
    "tagline": "마음속 짐을 가루로 만들어 날려 보내세요",
    "scope.group": "어떤 고민을 볼까요",
    "scope.all": "모두의 고민",
    "scope.mine": "내 고민",
    "input.label": "고민 적기",
    "input.placeholder": "당신의 고민을 적어보세요...",
    "input.hint": "Enter로 날려 보내기 · Shift+Enter 줄바꿈",
    "button.dump": "Dump It!",
    "button.dumpLabel": "Dump It! — 고민 날려 보내기",
    "counter.label": "글자 수 {n} / {max}",
    "stats.template": "총 {people}명이 {worries}개의 고민을 비워냈습니다",
    "footer.text": "24시간 후 사라지는 고민 버리는 곳 · DumpIt",
    "footer.sky": "오늘의 밤하늘 보기",
    "sky.region": "오늘 밤의 하늘",
    "motion.pause": "움직임 멈추기",
    "motion.play": "움직임 켜기",
    "list.open": "목록으로 보기",
    "list.title": "오늘 밤의 고민들",
    "list.close": "목록 닫기",
    "list.summary": "별 {n}개 · 별자리 {k}개. 고민을 고르면 하늘의 그 별이 열려요.",
    "list.group": "✦ {name} 별자리 · 고민 {n}개",
    "list.alone": "별자리에 들지 않은 별 · {n}개",
    "list.more": "{n}개 더 보기 (남은 고민 {left}개)",
    "list.mine": "내 고민",
    "list.moreShort": "더 보기",
    "list.gone": "이 별은 방금 하늘에서 사라졌어요.",
    "sky.label": "고민 {n}개가 별이 되어 떠 있는 밤하늘",
    "sky.emptyAll": "아직 하늘이 비어 있어요. 첫 고민을 날려 보세요.",
    "sky.emptyMine": "아직 날려 보낸 고민이 없어요.",
    "mine.title": "아직 하늘에 떠 있는 내 고민 · 누르면 영상을 다시 볼 수 있어요",
    "mine.hoursLeft": "{n}시간 남음",
    "mine.minutesLeft": "{n}분 남음",
    "mine.ready": "영상 있음",
    "mine.making": "영상 만드는 중",
    "mine.failed": "영상 없음",
    "mine.open": "{text} — 카드 열기",
    "tip.count1": "×1",
    "tip.countN": "×{n} · {n}명이 같은 고민",
    "tip.constellation": "✦ {name} 별자리 · 고민 {n}개",
    "legend.title": "오늘의 별자리",
    "legend.label": "비슷한 고민끼리 모인 별자리",
    "legend.size": "{n}",
    "legend.item": "{name} 별자리, 고민 {n}개",
    "msg.empty": "먼저 고민을 적어 주세요.",
    "msg.tooLong": "고민은 {max}자까지 적을 수 있어요.",
    "msg.rateLimited": "{n}초 후에 다시 시도해 주세요",
    "msg.network": "서버에 연결할 수 없어요. 인터넷 연결을 확인하고 다시 시도해 주세요.",
    "msg.generic": "문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    "msg.restored": "적은 고민은 다시 입력창에 넣어 두었어요.",
    "msg.sent": "고민이 먼지가 되어 날아갔어요. 영상을 만드는 중…",
    "msg.clipReady": "영상이 준비되었어요.",
    "msg.clipQueued": "다른 고민의 카드 {n}개가 기다려요. 이 카드를 닫으면 이어서 보여 드릴게요.",
    "card.queued": "영상을 만들 차례를 기다리는 중… 약 {n}초",
    "card.queuedLong": "지금 고민을 버리는 사람이 많아요. 영상까지 약 {m}분 걸려요.",
    "card.rendering": "먼지를 영상으로 담는 중… {p}% · 약 {n}초",
    "card.story": "세로 영상",
    "msg.clipFailed": "영상을 만들지 못했어요. 그래도 고민은 하늘에 잘 올라갔어요.",
    "msg.clipTimeout": "영상이 아직 준비되지 않았어요. 잠시 후 공유 링크에서 확인해 주세요.",
    "card.label": "공유 카드",
    "card.title": "고민이 별이 되었어요",
    "card.sub": "24시간 뒤에는 하늘에서도 사라져요.",
    "card.mp4": "MP4 저장",
    "card.webm": "WebM 저장",
    "card.making": "영상을 만드는 중…",
    "card.makeFailed": "영상을 만들지 못했어요. 잠시 뒤에 다시 눌러 주세요.",
    "card.copy": "링크 복사",
    "card.copied": "복사했어요!",
    "card.copyManual": "링크를 선택해 두었어요. 복사해 주세요.",
    "card.linkLabel": "공유 링크",
    "card.close": "닫기",
    "card.noVideo": "이 브라우저에서는 영상을 재생할 수 없어요. 아래에서 파일로 저장해 주세요.",
    "card.sound": "소리",
    "skyPage.heading": "오늘의 밤하늘",
    "skyPage.sub": "지난 24시간 동안 비워낸 모든 고민이 별이 되어 떠 있어요.",
    "skyPage.alt": "지난 24시간 동안의 모든 고민이 성단처럼 모여 있는 밤하늘 그림",
    "skyPage.loading": "하늘을 그리는 중…",
    "skyPage.imgError": "밤하늘 그림을 불러오지 못했어요.",
    "skyPage.download": "PNG로 저장",
    "skyPage.posters": "지난 밤들",
    "skyPage.noPosters": "아직 지난 밤의 포스터가 없어요.",
    "skyPage.morePosters": "이전 밤 더 보기",
    "skyPage.postersError": "포스터 목록을 불러오지 못했어요.",
    "skyPage.posterWorries": "고민 {n}개",
    "skyPage.posterAlt": "{date} 밤하늘 포스터, 고민 {n}개",
    "skyPage.back": "← 고민 버리러 가기",
    "skyPage.zoomGroup": "하늘 확대와 축소",
    "skyPage.zoomIn": "확대",
    "skyPage.zoomOut": "축소",
    "skyPage.zoomReset": "하늘 전체 보기",
    "skyPage.zoomHint": "휠이나 두 손가락으로 확대하고, 끌어서 둘러보세요. 가까이 볼수록 더 많은 고민이 읽혀요.",
    /* trust & safety (docs/safety.md). The masked kinds all end in a vowel, so "는" and "와" fit each. */
    "footer.safety": "안전 수칙",
    "mask.phone": "전화번호",
    "mask.email": "이메일 주소",
    "mask.resident_number": "주민등록번호",
    "mask.card": "카드 번호",
    "mask.link": "링크",
    "msg.masked1": "{a}는 가렸어요.",
    "msg.masked2": "{a}와 {b}는 가렸어요.",
    "msg.maskedMany": "개인 정보는 가렸어요.",
    "msg.private": "이 고민은 나만 볼 수 있게 두었어요.",
    "msg.notAllowed": "이 고민은 하늘에 올리지 않았어요. 적은 글은 입력창에 그대로 있어요.",
    "msg.deleted": "지웠어요",
    "msg.alreadyGone": "이미 사라진 고민이에요.",
    "msg.hidden": "이 별을 숨겼어요. 이 기기에서는 다시 보이지 않아요.",
    "care.title": "이야기를 들어 줄 곳이 있어요",
    "care.callHint": "전화 걸기",
    "care.more": "다른 곳",
    "care.private": "이 고민은 모두의 하늘에 띄우지 않고, 나만 볼 수 있게 두었어요.",
    "care.refused": "이 글은 하늘에 올리지 않았어요. 적은 글은 입력창에 그대로 있어요.",
    "dialog.close": "닫기",
    "dialog.cancel": "취소",
    "card.delete": "이 고민 지우기",
    "card.care": "이야기 나눌 곳 보기",
    "card.subPrivate": "나만 볼 수 있는 고민이에요. 24시간 뒤에 사라져요.",
    "card.subHidden": "신고가 있어 모두의 하늘에서는 숨겨졌어요. 24시간 뒤에 사라져요.",
    "card.hiddenClip": "신고가 있어 이 영상은 닫아 두었어요.",
    "mine.delete": "지우기",
    "mine.deleteLabel": "‘{text}’ 지우기",
    "mine.private": "나만 보기",
    "mine.hidden": "숨겨짐",
    "del.title": "이 고민을 지울까요?",
    "del.desc": "영상과 공유 링크도 함께 사라져요.",
    "del.yes": "지우기",
    "del.working": "지우는 중…",
    "tip.actions": "이 별에 대해",
    "tip.report": "신고",
    "tip.reportLabel": "‘{text}’ 신고",
    "tip.hide": "이 별 숨기기",
    "tip.hideLabel": "‘{text}’ — 이 별 숨기기",
    "tip.prev": "이전 별",
    "tip.next": "다음 별",
    "tip.close": "닫기",
    "tip.browseSay": "{text} · {k} / {n}",
    "browse.start": "별 하나씩 살펴보기",
    "report.title": "이 별 신고하기",
    "report.question": "어떤 점이 걱정되나요?",
    "report.reason.personal_info": "개인 정보가 보여요",
    "report.reason.hate": "혐오·괴롭힘",
    "report.reason.self_harm": "위험해 보여요 (자해·자살)",
    "report.reason.spam": "광고·스팸",
    "report.reason.other": "기타",
    "report.send": "신고하기",
    "report.sending": "보내는 중…",
    "report.pick": "이유를 하나 골라 주세요.",
    "report.thanks": "신고해 주셔서 고마워요. 살펴볼게요.",
    "report.gone": "이 별은 이미 하늘에서 내려왔어요."
  },
  en: {
    "doc.title": "Dump It! · a place to let worries go",
    "doc.skyTitle": "Tonight's sky · Dump It!",
    "tagline": "Turn what weighs on you into dust and let it blow away",
    "scope.group": "Whose worries to show",
    "scope.all": "Everyone's worries",
    "scope.mine": "My worries",
    "input.label": "Your worry",
    "input.placeholder": "Write down your worry...",
    "input.hint": "Enter to let go · Shift+Enter for a new line",
    "button.dump": "Dump It!",
    "button.dumpLabel": "Dump It! — let this worry go",
    "counter.label": "{n} of {max} characters",
    "stats.template": "{people} people have dumped {worries} worries",
    "stats.template1": "{people} person has dumped {worries} worries",
    "footer.text": "A place to drop worries that vanish after 24 hours · DumpIt",
    "footer.sky": "See tonight's sky",
    "sky.region": "Tonight's sky",
    "motion.pause": "Pause motion",
    "motion.play": "Play motion",
    "list.open": "List view",
    "list.title": "Tonight's worries",
    "list.close": "Close the list",
    "list.summary": "{n} stars in {k} constellations. Choose a worry to open its star in the sky.",
    "list.group": "✦ {name} constellation · {n} worries",
    "list.alone": "Stars of no constellation · {n}",
    "list.more": "Show {n} more ({left} left)",
    "list.mine": "mine",
    "list.moreShort": "Show more",
    "list.gone": "This star has just left the sky.",
    "sky.label": "Night sky with {n} worries as stars",
    "sky.emptyAll": "The sky is still empty. Be the first to let a worry go.",
    "sky.emptyMine": "You haven't let any worries go yet.",
    "mine.title": "Your worries still in the sky · tap one to see its clip again",
    "mine.hoursLeft": "{n} h left",
    "mine.minutesLeft": "{n} min left",
    "mine.ready": "clip ready",
    "mine.making": "making the clip",
    "mine.failed": "no clip",
    "mine.open": "{text} — open its card",
    "tip.count1": "×1",
    "tip.countN": "×{n} · {n} people share this",
    "tip.constellation": "✦ {name} constellation · {n} worries",
    "legend.title": "Tonight's constellations",
    "legend.label": "Constellations of similar worries",
    "legend.size": "{n}",
    "legend.item": "{name} constellation, {n} worries",
    "msg.empty": "Write down a worry first.",
    "msg.tooLong": "A worry can be at most {max} characters.",
    "msg.rateLimited": "Please try again in {n} s",
    "msg.network": "Can't reach the server. Check your connection and try again.",
    "msg.generic": "Something went wrong. Please try again in a moment.",
    "msg.restored": "Your text is back in the box.",
    "msg.sent": "Your worry turned to dust. Making your clip…",
    "msg.clipReady": "Your clip is ready.",
    "msg.clipQueued": "{n} more card(s) waiting: they follow when you close this one.",
    "card.queued": "Waiting for its turn to become a clip… about {n} s",
    "card.queuedLong": "Many people are letting go right now: your clip will take about {m} min.",
    "card.rendering": "Turning the dust into a clip… {p}% · about {n} s",
    "card.story": "Vertical (stories)",
    "msg.clipFailed": "We couldn't make the clip, but your worry made it to the sky.",
    "msg.clipTimeout": "The clip isn't ready yet. Check the share link in a little while.",
    "card.label": "Share card",
    "card.title": "Your worry became a star",
    "card.sub": "In 24 hours it fades from the sky, too.",
    "card.mp4": "Download MP4",
    "card.webm": "Download WebM",
    "card.making": "Making the video…",
    "card.makeFailed": "The video could not be made. Please try again in a moment.",
    "card.copy": "Copy link",
    "card.copied": "Copied!",
    "card.copyManual": "The link is selected — copy it.",
    "card.linkLabel": "Share link",
    "card.close": "Close",
    "card.noVideo": "This browser can't play the clip. Download it below.",
    "card.sound": "Sound",
    "skyPage.heading": "Tonight's sky",
    "skyPage.sub": "Every worry let go in the last 24 hours, drifting as a star.",
    "skyPage.alt": "A night sky where every worry of the last 24 hours is a star in one cluster",
    "skyPage.loading": "Painting the sky…",
    "skyPage.imgError": "Couldn't load the sky picture.",
    "skyPage.download": "Save as PNG",
    "skyPage.posters": "Past nights",
    "skyPage.noPosters": "No posters from past nights yet.",
    "skyPage.morePosters": "Earlier nights",
    "skyPage.postersError": "Couldn't load the posters.",
    "skyPage.posterWorries": "{n} worries",
    "skyPage.posterAlt": "Night sky poster of {date}, {n} worries",
    "skyPage.back": "← Back to dumping worries",
    "skyPage.zoomGroup": "Zoom the sky",
    "skyPage.zoomIn": "Zoom in",
    "skyPage.zoomOut": "Zoom out",
    "skyPage.zoomReset": "Show the whole sky",
    "skyPage.zoomHint": "Scroll or pinch to zoom, drag to look around: the closer you look, the more worries you can read.",
    "footer.safety": "Safety",
    "mask.phone": "phone number",
    "mask.email": "email address",
    "mask.resident_number": "registration number",
    "mask.card": "card number",
    "mask.link": "link",
    "msg.masked1": "We hid the {a}.",
    "msg.masked2": "We hid the {a} and the {b}.",
    "msg.maskedMany": "We hid the personal details.",
    "msg.private": "This one stays visible only to you.",
    "msg.notAllowed": "We didn't put this one in the sky. Your words are still in the box.",
    "msg.deleted": "Deleted",
    "msg.alreadyGone": "That worry was already gone.",
    "msg.hidden": "Hidden. This star won't show on this device again.",
    "care.title": "Someone can listen",
    "care.callHint": "Call",
    "care.more": "Other places",
    "care.private": "This one isn't in everyone's sky: only you can see it.",
    "care.refused": "We didn't put these words in the sky. They are still in the box.",
    "dialog.close": "Close",
    "dialog.cancel": "Cancel",
    "card.delete": "Delete this worry",
    "card.care": "Places to talk",
    "card.subPrivate": "Only you can see this one. It fades in 24 hours.",
    "card.subHidden": "After a report it was hidden from everyone's sky. It fades in 24 hours.",
    "card.hiddenClip": "After a report this clip is closed.",
    "mine.delete": "Delete",
    "mine.deleteLabel": "Delete ‘{text}’",
    "mine.private": "Only you",
    "mine.hidden": "Hidden",
    "del.title": "Delete this worry?",
    "del.desc": "Its clip and share link go with it.",
    "del.yes": "Delete",
    "del.working": "Deleting…",
    "tip.actions": "About this star",
    "tip.report": "Report",
    "tip.reportLabel": "Report ‘{text}’",
    "tip.hide": "Hide for me",
    "tip.hideLabel": "Hide for me: ‘{text}’",
    "tip.prev": "Previous star",
    "tip.next": "Next star",
    "tip.close": "Close",
    "tip.browseSay": "{text} · {k} of {n}",
    "browse.start": "Browse the stars one by one",
    "report.title": "Report this star",
    "report.question": "What concerns you about it?",
    "report.reason.personal_info": "Shows personal information",
    "report.reason.hate": "Hate or harassment",
    "report.reason.self_harm": "Someone may be in danger",
    "report.reason.spam": "Spam or ads",
    "report.reason.other": "Something else",
    "report.send": "Send report",
    "report.sending": "Sending…",
    "report.pick": "Please choose a reason.",
    "report.thanks": "Thanks — we'll take a look.",
    "report.gone": "This star has already left the sky."
  }
};

function detectLang() {
  try {
    var q = new URLSearchParams(location.search).get("lang");
    if (q === "ko" || q === "en") return q;
  } catch (e) { /* ignore */ }
  var l = (navigator.languages && navigator.languages[0]) || navigator.language || "ko";
  return String(l).toLowerCase().indexOf("ko") === 0 ? "ko" : "en";
}

var lang = detectLang();
var table = STRINGS[lang];

function fill(s, vars) {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, function (m, k) {
    return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
  });
}

function t(key, vars) {
  var s = table[key];
  if (s === undefined) s = STRINGS.ko[key];
  if (s === undefined) s = key;
  return fill(s, vars);
}

function fmtNumber(n) {
  try { return Number(n).toLocaleString(lang === "ko" ? "ko-KR" : "en-US"); }
  catch (e) { return String(n); }
}

/* Fill [data-i18n], [data-i18n-placeholder], [data-i18n-aria-label], [data-i18n-alt]. */
function apply(root) {
  root = root || document;
  document.documentElement.lang = lang;
  var els = root.querySelectorAll("[data-i18n]");
  for (var i = 0; i < els.length; i++) els[i].textContent = t(els[i].getAttribute("data-i18n"));
  var attrs = ["placeholder", "aria-label", "alt", "title"];
  for (var a = 0; a < attrs.length; a++) {
    var name = attrs[a];
    var list = root.querySelectorAll("[data-i18n-" + name + "]");
    for (var j = 0; j < list.length; j++) list[j].setAttribute(name, t(list[j].getAttribute("data-i18n-" + name)));
  }
}

/* Grapheme count (Intl.Segmenter when present, code points otherwise). */
var segmenter = null;
try {
  if (typeof Intl !== "undefined" && Intl.Segmenter) segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
} catch (e) { segmenter = null; }

function graphemes(s) {
  if (!s) return [];
  if (segmenter) {
    var out = [];
    var it = segmenter.segment(s)[Symbol.iterator]();
    for (var r = it.next(); !r.done; r = it.next()) out.push(r.value.segment);
    return out;
  }
  return Array.from(s);
}

function graphemeCount(s) {
  if (!s) return 0;
  if (segmenter) {
    var n = 0;
    var it = segmenter.segment(s)[Symbol.iterator]();
    for (var r = it.next(); !r.done; r = it.next()) n++;
    return n;
  }
  return Array.from(s).length;
}

export var I18n = {
  lang: lang,
  t: t,
  apply: apply,
  fmtNumber: fmtNumber,
  graphemes: graphemes,
  graphemeCount: graphemeCount
};
