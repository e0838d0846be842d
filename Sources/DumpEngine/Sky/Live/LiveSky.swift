import Foundation

/// The live sky kept up to date worry by worry, so that a post, a delete or an expiry costs
/// the same in a sky of 1,000 stars as in one of 100,000.
///
/// It holds what `SkyEngine.layout` computes from scratch, kept as it changes: the stars
/// (one per normalised text) in their order, each star's nearest neighbours in a grid
/// (`StarField`), each theme's members, word tally and figure stars, and the constellations
/// in their order. A change touches one star, its neighbourhood and its theme. Labels and
/// constellation names are placed again, over the brightest `SkyLabeller.candidateLimit`
/// stars only, when a layout is asked for after a change.
///
/// `layout(now:)` equals `SkyEngine(options:).layout(worries, now:)` of the same worries
/// (the property tests hold the two to it); `view(limit:now:)` is the same sky cut to its
/// brightest stars, for the page's first visit.
///
/// Not thread-safe: the service keeps one inside an actor.
public final class LiveSky {
    /// The options the sky is laid out with.
    public let options: SkyEngine.Options
    private let seed: UInt64
    private let anchors: SkyAnchors
    private let planner: SkyConstellationPlanner

    /// One worry of a star.
    private struct WorryRef {
        var id: String
        var text: String
        var createdAt: Date
        var owner: String?

        func isBefore(_ other: WorryRef) -> Bool { (createdAt, id) < (other.createdAt, other.id) }
    }

    /// One star: the worries sharing a normalised text.
    private struct Star {
        var id: String
        var key: String
        /// Oldest first (by time, then id): the first gives the star its text and its age.
        var worries: [WorryRef]
        /// How many of its worries each owner wrote.
        var owners: [String: Int]
        /// The theme it gathers under (past the threshold), if any, and its naming words.
        var theme: String?
        var words: [String]
        var place: SkyPlacement
        /// `SkyLabel.wideUnits` of its label's words, measured when the labeller first needs it.
        var labelUnits: Double?

        var order: StarOrder {
            StarOrder(count: worries.count, since: worries[0].createdAt, id: id, slot: -1)
        }

        var recency: Recency { Recency(latest: worries[worries.count - 1].createdAt, id: id, slot: -1) }
    }

    /// Stars by their latest worry, newest first (then by id).
    struct Recency: Comparable {
        var latest: Date
        var id: String
        var slot: Int

        static func < (lhs: Recency, rhs: Recency) -> Bool {
            lhs.latest != rhs.latest ? lhs.latest > rhs.latest : lhs.id < rhs.id
        }

        static func == (lhs: Recency, rhs: Recency) -> Bool { lhs.latest == rhs.latest && lhs.id == rhs.id }
    }

    /// The sky's order of stars: most worries first, then the oldest, then by id.
    struct StarOrder: Comparable {
        var count: Int
        var since: Date
        var id: String
        var slot: Int

        static func < (lhs: StarOrder, rhs: StarOrder) -> Bool {
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            if lhs.since != rhs.since { return lhs.since < rhs.since }
            return lhs.id < rhs.id
        }

        static func == (lhs: StarOrder, rhs: StarOrder) -> Bool {
            lhs.count == rhs.count && lhs.since == rhs.since && lhs.id == rhs.id
        }
    }

    /// The constellations' order: most worries, then most stars, then by id.
    struct ThemeOrder: Comparable {
        var size: Int
        var stars: Int
        var id: String
        var theme: String

        static func < (lhs: ThemeOrder, rhs: ThemeOrder) -> Bool {
            if lhs.size != rhs.size { return lhs.size > rhs.size }
            if lhs.stars != rhs.stars { return lhs.stars > rhs.stars }
            return lhs.id < rhs.id
        }

        static func == (lhs: ThemeOrder, rhs: ThemeOrder) -> Bool {
            lhs.size == rhs.size && lhs.stars == rhs.stars && lhs.id == rhs.id
        }
    }

    /// One theme's stars and what its constellation is made of.
    private struct Theme {
        var key: String
        var id: String
        var anchor: (x: Double, y: Double)
        var members = OrderedKeys<StarOrder>()
        /// Members within `figureReach` of the anchor, in the sky's order.
        var figureCandidates = OrderedKeys<StarOrder>()
        /// Worries of all members.
        var size = 0
        /// Each naming word, weighted by its stars' worries.
        var tally: [String: Int] = [:]
        /// Per naming word: how many member stars holding it each owner wrote in.
        var wordOwners: [String: [String: Int]] = [:]
        /// Name and figure (pairs of slots), made again after a change.
        var made: (name: String, lines: [(Int, Int)])?

        var order: ThemeOrder { ThemeOrder(size: size, stars: members.count, id: id, theme: key) }
        var isConstellation: Bool { members.count >= ConstellationRule.minimumStars }
    }

    private var stars: [Star?] = []
    private var freeSlots: [Int] = []
    private var slotOfKey: [String: Int] = [:]
    private var slotOfWorry: [String: Int] = [:]
    private var order = OrderedKeys<StarOrder>()
    private var recent = OrderedKeys<Recency>()
    private var field: StarField
    /// The stars by tile, for the detail of a region (`region(_:beyond:limit:)`).
    private var tiles = SkyTiles<StarOrder>()
    private var themes: [String: Theme] = [:]
    private var ranking = OrderedKeys<ThemeOrder>()
    private var expiries = ExpiryQueue()
    /// Labels and names placed for the current stars (nil after any change).
    private var decorations: Decorations?
    /// A constellation among those named changed (`touch(theme:)`): the names are kept if
    /// what they were placed from is the same (`NameInputs`), made again otherwise.
    private var namesSuspect = false
    /// How many times the labels and names were laid out (tests: a change that cannot move
    /// them keeps them).
    private(set) var labelLayouts = 0
    /// `materialise`'s buffer: each slot's place in the layout being made, -1 elsewhere.
    private var shownAt: [Int32] = []

    /// Creates an empty sky.
    public init(options: SkyEngine.Options) {
        self.options = options
        seed = options.seed & SkyLayout.maxSeed
        anchors = SkyAnchors(seed: seed)
        planner = SkyConstellationPlanner(
            seed: seed, anchors: anchors, figureStars: options.figureStars, nameBudget: options.constellationNameBudget)
        field = StarField(cutoff: options.linkCutoff, k: options.maxLinksPerNode)
    }

    /// A sky of `worries` at once (each with its `SkyText.normalised` key and its expiry):
    /// how a process that starts with a full sky begins, much faster than one insert at a time.
    public convenience init(
        options: SkyEngine.Options, worries: [(worry: SkyWorry, key: String, expiresAt: Date?)]
    ) {
        self.init(options: options, worries: worries, gridSteps: nil)
    }

    /// The same, on a grid of `gridSteps` cells per cut-off (nil: as fine as the densest part
    /// of the sky needs).
    convenience init(
        options: SkyEngine.Options, worries: [(worry: SkyWorry, key: String, expiresAt: Date?)], gridSteps: Int?
    ) {
        self.init(options: options)
        for (worry, key, expiresAt) in worries { add(worry, key: key, expiresAt: expiresAt, bulk: true) }
        // A grid as fine as the densest part of this sky needs.
        var squares: [Int: Int] = [:]
        let cutoff = max(options.linkCutoff, 1e-9)
        for case let star? in stars {
            squares[Int(star.place.y / cutoff) * 1_000 + Int(star.place.x * SkyLayout.aspectRatio / cutoff), default: 0] += 1
        }
        field = StarField(
            cutoff: options.linkCutoff, k: options.maxLinksPerNode,
            steps: gridSteps ?? StarField.steps(forDensest: squares.values.max() ?? 0))
        var orders: [StarOrder] = []
        orders.reserveCapacity(slotOfKey.count)
        var recencies: [Recency] = []
        recencies.reserveCapacity(slotOfKey.count)
        var byTheme: [String: [StarOrder]] = [:]
        for (slot, star) in stars.enumerated() {
            guard var star else { continue }
            star.worries.sort { $0.isBefore($1) }
            stars[slot] = star
            var key = star.order
            key.slot = slot
            orders.append(key)
            var recency = star.recency
            recency.slot = slot
            recencies.append(recency)
            if let theme = star.theme { byTheme[theme, default: []].append(key) }
            field.place(slot: slot, id: star.id, x: star.place.x, y: star.place.y)
        }
        order = OrderedKeys(sorted: orders.sorted())
        tiles = SkyTiles(orders.map { (key: $0, x: stars[$0.slot]!.place.x, y: stars[$0.slot]!.place.y) })
        recent = OrderedKeys(sorted: recencies.sorted())
        field.linkAll()
        for (key, members) in byTheme {
            var theme = newTheme(key)
            for member in members.sorted() { join(&theme, member) }
            themes[key] = theme
            if theme.isConstellation { ranking.insert(theme.order) }
        }
    }

    /// How many worries the sky holds.
    public var worryCount: Int { slotOfWorry.count }

    /// A name for the set of worries the sky holds: the sum of a 128-bit hash of each one's
    /// id, kept as they come and go, so the same worries give the same digest however they
    /// came (one by one or at once, in any order, on any node). A worry's id never changes
    /// what it is, and the sky (and every view of it) is a function of its worries: equal
    /// digests, equal skies, without hashing the sky.
    public private(set) var digest: (UInt64, UInt64) = (0, 0)

    /// A worry id's 128 bits: `stableHash` under two seeds.
    private static func hash(_ id: String) -> (UInt64, UInt64) {
        (stableHash(id, seed: 0x6469_6765_7374_0001), stableHash(id, seed: 0x6469_6765_7374_0002))
    }

    /// How many stars the sky holds.
    public var starCount: Int { order.count }

    /// Cells per link cut-off of the grid the stars are kept in (tests).
    var gridSteps: Int { field.steps }

    /// Whether the worry with `id` is in the sky.
    public func contains(worryID id: String) -> Bool { slotOfWorry[id] != nil }

    /// Adds a worry (nothing when a worry with its id is already in); `key` is its
    /// `SkyText.normalised` text (computed when nil). A worry whose words normalise to
    /// nothing is left out, as `SkyEngine.layout` leaves it out. It leaves by itself at
    /// `expiresAt` (`expire(now:)`).
    public func insert(_ worry: SkyWorry, key: String? = nil, expiresAt: Date? = nil) {
        add(worry, key: key ?? SkyText.normalised(worry.text), expiresAt: expiresAt, bulk: false)
    }

    private func add(_ worry: SkyWorry, key: String, expiresAt: Date?, bulk: Bool) {
        guard !key.isEmpty, slotOfWorry[worry.id] == nil else { return }
        let h = Self.hash(worry.id)
        digest = (digest.0 &+ h.0, digest.1 &+ h.1)
        let ref = WorryRef(id: worry.id, text: worry.text, createdAt: worry.createdAt, owner: worry.owner)
        if let expiresAt { expiries.push(expiresAt, worry.id) }
        if let slot = slotOfKey[key] {
            slotOfWorry[worry.id] = slot
            if bulk {
                stars[slot]!.worries.append(ref)
                if let owner = ref.owner { stars[slot]!.owners[owner, default: 0] += 1 }
                return
            }
            change(slot) { star in
                var at = star.worries.count
                while at > 0, ref.isBefore(star.worries[at - 1]) { at -= 1 }
                star.worries.insert(ref, at: at)
            }
            if let owner = ref.owner { addOwner(owner, to: slot) }
            return
        }
        let slot = freeSlots.popLast() ?? stars.count
        if slot == stars.count { stars.append(nil) }
        let id = SkyPlacement.nodeID(normalisedText: key, seed: seed)
        let entry = SkyThemeMemo.Entry(reading: key)
        let theme = ConstellationRule.theme(entry.theme, threshold: options.constellationThreshold)?.key
        let place = SkyPlacement(nodeID: id, seed: seed, anchor: theme.map { anchors.anchor(theme: $0) })
        var star = Star(
            id: id, key: key, worries: [ref], owners: [:], theme: theme, words: theme == nil ? [] : entry.words,
            place: place)
        if let owner = ref.owner { star.owners[owner] = 1 }
        stars[slot] = star
        slotOfKey[key] = slot
        slotOfWorry[worry.id] = slot
        guard !bulk else { return }
        var key = star.order
        key.slot = slot
        order.insert(key)
        tiles.insert(key, x: place.x, y: place.y)
        recent.insert(Recency(latest: worry.createdAt, id: id, slot: slot))
        field.insert(slot: slot, id: id, x: place.x, y: place.y)
        touch(place: slot, coming: true)
        if decorations != nil { reconsider(slot, from: nil, to: order.index(of: key)) }
        if let theme {
            var state = themes.removeValue(forKey: theme) ?? newTheme(theme)
            let was = state.isConstellation ? state.order : nil
            join(&state, key)
            reorder(theme: state, was: was)
            themes[theme] = state
        }
    }

    /// Takes the worry with `id` out (nothing when it is not in).
    public func remove(worryID id: String) {
        guard let slot = slotOfWorry.removeValue(forKey: id) else { return }
        let h = Self.hash(id)
        digest = (digest.0 &- h.0, digest.1 &- h.1)
        // Read, not copied: a copy of the star kept while it changes would copy its worries.
        guard let at = stars[slot]!.worries.firstIndex(where: { $0.id == id }) else { return }
        let owner = stars[slot]!.worries[at].owner
        if stars[slot]!.worries.count == 1 {
            removeStar(slot)
            return
        }
        if let owner { removeOwner(owner, from: slot) }
        change(slot) { $0.worries.remove(at: at) }
    }

    /// Takes out every worry whose expiry is at or before `now`.
    public func expire(now: Date) {
        while let (expiresAt, id) = expiries.peek(), expiresAt <= now {
            expiries.pop()
            remove(worryID: id)
        }
    }

    /// The earliest expiry still to come, if any.
    public var nextExpiry: Date? { expiries.peek()?.0 }

    // MARK: Changing stars and themes

    private func newTheme(_ key: String) -> Theme {
        Theme(key: key, id: ConstellationRule.id(themeKey: key, seed: seed), anchor: anchors.anchor(theme: key))
    }

    /// Adds the star `member` to `theme` (its counts, words and owners).
    private func join(_ theme: inout Theme, _ member: StarOrder) {
        let star = stars[member.slot]!
        theme.members.insert(member)
        if SkyConstellationPlanner.isInFigureReach(star.place.x, star.place.y, of: theme.anchor) {
            theme.figureCandidates.insert(member)
        }
        theme.size += star.worries.count
        for word in star.words { theme.tally[word, default: 0] += star.worries.count }
        for word in Set(star.words) {
            for owner in star.owners.keys { theme.wordOwners[word, default: [:]][owner, default: 0] += 1 }
        }
        theme.made = nil
    }

    /// Takes the star `member` out of `theme`.
    private func leave(_ theme: inout Theme, _ member: StarOrder) {
        let star = stars[member.slot]!
        theme.members.remove(member)
        theme.figureCandidates.remove(member)
        theme.size -= star.worries.count
        for word in star.words { adjust(&theme.tally, word, by: -star.worries.count) }
        for word in Set(star.words) {
            for owner in star.owners.keys { adjustOwner(&theme, word: word, owner: owner, by: -1) }
        }
        theme.made = nil
    }

    private func adjust(_ tally: inout [String: Int], _ word: String, by delta: Int) {
        let value = (tally[word] ?? 0) + delta
        tally[word] = value == 0 ? nil : value
    }

    private func adjustOwner(_ theme: inout Theme, word: String, owner: String, by delta: Int) {
        let value = (theme.wordOwners[word]?[owner] ?? 0) + delta
        theme.wordOwners[word, default: [:]][owner] = value == 0 ? nil : value
        if theme.wordOwners[word]?.isEmpty == true { theme.wordOwners[word] = nil }
    }

    /// Moves `theme` to its place among the constellations (`was`: its old place, if it was one).
    private func reorder(theme: Theme, was: ThemeOrder?) {
        if let was {
            touch(theme: was)
            ranking.remove(was)
        }
        if theme.isConstellation {
            ranking.insert(theme.order)
            touch(theme: theme.order)
        }
    }

    // MARK: What the labels and names depend on

    /// Keeps the labels and names after the star in `slot` moved in the order from `from` to
    /// `to` (nil: not in it; its count, and so its size and words, may have changed), when the
    /// labeller would do again all it did; forgets them otherwise.
    ///
    /// The labeller visits the brightest stars in order, and a star it leaves unlabelled
    /// changes nothing for the others (it takes no room). So a star unlabelled before that
    /// would still be unlabelled at its new place, with every label before it as it was, keeps
    /// them all: it is tried again there alone (`SkyLabeller.label`). So is a star that comes
    /// last among the candidates when another leaves them. Anything else (a labelled star,
    /// the few most shared, which may cover crowds, the first label's) lays them out again.
    private func reconsider(_ slot: Int, from: Int?, to: Int?) {
        guard let scan = decorations?.labelScan else { return }
        // Beyond what the labeller visited, before and after: nothing it did depended on it.
        let nearest = min(from ?? .max, to ?? .max)
        guard nearest < scan else { return }
        let limit = SkyLabeller.candidateLimit
        guard decorations!.labels[slot] == nil, decorations!.crowdCounted,
            nearest >= max(SkyLabeller.crowdExempt, decorations!.firstScan)
        else {
            decorations = nil
            return
        }
        let was = (from ?? .max) < limit, now = (to ?? .max) < limit
        if now, !was, order.count > limit, let pushed = order.element(at: limit), decorations!.labels[pushed.slot] != nil {
            decorations = nil
            return
        }
        if was, !now, scan >= limit, order.count >= limit, let coming = order.element(at: limit - 1),
            wouldBeLabelled(coming.slot)
        {
            decorations = nil
            return
        }
        if let to, to < scan, wouldBeLabelled(slot) { decorations = nil }
    }

    /// Whether the labeller, reaching the star in `slot` (not among the few most shared) with
    /// the labels of the stars before it in place, would label it; its crowd counts are kept.
    private func wouldBeLabelled(_ slot: Int) -> Bool {
        var key = stars[slot]!.order
        key.slot = slot
        var taken = decorations!.nameBoxes
        for placed in decorations!.placed where placed.key < key {
            taken.append(placed.swept)
            taken.append(placed.disc)
        }
        let counter = WatchingCounter(field: field, crowds: decorations!.crowds)
        decorations!.crowds = CountedCrowds(cells: [])  // counted in place, not copied
        defer { decorations?.crowds = counter.crowds }
        return SkyLabeller.label(
            node(slot: slot, label: nil, rank: [:]), exempt: false, taken: taken, crowd: counter,
            wideUnits: { self.labelUnits(slot) }) != nil
    }

    /// Forgets them when a star comes into a box whose crowd was counted small enough for a
    /// label and now reaches the limit, or leaves a box counted too big (that count stopped at
    /// the limit, so one fewer may be few enough): only a count crossing its limit can change
    /// what the labeller did. Every other box keeps its outcome, and its count follows.
    private func touch(place slot: Int, coming: Bool) {
        guard decorations != nil else { return }
        let cell = field.cellOf[slot]
        guard decorations!.crowds.marked(cell) else { return }
        let (x, y) = (field.x[slot], field.y[slot])
        var counted = decorations!.crowds.counted
        decorations!.crowds.counted = []  // counted in place, not copied
        defer { decorations?.crowds.counted = counted }
        for index in counted.indices {
            guard counted[index].box.contains(x: x, y: y) else { continue }
            if counted[index].found >= counted[index].limit {
                guard coming else {
                    decorations = nil
                    return
                }
            } else if coming {
                counted[index].found += 1
                if counted[index].found >= counted[index].limit {
                    decorations = nil
                    return
                }
            } else {
                counted[index].found -= 1
            }
        }
    }

    /// Marks them to be checked when a constellation (present in the ranking) lies among
    /// those whose names were placed: most changes (one more worry in a constellation) keep
    /// its place in the ranking, its name and its figure, and then every name stays.
    private func touch(theme key: ThemeOrder) {
        guard let scan = decorations?.nameScan, let index = ranking.index(of: key), index < scan else { return }
        namesSuspect = true
    }

    /// What the names of the first `scan` constellations were placed from, besides the labels
    /// (which have their own rules): which constellations, in order, their names, and the
    /// stars of their figures (a star's place never changes; a theme's anchor neither).
    private struct NameInput: Equatable {
        var theme: String
        var name: String
        var figure: [Int]
    }

    private func nameInputs(scan: Int) -> [NameInput] {
        ranking.all.prefix(scan).map { key in
            let made = made(key.theme)
            return NameInput(theme: key.theme, name: made.name, figure: made.lines.flatMap { [$0.0, $0.1] })
        }
    }

    /// Changes the star in `slot` (its worries) and moves it to its new place in the order and
    /// in its theme.
    /// Changes the worries of the star in `slot` by one (`body`, in place) and moves it to
    /// its new place in the order and in its theme, whose counts change by the same one. Its
    /// owners are `addOwner`'s and `removeOwner`'s.
    private func change(_ slot: Int, _ body: (inout Star) -> Void) {
        var old = stars[slot]!.order
        old.slot = slot
        recent.remove(stars[slot]!.recency)
        body(&stars[slot]!)
        stars[slot]!.labelUnits = nil  // its first worry, whose words it shows, may be another now
        var new = stars[slot]!.order
        new.slot = slot
        let from = decorations == nil ? nil : order.index(of: old)
        order.remove(old)
        order.insert(new)
        let place = stars[slot]!.place
        tiles.remove(old, x: place.x, y: place.y)
        tiles.insert(new, x: place.x, y: place.y)
        if decorations != nil { reconsider(slot, from: from, to: order.index(of: new)) }
        var recency = stars[slot]!.recency
        recency.slot = slot
        recent.insert(recency)
        guard let key = stars[slot]!.theme, var theme = themes.removeValue(forKey: key) else { return }
        let was = theme.isConstellation ? theme.order : nil
        theme.members.remove(old)
        theme.members.insert(new)
        if theme.figureCandidates.remove(old) { theme.figureCandidates.insert(new) }
        let delta = new.count - old.count
        theme.size += delta
        for word in stars[slot]!.words { adjust(&theme.tally, word, by: delta) }
        theme.made = nil
        reorder(theme: theme, was: was)
        themes[key] = theme
    }

    private func addOwner(_ owner: String, to slot: Int) {
        let first = stars[slot]!.owners[owner] == nil
        stars[slot]!.owners[owner, default: 0] += 1
        guard first, let key = stars[slot]!.theme, var theme = themes.removeValue(forKey: key) else { return }
        for word in Set(stars[slot]!.words) { theme.wordOwners[word, default: [:]][owner, default: 0] += 1 }
        themes[key] = theme
    }

    private func removeOwner(_ owner: String, from slot: Int) {
        let left = (stars[slot]!.owners[owner] ?? 1) - 1
        stars[slot]!.owners[owner] = left == 0 ? nil : left
        guard left == 0, let key = stars[slot]!.theme, var theme = themes.removeValue(forKey: key) else { return }
        for word in Set(stars[slot]!.words) { adjustOwner(&theme, word: word, owner: owner, by: -1) }
        themes[key] = theme
    }

    private func removeStar(_ slot: Int) {
        let star = stars[slot]!
        var key = star.order
        key.slot = slot
        if let name = star.theme, var theme = themes.removeValue(forKey: name) {
            let was = theme.isConstellation ? theme.order : nil
            leave(&theme, key)
            reorder(theme: theme, was: was)
            themes[name] = theme.members.isEmpty ? nil : theme
        }
        let from = decorations == nil ? nil : order.index(of: key)
        order.remove(key)
        tiles.remove(key, x: star.place.x, y: star.place.y)
        recent.remove(star.recency)
        touch(place: slot, coming: false)
        field.remove(slot: slot)
        reconsider(slot, from: from, to: nil)
        slotOfKey[star.key] = nil
        stars[slot] = nil
        freeSlots.append(slot)
    }

    // MARK: Layouts

    /// The whole sky at `now`: equal to `SkyEngine(options:).layout` of the same worries.
    public func layout(now: Date) -> SkyLayout {
        materialise(order.all.map(\.slot), now: now)
    }

    /// The sky cut to its brightest `limit` stars, the `recent` stars written in or shared
    /// last, and the stars every constellation's figure joins: what a first visit downloads,
    /// whatever the size of the sky. Counts, labels, names and constellations are those of
    /// the whole sky; links join shown stars only.
    public func view(limit: Int, recent recentCount: Int = 0, now: Date) -> SkyLayout {
        guard order.count > limit + recentCount else { return layout(now: now) }
        let brightest = order.prefix(limit)
        // The others shown (written in last, in a figure) all come after the brightest in
        // the order: sorted among themselves, they follow them.
        let last = brightest.last
        var others = Set<Int>()
        func add(_ slot: Int) {
            var key = stars[slot]!.order
            key.slot = slot
            if last.map({ $0 < key }) ?? true { others.insert(slot) }
        }
        for key in recent.prefix(recentCount) { add(key.slot) }
        for theme in ranking.all.map(\.theme) {
            for (a, b) in made(theme).lines {
                add(a)
                add(b)
            }
        }
        var keys = others.map { slot -> StarOrder in
            var key = stars[slot]!.order
            key.slot = slot
            return key
        }
        keys.sort()
        return materialise(brightest.map(\.slot) + keys.map(\.slot), now: now)
    }

    /// The detail of a region, for a page zoomed in on it: the brightest `limit` stars resting
    /// in `box` (sky coordinates) that are not among the sky's brightest `beyond` (which every
    /// view holds), brightest first, unlabelled, without links. It reads at most
    /// `limit * 4 + 1,024` stars (`SkyTiles`), whatever the size of the sky or of the box.
    public func region(_ box: SkyLabelBox, beyond: Int, limit: Int) -> SkyRegion {
        let limit = max(0, limit)
        var after: StarOrder?
        if beyond > 0 {
            // A sky of no more than `beyond` stars has none beyond them.
            guard let last = order.element(at: beyond - 1) else { return SkyRegion(box: box, nodes: [], more: false) }
            after = last
        }
        let found = tiles.brightest(
            in: box, after: after, limit: limit, budget: limit * 4 + 1_024,
            position: { [stars] in (x: stars[$0.slot]!.place.x, y: stars[$0.slot]!.place.y) })
        let rank = ranks()
        return SkyRegion(
            box: box, nodes: found.keys.map { node(slot: $0.slot, label: nil, rank: rank) }, more: found.more)
    }

    /// The brightest `n` stars in the sky's order, with what orders them: what a merge of
    /// several region skies (one per shard of a fleet) needs to find the brightest of all.
    public func brightest(_ n: Int) -> [(id: String, count: Int, since: Date)] {
        order.prefix(n).map { ($0.id, $0.count, $0.since) }
    }

    /// The name and figure of `theme`'s constellation, made again when it changed.
    private func made(_ key: String) -> (name: String, lines: [(Int, Int)]) {
        if let made = themes[key]!.made { return made }
        let theme = themes[key]!
        let chosen = theme.figureCandidates.prefix(options.figureStars).map(\.slot)
        let points = chosen.map { (x: stars[$0]!.place.x, y: stars[$0]!.place.y) }
        let lines = SkyConstellationPlanner.shortestTree(points).map { (chosen[$0.0], chosen[$0.1]) }
        let made = (SkyConstellationPlanner.name(tally: theme.tally), lines)
        themes[key]!.made = made
        return made
    }

    /// Which stars are labelled and where each constellation's name goes, and what that
    /// depends on: the first `labelScan` stars of the order, the first `nameScan`
    /// constellations, and the crowds counted under labels (`crowds`: each box's count and
    /// limit). A change elsewhere keeps them.
    private struct Decorations {
        var labels: [Int: SkyLabel.Place?]
        var names: [String: (x: Double, y: Double, label: Bool)]
        var labelScan: Int
        var nameScan: Int
        var crowds: CountedCrowds
        var nameInputs: [NameInput]
        /// How many stars the first pass visited (it labels the brightest that fits, over
        /// any crowd), whether the second counted crowds, the names' boxes it kept off, and
        /// each labelled star's key and the boxes later labels keep off.
        var firstScan: Int
        var crowdCounted: Bool
        var nameBoxes: [SkyLabelBox]
        var placed: [(key: StarOrder, swept: SkyLabelBox, disc: SkyLabelBox)]
    }

    /// The boxes the labeller counted stars in, with what it found (a count that reaches
    /// `limit` refused the box, and stopped there), and which grid cells any of them spans.
    struct CountedCrowds {
        var counted: [(box: SkyLabelBox, found: Int, limit: Int)] = []
        var cells: [Bool]

        func marked(_ cell: Int) -> Bool { cells[cell] }
    }

    /// Counts stars for the labeller and keeps every count (`CountedCrowds`).
    private final class WatchingCounter: StarCounting {
        let field: StarField
        var crowds: CountedCrowds

        init(field: StarField, crowds: CountedCrowds? = nil) {
            self.field = field
            self.crowds = crowds ?? CountedCrowds(cells: Array(repeating: false, count: field.cellCount))
        }

        func count(in box: SkyLabelBox, limit: Int) -> Int {
            let found = field.count(in: box, limit: limit)
            let (rows, columns) = field.cells(in: box)
            let width = field.columns
            crowds.counted.append((box, found, limit))
            crowds.cells.withUnsafeMutableBufferPointer { cells in
                for r in rows {
                    for c in columns { cells[r * width + c] = true }
                }
            }
            return found
        }
    }

    /// Each constellation's place in the ranking, by theme.
    private func ranks() -> [String: Int] {
        var rank: [String: Int] = [:]
        for (index, key) in ranking.all.enumerated() { rank[key.theme] = index }
        return rank
    }

    private func decorated() -> Decorations {
        if let decorations {
            guard namesSuspect else { return decorations }
            namesSuspect = false
            if nameInputs(scan: decorations.nameScan) == decorations.nameInputs { return decorations }
        }
        namesSuspect = false
        labelLayouts += 1
        let rank = ranks()
        let candidates = order.prefix(SkyLabeller.candidateLimit).map(\.slot)
        var nodes = candidates.map { node(slot: $0, label: nil, rank: rank) }
        let first = min(1, options.labelBudget)
        var labelScan = 0
        if nodes.filter(\.label).count < first {
            labelScan = SkyLabeller.assignLabels(
                to: &nodes, budget: first, avoiding: [], crowd: nil, wideUnits: { self.labelUnits(candidates[$0]) })
        }
        let firstScan = labelScan
        var constellations = ranking.all.map { key -> SkyConstellation in
            let theme = themes[key.theme]!
            return SkyConstellation(
                id: theme.id, name: made(key.theme).name, size: theme.size, stars: theme.members.count,
                x: theme.anchor.x, y: theme.anchor.y, label: false,
                lines: made(key.theme).lines.map { SkyConstellation.Line(a: $0.0, b: $0.1) })
        }
        let names = planner.placeNames(
            &constellations, labels: nodes.filter(\.label).map(SkyLabeller.sweptBox),
            position: { [stars] in (x: stars[$0]!.place.x, y: stars[$0]!.place.y) })
        let labelled = nodes.filter(\.label).count
        let counter = WatchingCounter(field: field)
        if labelled < options.labelBudget {
            let visited = SkyLabeller.assignLabels(
                to: &nodes, budget: options.labelBudget, avoiding: names, crowd: labelled == 0 ? nil : counter,
                wideUnits: { self.labelUnits(candidates[$0]) })
            labelScan = max(labelScan, visited)
        }
        // A labeller that did not run out of budget visited every candidate (and would visit a new one).
        if nodes.filter(\.label).count < options.labelBudget { labelScan = SkyLabeller.candidateLimit }
        // The names visited every constellation unless they ran out of budget first.
        let named = constellations.filter(\.label).count
        let nameScan =
            named < options.constellationNameBudget
            ? Int.max : (constellations.lastIndex(where: \.label).map { $0 + 1 } ?? Int.max)
        var labels: [Int: SkyLabel.Place?] = [:]
        for (slot, node) in zip(candidates, nodes) where node.label { labels[slot] = node.labelAt }
        var placed: [String: (x: Double, y: Double, label: Bool)] = [:]
        for (key, constellation) in zip(ranking.all, constellations) {
            placed[key.theme] = (constellation.x, constellation.y, constellation.label)
        }
        let kept = zip(candidates, nodes).filter { $0.1.label }.map { slot, node in
            var key = stars[slot]!.order
            key.slot = slot
            return (key: key, swept: SkyLabeller.sweptBox(node), disc: SkyLabeller.disc(node))
        }
        let decorations = Decorations(
            labels: labels, names: placed, labelScan: labelScan, nameScan: nameScan, crowds: counter.crowds,
            nameInputs: nameInputs(scan: nameScan), firstScan: firstScan, crowdCounted: labelled > 0, nameBoxes: names,
            placed: kept)
        self.decorations = decorations
        return decorations
    }

    /// The star's `SkyLabel.wideUnits`, measured once.
    private func labelUnits(_ slot: Int) -> Double {
        if let units = stars[slot]!.labelUnits { return units }
        let units = SkyLabel.wideUnits(of: SkyLabel.text(for: stars[slot]!.worries[0].text))
        stars[slot]!.labelUnits = units
        return units
    }

    private func node(slot: Int, label: SkyLabel.Place??, rank: [String: Int]) -> SkyNode {
        let star = stars[slot]!
        let place = star.place
        return SkyNode(
            id: star.id, text: star.worries[0].text, count: star.worries.count, x: place.x, y: place.y,
            radius: SkyPlacement.radius(count: star.worries.count), color: place.color, label: label != nil,
            drift: place.drift, constellation: star.theme.flatMap { rank[$0] }, labelAt: label ?? nil)
    }

    /// The layout of the stars in `slots` (in the sky's order).
    private func materialise(_ slots: [Int], now: Date) -> SkyLayout {
        let decorations = decorated()
        let rank = ranks()
        // Each shown slot's place in the layout (-1: not shown), in a buffer kept between layouts.
        if shownAt.count < stars.count { shownAt += Array(repeating: -1, count: stars.count - shownAt.count) }
        for (index, slot) in slots.enumerated() { shownAt[slot] = Int32(index) }
        defer { for slot in slots { shownAt[slot] = -1 } }
        func index(_ slot: Int) -> Int? {
            let at = shownAt[slot]
            return at < 0 ? nil : Int(at)
        }
        let nodes = slots.map { slot in
            node(slot: slot, label: decorations.labels[slot], rank: rank)
        }
        var links: [SkyLink] = []
        for (a, slot) in slots.enumerated() {
            var fromHere: [SkyLink] = []
            for neighbour in field.near[slot] {
                guard let b = index(neighbour.slot), a < b, field.areMutual(slot, neighbour.slot) else { continue }
                if let c = nodes[a].constellation, c == nodes[b].constellation { continue }
                fromHere.append(
                    SkyLink(a: a, b: b, strength: SkyLinker.strength(distance2: neighbour.distance2, cutoff: field.cutoff)))
            }
            links += fromHere.sorted { $0.b < $1.b }
        }
        let constellations = ranking.all.map { key -> SkyConstellation in
            let theme = themes[key.theme]!
            let made = made(key.theme)
            // A constellation that came after the names were placed, beyond those they
            // visited, has no name: it rests at its anchor.
            let placed = decorations.names[key.theme] ?? (theme.anchor.x, theme.anchor.y, false)
            let lines = made.lines.compactMap { pair -> SkyConstellation.Line? in
                guard let a = index(pair.0), let b = index(pair.1) else { return nil }
                return SkyConstellation.Line(a: min(a, b), b: max(a, b))
            }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
            return SkyConstellation(
                id: theme.id, name: made.name, size: theme.size, stars: theme.members.count, x: placed.x, y: placed.y,
                label: placed.label, lines: lines, nameOwners: theme.wordOwners[made.name]?.count ?? 0)
        }
        return SkyLayout(seed: seed, generatedAt: now, nodes: nodes, links: links, constellations: constellations)
    }
}

extension StarField: StarCounting {}

/// Worries by expiry, earliest first (a binary heap); entries of worries already gone are
/// skipped by `LiveSky.expire`.
struct ExpiryQueue {
    private var heap: [(Date, String)] = []

    func peek() -> (Date, String)? { heap.first }

    mutating func push(_ date: Date, _ id: String) {
        heap.append((date, id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < heap.count, heap[left] < heap[least] { least = left }
            if right < heap.count, heap[right] < heap[least] { least = right }
            guard least != parent else { break }
            heap.swapAt(parent, least)
            parent = least
        }
    }
}
