import Foundation

/// `/safety`: the rules of the sky, where to call tonight, how to report or ask for removal,
/// the published contact and the answer promised within 24 hours, in Korean or English.
///
/// Static words but for the contact, which is escaped like every other text.
struct SafetyPage {
    /// The operators' contact (`dumpit serve --contact`): an e-mail address or a URL.
    var contact: String
    var language: SharePage.Language

    /// The whole page.
    func html() -> String {
        let korean = language == .korean
        let contactLink = Self.link(for: contact)
        let body = korean ? Self.korean(contactLink) : Self.english(contactLink)
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(korean ? "안전 수칙" : "Safety") · Dump It!</title>
            <link rel="icon" href="/assets/favicon.svg">
            \(SharePage.style)
            </head>
            <body>
            <main>
            <p class="headline" aria-hidden="true">FREE YOUR MIND</p>
            <div class="rules">
            \(body)
            </div>
            <p class="foot"><a href="/">\(korean ? "고민 버리러 가기" : "Dump a worry")</a> · <a href="/sky">\(korean ? "오늘의 밤하늘" : "Tonight's sky")</a></p>
            </main>
            </body>
            </html>

            """
    }

    /// The contact as a link: `mailto:` for an address, itself for an http(s) URL, plain text otherwise.
    static func link(for contact: String) -> String {
        let text = HTMLText.escape(contact)
        if contact.hasPrefix("https://") || contact.hasPrefix("http://") {
            return "<a href=\"\(text)\">\(text)</a>"
        }
        if contact.contains("@"), !contact.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" }) {
            return "<a href=\"mailto:\(text)\">\(text)</a>"
        }
        return text
    }

    private static func korean(_ contact: String) -> String {
        """
        <h1>안전 수칙</h1>
        <p>Dump It!은 누구나 익명으로 고민을 비우고, 하루 동안 모두의 밤하늘에서 서로의 고민을 볼 수 있는 곳이에요. 모두가 편히 머물 수 있도록 이렇게 지켜요.</p>
        <h2>지금 많이 힘들다면</h2>
        <p class="call"><a href="tel:109">자살예방상담전화 109</a> · 24시간</p>
        <p>정신건강위기상담전화 <a href="tel:1577-0199">1577-0199</a> · 청소년상담 <a href="tel:1388">1388</a>. 죽고 싶다는 마음을 적으면 고민은 먼지가 되어 날아가지만 하늘에는 올라가지 않고, 내 고민에서만 보여요.</p>
        <h2>하늘에 올라가지 않는 것</h2>
        <ul>
        <li>전화번호, 이메일, 주민등록번호, 카드 번호, 링크는 저장하기 전에 가려요(•••). 원래 글자는 어디에도 남지 않아요.</li>
        <li>특정한 사람이나 집단을 향한 혐오 표현과 위협은 하늘에 올리지 않아요. 내 삶을 향한 욕은 괜찮아요. 그게 이곳이 있는 이유니까요.</li>
        <li>함께 죽을 사람을 찾거나 방법을 알려 주는 글은 받지 않아요.</li>
        </ul>
        <h2>신고와 숨기기</h2>
        <p>별을 누르면 나오는 ‘신고’로 알려 주세요. 개인 정보는 한 번의 신고로, 다른 이유는 세 사람의 신고로 바로 하늘에서 내려가요. 위험해 보이는 글은 운영자가 살펴봐요. ‘이 별 숨기기’는 내 화면에서만 그 별을 감춰요.</p>
        <h2>지우기와 삭제 요청</h2>
        <p>내가 쓴 고민은 ‘내 고민’에서 언제든 지울 수 있어요. 영상과 공유 링크도 함께 사라져요. 다른 사람의 글 때문에 삭제를 원하시면 공유 링크나 글 내용을 적어 \(contact)(으)로 보내 주세요. <strong>24시간 안에</strong> 답하고 조치할게요. 모든 고민은 24시간이 지나면 영상과 함께 완전히 사라져요.</p>
        """
    }

    private static func english(_ contact: String) -> String {
        """
        <h1>Safety</h1>
        <p>Dump It! is a place to let go of a worry anonymously; for a day, everyone can see everyone's worries in the night sky. These rules keep it a kind place.</p>
        <h2>If tonight is very hard</h2>
        <p class="call"><a href="tel:988">988 Suicide &amp; Crisis Lifeline</a> (US) · 24/7</p>
        <p>Elsewhere: <a href="https://findahelpline.com">findahelpline.com</a>; in Korea <a href="tel:109">109</a>. When you write that you want to die, your worry still turns to dust, but it stays out of the sky: only you see it, under “My worries”.</p>
        <h2>What never reaches the sky</h2>
        <ul>
        <li>Phone numbers, e-mail addresses, resident registration numbers, card numbers and links are hidden (•••) before anything is stored; the original is kept nowhere.</li>
        <li>Hate and threats aimed at people or groups stay out of the sky. Swearing at your own life is fine: that is what this place is for.</li>
        <li>Posts that look for others to die with, or describe ways to do it, are not accepted.</li>
        </ul>
        <h2>Reporting and hiding</h2>
        <p>Tap a star and choose “Report”. One report of personal information, or three reports for any other reason, takes a star down at once; stars reported as dangerous go to the operators. “Hide for me” hides a star on your screen only.</p>
        <h2>Deleting and asking for removal</h2>
        <p>You can delete your own worries at any time under “My worries”; the clip and the share link go with them. To ask for something else to be removed, write to \(contact) with the share link or the words. <strong>We answer and act within 24 hours.</strong> Every worry, with its clip, is gone for good after 24 hours.</p>
        """
    }
}
