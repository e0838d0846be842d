import ArgumentParser
import DumpEngine
import DumpServer
import DumpStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `dumpit bench`: the benchmarks that drive a real server.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks against a real server on a loopback port.",
        subcommands: [BenchSkyCommand.self, BenchClipCommand.self])
}

/// `dumpit bench sky`: how the cost of a post, a poll, a first visit and a restart grows with
/// the live sky. For each size it fills a fresh SQLite store with that many live worries,
/// starts `dumpit serve --render-workers 0` with the limits off, and measures: POST p50/p99
/// with concurrent clients (each posting with the page's `?since=`), posts per second, poll
/// p99 (pages polling `?since=` meanwhile), the gzipped bytes of a first visit, the server's
/// CPU per 1,000 posts, its RSS, and the time from a restart to the first sky served. Ratios
/// are against the first (smallest) size, measured in the same run.
struct BenchSkyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sky", abstract: "Benchmark: posts, polls and first visits as the live sky grows.")

    @Option(help: "Live worries for each round, comma-separated.")
    var worries = "1000,10000,30000,100000"

    @Option(help: "Posts per round (shared among the clients).")
    var posts = 800

    @Option(help: "Clients posting at once.")
    var clients = 8

    @Option(help: "Pages polling `?since=` while the clients post (each every 250 ms).")
    var pollers = 4

    @Option(help: "Scratch folder (default: a new one under the temporary directory).")
    var scratch: String?

    @Option(help: "Folder holding web/ and openapi.yaml, passed to serve (default: $DUMPIT_ASSETS, else ./Assets).")
    var assets: String?

    func validate() throws {
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 0 && $0 <= 1_000_000 }) else {
            throw ValidationError("--worries must be sizes from 0 to 1,000,000, comma-separated (e.g. 1000,10000)")
        }
        guard (1...64).contains(clients) else { throw ValidationError("--clients must be 1 to 64") }
        guard posts >= clients, posts <= 100_000 else {
            throw ValidationError("--posts must be at least --clients, at most 100,000")
        }
        guard (0...16).contains(pollers) else { throw ValidationError("--pollers must be 0 to 16") }
    }

    private var sizes: [Int] { worries.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        let root = URL(
            fileURLWithPath: scratch
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-bench-sky-\(getpid())").path)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        print(
            "bench sky: \(clients) clients posting \(posts) worries per round, \(pollers) pages polling; serve --render-workers 0, limits off"
        )
        var rows: [Row] = []
        for size in sizes {
            let row = try await round(size: size, under: root.appendingPathComponent("sky-\(size)"))
            rows.append(row)
            print(row.line(against: rows[0]))
        }
        print("")
        print(
            "| live worries | POST p50 / p99 | posts/s | poll p99 | first visit (gzip) | zoomed region p99 (gzip) | CPU per 1,000 posts | RSS | restart to serving |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for row in rows { print(row.markdown) }
        if rows.count > 1, let last = rows.last {
            print("")
            print(
                String(
                    format: "bench sky: POST p99 at %d is %.2fx of %d; poll p99 %.2fx", last.size,
                    last.postP99 / max(rows[0].postP99, 1e-9), rows[0].size, last.pollP99 / max(rows[0].pollP99, 1e-9)))
        }
        if scratch == nil { try? FileManager.default.removeItem(at: root) }
    }

    /// One size's figures.
    struct Row {
        var size: Int
        var postP50: Double
        var postP99: Double
        var postsPerSecond: Double
        var pollP99: Double
        var firstVisitBytes: Int
        var firstVisitStars: Int
        var cpuPerThousand: Double
        var rssMB: Double
        var restartSeconds: Double
        /// A zoomed page's detail (`GET /api/sky/region`, quiet server): p99 and mean gzipped size.
        var regionP99: Double
        var regionBytes: Int

        func line(against base: Row) -> String {
            String(
                format:
                    "bench sky: %d worries: POST p50 %.1f ms p99 %.1f ms (%.2fx of %d), %.0f posts/s, poll p99 %.1f ms, first visit %d KB gzip (%d stars), region p99 %.1f ms (%d KB gzip), CPU %.2f s per 1,000 posts, RSS %.0f MB, restart to serving %.2f s",
                size, postP50, postP99, postP99 / max(base.postP99, 1e-9), base.size, postsPerSecond, pollP99,
                firstVisitBytes / 1000, firstVisitStars, regionP99, regionBytes / 1000, cpuPerThousand, rssMB,
                restartSeconds)
        }

        var markdown: String {
            String(
                format:
                    "| %d | %.0f / %.0f ms | %.0f | %.0f ms | %d KB (%d stars) | %.0f ms (%d KB) | %.2f s | %.0f MB | %.1f s |",
                size, postP50, postP99, postsPerSecond, pollP99, firstVisitBytes / 1000, firstVisitStars, regionP99,
                regionBytes / 1000, cpuPerThousand, rssMB, restartSeconds)
        }
    }

    private func round(size: Int, under directory: URL) async throws -> Row {
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await seed(size: size, data: directory)
        var server = try Server.start(data: directory, assets: assets)
        defer { server.stop() }
        _ = try server.waitUntilServing()

        let http = LoopbackHTTP(port: server.port)
        let first = try http.send("GET", "/api/sky", headers: ["Accept-Encoding": "gzip"])
        guard first.status == 200 else { throw BenchFailure("GET /api/sky answered \(first.status)") }
        let plain = try http.send("GET", "/api/sky?since=none", headers: ["Accept-Encoding": "identity"])
        let whole = try JSONSerialization.jsonObject(with: Data(plain.body)) as? [String: Any]
        let stars = (whole?["nodes"] as? [Any])?.count ?? 0
        let version = whole?["version"] as? String ?? "none"
        let region = try Self.regions(http: http)

        // A warm-up, not measured: the first requests of a new process pay for its caches.
        let warmUp = Results()
        Self.post(count: 40, client: 99, size: size, port: server.port, since: version, results: warmUp)
        if let failure = warmUp.failure { throw BenchFailure(failure) }

        let results = Results()
        let cpuBefore = server.cpuSeconds()
        let started = DispatchTime.now().uptimeNanoseconds
        let perClient = posts / clients
        let done = StopSignal()
        var threads: [Thread] = []
        for client in 0..<clients {
            let port = server.port
            threads.append(
                Thread {
                    Self.post(count: perClient, client: client, size: size, port: port, since: version, results: results)
                })
        }
        for poller in 0..<pollers {
            let port = server.port
            threads.append(Thread { Self.poll(port: port, since: version, until: done, results: results, poller: poller) })
        }
        for thread in threads { thread.start() }
        while results.postCount < perClient * clients, results.failure == nil {
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu = server.cpuSeconds() - cpuBefore
        done.set()
        while results.pollersDone < pollers, results.failure == nil { try await Task.sleep(for: .milliseconds(20)) }
        if let failure = results.failure { throw BenchFailure(failure) }
        let rss = server.residentMegabytes()

        server.stop()
        server = try Server.start(data: directory, assets: assets)
        let restart = try server.waitUntilServing()

        let postTimes = results.postTimes.sorted(), pollTimes = results.pollTimes.sorted()
        return Row(
            size: size, postP50: Self.percentile(postTimes, 0.5), postP99: Self.percentile(postTimes, 0.99),
            postsPerSecond: Double(postTimes.count) / elapsed, pollP99: Self.percentile(pollTimes, 0.99),
            firstVisitBytes: first.body.count, firstVisitStars: stars, cpuPerThousand: cpu * 1000 / Double(postTimes.count),
            rssMB: rss, restartSeconds: restart, regionP99: region.p99, regionBytes: region.bytes)
    }

    /// 100 zoomed pages' detail, one after another: boxes around random points of the cluster at
    /// zooms 2 to 8, with the page's margin, 600 stars at most each (as `skypage.js` asks).
    private static func regions(http: LoopbackHTTP) throws -> (p99: Double, bytes: Int) {
        var random = SplitMix64(seed: 22)
        var times: [Double] = []
        var bytes = 0
        for _ in 0..<100 {
            let zoom = 2 + Double(random.index(below: 600)) / 100
            let half = 0.5 / zoom * 1.7, halfY = half * 9 / 16 * 1.6
            let x = 0.3 + Double(random.index(below: 400)) / 1000, y = 0.25 + Double(random.index(below: 500)) / 1000
            let query = String(
                format: "x0=%.4f&y0=%.4f&x1=%.4f&y1=%.4f&limit=600", max(0, x - half), max(0, y - halfY), min(1, x + half),
                min(1, y + halfY))
            let start = DispatchTime.now().uptimeNanoseconds
            let answer = try http.send("GET", "/api/sky/region?\(query)", headers: ["Accept-Encoding": "gzip"])
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard answer.status == 200 else { throw BenchFailure("GET /api/sky/region answered \(answer.status)") }
            bytes += answer.body.count
        }
        return (percentile(times.sorted(), 0.99), bytes / times.count)
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }

    /// Fills the store with `size` live worries written over the last 20 hours, in batches.
    private func seed(size: Int, data: URL) async throws {
        let store = try SQLiteWorryStore(path: DataDirectory(data).databaseURL.path)
        let engine = SkyEngine(seed: ServiceConfiguration.defaultSkySeed)
        let now = Date()
        let spacing = min(1, 72_000 / Double(max(size, 1)))
        var random = SplitMix64(seed: 2026)
        var index = 0
        while index < size {
            let batch = (index..<min(size, index + 2_000)).map { i -> (draft: WorryDraft, now: Date) in
                let text = BenchTexts.text(&random)
                let owner = OwnerToken(String(format: "bench-owner-%032d", i % max(1, size / 3)))!
                let draft = WorryDraft(
                    text: text, owner: owner, ttl: 24 * 3600, clipKey: ClipKey(text: text, variant: ""),
                    star: engine.nodeID(text: text))
                return (draft, now.addingTimeInterval(-Double(size - i) * spacing))
            }
            _ = try await store.addWorries(batch)
            index += batch.count
        }
    }

    private static func post(count: Int, client: Int, size: Int, port: Int, since: String, results: Results) {
        let http = LoopbackHTTP(port: port)
        do {
            let tokenAnswer = try http.send("POST", "/api/owner-tokens", headers: ["Content-Type": "application/json"])
            guard tokenAnswer.status == 201,
                let token = (try JSONSerialization.jsonObject(with: Data(tokenAnswer.body)) as? [String: Any])?["token"]
                    as? String
            else { throw BenchFailure("POST /api/owner-tokens answered \(tokenAnswer.status)") }
            var random = SplitMix64(seed: UInt64(1_000 + client))
            var version = since
            for _ in 0..<count {
                let text = BenchTexts.text(&random)
                let body = Array(
                    (String(decoding: try JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)).utf8)
                let start = DispatchTime.now().uptimeNanoseconds
                let answer = try http.send(
                    "POST", "/api/worries?since=\(version)",
                    headers: ["Content-Type": "application/json", "X-Owner-Token": token, "Accept-Encoding": "identity"],
                    body: body)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard answer.status == 201 else {
                    throw BenchFailure(
                        "POST /api/worries answered \(answer.status): \(String(decoding: answer.body.prefix(200), as: UTF8.self))"
                    )
                }
                if let object = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
                    let sky = object["sky"] as? [String: Any], let next = sky["version"] as? String
                {
                    version = next
                }
                results.addPost(ms)
            }
        } catch {
            results.fail("client \(client): \(error)")
        }
    }

    private static func poll(port: Int, since: String, until done: StopSignal, results: Results, poller: Int) {
        let http = LoopbackHTTP(port: port)
        var version = since
        do {
            while !done.isSet {
                let start = DispatchTime.now().uptimeNanoseconds
                let answer = try http.send("GET", "/api/sky?since=\(version)", headers: ["Accept-Encoding": "identity"])
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard answer.status == 200 else { throw BenchFailure("GET /api/sky?since= answered \(answer.status)") }
                if let object = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
                    let next = object["version"] as? String
                {
                    version = next
                }
                results.addPoll(ms)
                usleep(250_000)
            }
        } catch {
            results.fail("poller \(poller): \(error)")
        }
        results.pollerDone()
    }
}

/// A failed benchmark step, printed as one line.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What the load threads measured (`@unchecked Sendable`: every field is behind `lock`).
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var posts: [Double] = []
    private var polls: [Double] = []
    private var done = 0
    private var error: String?

    func addPost(_ ms: Double) { lock.withLock { posts.append(ms) } }
    func addPoll(_ ms: Double) { lock.withLock { polls.append(ms) } }
    func pollerDone() { lock.withLock { done += 1 } }
    func fail(_ message: String) { lock.withLock { error = error ?? message } }
    var postCount: Int { lock.withLock { posts.count } }
    var postTimes: [Double] { lock.withLock { posts } }
    var pollTimes: [Double] { lock.withLock { polls } }
    var pollersDone: Int { lock.withLock { done } }
    var failure: String? { lock.withLock { error } }
}

/// A flag set once (`@unchecked Sendable`: behind `lock`).
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// `dumpit serve` in a child process on a free loopback port.
struct Server {
    let process: Process
    let port: Int
    let startedAt: UInt64

    static func start(data: URL, assets: String?) throws -> Server {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL
        if process.executableURL?.path.hasPrefix("/") != true {
            process.executableURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent(ProcessInfo.processInfo.arguments[0])
        }
        var arguments = [
            "serve", "--data", data.path, "--port", String(port), "--render-workers", "0", "--rate-limit-owner", "0",
            "--rate-limit-address", "0", "--rate-limit-tokens", "0", "--daily-limit-address", "0",
        ]
        if let assets { arguments += ["--assets", assets] }
        process.arguments = arguments
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        let errors = data.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        let startedAt = DispatchTime.now().uptimeNanoseconds
        try process.run()
        return Server(process: process, port: port, startedAt: startedAt)
    }

    /// Seconds from the start until `GET /api/sky` answered 200 (polled every 20 ms, at most 120 s).
    func waitUntilServing() throws -> Double {
        let http = LoopbackHTTP(port: port)
        let deadline = startedAt + 120_000_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline {
            guard process.isRunning else { throw BenchFailure("dumpit serve exited with status \(process.terminationStatus)") }
            if let answer = try? http.send("GET", "/api/sky", headers: ["Accept-Encoding": "gzip"]), answer.status == 200 {
                return Double(DispatchTime.now().uptimeNanoseconds - startedAt) / 1e9
            }
            http.close()
            usleep(20_000)
        }
        throw BenchFailure("dumpit serve did not serve the sky within 120 s")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// User + system CPU seconds of the server so far (`/proc/<pid>/stat`).
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // after the name: state is field 3, utime 14 and stime 15 (so 11 and 12 here)
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The server's resident memory now, in MB (`VmRSS`).
    func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ")[1])
        else { return 0 }
        return kilobytes / 1024
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw BenchFailure("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Worries as people write them: a fifth repeat common phrases, the rest one to three
/// fragments in Korean and English with a number that makes them unique.
enum BenchTexts {
    static let openings = [
        "회사 가기 싫어요", "시험이 걱정돼요", "잠이 안 와요", "I can't sleep", "Money again", "내일 발표", "my exam tomorrow",
        "엄마가 아파요", "deadline", "이사 가야 해요",
    ]
    static let fragments = [
        "팀장님 때문에", "너무 힘들어", "월세가 밀렸어", "친구랑 싸웠어", "외로워", "면접 떨어졌어", "허리가 아파", "강아지가 걱정돼",
        "비가 와서 우울해", "공부가 안 돼", "my boss hates me", "rent is due", "so lonely tonight", "날씨가 추워", "출근길 지옥",
        "카드값 어떡하지", "부모님 잔소리", "밤새 못 잤어", "다이어트 실패", "졸업하면 뭐 하지",
    ]

    static func text(_ random: inout SplitMix64) -> String {
        var text = openings[random.index(below: openings.count)]
        if random.unit() < 0.2 { return text + " " + String(random.index(below: 4)) }
        for _ in 0..<random.index(below: 3) { text += " " + fragments[random.index(below: fragments.count)] }
        return text + " " + String(random.index(below: 1_000_000))
    }
}
