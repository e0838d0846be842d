import Foundation

/// What a worry is mostly about: one topic ("topic:work") or one word ("word:고양") of it,
/// and how much of the worry that is.
///
/// A constellation gathers every star whose theme is the same and whose `share` passes the
/// threshold, so any two members are at least threshold² similar (`WorrySimilarity`).
public struct WorryTheme: Sendable, Hashable {
    /// "topic:<key>" for a topic of the word lists, "word:<stem>" for a single word.
    public var key: String
    /// The theme's weight over the length of the worry's whole feature vector (0…1): the
    /// cosine similarity between the worry and the theme alone.
    public var share: Double

    /// Creates a theme.
    public init(key: String, share: Double) {
        self.key = key
        self.share = share
    }
}
