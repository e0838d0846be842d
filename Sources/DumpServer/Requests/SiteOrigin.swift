import Foundation
import HTTPTypes
import Hummingbird

/// The site's origin for absolute links (share pages, their clip and picture links).
struct SiteOrigin: Sendable {
    /// `--public-url`, when given: it wins.
    var publicURL: String?
    /// Read the visitor's scheme from `X-Forwarded-Proto` (`--trust-proxy`).
    var trustProxy: Bool

    /// The origin configured (`--public-url`), or made of the request's `Host` and, behind a
    /// trusted proxy, its `X-Forwarded-Proto`.
    func of(_ request: Request) -> String {
        if let publicURL {
            return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        }
        let host = request.head.authority ?? "localhost"
        let safe = host.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-:[]".unicodeScalars.contains(scalar))
        }
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        let scheme = trustProxy && forwarded == "https" ? "https" : "http"
        return scheme + "://" + (safe && !host.isEmpty ? host : "localhost")
    }
}
