import Foundation

/// Organisations from the curated list of `name-lists.tsv` (companies, media, parties, sports
/// clubs, agencies: about 4,000, written for the tagger's features) named exactly as listed,
/// where the knowledge base has no entry: "Shares of Google rose" finds Google even when the
/// tagger does not.
///
/// A listed name counts only where it stands as a name of its own: matched case-sensitively, not
/// touching a longer capitalised run ("Google Maps", "Apple Music"), and, when it is one word at
/// the start of a sentence (where every word is capitalised: "Apple prices fell"), only before a
/// verb of saying or announcing ("Google said …"). One-word names ending in "s" (team nicknames
/// such as "Patriots", also weapons in defence news) are not used.
public struct ListedOrganizationRecognizer: NameRecognizer {
    /// Listed names (their tokens' surfaces) by their first token's key hash, longest first.
    private let namesByFirstKey: [UInt64: [[String]]]

    /// Words after a sentence-initial one-word name that make it the subject of a report.
    static let reportVerbs: KeySet = [
        "said", "says", "told", "added", "announced", "reported", "confirmed", "warned", "stated", "declined",
    ]

    /// Creates the recogniser over organisation names, tokenised as articles are.
    init(names: [[Token]]) {
        var table: [UInt64: [[String]]] = [:]
        for name in names where !name.isEmpty && !Self.isPluralWord(name) {
            table[name[0].keyHash, default: []].append(name.map(\.surface))
        }
        for key in table.keys { table[key]!.sort { $0.count > $1.count } }
        self.namesByFirstKey = table
    }

    /// Whether a name is one capitalised word ending in "s" ("Patriots", "Eagles", "Rangers"): team
    /// nicknames that news about defence also uses for weapons and units ("F-15 Eagles", "Patriots
    /// for Ukraine"). Those are left to the tagger; acronyms ("AIGs") are not affected.
    static func isPluralWord(_ name: [Token]) -> Bool {
        name.count == 1 && !name[0].isAllCaps && name[0].surface.hasSuffix("s")
    }

    /// The organisation rows of the bundled `name-lists.tsv`.
    public static func bundled() throws(KnowledgeBaseError) -> ListedOrganizationRecognizer {
        guard let url = Bundle.module.url(forResource: "name-lists", withExtension: "tsv", subdirectory: "Knowledge"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw .missingResource("name-lists.tsv") }
        return Self(listText: String(decoding: data, as: UTF8.self))
    }

    /// The organisation rows (`NAME<TAB>organisation`) of a name-list text, tokenised as articles are.
    init(listText: String) {
        let tokenizer = Tokenizer()
        let names = TSV.rows(listText).filter { $0.count >= 2 && $0[1] == "organisation" }.map { row in
            tokenizer.tokenize(String(row[0]))
        }
        self.init(names: names)
    }

    public func names(in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> [RecognizedName] {
        var names: [RecognizedName] = []
        var index = sentence.lowerBound
        while index < sentence.upperBound {
            guard !covered[index], tokens[index].isCapitalized,
                let end = self.listedName(startingAt: index, in: tokens, sentence: sentence, covered: covered)
            else {
                index += 1
                continue
            }
            names.append(RecognizedName(tokens: index..<end, type: .organization, confidence: 0.6, source: .rule))
            index = end
        }
        return names
    }

    /// The end of the longest listed name at `start` that stands as a name of its own, if any.
    private func listedName(startingAt start: Int, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int? {
        guard let candidates = self.namesByFirstKey[tokens[start].keyHash] else { return nil }
        for name in candidates {
            let end = start + name.count
            guard end <= sentence.upperBound,
                (start..<end).allSatisfy({ !covered[$0] && tokens[$0].surface == name[$0 - start] })
            else { continue }
            let first = start == sentence.lowerBound || CueBasedNameRecognizer.opensQuote(tokens, before: start, sentence: sentence)
            // Part of a longer name: a capitalised word right before (not the sentence's first) or after.
            if start > sentence.lowerBound, CueBasedNameRecognizer.isNameWord(tokens[start - 1]), !first { return nil }
            if end < sentence.upperBound, CueBasedNameRecognizer.isNameWord(tokens[end]) { return nil }
            if first, name.count == 1, !(end < sentence.upperBound && Self.reportVerbs.contains(tokens[end])) { return nil }
            return end
        }
        return nil
    }
}
