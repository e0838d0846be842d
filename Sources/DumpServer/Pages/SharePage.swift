import DumpStore
import Foundation

/// The HTML page behind a share link, `/w/{id}`: the worry's words, its clip playing, and the
/// Open Graph / Twitter player tags that let chat apps and social sites preview it.
///
/// Every worry string is HTML-escaped. While the clip renders the page refreshes itself every
/// few seconds; once the worry has expired it becomes a gentle "flown away" page.
struct SharePage {
    /// Absolute origin for the tags (`https://dump.example`), without a trailing slash.
    var origin: String
    /// The clip's frame size, for the player tags.
    var clip: ClipSettings

    /// The page of a live worry.
    func live(_ worry: Worry, status: ClipStatus) -> String {
        let id = worry.id.rawValue
        let text = HTMLText.escape(worry.text)
        let title = HTMLText.escape(Self.title(for: worry.text))
        let base = HTMLText.escape(origin)
        let page = "\(base)/w/\(id)"
        let mp4 = "\(base)/clips/\(id).mp4"
        let webm = "/clips/\(id).webm"
        let png = "\(base)/clips/\(id).png"
        let refresh = status == .pending ? "\n<meta http-equiv=\"refresh\" content=\"4\">" : ""
        let player: String
        switch status {
        case .ready:
            player = """
                <video class="clip" autoplay loop muted playsinline controls poster="/clips/\(id).png" width="\(clip.width)" height="\(clip.height)">
                <source src="\(webm)" type="video/webm">
                <source src="/clips/\(id).mp4" type="video/mp4">
                </video>
                """
        case .pending:
            player = "<p class=\"note\">The dust is still settling… this page will show the clip in a moment.</p>"
        case .failed:
            player = "<p class=\"note\">This clip could not be made, but the worry has still been dumped.</p>"
        }
        return """
            <!doctype html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)
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
            \(player)
            <p class="worry">\(text)</p>
            <p class="foot"><a href="/">Dump your own worry</a> · <a href="/sky">Tonight's sky</a></p>
            </main>
            </body>
            </html>

            """
    }

    /// The page of a worry that has flown away (410) or was never here (404): kind, no details.
    func gone(found: Bool) -> String {
        let message = found
            ? "This worry has already flown away. Worries only stay for a day."
            : "There is no worry here. It may have flown away a while ago."
        return """
            <!doctype html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Flown away · Dump It!</title>
            <meta property="og:title" content="Dump It!">
            <meta property="og:description" content="\(message)">
            <link rel="icon" href="/assets/favicon.svg">
            \(Self.style)
            </head>
            <body>
            <main>
            <p class="worry">\(message)</p>
            <p class="foot"><a href="/">Dump your own worry</a> · <a href="/sky">Tonight's sky</a></p>
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

    private static let style = """
        <style>
        html,body{margin:0;background:#050816;color:#e8f6f3;font-family:system-ui,"Noto Sans CJK KR",sans-serif}
        main{max-width:960px;margin:0 auto;padding:4vh 1rem;text-align:center}
        .clip{width:100%;height:auto;border-radius:12px;background:#000}
        .worry{font-size:1.25rem;line-height:1.6;white-space:pre-wrap;overflow-wrap:anywhere;margin:1.5rem 0}
        .note{opacity:.8}
        .foot a{color:#64ffda}
        </style>
        """
}
