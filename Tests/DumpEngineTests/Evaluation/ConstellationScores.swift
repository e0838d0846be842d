// Scores of the constellations against hand-labelled worries, and of the two baselines.
// Shared by the quality tests (DumpEngineTests) and the evaluation command
// (Benchmarks/sky-layout/evaluate.sh), so it uses DumpEngine's public API only.
import DumpEngine
import Foundation

/// A worry of the evaluation set and the topic a person gave it.
struct LabelledWorry: Sendable {
    var topic: String
    var text: String

    /// Reads `topic<TAB>text` lines; `#` starts a comment line.
    static func load(_ url: URL) throws -> [LabelledWorry] {
        let content = try String(contentsOf: url, encoding: .utf8)
        return content.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            return LabelledWorry(topic: String(line[..<tab]), text: String(line[line.index(after: tab)...]))
        }
    }

    /// A file of `Tests/DumpEngineTests/Fixtures`, found from this file's path.
    static func fixture(_ name: String) throws -> [LabelledWorry] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try load(folder.appendingPathComponent("Fixtures").appendingPathComponent(name))
    }
}

/// How well a clustering matches the labels.
struct ClusterScore: Sendable {
    /// Share of worries whose cluster's most common topic is their own.
    var purity: Double
    /// Adjusted Rand index: 0 for chance, 1 for the labels exactly.
    var adjustedRand: Double
    /// Clusters with two or more worries.
    var groups: Int
    /// Worries in such clusters.
    var grouped: Int

    /// Scores `clusters` (one cluster id per worry) against `labels`.
    init(clusters: [Int], labels: [String]) {
        precondition(clusters.count == labels.count)
        let n = clusters.count
        var table: [Int: [String: Int]] = [:]
        var clusterSizes: [Int: Int] = [:]
        var labelSizes: [String: Int] = [:]
        for (cluster, label) in zip(clusters, labels) {
            table[cluster, default: [:]][label, default: 0] += 1
            clusterSizes[cluster, default: 0] += 1
            labelSizes[label, default: 0] += 1
        }
        purity = n == 0 ? 0 : Double(table.values.reduce(0) { $0 + ($1.values.max() ?? 0) }) / Double(n)
        func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
        let index = table.values.reduce(0.0) { sum, row in sum + row.values.reduce(0.0) { $0 + pairs($1) } }
        let rows = clusterSizes.values.reduce(0.0) { $0 + pairs($1) }
        let columns = labelSizes.values.reduce(0.0) { $0 + pairs($1) }
        let expected = rows * columns / max(pairs(n), 1)
        let maximum = (rows + columns) / 2
        adjustedRand = maximum == expected ? 0 : (index - expected) / (maximum - expected)
        groups = clusterSizes.values.filter { $0 >= 2 }.count
        grouped = clusterSizes.values.filter { $0 >= 2 }.reduce(0, +)
    }
}

/// The three ways of grouping worries the issue compares.
enum GroupingMethod {
    /// Today's sky: only texts that normalise alike (`SkyText`) share a star.
    static func exactDuplicates(_ texts: [String]) -> [Int] {
        var ids: [String: Int] = [:]
        return texts.map { text in
            let key = SkyText.normalised(text)
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }

    /// Plain character-bigram Jaccard: worries whose bigram sets (of the normalised text,
    /// spaces removed) overlap by at least `threshold` are joined, and joined worries form
    /// groups (connected components).
    static func bigramJaccard(_ texts: [String], threshold: Double) -> [Int] {
        let sets: [Set<String>] = texts.map { text in
            let characters = Array(SkyText.normalised(text).filter { !$0.isWhitespace })
            guard characters.count >= 2 else { return Set(characters.map(String.init)) }
            return Set((0..<(characters.count - 1)).map { String(characters[$0]) + String(characters[$0 + 1]) })
        }
        return components(count: texts.count) { i, j in
            let union = sets[i].union(sets[j]).count
            return union > 0 && Double(sets[i].intersection(sets[j]).count) / Double(union) >= threshold
        }
    }

    /// This product's similarity (`WorrySimilarity`) with the same single-link grouping as
    /// the Jaccard baseline: shows what the constellation rule adds over a plain threshold graph.
    static func similarityGraph(_ texts: [String], threshold: Double) -> [Int] {
        let features = texts.map { WorryFeatures(text: SkyText.normalised($0)) }
        return components(count: texts.count) { i, j in
            WorrySimilarity.similarity(features[i], features[j]) >= threshold
        }
    }

    /// The constellations the sky engine draws: each worry's star's constellation, or the
    /// star alone when it belongs to none.
    static func constellations(_ texts: [String], threshold: Double = ConstellationRule.defaultThreshold) -> [Int] {
        let epoch = Date(timeIntervalSince1970: 1_795_600_000)
        let worries = texts.enumerated().map { SkyWorry(id: "w\($0.offset)", text: $0.element, createdAt: epoch) }
        let layout = SkyEngine(options: .init(seed: 1, constellationThreshold: threshold)).layout(worries, now: epoch)
        var starOf: [String: Int] = [:]
        for (index, node) in layout.nodes.enumerated() { starOf[SkyText.normalised(node.text)] = index }
        return texts.map { text in
            let star = starOf[SkyText.normalised(text)]!
            if let constellation = layout.nodes[star].constellation { return constellation }
            return layout.constellations.count + star
        }
    }

    /// Connected components of the graph whose edges `joined` accepts (union–find).
    static func components(count: Int, joined: (Int, Int) -> Bool) -> [Int] {
        var parent = Array(0..<count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) where root(i) != root(j) && joined(i, j) {
                parent[root(j)] = root(i)
            }
        }
        return (0..<count).map(root)
    }
}
