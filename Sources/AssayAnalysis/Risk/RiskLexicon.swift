/// The cue lexicon of the risk model (`Resources/Risk/lexicon.tsv`): every entry with its category,
/// forms, weight, kind, proximity or scope rule and source.
struct RiskLexicon: Sendable {
    /// What an entry does.
    enum Kind: String, Sendable, Hashable {
        /// Something done or happening: full weight when asserted.
        case act
        /// A threat cue (GPR "threats"): always counted as a threat.
        case threat
        /// An agreement word with an action: lowers tension and trade restriction.
        case deEscalation = "de-escalation"
        /// Suppresses cues it overlaps ("price war") or, with `scope=sentence`, the whole sentence ("film");
        /// with `later=CUE`, also every match of that cue from its sentence to the end of the article.
        case exclusion
        /// Modifiers: hedges halve a later cue in the clause, negations zero it.
        case hedge
        case negation
        /// Reported-speech verbs and generic speaker nouns ("analysts").
        case speech
        case speaker
        /// Words that end a clause ("but", "while").
        case clause
    }

    struct Entry: Sendable, Hashable {
        /// The category it scores; nil for modifiers and for exclusions of every category.
        var category: RiskCategory?
        var cue: String
        var weight: Double
        var kind: Kind
        /// Proximity rule: a context word within `nearWindow` tokens is required.
        var nearWindow: Int
        var nearWords: Set<String>
        /// Exclusions: the whole sentence (true) or only overlapping cues.
        var sentenceScope: Bool
        /// Exclusions with `later=CUE`: the entries of that cue, suppressed from the exclusion's sentence
        /// to the end of the article ("air strikes … the strikes" is still the military sense).
        var laterExcluded: [Int] = []
        /// Cues with `not-before=place`: no match when a place's name follows at once (the verb in
        /// "Israel strikes Iranian sites", not the noun in "strikes in France").
        var notBeforePlace = false
        /// Modifiers: how many tokens back they reach.
        var reach: Int
        var source: String

        /// Whether a match adds evidence by itself: a cue or a de-escalation (the rest modify those).
        var addsEvidence: Bool { self.kind == .act || self.kind == .threat || self.kind == .deEscalation }
    }

    /// A match of an entry on a sentence's tokens.
    struct Match: Sendable, Hashable {
        var entry: Int
        /// The matched tokens (the cue itself).
        var tokens: Range<Int>
        /// The tokens of the evidence: the cue plus the context word of a proximity rule.
        var extent: Range<Int>
    }

    let version: String
    private(set) var entries: [Entry] = []
    /// By entry: the first entry with the same scored category (tension when none), kind and cue.
    /// Occurrences of one cue group are repetitions of each other.
    private(set) var cueGroups: [Int] = []
    /// A token trie over the expanded forms: node 0 is the root. Its edges are one flat table keyed
    /// by ``edge(from:keyHash:)``, so matching costs one probe per token (no string hashing); each
    /// node keeps its parent and the token key that leads to it, and a lookup checks both, so the
    /// hashes only speed matching up and never decide it.
    private var edges = IntegerTable(capacity: 256)
    private var parents: [Int] = [-1]
    private var edgeKeys: [String] = [""]
    /// By node: the entries whose form ends there.
    private var terminals: [[Int]] = [[]]
    /// The key hashes of every cue's first token: most tokens start no cue.
    private var firstKeys = KeyFilter()

    init(text: String) throws(KnowledgeBaseError) {
        self.version = Self.versionLine(in: text) ?? "unknown"
        let table = try TabularResource(
            name: "lexicon.tsv",
            text: text,
            required: ["category", "cue", "forms", "weight", "kind", "context", "source"]
        )
        let tokenizer = Tokenizer()
        for row in table.rows {
            let cue = String(table.value(row, "cue"))
            let categoryText = String(table.value(row, "category"))
            guard let kind = Kind(rawValue: String(table.value(row, "kind"))) else {
                throw .malformed("lexicon.tsv", "unknown kind '\(table.value(row, "kind"))' for '\(cue)'")
            }
            let category = RiskCategory(rawValue: categoryText)
            if category == nil && categoryText != "modifier" && categoryText != "all" {
                throw .malformed("lexicon.tsv", "unknown category '\(categoryText)' for '\(cue)'")
            }
            guard let weight = Double(table.value(row, "weight")), weight >= 0, weight <= 1 else {
                throw .malformed("lexicon.tsv", "bad weight for '\(cue)'")
            }
            var entry = Entry(
                category: category, cue: cue, weight: weight, kind: kind, nearWindow: 0, nearWords: [],
                sentenceScope: false, reach: 0, source: String(table.value(row, "source"))
            )
            var laterCues: [String] = []
            for rule in table.value(row, "context").split(separator: ",") {
                if rule.hasPrefix("near=") {
                    let parts = rule.dropFirst(5).split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, let window = Int(parts[0]) else {
                        throw .malformed("lexicon.tsv", "bad proximity rule for '\(cue)'")
                    }
                    entry.nearWindow = window
                    entry.nearWords = Set(parts[1].split(separator: "|").flatMap { Self.phrases(String($0), tokenizer) }.compactMap(\.first))
                } else if rule == "scope=sentence" {
                    entry.sentenceScope = true
                } else if rule == "not-before=place" {
                    entry.notBeforePlace = true
                } else if rule.hasPrefix("later=") {
                    guard kind == .exclusion else { throw .malformed("lexicon.tsv", "'\(cue)': later= is for exclusions") }
                    laterCues.append(String(rule.dropFirst(6)))
                } else if rule.hasPrefix("before=") {
                    entry.reach = Int(rule.dropFirst(7)) ?? 0
                }
            }
            let index = self.entries.count
            for laterCue in laterCues {
                let targets = self.entries.indices.filter {
                    self.entries[$0].cue == laterCue && (self.entries[$0].kind == .act || self.entries[$0].kind == .threat)
                }
                guard !targets.isEmpty else {
                    throw .malformed("lexicon.tsv", "'\(cue)': later=\(laterCue) names no act or threat cue above it")
                }
                entry.laterExcluded += targets
            }
            self.entries.append(entry)
            let forms = table.value(row, "forms").isEmpty ? cue : String(table.value(row, "forms"))
            for form in forms.split(separator: "|") {
                for keys in Self.phrases(String(form), tokenizer) where !keys.isEmpty {
                    try self.insert(keys, entry: index)
                }
            }
        }
        var firstOfGroup: [String: Int] = [:]
        for (index, entry) in self.entries.enumerated() {
            let key = "\((entry.category ?? .geopoliticalTension).rawValue)|\(entry.kind.rawValue):\(entry.cue)"
            self.cueGroups.append(firstOfGroup[key] ?? index)
            if firstOfGroup[key] == nil { firstOfGroup[key] = index }
        }
    }

    /// The first "# version<TAB>value" line of a resource file.
    static func versionLine(in text: String) -> String? {
        for line in text.split(separator: "\n").prefix(5) where line.hasPrefix("# version") {
            return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).last.map(String.init)
        }
        return nil
    }

    /// Token-key sequences of one form: words ending in `*` expand to their regular inflections.
    static func phrases(_ form: String, _ tokenizer: Tokenizer) -> [[String]] {
        var sequences: [[String]] = [[]]
        for word in form.split(separator: " ") {
            let inflect = word.hasSuffix("*")
            let keys = tokenizer.tokenize(String(inflect ? word.dropLast() : word)).map(\.key)
            guard let last = keys.last else { continue }
            let lastForms = inflect ? Self.inflections(last) : [last]
            sequences = sequences.flatMap { prefix in lastForms.map { prefix + keys.dropLast() + [$0] } }
        }
        return sequences
    }

    /// A lemma and its regular English inflections: "restrict" → restricts, restricted, restricting;
    /// "ban" → banned, banning; "ease" → eased, easing; "rally" → rallies, rallied.
    static func inflections(_ word: String) -> [String] {
        var forms = [word, word + "s", word + "es", word + "ed", word + "ing"]
        let letters = Array(word)
        func isVowel(_ character: Character) -> Bool { "aeiou".contains(character) }
        if word.hasSuffix("e") {
            forms += [word + "d", String(word.dropLast()) + "ing"]
        }
        if letters.count >= 2, word.hasSuffix("y"), !isVowel(letters[letters.count - 2]) {
            forms += [String(word.dropLast()) + "ies", String(word.dropLast()) + "ied"]
        }
        if letters.count >= 3, let last = letters.last, !isVowel(last), !"wxy".contains(last),
            isVowel(letters[letters.count - 2]), !isVowel(letters[letters.count - 3])
        {
            forms += [word + String(last) + "ed", word + String(last) + "ing"]
        }
        return forms
    }

    /// The table key of the edge from `node` by a token key with hash `keyHash`.
    @inline(__always)
    private static func edge(from node: Int, keyHash: UInt64) -> UInt64 {
        (keyHash ^ (UInt64(truncatingIfNeeded: node) &* 0x9E37_79B9_7F4A_7C15)) | 1
    }

    /// The child of `node` by `key` (its hash `keyHash`), if the trie has that edge.
    @inline(__always)
    private func child(of node: Int, key: String, keyHash: UInt64) -> Int? {
        guard let found = self.edges.value(for: Self.edge(from: node, keyHash: keyHash)) else { return nil }
        let next = Int(found)
        return self.parents[next] == node && self.edgeKeys[next] == key ? next : nil
    }

    private mutating func insert(_ keys: [String], entry: Int) throws(KnowledgeBaseError) {
        var node = 0
        if let first = keys.first { self.firstKeys.insert(KeyHash.of(first)) }
        for key in keys {
            let hash = KeyHash.of(key)
            if let next = self.child(of: node, key: key, keyHash: hash) {
                node = next
            } else {
                // Two edges with one table key would hide one of them: refuse rather than mismatch.
                guard self.edges.value(for: Self.edge(from: node, keyHash: hash)) == nil else {
                    throw .malformed("lexicon.tsv", "trie hash collision at '\(key)'")
                }
                self.parents.append(node)
                self.edgeKeys.append(key)
                self.terminals.append([])
                self.edges.set(Int32(self.parents.count - 1), for: Self.edge(from: node, keyHash: hash))
                node = self.parents.count - 1
            }
        }
        if !self.terminals[node].contains(entry) {
            self.terminals[node].append(entry)
        }
    }

    /// Every match of every entry inside `range` (all lengths, all starts), proximity rules checked.
    func matches(in tokens: [Token], range: Range<Int>) -> [Match] {
        var result: [Match] = []
        for start in range where self.firstKeys.mayContain(tokens[start].keyHash) {
            var node = 0
            var end = start
            while end < range.upperBound, let next = self.child(of: node, key: tokens[end].key, keyHash: tokens[end].keyHash) {
                node = next
                end += 1
                for entry in self.terminals[node] {
                    let rule = self.entries[entry]
                    if rule.nearWindow == 0 {
                        result.append(Match(entry: entry, tokens: start..<end, extent: start..<end))
                    } else if let extent = self.context(of: rule, around: start..<end, in: tokens, range: range) {
                        result.append(Match(entry: entry, tokens: start..<end, extent: extent))
                    }
                }
            }
        }
        return result
    }

    /// The extent of a proximity match: the cue and the nearest context word within the window.
    private func context(of rule: Entry, around cue: Range<Int>, in tokens: [Token], range: Range<Int>) -> Range<Int>? {
        for distance in 1...rule.nearWindow {
            let before = cue.lowerBound - distance
            if before >= range.lowerBound, rule.nearWords.contains(tokens[before].key) {
                return before..<cue.upperBound
            }
            let after = cue.upperBound - 1 + distance
            if after < range.upperBound, rule.nearWords.contains(tokens[after].key) {
                return cue.lowerBound..<(after + 1)
            }
        }
        return nil
    }
}
