/// A knowledge-base alias found in a sentence, with the entries whose letter case fits the text.
struct DictionaryMatch {
    var tokens: Range<Int>
    var candidates: [AliasEntry]
}

extension KnowledgeBase {
    /// Finds aliases in `tokens[range]` in one left-to-right pass, longest match first,
    /// never overlapping. Matching is on whole tokens, so "assad" never matches inside "ambassador".
    func dictionaryMatches(in tokens: [Token], range: Range<Int>) -> [DictionaryMatch] {
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
                let fitting = trie.terminals[Int(terminal.node)].filter { Self.caseFits($0, text) }
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

    /// Case rule: a case-sensitive alias must match exactly; otherwise every alias token that
    /// starts with a capital needs a capitalised text token ("China" matches "China" and "CHINA",
    /// not "china"), and lower-case alias tokens match any case ("rare earths", "Rare Earths").
    static func caseFits(_ entry: AliasEntry, _ text: ArraySlice<Token>) -> Bool {
        var index = text.startIndex
        for offset in entry.surfaces.indices {
            let token = text[index]
            if entry.caseSensitive {
                if entry.surfaces[offset] != token.surface { return false }
            } else if entry.capitalized[offset] && !token.isCapitalized {
                return false
            }
            index += 1
        }
        return true
    }
}
