@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Pages: /, /sky, /assets, /w/{id}")
struct PageTests {
    @Test func theSharePageEscapesEveryWorryString() async throws {
        let service = try TestService { $0.publicBaseURL = "https://dump.example" }
        try await service.run { client in
            let text = "<script>alert('x')</script> & \"quotes\" <img src=x onerror=alert(1)>"
            let id = try #require(try await client.postWorry(text).worryID)
            let page = try await client.get("/w/\(id)")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = page.text
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<img src=x"))
            #expect(!html.contains("'x'"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
            // one level-one heading, and it is the worry (what the page is about)
            #expect(html.components(separatedBy: "<h1").count == 2)
            #expect(html.contains("<h1 class=\"worry\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(html.contains("<meta property=\"og:title\""))
            #expect(html.contains("<meta property=\"og:description\""))
            #expect(html.contains("<meta property=\"og:image\" content=\"https://dump.example/clips/\(id).png\">"))
            #expect(html.contains("<meta property=\"og:video\" content=\"https://dump.example/clips/\(id).mp4\">"))
            #expect(html.contains("<meta name=\"twitter:card\" content=\"player\">"))
            #expect(html.contains("<meta name=\"twitter:player\" content=\"https://dump.example/w/\(id)\">"))
            // Pending: the page says so and offers to load again; it never reloads itself (WCAG 2.2.1).
            #expect(!html.contains("http-equiv=\"refresh\""))
            #expect(html.contains("<a href=\"/w/\(id)\">"))
            #expect(page.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test func aReadySharePagePlaysTheClip() async throws {
        let service = try TestService(clips: SolidColourClips()) { $0.renderWorkers = 1 }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("재생").worryID)
            #expect(try await eventually { try await store.clipStatus(worryID: WorryID(id)!) == .ready })
            let html = try await client.get("/w/\(id)", headers: [:]).text
            #expect(html.contains("<video"))
            // the MP4 plays everywhere and is made with the clip (the WebM is made on request)
            #expect(!html.contains(".webm"))
            #expect(html.contains("src=\"/clips/\(id).mp4\""))
            #expect(!html.contains("http-equiv=\"refresh\""))
            // Without a configured origin, the request's host is used.
            #expect(html.contains("content=\"http://localhost/clips/\(id).mp4\""))
        }
    }

    @Test func anExpiredSharePageIsAGentle410() async throws {
        let service = try TestService { $0.ttl = 60 }
        let clock = service.clock
        try await service.run { client in
            let id = try #require(try await client.postWorry("<b>비밀</b>").worryID)
            clock.advance(by: 61)
            let page = try await client.get("/w/\(id)")
            #expect(page.status == .gone)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("이미 날아갔어요"))
            #expect(page.text.components(separatedBy: "<h1").count == 2, "the gone page has its heading too")
            #expect(!page.text.contains("비밀"))
            let english = try await client.get("/w/\(id)", headers: [.acceptLanguage: "en-US,en;q=0.9,ko;q=0.5"])
            #expect(english.status == .gone)
            #expect(english.text.contains("has already flown away"))
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.headers[.vary] == "Accept-Language, Accept-Encoding")
            let unknown = try await client.get("/w/AAAAAAAAAAAAAAAAAAAAAA")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "text/html; charset=utf-8")
        }
    }

    @Test func thePagesAndAssetsAreServedWithTheirTypes() async throws {
        let service = try TestService()
        try await service.run { client in
            let index = try await client.get("/")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "text/html; charset=utf-8")
            #expect(index.text.contains("<html"))
            let expectations = [
                ("app.js", "text/javascript; charset=utf-8"), ("style.css", "text/css; charset=utf-8"),
                ("favicon.svg", "image/svg+xml"),
            ]
            for (file, type) in expectations {
                let response = try await client.get("/assets/\(file)")
                #expect(response.status == .ok, "\(file)")
                #expect(response.headers[.contentType] == type)
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.eTag] != nil)
            }
            let skyPage = try await client.get("/sky")
            let hasSkyPage = FileManager.default.fileExists(
                atPath: TestService.assets.appendingPathComponent("web/sky.html").path)
            #expect(skyPage.status == (hasSkyPage ? .ok : .notFound))
        }
    }

    @Test(
        "Paths that try to leave Assets/web are 404",
        arguments: [
            "/assets/../Package.swift", "/assets/%2e%2e/openapi.yaml", "/assets/..%2fopenapi.yaml",
            "/assets/%2E%2E/%2E%2E/Package.swift", "/assets/.hidden", "/assets/", "/assets/nope.js",
            "/assets/..%5copenapi.yaml", "/assets/app.js%00.png", "/assets//etc/passwd",
        ])
    func traversalIsRefused(path: String) async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.get(path)
            #expect(response.status == .notFound, "\(path)")
            #expect(response.errorCode == "not_found")
        }
    }

    @Test func traversalIsRefusedOnALiveServer() async throws {
        let service = try TestService()
        try await service.run(.live) { client in
            for path in ["/assets/../openapi.yaml", "/assets/%2e%2e/openapi.yaml", "/assets/%2e%2e%2f%2e%2e%2fPackage.swift"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
            }
        }
    }

    @Test func theOpenAPIDescriptionIsServed() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.get("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.text.hasPrefix("openapi: 3.1"))
        }
    }
}
