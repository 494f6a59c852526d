/// A knowledge-base alias found in a sentence, with the entries whose letter case fits the text.
struct DictionaryMatch {
    var tokens: Range<Int>
    var candidates: [AliasEntry]
}

extension KnowledgeBase {
    /// Finds aliases in `tokens[range]` in one left-to-right pass, longest match first,
    /// never overlapping. Matching is on whole tokens, so "assad" never matches inside "ambassador".
    /// `inCapitals`: the sentence is written in capitals (see ``caseFits(_:_:inCapitals:)``).
    func dictionaryMatches(in tokens: [Token], range: Range<Int>, inCapitals: Bool) -> [DictionaryMatch] {
        var matches: [DictionaryMatch] = []
        let trie = self.trie  // one local reference: no retain and release per probe
        // Ends and nodes of the aliases that end along the current walk, shortest first.
        var terminals: [(end: Int, node: Int32)] = []
        var start = range.lowerBound
        while start < range.upperBound {
            guard trie.mayStartAlias(hash: tokens[start].keyHash) else {
                start += 1
                continue
            }
            var node: Int32 = 0
            var end = start
            if !terminals.isEmpty { terminals.removeAll(keepingCapacity: true) }
            while end < range.upperBound, let id = trie.tokenID(hash: tokens[end].keyHash),
                let next = trie.child(of: node, token: id)
            {
                node = next
                end += 1
                if trie.isTerminal[Int(next)] {
                    terminals.append((end, next))
                }
            }
            var matched: DictionaryMatch?
            for terminal in terminals.reversed() {
                let text = tokens[start..<terminal.end]
                let fitting = trie.terminals[Int(terminal.node)].filter { Self.caseFits($0, text, inCapitals: inCapitals) }
                if !fitting.isEmpty {
                    matched = DictionaryMatch(tokens: start..<terminal.end, candidates: fitting)
                    break
                }
            }
            if let matched {
                matches.append(matched)
                start = matched.tokens.upperBound
            } else {
                start += 1
            }
        }
        return matches
    }

    /// Case rule: a case-sensitive alias must match exactly, or in a sentence in capitals as its
    /// capitals ("Chile", case-sensitive because of the pepper, matches "CHILE" in a headline in
    /// capitals, where every word is written so); otherwise every alias token that starts with a
    /// capital needs a capitalised text token ("China" matches "China" and "CHINA", not "china"),
    /// and lower-case alias tokens match any case ("rare earths", "Rare Earths").
    static func caseFits(_ entry: AliasEntry, _ text: ArraySlice<Token>, inCapitals: Bool) -> Bool {
        var index = text.startIndex
        for offset in entry.surfaces.indices {
            let token = text[index]
            if entry.caseSensitive {
                let surface = entry.surfaces[offset]
                if surface != token.surface && !(inCapitals && token.isAllCaps && surface.uppercased() == token.surface) {
                    return false
                }
            } else if entry.capitalized[offset] && !token.isCapitalized {
                return false
            }
            index += 1
        }
        return true
    }
}
