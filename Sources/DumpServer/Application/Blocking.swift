import NIOPosix

/// Runs blocking work — SQLite calls, file metadata, painting — on NIO's shared blocking
/// thread pool, so it never holds an event loop or a cooperative thread.
enum Blocking {
    /// Runs `body` on a pool thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
