@testable import DumpServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Share links name the scheme the visitor used")
struct ShareOriginTests {
    private func ogURL(trustProxy: Bool, forwardedProto: String?) async throws -> String {
        let service = try TestService { $0.trustProxy = trustProxy }
        return try await service.run { client in
            let id = try #require(try await client.postWorry("공유 링크의 주소").worryID)
            var headers = HTTPFields()
            if let forwardedProto { headers[HTTPField.Name("X-Forwarded-Proto")!] = forwardedProto }
            let page = try await client.get("/w/\(id)", headers: headers).text
            let start = try #require(page.range(of: "<meta property=\"og:url\" content=\""))
            return String(page[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func httpsBehindATrustedProxyThatSaysSo() async throws {
        #expect(try await ogURL(trustProxy: true, forwardedProto: "https").hasPrefix("https://"))
        #expect(try await ogURL(trustProxy: true, forwardedProto: nil).hasPrefix("http://"))
        // A client cannot claim https to a node that trusts no proxy.
        #expect(try await ogURL(trustProxy: false, forwardedProto: "https").hasPrefix("http://"))
    }
}
