import Foundation

/// One live worry as the sky engine sees it: an id, the words as typed, and when it was dumped.
///
/// The engine never copies `id` into its output; it only breaks ties with it, so the sky
/// cannot be used to look up a worry.
public struct SkyWorry: Sendable, Hashable, Codable {
    /// The worry's id (used only to order worries created at the same instant).
    public var id: String
    /// The words as typed.
    public var text: String
    /// When the worry was dumped; the earliest worry of a group gives the star its text.
    public var createdAt: Date

    /// Creates a worry for the sky.
    public init(id: String, text: String, createdAt: Date) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
    }
}
