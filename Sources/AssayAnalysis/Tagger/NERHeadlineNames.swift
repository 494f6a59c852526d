/// The names a document's body tagged, for its headline in capitals.
///
/// A headline in capitals ("RUSSIA - YELTSIN SACKS LEBED") has lost the capital letters that mark
/// its names, and it is decoded before the body that names them ("Russian President Boris Yeltsin
/// sacked his security chief Alexander Lebed"). Once the whole document is decoded, each name the
/// body tagged is looked for in its lines in capitals (``revise(_:_:)``): the whole name, a person's
/// surname ("YELTSIN"), an organisation's name without its legal suffix ("GENERAL MOTORS" after
/// "General Motors Corp"), a club's first word ("BAYERN" after "Bayern Munich"), or a team's last
/// word when a sports rule named it ("BULLS" after "the Chicago Bulls beat …"). Only the
/// headline's tags change; the body's stay as decoded.
struct NERHeadlineNames {
    /// Per name (the case-folded hashes of its words, ``NERTokenInfo/word``): how often the body
    /// tagged it with each label (``NERLabel`` order).
    private var counts: [[UInt64]: SIMD4<UInt16>] = [:]
    /// The first words of organisations of two or more words ("Bayern" of "Bayern Munich"), when no
    /// list has the word as a given name, a demonym or a known place or organisation, and the casing
    /// lexicon does not write it in small letters ("New" of "New York", "Real" of "Real Madrid"): a
    /// headline names a club by it. Used only for a word the body never tagged alone.
    private var organizationFirstWords: Set<UInt64> = []
    /// The last words of teams of two or more words that a sports rule named (``NERTokenInfo/forcedAsTeam``:
    /// "Bulls" of "the Chicago Bulls beat …"): a headline names a club by its nickname, common word
    /// or not ("BULLS BEAT KNICKS").
    private var teamLastWords: Set<UInt64> = []
    /// The model's casing lexicon (``NERCasingLexicon``).
    let lexicon: NERCasingLexicon

    init(lexicon: NERCasingLexicon) { self.lexicon = lexicon }

    /// Whether a word may name a club on its own: not a listed given name ("John Lewis") or demonym
    /// ("British Airways"), nor by itself a known place or organisation ("London" of "London Metal
    /// Exchange"); "Bayern", the start of the listed "Bayern Munich", may.
    private static func mayBeAClubsFirstWord(_ info: NERTokenInfo) -> Bool {
        typealias F = NERFeatureExtractor
        return F.listPosition(info, .givenName) == 0 && F.listPosition(info, .demonym) == 0
            && F.listPosition(info, .location) != 4 && F.listPosition(info, .organization) != 4
    }

    /// The counts of a club's first word (``organizationFirstWords``): one organisation, so that it
    /// goes through the same vote as a name the body tagged.
    private static let oneOrganization: SIMD4<UInt16> = {
        var counts = SIMD4<UInt16>.zero
        counts[Int(NERLabel.org.rawValue)] = 1
        return counts
    }()

    /// The longest name looked for, in words.
    static let maxWords = 6

    /// Records the names of a decoded sentence of the body.
    mutating func record(infos: UnsafeBufferPointer<NERTokenInfo>, tags: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < tags.count {
            guard let tag = BILOUTag(rawValue: tags[start]), let label = tag.label else { start += 1; continue }
            var end = start + 1
            if tag.position == .begin {
                while end < tags.count, BILOUTag(rawValue: tags[end - 1])?.position != .last { end += 1 }
            }
            let words = (start ..< end).map { infos[$0].word }
            if words.count <= Self.maxWords { counts[words, default: .zero][Int(label.rawValue)] &+= 1 }
            if label == .per, words.count >= 2, infos[end - 1].isCapitalised {
                counts[[words[words.count - 1]], default: .zero][Int(label.rawValue)] &+= 1
            }
            if label == .org, words.count >= 2, words.count <= Self.maxWords + 1,
               infos[end - 1].cues & NERGazetteer.cueLegalSuffix != 0
            {
                counts[Array(words.dropLast()), default: .zero][Int(label.rawValue)] &+= 1
            }
            if label == .org, words.count >= 2, (start ..< end).allSatisfy({ infos[$0].forcedAsTeam }) {
                teamLastWords.insert(words[words.count - 1])
            }
            if label == .org, words.count >= 2, infos[start].isCapitalised, Self.mayBeAClubsFirstWord(infos[start]),
               lexicon.casing(of: words[0]) != .lower
            {
                organizationFirstWords.insert(words[0])
            }
            start = end
        }
    }

    /// Tags in a line in capitals the names the body tagged (`infos` as decoded: the truecaser has
    /// put its common words in small letters), longest first, each with the label the body gave it
    /// most; a one-word name must be a word the truecaser left capitalised (not "WILL" for "Will
    /// Smith") or a team's nickname (``teamLastWords``), and no name may cut a span the line already has ("GENERAL MOTORS", whose "GENERAL"
    /// the truecaser lowered, matches "General Motors Corp") or hold a word a newswire rule forced
    /// ("TORONTO AT PORTLAND" keeps its teams after a "PORTLAND , Ore." dateline). Returns whether a
    /// tag changed.
    func revise(_ infos: [NERTokenInfo], _ tags: inout [UInt8]) -> Bool {
        guard !counts.isEmpty || !organizationFirstWords.isEmpty || !teamLastWords.isEmpty else { return false }
        let n = infos.count
        /// Whether a span may start (or, at `k == n`, end) before token `k` without cutting one.
        func isBoundary(_ k: Int) -> Bool {
            guard k < n, let position = BILOUTag(rawValue: tags[k])?.position else { return true }
            return position == .begin || position == .unit
        }
        var changed = false
        var i = 0
        while i < n {
            guard isBoundary(i) else { i += 1; continue }
            var matched = 0
            for length in stride(from: min(Self.maxWords, n - i), through: 1, by: -1)
            where (length > 1 || infos[i].isCapitalised || teamLastWords.contains(infos[i].word)) && isBoundary(i + length)
                && !infos[i ..< i + length].contains(where: \.forcedTagIsFirm)
            {
                let words = infos[i ..< i + length].map(\.word)
                let club = length == 1 && (organizationFirstWords.contains(words[0]) || teamLastWords.contains(words[0]))
                guard let c = counts[words] ?? (club ? Self.oneOrganization : nil) else { continue }
                let best = (0 ..< 4).max { c[$0] < c[$1] }!
                guard (0 ..< 4).allSatisfy({ $0 == best || c[$0] < c[best] }), let label = NERLabel(rawValue: UInt8(best))
                else { continue }
                for k in i ..< i + length {
                    let position: BILOUPosition = length == 1 ? .unit : k == i ? .begin : k == i + length - 1 ? .last : .inside
                    let tag = BILOUTag(position, label).rawValue
                    if tags[k] != tag { tags[k] = tag; changed = true }
                }
                matched = length
                break
            }
            i += max(matched, 1)
        }
        return changed
    }
}
