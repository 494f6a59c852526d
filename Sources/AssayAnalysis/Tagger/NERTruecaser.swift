import Foundation

/// How a word is written: the casing a word in capitals is restored to.
public enum NERCasing: UInt8, Sendable, CaseIterable {
    /// A first letter in small letters ("sanctions"; "iPhone" counts here, and is restored as "iphone").
    case lower = 0
    /// A capital first, and small letters after it ("Japan"; "McDonald" counts here, and is
    /// restored as "Mcdonald").
    case capitalised = 1
    /// Capitals and no small letter ("EU", "U.S."; a one-letter word reads the same capitalised).
    case upper = 2

    /// The casing of a token as written, from its flags; `nil` when it has no letter that
    /// ``NERFeatureExtractor`` can tell the case of (digits, punctuation, other scripts). Only ASCII
    /// and Latin-1 capitals count as capitals: "Škoda" reads as ``lower``.
    @inline(__always) static func of(_ info: NERTokenInfo) -> NERCasing? {
        let flags = info.flags
        if flags & NERFeatureExtractor.flagHasLower != 0 {
            return flags & NERFeatureExtractor.flagInitialUpper != 0 ? .capitalised : .lower
        }
        return flags & NERFeatureExtractor.flagAllUpper != 0 ? .upper : nil
    }
}

/// The usual casing of words, stored in the model file.
///
/// For every word seen with letters inside a sentence of the training files (not as its first token,
/// whose capital says nothing, and not in a sentence in capitals), the casing it had most often;
/// and small letters for the other words of an English word list (``bundledEnglishWords()``).
/// ``NERTruecaser`` uses it for words the article itself never writes in lower or mixed case. A word
/// is its key: the high 32 bits of ``NERTokenInfo/word``, the case-folded hash (a chance match
/// between an unlisted word and one of 70,000 keys has a probability of about 1 in 60,000).
public struct NERCasingLexicon: Sendable, Equatable {
    /// The word keys, ascending.
    let words: [UInt32]
    /// The ``NERCasing`` raw value of each word.
    let casings: [UInt8]

    /// The empty lexicon (tests; a model with it tags sentences as written).
    public static let empty = NERCasingLexicon(uncheckedWords: [], casings: [])

    /// Number of words.
    public var count: Int { words.count }

    /// Creates a lexicon from sorted word keys and their casings (as read from a model file).
    init(uncheckedWords words: [UInt32], casings: [UInt8]) {
        self.words = words
        self.casings = casings
    }

    /// The key of a word hash.
    @inline(__always) static func key(_ word: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: word >> 32) }

    /// The lexicon of the sentences of `documents` (every sentence not in capitals, each word but the
    /// first; ties go to the casing listed first in ``NERCasing``), with `commonWords` (words in
    /// small letters) added in small letters where the documents lack them. Words are taken in the
    /// order of their 64-bit hashes, so two that share a key always resolve the same way.
    public init(documents: [CoNLLDocument], commonWords: [String], extractor: NERFeatureExtractor) {
        var counts = NERCasingCounts()
        var infos: [NERTokenInfo] = []
        for document in documents {
            for sentence in document.sentences {
                infos.removeAll(keepingCapacity: true)
                for token in sentence.tokens { infos.append(extractor.info(for: token)) }
                infos.withUnsafeBufferPointer { if !NERFeatureExtractor.isInCapitals($0) { counts.count($0) } }
            }
        }
        var casings: [UInt32: UInt8] = [:]
        for word in commonWords { casings[Self.key(extractor.info(for: word).word)] = NERCasing.lower.rawValue }
        for word in counts.counts.keys.sorted() { casings[Self.key(word)] = counts.counts[word]!.majority.rawValue }
        let sorted = casings.keys.sorted()
        self.init(uncheckedWords: sorted, casings: sorted.map { casings[$0]! })
    }

    /// The English word list the shipped lexicon adds (`Resources/Model/english-words.txt`: the
    /// 63,849 words of two or more small letters of Debian's `wamerican` 2020.12.07, SCOWL; licence
    /// in docs/SOURCES.md), one per line.
    public static func bundledEnglishWords() throws(NERModelError) -> [String] {
        try bundledEnglishWordList().map(String.init)
    }

    /// The words of `words` that the bundled English word list has (a cheaper test than a set of the
    /// whole list when only a few words are asked about).
    static func bundledEnglishWords(among words: Set<Substring>) throws(NERModelError) -> Set<Substring> {
        Set(try bundledEnglishWordList().filter { words.contains($0) })
    }

    /// The bundled English word list's location (`Model/english-words.txt`).
    static func bundledEnglishWordsURL() -> URL? {
        Bundle.module.url(forResource: "english-words", withExtension: "txt", subdirectory: "Model")
    }

    private static func bundledEnglishWordList() throws(NERModelError) -> [Substring] {
        guard let url = bundledEnglishWordsURL() else {
            throw NERModelError.resourceNotFound("Model/english-words.txt")
        }
        do {
            return TSV.lines(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        } catch {
            throw NERModelError.unreadable(path: url.path, reason: fileReadReason(error, path: url.path))
        }
    }

    /// The usual casing of a word (by its ``NERTokenInfo/word`` hash), or `nil` when it is not listed.
    @inline(__always) func casing(of word: UInt64) -> NERCasing? {
        let word = Self.key(word)
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < word { low = middle + 1 } else { high = middle }
        }
        guard low < words.count && words[low] == word else { return nil }
        return NERCasing(rawValue: casings[low])
    }
}

/// Counts of the casings each word was written in.
struct NERCasingCounts {
    /// Per word hash: how often it was written lower, capitalised and upper (lane 3 unused).
    private(set) var counts: [UInt64: SIMD4<UInt32>] = [:]

    mutating func removeAll() { counts.removeAll(keepingCapacity: true) }

    /// Counts the casings of a sentence's words, except the first word, whose capital says nothing
    /// (the caller leaves out sentences in capitals, ``NERFeatureExtractor/isInCapitals(_:)``).
    mutating func count(_ infos: UnsafeBufferPointer<NERTokenInfo>) {
        guard infos.count > 1 else { return }
        for info in infos[1...] {
            guard let casing = NERCasing.of(info) else { continue }
            counts[info.word, default: .zero][Int(casing.rawValue)] &+= 1
        }
    }

    /// The most frequent casing of a word, or `nil` when it was not seen.
    @inline(__always) func casing(of word: UInt64) -> NERCasing? { counts[word]?.majority }
}

extension SIMD4<UInt32> {
    /// The casing with the highest count in lanes 0–2 (the first on ties).
    fileprivate var majority: NERCasing {
        var best = 0
        for lane in 1 ..< 3 where self[lane] > self[best] { best = lane }
        return NERCasing(rawValue: UInt8(best))!
    }
}

/// Restores the usual case of a sentence written in capitals (a headline, a dateline) before it is
/// tagged, so the tagger sees "Japan beat Syria in Asian Cup opener" for "JAPAN BEAT SYRIA IN ASIAN
/// CUP OPENER" and its case-dependent features (shapes, the cased word, capitalised runs, gazetteer
/// matches that must start at a capital) work as in the article's other sentences; and lowers the
/// common words of a title-case headline ("China tightens grip on gallium exports as talks with
/// Washington stall"), see ``isInTitleCase(_:)`` and ``lowersInTitle(_:insideName:known:)``.
///
/// In capitals, a word takes the casing it has most often in the document's other sentences (an
/// article names "Japan" in its body); else its casing in the lexicon (``NERCasingLexicon``: the
/// training files and an English word list); else a listed name longer than three letters gets a
/// capital; else it stays in capitals (an unknown word in a headline is as likely an acronym as a
/// name). A word inside a known name
/// of two or more words, and the sentence's first word, get a capital rather than small letters.
/// Only ASCII and Latin-1 letters change case, the letters ``NERTokenInfo/word`` folds; the word
/// hash, and so every word feature, is unchanged.
struct NERTruecaser {
    let lexicon: NERCasingLexicon
    /// The casings seen so far in the current document.
    private var document = NERCasingCounts()

    init(lexicon: NERCasingLexicon) { self.lexicon = lexicon }

    /// Forgets the document's casings (a new document starts).
    mutating func reset() { document.removeAll() }

    /// Learns the casings of a sentence of the document (a sentence in capitals or a title-case
    /// headline teaches nothing).
    mutating func observe(_ infos: UnsafeBufferPointer<NERTokenInfo>) {
        guard !NERFeatureExtractor.isInCapitals(infos), !isInTitleCase(infos) else { return }
        document.count(infos)
    }

    /// ``observe(_:)`` for a sentence already known to be neither in capitals nor a title-case headline.
    mutating func observe(plain infos: UnsafeBufferPointer<NERTokenInfo>) { document.count(infos) }

    /// Whether a line's bytes may hold a sentence in capitals (``NERFeatureExtractor/isInCapitals(_:)``
    /// implies it): no small ASCII letter, and an ASCII capital or a non-ASCII character. A cheap
    /// test on raw text that lets a document without such a line skip reading ahead.
    static func mayBeInCapitals(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x61 && $0 <= 0x7A } && bytes.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0xC0 }
    }

    /// The casing to restore a token of a sentence in capitals to (`first`: the sentence's first
    /// token), or `nil` for a token without letters in capitals.
    func casing(for info: NERTokenInfo, first: Bool, insideName: Bool, known: Bool) -> NERCasing? {
        guard NERCasing.of(info) == .upper else { return nil }
        var usual = document.casing(of: info.word) ?? lexicon.casing(of: info.word) ?? (known && info.length > 3 ? .capitalised : .upper)
        if insideName && usual == .lower { usual = .capitalised }
        return first && usual == .lower ? .capitalised : usual
    }

    /// Whether a sentence has the shape of a title-case headline ("China Tightens Grip On Gallium
    /// Exports"): four or more words longer than three letters, none of them in small letters, at
    /// least 85 % of them capitalised (not in capitals). Stricter than the engine's
    /// ``ArticleEntityResolver`` test, which lets 15 % be small: a sentence dense with names and
    /// titles ("Assistant Secretary for Information Analysis, Homeland Security Department
    /// testified before …") has a few small long words, and lowering its titles would break names.
    static func looksLikeTitleCase(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        var words = 0
        var capitalised = 0
        for info in infos where info.length > 3 {
            guard let casing = NERCasing.of(info) else { continue }
            if casing == .lower { return false }
            words += 1
            if casing == .capitalised { capitalised += 1 }
        }
        return words >= 4 && capitalised * 20 >= words * 17
    }

    /// Whether a sentence is a title-case headline whose common words can be lowered: it looks like
    /// one (``looksLikeTitleCase(_:)``) and at least two of its words after the first, and a quarter
    /// of its words longer than three letters, are written in small letters in the lexicon.
    /// A list of names ("Glenn McGrath , Shane Warne , Mark Taylor") has the shape but not the words.
    func isInTitleCase(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        guard Self.looksLikeTitleCase(infos) else { return false }
        var words = 0
        var common = 0
        for (i, info) in infos.enumerated() where info.length > 3 && NERCasing.of(info) != nil {
            words += 1
            if i > 0 && NERCasing.of(info) == .capitalised && lexicon.casing(of: info.word) == .lower { common += 1 }
        }
        return common >= 2 && common * 4 >= words
    }

    /// In a title-case headline, whether a capitalised word after the first is lowered: when the
    /// lexicon writes it in small letters, and it is neither inside a known name of two or more
    /// words nor a listed name itself ("Will", "Rose", "Mark"). Only the lexicon decides, not the
    /// document, so a headline is read the same whether or not its document was previewed (`assay
    /// tag` reads a document ahead only when a line may be in capitals).
    func lowersInTitle(_ info: NERTokenInfo, insideName: Bool, known: Bool) -> Bool {
        guard NERCasing.of(info) == .capitalised, !insideName, !known else { return false }
        return lexicon.casing(of: info.word) == .lower
    }

    /// The token's bytes written in `casing`: every ASCII and Latin-1 capital lowered, except the
    /// first letter for ``NERCasing/capitalised``; unchanged for ``NERCasing/upper``.
    static func recased(_ bytes: UnsafeBufferPointer<UInt8>, _ casing: NERCasing) -> [UInt8] {
        var out = Array(bytes)
        guard casing != .upper else { return out }
        var keepFirst = casing == .capitalised
        var index = 0
        while index < out.count {
            let byte = out[index]
            // One code point: a lead byte and its continuation bytes.
            var end = index + 1
            if byte >= 0xC0 { while end < out.count && out[end] & 0xC0 == 0x80 { end += 1 } }
            let isASCIICapital = byte >= 0x41 && byte <= 0x5A
            let isLatin1Capital = byte == 0xC3 && end == index + 2 && out[index + 1] <= 0x9E && out[index + 1] != 0x97
            // Any code point beyond ASCII may be the first letter ("Ł" in "ŁÓDŹ" stays as it is).
            let isLetter = isASCIICapital || (byte >= 0x61 && byte <= 0x7A) || byte >= 0xC0
            if isLetter && keepFirst {
                keepFirst = false
            } else if isASCIICapital {
                out[index] = byte | 0x20
            } else if isLatin1Capital {
                out[index + 1] |= 0x20
            }
            index = end
        }
        return out
    }
}
