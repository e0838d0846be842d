/// The answer given to a worry written in crisis: a calm sentence and where to call, Korea's
/// lines first for Korean, the US line and an international directory otherwise.
public struct CareAnswer: Sendable, Equatable, Encodable {
    public var message: String
    public var lines: [CareLine]

    /// The answer for a Korean writer (`korean`) or anyone else.
    public static func answer(korean: Bool) -> CareAnswer {
        if korean {
            return CareAnswer(
                message: "많이 힘든 밤이네요. 혼자 견디지 않아도 괜찮아요. 지금 바로 이야기를 들어 줄 곳이 있어요.",
                lines: [
                    CareLine(name: "자살예방상담전화", phone: "109", url: "tel:109", hours: "24시간"),
                    CareLine(name: "정신건강위기상담전화", phone: "1577-0199", url: "tel:1577-0199", hours: "24시간"),
                    CareLine(name: "청소년상담전화", phone: "1388", url: "tel:1388", hours: "24시간"),
                ])
        }
        return CareAnswer(
            message: "It sounds like tonight is very heavy. You don't have to carry it alone: someone can listen right now.",
            lines: [
                CareLine(name: "988 Suicide & Crisis Lifeline (US)", phone: "988", url: "https://988lifeline.org", hours: "24/7"),
                CareLine(name: "Find a helpline in your country", phone: nil, url: "https://findahelpline.com", hours: "24/7"),
            ])
    }
}

/// One place to reach out to.
public struct CareLine: Sendable, Equatable, Encodable {
    public var name: String
    public var phone: String?
    public var url: String?
    public var hours: String

    public init(name: String, phone: String?, url: String?, hours: String) {
        self.name = name
        self.phone = phone
        self.url = url
        self.hours = hours
    }
}
