import Foundation
import Testing
@testable import DumpEngine

/// The goals on the labelled worries: purity ≥ 0.8 and adjusted Rand index ≥ 0.5,
/// clearly above exact-duplicate merging and character-bigram Jaccard. The full table comes
/// from `bash Benchmarks/sky-layout/evaluate.sh`.
@Suite("Constellation quality")
struct ConstellationQualityTests {
    @Test(arguments: ["worries-dev.tsv", "worries-heldout.tsv"])
    func constellationsMatchTheTopicsFarBetterThanTheBaselines(file: String) throws {
        let worries = try LabelledWorry.fixture(file)
        #expect(worries.count >= 150)
        #expect(Set(worries.map(\.topic)).count >= 8)
        let texts = worries.map(\.text), labels = worries.map(\.topic)
        let ours = ClusterScore(clusters: GroupingMethod.constellations(texts), labels: labels)
        #expect(ours.purity >= 0.8)
        #expect(ours.adjustedRand >= 0.5)
        let exact = ClusterScore(clusters: GroupingMethod.exactDuplicates(texts), labels: labels)
        // The baseline at its best threshold on this very half, so the comparison favours it.
        let jaccard = stride(from: 0.1, through: 0.9, by: 0.1).map {
            ClusterScore(clusters: GroupingMethod.bigramJaccard(texts, threshold: $0), labels: labels).adjustedRand
        }.max()!
        #expect(ours.adjustedRand >= exact.adjustedRand + 0.3)
        #expect(ours.adjustedRand >= jaccard + 0.3)
    }

    @Test func theScoresAreRightOnSmallCases() {
        let perfect = ClusterScore(clusters: [0, 0, 1, 1], labels: ["a", "a", "b", "b"])
        #expect(perfect.purity == 1 && abs(perfect.adjustedRand - 1) < 1e-12)
        let lumped = ClusterScore(clusters: [0, 0, 0, 0], labels: ["a", "a", "b", "b"])
        #expect(lumped.purity == 0.5 && abs(lumped.adjustedRand) < 1e-12)
        let alone = ClusterScore(clusters: [0, 1, 2, 3], labels: ["a", "a", "b", "b"])
        #expect(alone.purity == 1 && abs(alone.adjustedRand) < 1e-12)
        // A textbook case: ARI of {a,a,a,b,b,b} against clusters {0,0,1,1,2,2} is 0.242…
        let mixed = ClusterScore(clusters: [0, 0, 1, 1, 2, 2], labels: ["a", "a", "a", "b", "b", "b"])
        #expect(abs(mixed.adjustedRand - 0.24242424) < 1e-6)
    }
}
