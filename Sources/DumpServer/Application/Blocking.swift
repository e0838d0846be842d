import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Runs blocking work — SQLite calls, file metadata, painting — on NIO's shared blocking
/// thread pool, so it never holds an event loop or a cooperative thread.
enum Blocking {
    /// Runs `body` on a pool thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}

/// Heavy background work (clip renders, sky paintings) runs on threads of its own at a lower
/// scheduling priority: on a shared machine the requests (event loops, store calls, file
/// reads) go first, and renders use what is left.
enum BackgroundPriority {
    /// The nice value of background threads (0 is normal, 19 the lowest).
    static let niceness: Int32 = 10

    /// Lowers the calling thread's priority: on Linux nice is per thread, and
    /// `setpriority(PRIO_PROCESS, 0, …)` changes only the caller's (see setpriority(2)). One
    /// cheap system call, so it is simply made at the start of every job.
    static func lowerThisThread() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
