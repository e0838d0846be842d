@testable import DumpServer
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Live server under concurrent load")
struct LiveLoadTests {
    @Test func fiveHundredPostsFromFiftyClientsAllLand() async throws {
        let folder = TemporaryFolder()
        let store = try SQLiteWorryStore(path: folder.url.appendingPathComponent("dumpit.sqlite").path)
        let service = try TestService(store: store, folder: folder)
        let before = try await store.stats()
        let statuses: [Int] = try await service.run(.live) { client in
            let port = try #require(client.port)
            return try await withThrowingTaskGroup(of: [Int].self) { group in
                for clientIndex in 0..<50 {
                    group.addTask {
                        let connection = TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60)))
                        connection.connect()
                        let token = Fixture.token()
                        var statuses: [Int] = []
                        for requestIndex in 0..<10 {
                            var headers = Fixture.headers(token: token)
                            headers[.connection] = "keep-alive"
                            let response = try await connection.execute(
                                TestClient.Request(
                                    "/api/worries", method: .post, authority: "localhost", headers: headers,
                                    body: Fixture.body("걱정 \(clientIndex)-\(requestIndex)")))
                            statuses.append(response.status.code)
                        }
                        try await connection.shutdown()
                        return statuses
                    }
                }
                var all: [Int] = []
                for try await statuses in group { all += statuses }
                return all
            }
        }
        #expect(statuses.count == 500)
        #expect(statuses.allSatisfy { $0 == 201 }, "statuses: \(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")
        #expect(!statuses.contains { $0 >= 500 })
        let after = try await store.stats()
        #expect(after.worries - before.worries == 500)
        #expect(after.people - before.people == 50)
        #expect(try await store.liveWorries(now: service.clock.now()).count == 500)
    }
}
