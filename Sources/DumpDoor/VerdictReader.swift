/// Step three of the door: who may see a worry, read from its (already masked) words.
///
/// Rules, first that applies wins:
/// 1. **Refused** (`not_allowed`): recruiting others to die (`같이 죽을 사람 구해요`,
///    `동반자살 하실 분`, `suicide pact anyone`) or asking for or describing a method
///    (`번개탄 피우는 법`, `수면제 몇 알 먹으면 죽어`, `how to kill myself painlessly`). Methods
///    are phrase-based: a method word counts only with an instruction or intent cue near it
///    (`Lexicon.methodRules`), so `수면제 없으면 잠을 못 자요` is not refused.
/// 2. **Care**: self-harm or suicide intent (`죽고 싶다`, `자살`, `사라지고 싶어`, `kill myself`,
///    `wanna die` …). Hyperbole is not (`배고파 죽겠다`, `웃겨 죽는 줄`, `this exam is killing me`).
///    A text that is both care and hate is care.
/// 3. **Hate**: slurs, threats, and a group of people followed by an insult or threat
///    (`장애인 새끼들 다 죽어버려`, `kill all <group>`).
/// 4. Otherwise **open**. Swearing at one's own life is the point of the product and stays
///    open, shown as written: `씨발 인생 왜 이래`, `존나 힘들다`, `fuck this job`, `fml`,
///    `이 놈의 회사 진짜 지겹다`, `내가 병신 같아`. Insult words count as hate only when aimed
///    at a group (after a group word, or a plural `…들은 병신`), never on their own.
enum VerdictReader {
    /// The verdict on `text`, or the refusal for recruiting or method content.
    static func verdict(of text: String) throws(DoorRefusal) -> Verdict {
        let view = MatchView(text)
        if isRefused(view) {
            throw DoorRefusal(
                .notAllowed,
                "This can't be posted. If you are thinking about ending your life, please reach out to someone now.")
        }
        if Lexicon.carePhrases.contains(where: view.contains) { return .care }
        if isHate(view) { return .hate }
        return .open
    }

    /// Whether `view` recruits others or names a method with an instruction.
    static func isRefused(_ view: MatchView) -> Bool {
        if Lexicon.refusedPhrases.contains(where: view.contains) { return true }
        return Lexicon.methodRules.contains { rule in
            let methods = rule.methods.flatMap { view.matches(of: $0) }
            guard !methods.isEmpty else { return false }
            let cues = rule.cues.flatMap { view.matches(of: $0) }
            return methods.contains { method in
                cues.contains { cue in
                    !cue.overlaps(method)
                        && (cue.lowerBound >= method.upperBound
                            ? cue.lowerBound - method.upperBound <= rule.window
                            : method.lowerBound - cue.upperBound <= rule.window)
                }
            }
        }
    }

    /// Whether `view` holds a slur, a threat, or a group followed by an insult.
    static func isHate(_ view: MatchView) -> Bool {
        let idioms = Lexicon.hateIdioms.flatMap { view.matches(of: $0) }
        let slurOrThreat = Lexicon.hatePhrases.contains { phrase in
            view.matches(of: phrase).contains { found in
                !phrase.inWords || !idioms.contains { $0.overlaps(found) }
            }
        }
        if slurOrThreat { return true }
        if Lexicon.groups.contains(where: { group in
            view.matches(of: group).contains { insultFollows(view, at: $0.upperBound) }
        }) {
            return true
        }
        // "kill all <group>": a group word starting within a few runs after the call.
        let groupStarts = Lexicon.englishGroups.flatMap { view.matches(of: $0).map(\.lowerBound) }
        return Lexicon.englishCalls.contains { call in
            view.matches(of: call).contains { found in
                groupStarts.contains { $0 >= found.upperBound - 1 && $0 - found.upperBound <= 12 }
            }
        }
    }

    /// Whether an insult follows run `start` of the joined view, after at most four connectors
    /// (`새끼`, `들`, particles, `다` …).
    static func insultFollows(_ view: MatchView, at start: Int) -> Bool {
        var positions: Set<Int> = [start]
        var frontier: Set<Int> = [start]
        for _ in 0..<4 {
            var next: Set<Int> = []
            for position in frontier {
                for connector in Lexicon.connectors {
                    if let end = view.joinedMatch(of: connector, at: position), !positions.contains(end) {
                        next.insert(end)
                    }
                }
            }
            positions.formUnion(next)
            frontier = next
            if frontier.isEmpty { break }
        }
        return positions.contains { position in
            Lexicon.insults.contains { view.joinedMatch(of: $0, at: position) != nil }
        }
    }
}
