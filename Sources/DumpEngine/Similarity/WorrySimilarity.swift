import Foundation

/// How alike two worries are: the cosine of their feature vectors (`WorryFeatures`), in 0…1.
///
/// Symmetric, 1 for texts with the same features, 0 for texts that share none. Every weight
/// is fixed (no statistic of the current sky enters it), so the similarity of two worries
/// never changes when others arrive or expire.
public enum WorrySimilarity {
    /// The similarity of two texts.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(WorryFeatures(text: a), WorryFeatures(text: b))
    }

    /// The similarity of two feature vectors, by a merge of their sorted keys.
    public static func similarity(_ a: WorryFeatures, _ b: WorryFeatures) -> Double {
        guard a.norm > 0, b.norm > 0 else { return 0 }
        var i = 0, j = 0, dot = 0.0
        let ak = a.keys, bk = b.keys
        while i < ak.count && j < bk.count {
            if ak[i] == bk[j] {
                dot += a.weights[i] * b.weights[j]
                i += 1
                j += 1
            } else if ak[i] < bk[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return min(1, max(0, dot / (a.norm * b.norm)))
    }
}
