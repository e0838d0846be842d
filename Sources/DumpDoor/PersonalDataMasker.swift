/// Step two of the door: personal data found and replaced by dots before anything is stored.
///
/// Detection runs on `DetectionFold`'s view of the text (full-width digits, odd spaces, dashes
/// and dots folded, one byte per character), and only the spans found are replaced: the rest
/// of the text comes out exactly as cleaned.
///
/// Order, each finder skipping what an earlier one took: links with a scheme (`https://…`),
/// e-mail addresses, `www.` and bare domains, then numbers (`NumberScanner`: resident numbers
/// before cards before phones).
///
/// Every kind has one fixed, language-neutral mask that reveals nothing of what it hides, not
/// even its length or the first digits (a 1588 number and a mobile number look the same):
///
/// | kind | mask |
/// |---|---|
/// | phone | `•••-••••-••••` |
/// | email | `•••@•••` |
/// | resident_number | `••••••-•••••••` |
/// | card | `••••-••••-••••-••••` |
/// | link | `•••.•••` |
///
/// No mask is ever found again, so masking is idempotent.
enum PersonalDataMasker {
    /// A span of the text's characters and the kind of personal data in it.
    struct Finding: Equatable, Sendable {
        var range: Range<Int>
        var kind: PersonalData
    }

    /// The mask each kind of personal data is replaced by.
    static func maskText(for kind: PersonalData) -> String {
        switch kind {
        case .phone: "•••-••••-••••"
        case .email: "•••@•••"
        case .residentNumber: "••••••-•••••••"
        case .card: "••••-••••-••••-••••"
        case .link: "•••.•••"
        }
    }

    /// `text` with its personal data masked, and the kinds found, each once, in order of first
    /// appearance in the text.
    static func mask(_ text: String) -> (text: String, kinds: [PersonalData]) {
        let characters = Array(text)
        let findings = find(in: characters)
        guard !findings.isEmpty else { return (text, []) }
        var result = ""
        var kinds: [PersonalData] = []
        var position = 0
        for finding in findings {
            result.append(contentsOf: characters[position..<finding.range.lowerBound])
            result.append(maskText(for: finding.kind))
            if !kinds.contains(finding.kind) { kinds.append(finding.kind) }
            position = finding.range.upperBound
        }
        result.append(contentsOf: characters[position...])
        return (result, kinds)
    }

    /// Every finding in `characters`, in text order, never overlapping.
    static func find(in characters: [Character]) -> [Finding] {
        let folded = DetectionFold.fold(characters)
        var taken = [Bool](repeating: false, count: folded.count)
        var findings: [Finding] = []
        func take(_ found: [Finding]) {
            for finding in found {
                for index in finding.range { taken[index] = true }
                findings.append(finding)
            }
        }
        take(LinkFinder.schemeLinks(in: folded, taken: taken))
        take(LinkFinder.emails(in: folded, taken: taken))
        take(LinkFinder.domains(in: folded, taken: taken))
        take(NumberScanner.numbers(in: folded, taken: taken))
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
