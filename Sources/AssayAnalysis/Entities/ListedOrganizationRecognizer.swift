import Foundation

/// Organisations from the curated list of `name-lists.tsv` (companies, media, parties, sports
/// clubs, agencies: about 4,000, written for the tagger's features) named exactly as listed,
/// where the knowledge base has no entry: "Shares of Google rose" finds Google even when the
/// tagger does not.
///
/// A listed name counts only where it stands as a name of its own: matched with its capitals
/// (curly and straight apostrophes alike), not touching a longer capitalised run ("Google Maps",
/// "Apple Music"), and, when it is one word opening a sentence or following a dash or colon
/// (where words are capitalised anyway: "Apple prices fell"), only before a verb of saying or
/// announcing ("Google said …"). Names that in this product's news usually mean something else
/// (``ambiguousNames``: "Patriots" the missiles, "ICE" the engine, "Amazon" the rainforest) are
/// left to the tagger.
public struct ListedOrganizationRecognizer: NameRecognizer {
    /// Listed names (their tokens' surfaces, apostrophes straightened) by their first token's key
    /// hash, longest first.
    private let namesByFirstKey: [UInt64: [[String]]]

    /// Words after a sentence-initial one-word name that make it the subject of a report.
    static let reportVerbs: KeySet = [
        "said", "says", "told", "added", "announced", "reported", "confirmed", "warned", "stated", "declined",
    ]

    /// Listed names that news about geopolitics, defence, energy and minerals mostly uses for
    /// something else: weapons and units named like sports teams ("F-15 Eagles", "Patriots for
    /// Kyiv"), policy acronyms (IRA: the Inflation Reduction Act, ICE: internal-combustion engines,
    /// GM crops, ITC: the investment tax credit) and the Amazon rainforest.
    static let ambiguousNames: Set<String> = [
        "Patriots", "Eagles", "Falcons", "Hornets", "Raptors", "Predators", "Reapers", "Tigers", "Panthers",
        "Titans", "Rangers", "Raiders", "Warriors", "Jets", "Thunder", "Lightning", "Typhoons", "Harriers",
        "Apaches", "Stingers", "Javelins", "Spartans", "Vikings", "Knights", "Hawks", "Wolves",
        "IRA", "ICE", "GM", "ITC", "PPP", "ETA", "Amazon", "Stonewall", "Liberation",
    ]

    /// Creates the recogniser over organisation names, tokenised as articles are.
    init(names: [[Token]]) {
        var table: [UInt64: [[String]]] = [:]
        for name in names where !name.isEmpty {
            let surfaces = name.map { Self.straightened($0.surface) }
            guard !(surfaces.count == 1 && Self.ambiguousNames.contains(surfaces[0])) else { continue }
            table[name[0].keyHash, default: []].append(surfaces)
        }
        for key in table.keys { table[key]!.sort { $0.count > $1.count } }
        self.namesByFirstKey = table
    }

    /// The organisation rows of the bundled `name-lists.tsv`, read once per process.
    public static func bundled() throws(KnowledgeBaseError) -> ListedOrganizationRecognizer {
        try bundledResult.get()
    }

    private static let bundledResult: Result<ListedOrganizationRecognizer, KnowledgeBaseError> = {
        guard let url = Bundle.module.url(forResource: "name-lists", withExtension: "tsv", subdirectory: "Knowledge"),
            let data = FileManager.default.contents(atPath: url.path)
        else { return .failure(.missingResource("name-lists.tsv")) }
        return .success(Self(listText: String(decoding: data, as: UTF8.self)))
    }()

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
            guard !covered[index], let end = self.listedName(startingAt: index, in: tokens, sentence: sentence, covered: covered)
            else {
                index += 1
                continue
            }
            names.append(RecognizedName(tokens: index..<end, type: .organization, confidence: 0.6, source: .rule))
            index = end
        }
        return names
    }

    public func organizationName(startingAt start: Int, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int? {
        self.listedName(startingAt: start, in: tokens, sentence: sentence, covered: covered)
    }

    /// The end of the longest listed name at `start` that stands as a name of its own, if any.
    private func listedName(startingAt start: Int, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int? {
        guard let candidates = self.namesByFirstKey[tokens[start].keyHash] else { return nil }
        for name in candidates {
            let end = start + name.count
            guard end <= sentence.upperBound,
                (start..<end).allSatisfy({ !covered[$0] && Self.straightened(tokens[$0].surface) == name[$0 - start] })
            else { continue }
            // Part of a longer name: a capitalised word right before (other than a sentence-opening
            // "But" or "Yesterday") or right after.
            if start > sentence.lowerBound, CueBasedNameRecognizer.isNameWord(tokens[start - 1]),
                !(start - 1 == sentence.lowerBound && TextSegmentation.sentenceStarters.contains(tokens[start - 1]))
            {
                return nil
            }
            if end < sentence.upperBound, CueBasedNameRecognizer.isNameWord(tokens[end]) { return nil }
            // Where words are capitalised anyway, a one-word name needs a report verb after it: the
            // sentence's first or second word ("But Google said"), or after an opening quote or
            // bracket, a dash or a colon ("LONDON (Reuters) - Apple prices fell").
            let opening = start <= sentence.lowerBound + 1
                || (tokens[start - 1].kind == .punctuation && tokens[start - 1].key != ",")
            if opening, name.count == 1, !(end < sentence.upperBound && Self.reportVerbs.contains(tokens[end])) {
                return nil
            }
            return end
        }
        return nil
    }

    /// `text` with curly apostrophes (’ ‘ ʼ) as `'`, so that "McDonald’s" matches the listed
    /// "McDonald's"; ASCII text is returned as it is.
    static func straightened(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return String(text.unicodeScalars.map { ["\u{2019}", "\u{2018}", "\u{02BC}"].contains($0) ? "'" : Character($0) })
    }
}
