import Crypto
import DumpStore
import Foundation

/// The HTML page behind a share link, `/w/{id}`: the worry's words, its clip playing, and the
/// Open Graph / Twitter player tags that let chat apps and social sites preview it.
///
/// Every worry string is HTML-escaped. While the clip renders the page says so, with a link to
/// load it again (no automatic refresh: a page that reloads itself under a reader's eyes or a
/// screen reader fails WCAG 2.2.1); once the worry has expired it becomes a gentle "flown away" page.
struct SharePage {
    /// Absolute origin for the tags (`https://dump.example`), without a trailing slash.
    var origin: String
    /// The clip's frame size, for the player tags.
    var clip: ClipSettings
    /// The visitor's language: Korean unless the browser prefers another language first.
    var language: Language = .korean

    /// The two languages of the site, as on the live page.
    enum Language: String {
        case korean = "ko", english = "en"

        /// Korean when the first language in `Accept-Language` is Korean or none is given;
        /// English otherwise.
        init(acceptLanguage: String?) {
            let first =
                acceptLanguage?.split(separator: ",").first?
                .split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            self = first.isEmpty || first == "*" || first.hasPrefix("ko") ? .korean : .english
        }
    }

    /// The page's words in its language.
    private var words: Words { language == .korean ? .korean : .english }

    private struct Words {
        var pending, reload, failed, gone, missing, dumpYours, tonight, fades, goneTitle, intro: String
        var safety: String

        static let korean = Words(
            pending: "먼지가 아직 가라앉는 중이에요… 잠시 뒤에 영상이 나타나요.", reload: "다시 불러오기",
            failed: "영상을 만들지 못했어요. 그래도 고민은 잘 비워졌어요.",
            gone: "이 고민은 이미 날아갔어요. 고민은 하루만 머물러요.",
            missing: "여기엔 고민이 없어요. 오래전에 날아갔을지도 몰라요.",
            dumpYours: "나도 고민 버리기", tonight: "오늘의 밤하늘",
            fades: "24시간 뒤에는 하늘에서도 사라져요.", goneTitle: "날아간 고민",
            intro: "Dump It!은 마음속 고민을 적으면 빛나는 먼지로 날려 보내고, 하루 동안 모두의 밤하늘에 별로 띄워 주는 곳이에요.",
            safety: "안전 수칙 · 신고")
        static let english = Words(
            pending: "The dust is still settling… the clip will appear in a moment.", reload: "Load again",
            failed: "This clip could not be made, but the worry has still been dumped.",
            gone: "This worry has already flown away. Worries only stay for a day.",
            missing: "There is no worry here. It may have flown away a while ago.",
            dumpYours: "Dump your own worry", tonight: "Tonight's sky",
            fades: "In 24 hours it leaves the sky too.", goneTitle: "Flown away",
            intro:
                "Dump It! turns a worry you write into glowing dust that flies away, then keeps it for a day as a star in everyone's night sky.",
            safety: "Safety · Report")
    }

    /// The page of a live worry.
    func live(_ worry: Worry, status: ClipStatus) -> String {
        let id = worry.id.rawValue
        let text = HTMLText.escape(worry.text)
        let title = HTMLText.escape(Self.title(for: worry.text))
        let base = HTMLText.escape(origin)
        let page = "\(base)/w/\(id)"
        let mp4 = "\(base)/clips/\(id).mp4"
        let png = "\(base)/clips/\(id).png"
        let player: String
        switch status {
        case .ready:
            player = """
                <video class="clip" autoplay loop muted playsinline controls poster="/clips/\(id).png" width="\(clip.width)" height="\(clip.height)">
                <source src="/clips/\(id).mp4" type="video/mp4">
                </video>
                """
        case .queued, .rendering:
            player = "<p class=\"note\">\(words.pending) <a href=\"/w/\(id)\">\(words.reload)</a></p>"
        case .failed:
            player = "<p class=\"note\">\(words.failed)</p>"
        }
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Dump It!</title>
            <meta name="description" content="\(text)">
            <meta property="og:site_name" content="Dump It!">
            <meta property="og:type" content="video.other">
            <meta property="og:title" content="\(title)">
            <meta property="og:description" content="\(text)">
            <meta property="og:url" content="\(page)">
            <meta property="og:image" content="\(png)">
            <meta property="og:image:width" content="\(clip.width)">
            <meta property="og:image:height" content="\(clip.height)">
            <meta property="og:video" content="\(mp4)">
            <meta property="og:video:type" content="video/mp4">
            <meta property="og:video:width" content="\(clip.width)">
            <meta property="og:video:height" content="\(clip.height)">
            <meta name="twitter:card" content="player">
            <meta name="twitter:title" content="\(title)">
            <meta name="twitter:description" content="\(text)">
            <meta name="twitter:image" content="\(png)">
            <meta name="twitter:player" content="\(page)">
            <meta name="twitter:player:width" content="\(clip.width)">
            <meta name="twitter:player:height" content="\(clip.height)">
            <meta name="twitter:player:stream" content="\(mp4)">
            <meta name="twitter:player:stream:content_type" content="video/mp4">
            <link rel="icon" href="/assets/favicon.svg">
            \(Self.style)
            </head>
            <body>
            <main>
            <p class="headline" aria-hidden="true">FREE YOUR MIND</p>
            <p class="intro">\(words.intro)</p>
            <a class="cta" href="/">\(words.dumpYours)</a>
            \(player)
            <h1 class="worry">\(text)</h1>
            <p class="note">\(words.fades)</p>
            <p class="foot"><a href="/">\(words.dumpYours)</a> · <a href="/sky">\(words.tonight)</a> · <a href="/safety">\(words.safety)</a></p>
            </main>
            </body>
            </html>

            """
    }

    /// The page of a worry that has flown away (410) or was never here (404): kind, no details.
    func gone(found: Bool) -> String {
        let message = found ? words.gone : words.missing
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(words.goneTitle) · Dump It!</title>
            <meta property="og:title" content="Dump It!">
            <meta property="og:description" content="\(message)">
            <link rel="icon" href="/assets/favicon.svg">
            \(Self.style)
            </head>
            <body>
            <main>
            <p class="headline" aria-hidden="true">FREE YOUR MIND</p>
            <p class="intro">\(words.intro)</p>
            <a class="cta" href="/">\(words.dumpYours)</a>
            <h1 class="worry">\(message)</h1>
            <p class="foot"><a href="/">\(words.dumpYours)</a> · <a href="/sky">\(words.tonight)</a></p>
            </main>
            </body>
            </html>

            """
    }

    /// "Dump It!: <first words>" — og:title wants a short line.
    static func title(for text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    /// The page's one style sheet, inline (a share page is one request for a crawler).
    static let styleSheet = """
        html,body{margin:0;min-height:100%;background:#0a0a12;color:#e8f6f3;font-family:"Noto Sans CJK KR","Apple SD Gothic Neo","Malgun Gothic","Noto Color Emoji",system-ui,sans-serif}
        body{min-height:100vh;min-height:100dvh;background:radial-gradient(ellipse at 50% 35%,#141a2b 0%,#0a0a12 70%) fixed #0a0a12}
        main{max-width:960px;margin:0 auto;padding:3vh 1rem 4vh;text-align:center}
        @font-face{font-family:"Dump Headline";src:url(/assets/fonts/Inter-ExtraBold-Latin.woff2) format("woff2");font-weight:800;font-display:swap}
        .headline{margin:0 0 1.6vh;font-family:"Dump Headline","Noto Sans CJK KR",system-ui,sans-serif;font-weight:800;letter-spacing:.45em;font-size:clamp(1.1rem,4.5vw,2.6rem);color:rgba(255,255,255,.25);text-indent:.45em}
        .intro{max-width:30em;margin:0 auto 1.1rem;font-size:.92rem;line-height:1.55;opacity:.62;word-break:keep-all}
        .cta{display:inline-flex;align-items:center;justify-content:center;min-height:48px;padding:0 30px;margin:0 0 2.4vh;border-radius:999px;background:#64ffda;color:#0a0a12;font-weight:700;font-size:1.05rem;text-decoration:none;box-shadow:0 0 28px rgba(100,255,218,.35)}
        .cta:hover,.cta:focus-visible{background:#8affe4;outline:2px solid rgba(100,255,218,.5);outline-offset:3px}
        .clip{width:100%;height:auto;border-radius:16px;background:#0a0a12;box-shadow:0 0 40px rgba(100,255,218,.12);border:1px solid rgba(100,255,218,.18)}
        .worry{font-size:1.3rem;font-weight:400;line-height:1.6;white-space:pre-wrap;overflow-wrap:anywhere;margin:1.6rem auto .6rem;max-width:40em}
        .note{opacity:.65;font-size:.95rem}
        .foot{margin-top:2rem}
        .foot a{color:#64ffda;text-decoration:none;border-bottom:1px solid rgba(100,255,218,.4)}
        .foot a:hover,.foot a:focus-visible{border-bottom-color:#64ffda}
        .rules{max-width:36em;margin:0 auto;text-align:left;line-height:1.7}
        .rules h1{font-size:1.5rem;margin:1.2rem 0 .4rem}.rules h2{font-size:1.1rem;margin:1.6rem 0 .3rem;color:#64ffda}
        .rules p,.rules li{font-size:.98rem;color:#d5e6e2;word-break:keep-all}.rules a{color:#64ffda}
        .rules .call{font-size:1.2rem;font-weight:700}
        """

    static let style = "<style>" + styleSheet + "</style>"

    /// No script at all; the inline style allowed by its hash only; the clip and images from
    /// this origin; framing allowed, since the page is the Twitter player card's player.
    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src '\(cspHash(styleSheet))'", "img-src 'self'", "media-src 'self'", "font-src 'self'",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors *",
    ].joined(separator: "; ")

    /// `sha256-<base64>` of a style or script element's text, as CSP wants it.
    static func cspHash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
