@testable import DumpServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    @Test func anOwnerOverTheLimitGets429WithRetryAfter() async throws {
        let service = try TestService { $0.rateLimitPerOwner = 3 }
        let clock = service.clock
        try await service.run { client in
            let me = Fixture.token()
            for index in 0..<3 {
                let response = try await client.postWorry("걱정 \(index)", token: me)
                #expect(response.status == .created)
                clock.advance(by: 10)
            }
            let limited = try await client.postWorry("하나 더", token: me)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            // The first post leaves the window 60 s after it: 30 s from now.
            #expect(limited.headers[.retryAfter] == "30")
            // Someone else is not limited.
            #expect(try await client.postWorry("다른 사람", token: Fixture.token()).status == .created)
            clock.advance(by: 30)
            #expect(try await client.postWorry("이제 됨", token: me).status == .created)
        }
    }

    @Test func anAddressOverTheLimitGets429() async throws {
        let service = try TestService { $0.rateLimitPerAddress = 2 }
        try await service.run(.live) { client in
            #expect(try await client.postWorry("a").status == .created)
            #expect(try await client.postWorry("b").status == .created)
            let limited = try await client.postWorry("c")
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
    }

    @Test func zeroTurnsTheLimitsOff() async throws {
        let service = try TestService { $0.rateLimitPerOwner = 0; $0.rateLimitPerAddress = 0 }
        try await service.run { client in
            let me = Fixture.token()
            for index in 0..<40 {
                let response = try await client.postWorry("worry \(index)", token: me)
                #expect(response.status == .created)
            }
        }
    }

    @Test func theLimiterForgetsHitsOutsideTheWindow() {
        let limiter = RateLimiter(limit: 2)
        let start = Date(timeIntervalSince1970: 1000)
        #expect(limiter.admit("k", now: start) == nil)
        #expect(limiter.admit("k", now: start.addingTimeInterval(1)) == nil)
        #expect(limiter.admit("k", now: start.addingTimeInterval(2)) == 58)
        #expect(limiter.admit("k", now: start.addingTimeInterval(60.5)) == nil)
        #expect(limiter.admit("other", now: start) == nil)
    }
}
