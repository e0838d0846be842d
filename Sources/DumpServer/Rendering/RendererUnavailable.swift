import Foundation

/// A renderer this build does not have yet; the service answers 503 for what needs it.
public struct RendererUnavailable: Error, LocalizedError, Sendable {
    /// What cannot be rendered ("sky images", "worry clips").
    public var what: String

    /// Creates the error for `what`.
    public init(_ what: String) {
        self.what = what
    }

    /// A sentence for the operator and the client.
    public var errorDescription: String? {
        "This server cannot render \(what) yet."
    }
}
