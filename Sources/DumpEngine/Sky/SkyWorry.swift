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
    /// Any stable key of the worry's owner (the service passes the stored owner-token hash),
    /// or nil when unknown. Never copied into a layout: it only counts how many different
    /// people share a constellation's name, which decides whether the name may appear on a
    /// poster (at least `ArchivedSky.minimumNameOwners`). Unknown owners count as none.
    public var owner: String?

    /// Creates a worry for the sky.
    public init(id: String, text: String, createdAt: Date, owner: String? = nil) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.owner = owner
    }
}
