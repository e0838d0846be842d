import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the client's address,
/// which the per-address rate limit needs.
public struct DumpRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text ("127.0.0.1", "::1"), nil when unknown (router tests).
    public let clientAddress: String?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
