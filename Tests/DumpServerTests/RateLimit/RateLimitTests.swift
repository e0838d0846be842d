@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    @Test func anOwnerOverTheLimitGets429WithRetryAfter() async throws {
        let service = try TestService { $0.rateLimitPerOwner = 3 }
        let clock = service.clock
        // limits count in fixed one-minute windows (shared by every node); start at one's start
        clock.set(Date(timeIntervalSince1970: 1_750_000_020))
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
            // The window ends 60 s after it started: 30 s from now.
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

    @Test func anAddressCanKeepOnlySoManyStarsADay() async throws {
        let service = try TestService { $0.dailyLimitPerAddress = 3 }
        let clock = service.clock
        try await service.run(.live) { client in
            for n in 0..<3 {
                #expect(try await client.postWorry("오늘 \(n)", token: Fixture.token()).status == .created)
            }
            // another browser on the same network: still this network's day
            let limited = try await client.postWorry("하나 더", token: Fixture.token())
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            let wait = Int(limited.headers[.retryAfter] ?? "") ?? 0
            #expect((1...86_400).contains(wait))
            clock.advance(by: TimeInterval(wait))
            #expect(try await client.postWorry("내일", token: Fixture.token()).status == .created)
        }
    }

    @Test func zeroTurnsTheLimitsOff() async throws {
        let service = try TestService {
            $0.rateLimitPerOwner = 0; $0.rateLimitPerAddress = 0
        }
        try await service.run { client in
            let me = Fixture.token()
            for index in 0..<40 {
                let response = try await client.postWorry("worry \(index)", token: me)
                #expect(response.status == .created)
            }
        }
    }

    @Test func limitKeysNeverHoldTheTokenOrTheAddress() {
        let token = OwnerToken(String(repeating: "t", count: 40))!
        let owner = RateLimits.key("owner", token.secret)
        let address = RateLimits.key("address", "203.0.113.9")
        #expect(owner.hasPrefix("owner:") && !owner.contains("tttt"))
        #expect(address.hasPrefix("address:") && !address.contains("203.0"))
        #expect(owner != RateLimits.key("address", token.secret), "the purpose is part of the key")
    }

    @Test func behindATrustedProxyTheLastForwardedAddressCounts() async throws {
        let service = try TestService {
            $0.rateLimitPerOwner = 0
            $0.rateLimitPerAddress = 2
            $0.trustProxy = true
        }
        try await service.run { client in
            for index in 0..<2 {
                let response = try await client.postWorry(
                    "from a", token: Fixture.token(), headers: ["X-Forwarded-For": "198.51.100.\(index), 192.0.2.1"])
                #expect(response.status == .created)
            }
            let third = try await client.postWorry("from a", token: Fixture.token(), headers: ["X-Forwarded-For": "192.0.2.1"])
            #expect(third.status == .tooManyRequests)
            let other = try await client.postWorry("from b", token: Fixture.token(), headers: ["X-Forwarded-For": "192.0.2.2"])
            #expect(other.status == .created)
        }
    }
}
