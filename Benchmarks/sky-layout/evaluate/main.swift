// Constellation evaluation: purity and adjusted Rand index of the sky's constellations
// against hand-labelled worries, next to today's exact-duplicate merging and a plain
// character-bigram Jaccard grouping, on the development half, the held-out half and both.
// Thresholds of every method are chosen on the development half only. Run evaluate.sh.
import DumpEngine
import Foundation

let root = URL(fileURLWithPath: CommandLine.arguments[1])
let fixtures = root.appendingPathComponent("Tests/DumpEngineTests/Fixtures")
let dev = try LabelledWorry.load(fixtures.appendingPathComponent("worries-dev.tsv"))
let heldOut = try LabelledWorry.load(fixtures.appendingPathComponent("worries-heldout.tsv"))
let all = dev + heldOut
let unlisted = try LabelledWorry.load(fixtures.appendingPathComponent("worries-unlisted.tsv"))
let topics = Set(all.map(\.topic)).sorted()

func f2(_ value: Double) -> String { String(format: "%.2f", value) }
func f3(_ value: Double) -> String { String(format: "%.3f", value) }
func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

/// The threshold among `grid` with the best ARI on the development half.
func tuned(_ grid: [Double], _ method: ([String], Double) -> [Int]) -> Double {
    grid.max { a, b in
        ClusterScore(clusters: method(dev.map(\.text), a), labels: dev.map(\.topic)).adjustedRand
            < ClusterScore(clusters: method(dev.map(\.text), b), labels: dev.map(\.topic)).adjustedRand
    }!
}

let grid = stride(from: 0.1, through: 0.9, by: 0.05).map { ($0 * 100).rounded() / 100 }
let jaccardThreshold = tuned(grid, GroupingMethod.bigramJaccard)
let graphThreshold = tuned(grid, GroupingMethod.similarityGraph)

print("constellation evaluation: \(all.count) labelled worries (development \(dev.count), held-out \(heldOut.count)), \(topics.count) topics: \(topics.joined(separator: ", "))")
print("thresholds chosen on the development half: bigram Jaccard \(f2(jaccardThreshold)), similarity graph \(f2(graphThreshold)); constellations use the engine's default \(f2(ConstellationRule.defaultThreshold))")
print("")
print("our threshold on the development half (for the record):")
for threshold in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
    let score = ClusterScore(clusters: GroupingMethod.constellations(dev.map(\.text), threshold: threshold), labels: dev.map(\.topic))
    print("  threshold \(f2(threshold)): purity \(f3(score.purity)), ARI \(f3(score.adjustedRand)), \(score.groups) constellations holding \(score.grouped) worries")
}
print("")
let methods: [(String, ([String]) -> [Int])] = [
    ("exact duplicates (today)", GroupingMethod.exactDuplicates),
    ("character-bigram Jaccard >= \(f2(jaccardThreshold))", { GroupingMethod.bigramJaccard($0, threshold: jaccardThreshold) }),
    ("our similarity, single link >= \(f2(graphThreshold))", { GroupingMethod.similarityGraph($0, threshold: graphThreshold) }),
    ("constellations (issue 11)", { GroupingMethod.constellations($0) }),
]
let header = "| \(pad("method", 40)) | dev purity | dev ARI | held-out purity | held-out ARI | all purity | all ARI | groups (all) |"
print(header)
print("|" + String(repeating: "-", count: 42) + "|------------|---------|-----------------|--------------|------------|---------|--------------|")
for (name, method) in methods {
    let d = ClusterScore(clusters: method(dev.map(\.text)), labels: dev.map(\.topic))
    let h = ClusterScore(clusters: method(heldOut.map(\.text)), labels: heldOut.map(\.topic))
    let a = ClusterScore(clusters: method(all.map(\.text)), labels: all.map(\.topic))
    print("| \(pad(name, 40)) | \(pad(f3(d.purity), 10)) | \(pad(f3(d.adjustedRand), 7)) | \(pad(f3(h.purity), 15)) | \(pad(f3(h.adjustedRand), 12)) | \(pad(f3(a.purity), 10)) | \(pad(f3(a.adjustedRand), 7)) | \(pad("\(a.groups) (\(a.grouped) worries)", 12)) |")
}

print("")
print("beyond the word lists: \(unlisted.count) worries about \(Set(unlisted.map(\.topic)).sorted().joined(separator: ", ")) (no topic of the lists; same thresholds)")
for (name, method) in methods {
    let u = ClusterScore(clusters: method(unlisted.map(\.text)), labels: unlisted.map(\.topic))
    print("| \(pad(name, 40)) | purity \(f3(u.purity)) | ARI \(f3(u.adjustedRand)) | \(u.groups) groups holding \(u.grouped) worries |")
}

// Where the themes come from: the word lists (a topic), a single word, or nothing.
let themes = all.map { WorryFeatures(text: SkyText.normalised($0.text)).theme }
let fromTopics = themes.filter { $0?.key.hasPrefix("topic:") == true }.count
let fromWords = themes.filter { $0?.key.hasPrefix("word:") == true }.count
print("")
print("themes: \(fromTopics) of \(all.count) worries from a topic of the word lists, \(fromWords) from a single word, \(all.count - fromTopics - fromWords) none")

if CommandLine.arguments.contains("--details") {
    // Every constellation of the development half with the topics of its worries, then the
    // loners (the held-out half is never listed: it is not for tuning).
    let epoch = Date(timeIntervalSince1970: 1_795_600_000)
    let worries = dev.enumerated().map { SkyWorry(id: "w\($0.offset)", text: $0.element.text, createdAt: epoch) }
    let layout = SkyEngine(seed: 1).layout(worries, now: epoch)
    var topicOf: [String: String] = [:]
    for worry in dev { topicOf[SkyText.normalised(worry.text)] = worry.topic }
    for (index, constellation) in layout.constellations.enumerated() {
        let members = layout.nodes.filter { $0.constellation == index }
        var tally: [String: Int] = [:]
        for node in members { tally[topicOf[SkyText.normalised(node.text)]!, default: 0] += node.count }
        print("\n\(constellation.name) (\(constellation.size) worries): \(tally.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        let majority = tally.max { $0.value < $1.value }!.key
        for node in members where topicOf[SkyText.normalised(node.text)] != majority {
            print("   off-topic: [\(topicOf[SkyText.normalised(node.text)]!)] \(node.text)")
        }
    }
    print("\nnot in a constellation:")
    for node in layout.nodes where node.constellation == nil {
        let theme = WorryFeatures(text: SkyText.normalised(node.text)).theme
        print("   [\(topicOf[SkyText.normalised(node.text)]!)] \(node.text)   theme: \(theme.map { "\($0.key) \(f2($0.share))" } ?? "none")")
    }
}
