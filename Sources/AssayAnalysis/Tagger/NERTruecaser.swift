/// How a word is written: the casing a word in capitals is restored to.
public enum NERCasing: UInt8, Sendable, CaseIterable {
    /// All small letters ("sanctions", also "iPhone": the first letter is small).
    case lower = 0
    /// A capital, then small letters ("Japan", "McDonald").
    case capitalised = 1
    /// Capitals and no small letter ("EU", "U.S."; a one-letter word reads the same capitalised).
    case upper = 2

    /// The casing of a token as written, from its flags; `nil` when it has no letter that
    /// ``NERFeatureExtractor`` can tell the case of (digits, punctuation, other scripts).
    @inline(__always) static func of(_ info: NERTokenInfo) -> NERCasing? {
        let flags = info.flags
        if flags & NERFeatureExtractor.flagHasLower != 0 {
            return flags & NERFeatureExtractor.flagInitialUpper != 0 ? .capitalised : .lower
        }
        return flags & NERFeatureExtractor.flagAllUpper != 0 ? .upper : nil
    }
}

/// The usual casing of the words of the training data, stored in the model file.
///
/// For every word (``NERTokenInfo/word``, the case-folded hash) seen with letters inside a sentence
/// of the training files (not as its first token, whose capital says nothing, and not in a sentence
/// in capitals), the casing it had most often. ``NERTruecaser`` uses it for words the article itself
/// never writes in lower or mixed case.
public struct NERCasingLexicon: Sendable, Equatable {
    /// The word hashes, ascending.
    let words: [UInt64]
    /// The ``NERCasing`` raw value of each word.
    let casings: [UInt8]

    /// The empty lexicon (a model file of format version 1).
    public static let empty = NERCasingLexicon(uncheckedWords: [], casings: [])

    /// Number of words.
    public var count: Int { words.count }

    /// Creates a lexicon from sorted word hashes and their casings (as read from a model file).
    init(uncheckedWords words: [UInt64], casings: [UInt8]) {
        self.words = words
        self.casings = casings
    }

    /// The lexicon of the sentences of `documents`, counted as ``NERTruecaser/observe(_:)`` counts
    /// an article's sentences; ties go to the casing listed first in ``NERCasing``.
    public init(documents: [CoNLLDocument], extractor: NERFeatureExtractor) {
        var counts = NERCasingCounts()
        var infos: [NERTokenInfo] = []
        for document in documents {
            for sentence in document.sentences {
                infos.removeAll(keepingCapacity: true)
                for token in sentence.tokens { infos.append(extractor.info(for: token)) }
                infos.withUnsafeBufferPointer { counts.observe($0) }
            }
        }
        let sorted = counts.counts.keys.sorted()
        self.init(uncheckedWords: sorted, casings: sorted.map { counts.counts[$0]!.majority.rawValue })
    }

    /// The usual casing of a word, or `nil` when the training data never had it.
    @inline(__always) func casing(of word: UInt64) -> NERCasing? {
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

    /// Counts the casings of a sentence's words, except the first word and except in a sentence in
    /// capitals (``NERFeatureExtractor/isInCapitals(_:)``): neither says how a word is written.
    mutating func observe(_ infos: UnsafeBufferPointer<NERTokenInfo>) {
        guard infos.count > 1, !NERFeatureExtractor.isInCapitals(infos) else { return }
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
/// matches that must start at a capital) work as in the article's other sentences.
///
/// A word takes the casing it has most often in the document's other sentences (an article names
/// "Japan" in its body), else its usual casing in the training data (``NERCasingLexicon``), else it
/// stays in capitals (an unknown word in a headline is as likely an acronym as a name). The first
/// word of the sentence gets a capital. Only ASCII and Latin-1 letters change case, the letters
/// ``NERTokenInfo/word`` folds; the word hash, and so every word feature, is unchanged.
struct NERTruecaser {
    let lexicon: NERCasingLexicon
    /// The casings seen so far in the current document.
    private var document = NERCasingCounts()

    init(lexicon: NERCasingLexicon) { self.lexicon = lexicon }

    /// Forgets the document's casings (a new document starts).
    mutating func reset() { document.removeAll() }

    /// Learns the casings of a sentence of the document (a sentence in capitals teaches nothing).
    mutating func observe(_ infos: UnsafeBufferPointer<NERTokenInfo>) { document.observe(infos) }

    /// The casing to restore a token of a sentence in capitals to (`first`: the sentence's first
    /// token), or `nil` for a token without letters in capitals.
    func casing(for info: NERTokenInfo, first: Bool, insideName: Bool, known: Bool) -> NERCasing? {
        guard NERCasing.of(info) == .upper else { return nil }
        var usual = document.casing(of: info.word) ?? lexicon.casing(of: info.word) ?? (known && info.length > 3 ? .capitalised : .upper)
        if insideName && usual == .lower { usual = .capitalised }
        return first && usual == .lower ? .capitalised : usual
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
            let isASCIICapital = byte >= 0x41 && byte <= 0x5A
            let isLatin1Capital = byte == 0xC3 && index + 1 < out.count && out[index + 1] >= 0x80 && out[index + 1] <= 0x9E
                && out[index + 1] != 0x97
            let isLetter = isASCIICapital || isLatin1Capital || (byte >= 0x61 && byte <= 0x7A) || byte == 0xC3
            if isLetter && keepFirst {
                keepFirst = false
            } else if isASCIICapital {
                out[index] = byte | 0x20
            } else if isLatin1Capital {
                out[index + 1] |= 0x20
            }
            index += byte == 0xC3 ? 2 : 1
        }
        return out
    }
}
