internal import CAssayScores

/// Groups of optional feature templates; the core templates (word, affixes, shape, neighbouring words
/// and shapes, previous tags) are always on. Stored in the model file so a model decodes with the
/// features it was trained with.
public struct NERFeatureSet: OptionSet, Hashable, Sendable {
    /// The bit mask.
    public let rawValue: UInt32
    /// Creates a feature set from its bit mask.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Words two positions left and right.
    public static let wideContext = NERFeatureSet(rawValue: 1 << 0)
    /// Word bigrams (previous+current, current+next) and word/shape conjunctions.
    public static let wordConjunctions = NERFeatureSet(rawValue: 1 << 1)
    /// Previous tag conjoined with the current word and shape.
    public static let tagConjunctions = NERFeatureSet(rawValue: 1 << 2)
    /// Document-level consistency: the labels earlier predicted for the same capitalised word in the
    /// document ("extended prediction history", Ratinov & Roth 2009).
    public static let documentHistory = NERFeatureSet(rawValue: 1 << 3)
    /// Prefixes and suffixes up to four bytes.
    public static let affixes = NERFeatureSet(rawValue: 1 << 4)

    /// The token in its original case (in addition to the lowercased word).
    public static let casedWord = NERFeatureSet(rawValue: 1 << 5)
    /// Three-byte suffixes of the neighbouring words.
    public static let neighbourAffixes = NERFeatureSet(rawValue: 1 << 6)
    /// Whether the sentence has any lower-case letters (headlines in capitals), conjoined with the shape.
    public static let sentenceCase = NERFeatureSet(rawValue: 1 << 7)

    /// Knowledge-base gazetteer membership of the token's n-grams per type (begin/inside/last/unit of
    /// the longest match) and single-token cues (titles, organisation head words, legal-form suffixes)
    /// of the token and its neighbours; needs an ``NERGazetteer`` at decoding time.
    public static let gazetteer = NERFeatureSet(rawValue: 1 << 8)

    /// Viterbi decoding (exact, over the legal BILOU sequences) with first-order tag features, trained
    /// as a structured perceptron; without it decoding is greedy left to right with second-order history.
    public static let viterbi = NERFeatureSet(rawValue: 1 << 9)
    /// Capitalised-run features: for a token inside a run of capitalised words (joined by connectors such
    /// as "of", "and", "&": "Bank of England"), the run's length, the token's position in it, the run's
    /// first and last word, the words around the run, and the organisation cues anywhere in the run.
    /// With ``sentenceCase`` on, a sentence in capitals has no runs (every word would be one).
    public static let nameRuns = NERFeatureSet(rawValue: 1 << 10)

    /// Name-list features (needs ``gazetteer``): whether the token is a common given name or surname,
    /// with the same for its neighbours, and its position in a place name (`name-lists.tsv`, see
    /// ``NERGazetteerType``). The organisation names of `name-lists.tsv` are not part of this group:
    /// they join the knowledge base's organisations in ``gazetteer``.
    public static let nameLists = NERFeatureSet(rawValue: 1 << 11)

    /// The groups of this set that cannot fire because a group they need is missing (``nameLists``
    /// without ``gazetteer``: the name lists live in the gazetteer).
    public var unmetDependencies: NERFeatureSet {
        self.contains(.nameLists) && !self.contains(.gazetteer) ? .nameLists : []
    }

    /// The optional groups by name, as `assay model train --with` / `--without` take them.
    public static let groupsByName: [(name: String, group: NERFeatureSet)] = [
        ("wideContext", .wideContext), ("wordConjunctions", .wordConjunctions), ("tagConjunctions", .tagConjunctions),
        ("documentHistory", .documentHistory), ("affixes", .affixes), ("casedWord", .casedWord),
        ("neighbourAffixes", .neighbourAffixes), ("sentenceCase", .sentenceCase), ("gazetteer", .gazetteer),
        ("viterbi", .viterbi), ("nameRuns", .nameRuns), ("nameLists", .nameLists),
    ]

    /// Every bit this build understands.
    public static let known = NERFeatureSet(rawValue: (1 << 12) - 1)

    /// The feature set of the shipped model: Viterbi decoding with first-order transitions only
    /// (``tagConjunctions`` is off: with Viterbi it cost speed and did not help on the dev sets),
    /// capitalised runs, document history, the cased word and the name lists; the gazetteer and the name
    /// lists need the bundled knowledge base at load time. docs/PERFORMANCE.md lists what each group added.
    public static let standard: NERFeatureSet = [
        .wideContext, .wordConjunctions, .affixes, .neighbourAffixes, .sentenceCase, .gazetteer, .viterbi, .nameRuns,
        .documentHistory, .casedWord, .nameLists,
    ]
}

/// Hashes and flags computed once per token from its UTF-8 bytes; the input to feature extraction.
public struct NERTokenInfo: Sendable, Hashable {
    /// Hash of the token with ASCII and Latin-1 capitals lowercased.
    public var word: UInt64
    /// Hash of the token bytes as written.
    public var exact: UInt64
    /// Hash of the word shape (see ``NERFeatureExtractor/shape(of:)``).
    public var shape: UInt64
    /// Hash of the short word shape (see ``NERFeatureExtractor/shortShape(of:)``).
    public var shortShape: UInt64
    /// The lowercased 1-, 2- and 3-byte prefixes (fewer bytes for shorter tokens), packed first byte
    /// lowest as in ``head``; the fourth lane is 0.
    public var prefixes: SIMD4<UInt64>
    /// The lowercased 1-, 2-, 3- and 4-byte suffixes (fewer bytes for shorter tokens), packed last byte
    /// lowest.
    public var suffixes: SIMD4<UInt64>
    /// Bit flags, see the `flag…` constants of ``NERFeatureExtractor``.
    public var flags: UInt16
    /// Length in bytes, capped at 65535.
    public var length: UInt16
    /// The first eight bytes, lowercased as ``word`` hashes them (ASCII and Latin-1 capitals), packed
    /// first byte lowest (zero bytes past the end): the letters the rules compare, an acronym's with
    /// the initials of the name before it.
    public var head: UInt64 = 0
    /// Gazetteer positions, 3 bits per ``NERGazetteerType`` (0 none, 1 begin, 2 inside, 3 last, 4 unit);
    /// filled by ``NERGazetteer/annotate(_:afterResultsLines:)``.
    public var gazetteer: UInt32 = 0
    /// Gazetteer cue bits (``NERGazetteer/cueTitle`` …); filled by
    /// ``NERGazetteer/annotate(_:afterResultsLines:)``.
    public var cues: UInt8 = 0
    /// The tag (``BILOUTag/rawValue``) decoding must give the token, as part of a known name that
    /// stands alone or of a name a newswire rule finds (a results line's team, a dateline's place …:
    /// ``NERGazetteer/annotate(_:afterResultsLines:)``); 0 leaves it to the model. The decoder drops a
    /// known name's forced tags when the document has already given one of its words another type.
    public var forcedTag: UInt8 = 0
    /// Whether ``forcedTag`` holds whatever the document history says (a results line's team: "Chicago"
    /// the club, after the dateline's city).
    public var forcedTagIsFirm = false
    /// Whether ``forcedTag`` is a team's, forced by a sports rule (``NERDocumentTeams`` remembers those).
    public var forcedAsTeam = false
    /// Whether decoding must put the token inside a name, of a type the model chooses
    /// (``NERDecoder/ruleOutOutsideInUnknownNames()``); ``forcedTag`` decides first.
    public var mustBeInsideName = false
    /// Whether decoding must continue the previous token's name with the token (an inside or last
    /// tag), a person's, organisation's or place's, not `MISC` (``NERDecoder/joinArticleSurnames()``).
    public var mustContinueName = false
    /// Whether decoding must not continue the previous token's name with the token (no inside or last
    /// tag): a common word in small letters after a capitalised one, as in "the Xinhua news agency"
    /// (``NERDecoder/ruleOutCommonWordContinuations()``).
    public var mustNotContinueName = false
    /// Whether decoding must leave the token outside every name: a sentence's first word that
    /// qualifies the name after it ("Champions Ajax were held", "In Denver ,":
    /// ``NERDecoder/ruleOutOpeningQualifiers()``), a results line's closing note ("( OT )":
    /// ``NERGazetteer/annotate(_:afterResultsLines:)``).
    public var mustBeOutside = false
    /// The kinds of word the newswire rules look for that the token is (sports words such as
    /// ``NERGazetteer/resultVerb``, an abbreviated legal suffix …; filled by
    /// ``NERGazetteer/annotate(_:afterResultsLines:)``), 0 for any other word.
    public var newswireWord: UInt8 = 0

    /// Whether the token starts with a capital letter or is all capitals.
    public var isCapitalised: Bool { flags & (NERFeatureExtractor.flagInitialUpper | NERFeatureExtractor.flagAllUpper) != 0 }
}

/// Feature extraction for the perceptron tagger.
///
/// Every feature is a template id combined with one or more hashed values and mapped to a row of the
/// weight table (`2^hashBits` rows). Token-level hashes are computed once per token from its UTF-8
/// bytes without allocating (``info(utf8:)``); ``staticRows(_:into:)`` then produces the
/// ``staticFeatureCount`` rows of every token of a sentence, and ``dynamicRows(info:previous:previous2:history:into:)``
/// the rows that depend on earlier decisions.
public struct NERFeatureExtractor: Sendable, Hashable {
    /// log2 of the number of weight rows.
    public let hashBits: Int
    /// The optional templates in use.
    public let featureSet: NERFeatureSet

    /// Creates an extractor for a table of `2^hashBits` rows. A group that cannot fire (see
    /// ``NERFeatureSet/unmetDependencies``) is left out of ``featureSet``, so a model never records it.
    public init(hashBits: Int, featureSet: NERFeatureSet = .standard) {
        precondition((8 ... 28).contains(hashBits), "hashBits out of range")
        self.hashBits = hashBits
        self.featureSet = featureSet.subtracting(featureSet.unmetDependencies)
    }

    /// Number of weight rows, `2^hashBits`.
    public var rowCount: Int { 1 << hashBits }

    // MARK: Flags

    /// First character is an upper-case letter.
    public static let flagInitialUpper: UInt16 = 1 << 0
    /// Has letters and none of them is lower case.
    public static let flagAllUpper: UInt16 = 1 << 1
    /// Contains a lower-case letter.
    public static let flagHasLower: UInt16 = 1 << 2
    /// Contains a digit.
    public static let flagHasDigit: UInt16 = 1 << 3
    /// Contains a hyphen.
    public static let flagHasHyphen: UInt16 = 1 << 4
    /// Contains a full stop.
    public static let flagHasPeriod: UInt16 = 1 << 5
    /// Contains no letter or digit.
    public static let flagNoAlphanumeric: UInt16 = 1 << 6
    /// Contains non-ASCII characters.
    public static let flagNonASCII: UInt16 = 1 << 7
    /// Contains an apostrophe (ASCII or U+2019).
    public static let flagApostrophe: UInt16 = 1 << 8
    /// The flags that say a token has a letter: ``flagHasLower``, ``flagInitialUpper``, ``flagAllUpper``.
    public static let flagsOfLetters: UInt16 = flagHasLower | flagInitialUpper | flagAllUpper

    // MARK: Hashing

    @inline(__always) static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// SplitMix64 finaliser: a fast, well-mixing 64-bit permutation.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Row 0 is the null row: never produced by a feature hash, never updated by training (so its weights
    /// stay zero), and used for template slots that are switched off.
    public static let nullRow: UInt32 = 0

    @inline(__always) static func nonNull(_ r: UInt32) -> UInt32 { r == 0 ? 1 : r }

    @inline(__always) func row(_ template: UInt64, _ a: UInt64) -> UInt32 {
        let h = (a ^ template &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        return Self.nonNull(UInt32(truncatingIfNeeded: h >> UInt64(64 - hashBits)))
    }

    @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt32 {
        let h = ((a ^ template &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9 ^ b) &* 0x94D0_49BB_1331_11EB
        return Self.nonNull(UInt32(truncatingIfNeeded: h >> UInt64(64 - hashBits)))
    }

    @inline(__always) func row(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt32 {
        let h = (((a ^ template &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9 ^ b) &* 0x94D0_49BB_1331_11EB ^ c)
            &* 0xD6E8_FEB8_6659_FD93
        return Self.nonNull(UInt32(truncatingIfNeeded: h >> UInt64(64 - hashBits)))
    }

    // MARK: Shapes

    /// The shape character of the code point starting at `bytes[index]`, or 0 for a continuation byte.
    @inline(__always) static func shapeCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8 {
        let byte = bytes[index]
        switch byte {
        case 0x41 ... 0x5A: return 0x58 // X
        case 0x61 ... 0x7A: return 0x78 // x
        case 0x30 ... 0x39: return 0x64 // d
        case 0x00 ..< 0x80: return byte
        case 0x80 ..< 0xC0: return 0 // continuation
        case 0xC3:
            // Latin-1 supplement letters: U+00C0–U+00DE capitals (except ×), U+00DF–U+00FF small.
            if index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next >= 0x80 && next <= 0x9E && next != 0x97 { return 0x58 }
            }
            return 0x78
        case 0xE2: return 0x2A // *: general punctuation, currency, symbols (curly quotes, dashes, €)
        default: return 0x78 // x: letters of other scripts
        }
    }

    /// Calls `body` with the shape characters of `bytes` and each one's place in its run of the same
    /// character (1 for the first), capping runs at `maxRun` (4 for the shape, 1 for the short shape).
    @inline(__always) static func forEachShapeCharacter(
        _ bytes: UnsafeBufferPointer<UInt8>, maxRun: Int, _ body: (_ character: UInt8, _ run: Int) -> Void
    ) {
        var last: UInt8 = 0
        var run = 0
        for index in 0 ..< bytes.count {
            let c = shapeCharacter(bytes, index)
            if c == 0 { continue }
            if c == last { run += 1 } else { last = c; run = 1 }
            if run <= maxRun { body(c, run) }
        }
    }

    /// The word shape: capitals → `X`, small letters → `x`, digits → `d`, other ASCII kept, symbols in
    /// U+2000–U+2FFF → `*`; runs longer than four are cut to four. `"McDonald's"` → `"XxXxxxx'x"`.
    public static func shape(of token: String) -> String {
        shapeString(token, maxRun: 4)
    }

    /// The short word shape: like ``shape(of:)`` with every run collapsed to one character. `"Apple"` → `"Xx"`.
    public static func shortShape(of token: String) -> String {
        shapeString(token, maxRun: 1)
    }

    private static func shapeString(_ token: String, maxRun: Int) -> String {
        var token = token
        return token.withUTF8 { bytes in
            var out: [UInt8] = []
            forEachShapeCharacter(bytes, maxRun: maxRun) { c, _ in out.append(c) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The lowercased prefixes of 1, 2 and 3 bytes (fewer for short tokens), as ``NERTokenInfo/prefixes``
    /// holds them for features.
    public static func prefixes(of token: String) -> [String] {
        let info = NERFeatureExtractor(hashBits: 8).info(for: token)
        return (0 ..< min(3, Int(info.length))).map { unpacked(info.prefixes[$0], reversed: false) }
    }

    /// The lowercased suffixes of 1, 2, 3 and 4 bytes (fewer for short tokens), as
    /// ``NERTokenInfo/suffixes`` holds them for features.
    public static func suffixes(of token: String) -> [String] {
        let info = NERFeatureExtractor(hashBits: 8).info(for: token)
        return (0 ..< min(4, Int(info.length))).map { unpacked(info.suffixes[$0], reversed: true) }
    }

    /// The text of bytes packed lowest first (`reversed`: the lowest is the last byte).
    private static func unpacked(_ packed: UInt64, reversed: Bool) -> String {
        var bytes: [UInt8] = []
        var rest = packed
        while rest != 0 { bytes.append(UInt8(truncatingIfNeeded: rest)); rest >>= 8 }
        return String(decoding: reversed ? bytes.reversed() : bytes, as: UTF8.self)
    }

    // MARK: Token info

    /// Token-level hashes and flags of `token`.
    public func info(for token: String) -> NERTokenInfo {
        var token = token
        return token.withUTF8 { info(utf8: $0) }
    }

    /// Token-level hashes and flags from UTF-8 bytes (no allocation).
    public func info(utf8 bytes: UnsafeBufferPointer<UInt8>) -> NERTokenInfo {
        let n = bytes.count
        var word = Self.fnvOffset
        var exact = Self.fnvOffset ^ 0x77
        var flags: UInt16 = 0
        var head: UInt64 = 0
        var tail: UInt32 = 0
        var hasLetter = false
        var hasUpper = false
        var previousWasC3 = false
        for index in 0 ..< n {
            var byte = bytes[index]
            switch byte {
            case 0x41 ... 0x5A:
                if index == 0 { flags |= Self.flagInitialUpper }
                hasLetter = true; hasUpper = true
                byte |= 0x20
            case 0x61 ... 0x7A:
                hasLetter = true
                flags |= Self.flagHasLower
            case 0x30 ... 0x39: flags |= Self.flagHasDigit
            case 0x2D: flags |= Self.flagHasHyphen
            case 0x2E: flags |= Self.flagHasPeriod
            case 0x27: flags |= Self.flagApostrophe
            case 0x80...:
                flags |= Self.flagNonASCII
                if previousWasC3 && byte >= 0x80 && byte <= 0x9E && byte != 0x97 {
                    if index == 1 { flags |= Self.flagInitialUpper }
                    hasLetter = true; hasUpper = true
                    byte |= 0x20
                } else if previousWasC3 {
                    hasLetter = true; flags |= Self.flagHasLower
                } else if byte == 0x99 && index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80 {
                    flags |= Self.flagApostrophe
                } else if byte >= 0xC0 && byte != 0xC3 && byte != 0xE2 {
                    hasLetter = true
                }
            default: break
            }
            previousWasC3 = bytes[index] == 0xC3
            exact = Self.fnvStep(exact, bytes[index])
            word = Self.fnvStep(word, byte)
            if index < 8 { head |= UInt64(byte) << (8 * index) }
            tail = tail << 8 | UInt32(byte)
        }
        if hasLetter && hasUpper && flags & Self.flagHasLower == 0 { flags |= Self.flagAllUpper }
        if !hasLetter && flags & Self.flagHasDigit == 0 { flags |= Self.flagNoAlphanumeric }

        // Affixes are their bytes themselves (the feature hash mixes them): no hashing here.
        let prefixes = SIMD4<UInt64>(head & 0xFF, head & 0xFFFF, head & 0xFF_FFFF, 0)
        let suffixes = SIMD4<UInt64>(UInt64(tail & 0xFF), UInt64(tail & 0xFFFF), UInt64(tail & 0xFF_FFFF), UInt64(tail))
        // (Both shapes in one pass, as ``forEachShapeCharacter(_:maxRun:_:)`` gives them.)
        var shape = Self.fnvOffset
        var shortShape = Self.fnvOffset
        Self.forEachShapeCharacter(bytes, maxRun: 4) { c, run in
            shape = Self.fnvStep(shape, c)
            if run == 1 { shortShape = Self.fnvStep(shortShape, c) }
        }
        return NERTokenInfo(
            word: word, exact: exact, shape: shape, shortShape: shortShape, prefixes: prefixes, suffixes: suffixes,
            flags: flags, length: UInt16(min(n, 65535)), head: head
        )
    }

    /// The padding token before the sentence start.
    static let beginPad = NERTokenInfo(
        word: 0xB051, exact: 0xB050, shape: 0xB052, shortShape: 0xB053, prefixes: .zero, suffixes: .zero, flags: 0, length: 0
    )
    /// The padding token after the sentence end.
    static let endPad = NERTokenInfo(
        word: 0xE051, exact: 0xE050, shape: 0xE052, shortShape: 0xE053, prefixes: .zero, suffixes: .zero, flags: 0, length: 0
    )

    // MARK: Templates

    /// Number of rows ``staticRows(_:into:)`` writes per token (unused templates write a fixed dummy row).
    public static let staticFeatureCount = 52
    /// Maximum number of rows ``dynamicRows(info:previous:previous2:history:into:)`` writes.
    public static let maxDynamicFeatureCount = 6

    /// Writes ``staticFeatureCount`` rows for each token of a sentence into `out`
    /// (`infos.count × staticFeatureCount` entries, token-major).
    public func staticRows(_ infos: UnsafeBufferPointer<NERTokenInfo>, into out: UnsafeMutablePointer<UInt32>) {
        let n = infos.count
        let wide = featureSet.contains(.wideContext)
        let conj = featureSet.contains(.wordConjunctions)
        let affixes = featureSet.contains(.affixes)
        let cased = featureSet.contains(.casedWord)
        let neighbourAffixes = featureSet.contains(.neighbourAffixes)
        let gazetteer = featureSet.contains(.gazetteer)
        let nameLists = featureSet.contains(.nameLists)
        let sentenceCase: UInt64 = featureSet.contains(.sentenceCase) ? (Self.isInCapitals(infos) ? 2 : 1) : 0
        let off = Self.nullRow
        var o = out
        for i in 0 ..< n {
            let t = infos[i]
            let p1 = i >= 1 ? infos[i - 1] : Self.beginPad
            let p2 = i >= 2 ? infos[i - 2] : Self.beginPad
            let n1 = i + 1 < n ? infos[i + 1] : Self.endPad
            let n2 = i + 2 < n ? infos[i + 2] : Self.endPad
            let first: UInt64 = i == 0 ? 1 : 0
            o[0] = row(0, 0)
            o[1] = row(1, t.word)
            o[2] = row(2, p1.word)
            o[3] = row(3, n1.word)
            o[4] = wide ? row(4, p2.word) : off
            o[5] = wide ? row(5, n2.word) : off
            o[6] = affixes ? row(6, t.prefixes[0]) : off
            o[7] = affixes ? row(7, t.prefixes[1]) : off
            o[8] = affixes ? row(8, t.prefixes[2]) : off
            o[9] = affixes ? row(9, t.suffixes[0]) : off
            o[10] = affixes ? row(10, t.suffixes[1]) : off
            o[11] = affixes ? row(11, t.suffixes[2]) : off
            o[12] = affixes ? row(12, t.suffixes[3]) : off
            o[13] = row(13, t.shape)
            o[14] = row(14, t.shortShape)
            o[15] = row(15, p1.shortShape)
            o[16] = row(16, n1.shortShape)
            o[17] = row(17, p1.shortShape, t.shortShape)
            o[18] = row(18, t.shortShape, n1.shortShape)
            o[19] = row(19, p1.shortShape, t.shortShape, n1.shortShape)
            o[20] = conj ? row(20, p1.word, t.word) : off
            o[21] = conj ? row(21, t.word, n1.word) : off
            o[22] = conj ? row(22, p1.word, t.shortShape) : off
            o[23] = conj ? row(23, t.shortShape, n1.word) : off
            o[24] = row(24, t.shortShape, first)
            o[25] = row(25, t.word, first)
            o[26] = row(26, UInt64(t.flags), first)
            o[27] = row(27, UInt64(min(t.length, 12)), t.shortShape)
            o[28] = cased ? row(28, t.exact) : off
            o[29] = neighbourAffixes ? row(29, p1.suffixes[2]) : off
            o[30] = neighbourAffixes ? row(30, n1.suffixes[2]) : off
            o[31] = sentenceCase != 0 ? row(31, sentenceCase, t.shortShape, UInt64(t.flags)) : off
            if gazetteer {
                let code = UInt64(t.gazetteer & Self.knowledgeBaseGazetteerMask)
                for g in 0 ..< NERGazetteerType.knowledgeBaseCount {
                    let position = (code >> UInt64(3 * g)) & 7
                    o[32 + g] = position != 0 ? row(40 + UInt64(g), position) : off
                }
                o[37] = code != 0 ? row(45, code) : off
                o[38] = t.cues != 0 ? row(46, UInt64(t.cues)) : off
                o[39] = p1.cues != 0 ? row(47, UInt64(p1.cues)) : off
                o[40] = n1.cues != 0 ? row(48, UInt64(n1.cues)) : off
                o[41] = code != 0 ? row(49, code, t.shortShape) : off
            } else {
                for f in 32 ..< 42 { o[f] = off }
            }
            for f in 42 ..< 49 { o[f] = off }
            if nameLists {
                let place = Self.listPosition(t, .place)
                let person = Self.personNameBits(t)
                let context = Self.personNameBits(p1) << 4 | person << 2 | Self.personNameBits(n1)
                o[49] = place != 0 ? row(57, place, first) : off
                o[50] = person != 0 ? row(58, person, first) : off
                o[51] = context != 0 ? row(59, context) : off
            } else {
                for f in 49 ..< 52 { o[f] = off }
            }
            o += Self.staticFeatureCount
        }
        // In a sentence in capitals every word is "capitalised": runs would say nothing.
        if featureSet.contains(.nameRuns) && sentenceCase != 2 { runRows(infos, into: out) }
    }

    /// Drops the null rows from the ``staticFeatureCount`` rows of each of `tokenCount` tokens in
    /// place, keeping the order, and writes where each token's remaining rows start into `starts`
    /// (`tokenCount + 1` entries, the last the end). The null row's weights are zero (training never
    /// updates it, and ``NERModel/init(data:gazetteer:)`` checks it), so the scores are the same; a third of
    /// an ordinary word's rows are null, and decoding no longer reads them.
    /// (In C, `CAssayScores`, which with AVX2 packs eight rows at a time: the loop here took 7 % of
    /// the instructions of `assay tag`, docs/PERFORMANCE.md.)
    static func dropNullRows(_ rows: UnsafeMutablePointer<UInt32>, tokenCount: Int, starts: UnsafeMutablePointer<Int32>) {
        precondition(nullRow == 0, "CAssayScores_dropNullRows drops the rows equal to 0")
        CAssayScores_dropNullRows(rows, tokenCount, staticFeatureCount, starts)
    }

    /// Whether a sentence is written in capitals (a headline, a dateline): two or more tokens with
    /// letters, none of them small.
    static func isInCapitals(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        var letters = 0
        for t in infos where t.flags & flagNoAlphanumeric == 0 {
            if t.flags & flagHasLower != 0 { return false }
            if t.flags & (flagAllUpper | flagInitialUpper) != 0 { letters += 1 }
        }
        return letters >= 2
    }

    /// The bits of ``NERTokenInfo/gazetteer`` that hold the knowledge-base types.
    static let knowledgeBaseGazetteerMask: UInt32 = (1 << (3 * UInt32(NERGazetteerType.knowledgeBaseCount))) - 1

    /// The token's position (0 none, 1 begin, 2 inside, 3 last, 4 unit) in a gazetteer match of `type`.
    @inline(__always) static func listPosition(_ t: NERTokenInfo, _ type: NERGazetteerType) -> UInt64 {
        UInt64((t.gazetteer >> (3 * UInt32(type.rawValue))) & 7)
    }

    /// 1 if the token is a listed given name, plus 2 if it is a listed surname (one-token matches only:
    /// a hyphenated name split into tokens, "Young - hee", does not count).
    @inline(__always) static func personNameBits(_ t: NERTokenInfo) -> UInt64 {
        (listPosition(t, .givenName) == 4 ? 1 : 0) | (listPosition(t, .surname) == 4 ? 2 : 0)
    }

    /// ``NERTokenInfo/word`` of `token` (its case-folded hash, whatever the table size), for the word
    /// lists the rules compare tokens with.
    static func wordHash(_ token: String) -> UInt64 { NERFeatureExtractor(hashBits: 8).info(for: token).word }

    /// Word hashes (``NERTokenInfo/word``) of the lower-case words that may join capitalised words into
    /// one run ("Bank of England", "Procter & Gamble", "Ministry for the Environment").
    static let runConnectors = NERWordSet(
        [
            "of", "and", "&", "for", "the", "de", "du", "des", "la", "le", "del", "da", "von", "van", "der", "den", "on",
            "'s", "-",
        ]
            .map(wordHash)
    )

    /// The runs of capitalised words of a sentence as half-open token ranges: maximal sequences of
    /// capitalised tokens, where one connector (``runConnectors``) between two capitalised tokens joins them.
    public static func capitalisedRuns(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        forEachCapitalisedRun(infos) { runs.append($0) }
        return runs
    }

    @inline(__always) static func forEachCapitalisedRun(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, _ body: (Range<Int>) -> Void
    ) {
        let n = infos.count
        var i = 0
        while i < n {
            guard infos[i].isCapitalised else { i += 1; continue }
            var j = i + 1
            while j < n {
                if infos[j].isCapitalised { j += 1; continue }
                if j + 1 < n && infos[j + 1].isCapitalised && runConnectors.contains(infos[j].word) { j += 2; continue }
                break
            }
            body(i ..< j)
            i = j
        }
    }

    /// Writes the ``NERFeatureSet/nameRuns`` rows (slots 42 ..< 49) of the tokens inside capitalised runs.
    func runRows(_ infos: UnsafeBufferPointer<NERTokenInfo>, into out: UnsafeMutablePointer<UInt32>) {
        let n = infos.count
        let count = Self.staticFeatureCount
        Self.forEachCapitalisedRun(infos) { run in
            let length = UInt64(min(run.count, 5))
            var cues: UInt64 = 0
            var shapes = Self.fnvOffset
            let runCues = NERGazetteer.cueOrgHead | NERGazetteer.cueLegalSuffix | NERGazetteer.cueTitle
            for m in run {
                cues |= UInt64(infos[m].cues & runCues)
                shapes = Self.mix(shapes ^ infos[m].shortShape)
            }
            let before = run.lowerBound > 0 ? infos[run.lowerBound - 1] : Self.beginPad
            let after = run.upperBound < n ? infos[run.upperBound] : Self.endPad
            if before.cues & NERGazetteer.cueTitle != 0 { cues |= 8 }
            let first = infos[run.lowerBound].word
            let last = infos[run.upperBound - 1].word
            for m in run {
                // Position in the run: 1 begin, 2 inside, 3 last, 4 unit.
                let position: UInt64 = run.count == 1 ? 4 : m == run.lowerBound ? 1 : m == run.upperBound - 1 ? 3 : 2
                let o = out + m * count
                o[42] = row(50, length, position)
                o[43] = row(51, cues, position)
                o[44] = row(52, last, position)
                o[45] = row(53, first, position)
                o[46] = row(54, before.word, position)
                o[47] = row(55, after.word, position)
                o[48] = row(56, shapes, position)
            }
        }
    }

    /// Label index used by the document history for "no earlier occurrence".
    static let noHistory: UInt8 = 255
    /// Label index used by the document history for "outside any name"; the entity types come before.
    static let outsideHistory: UInt8 = 4

    /// Writes the rows that depend on earlier decisions and returns how many: the previous tag, the two
    /// previous tags, their conjunctions with the word and shape, and the document history label
    /// (`0 ..< 4` an entity type, `4` outside, ``noHistory`` when the word was not seen earlier).
    @inline(__always)
    public func dynamicRows(
        info t: NERTokenInfo, previous: UInt8, previous2: UInt8, history: UInt8,
        into out: UnsafeMutablePointer<UInt32>
    ) -> Int {
        out[0] = row(100, UInt64(previous))
        out[1] = row(101, UInt64(previous), UInt64(previous2))
        var count = 2
        if featureSet.contains(.tagConjunctions) {
            out[2] = row(102, UInt64(previous), t.word)
            out[3] = row(103, UInt64(previous), t.shortShape)
            count = 4
        }
        if featureSet.contains(.documentHistory) && history != Self.noHistory {
            out[count] = row(104, UInt64(history))
            out[count + 1] = row(105, UInt64(history), t.shortShape)
            count += 2
        }
        return count
    }

    /// Maximum number of rows ``transitionRows(info:previous:into:)`` writes.
    public static let maxTransitionFeatureCount = 3

    /// With ``NERFeatureSet/viterbi``: writes the rows that depend on the previous tag (`BILOUTag.count`
    /// for the sentence start) and returns how many: the previous tag, and with
    /// ``NERFeatureSet/tagConjunctions`` its conjunctions with the word and the short shape.
    @inline(__always)
    public func transitionRows(info t: NERTokenInfo, previous: UInt8, into out: UnsafeMutablePointer<UInt32>) -> Int {
        out[0] = row(100, UInt64(previous))
        guard featureSet.contains(.tagConjunctions) else { return 1 }
        out[1] = row(102, UInt64(previous), t.word)
        out[2] = row(103, UInt64(previous), t.shortShape)
        return 3
    }

    /// With ``NERFeatureSet/viterbi``: writes the document-history rows of a token (they depend only on
    /// earlier sentences) and returns how many (0 or 2).
    @inline(__always)
    public func historyRows(info t: NERTokenInfo, history: UInt8, into out: UnsafeMutablePointer<UInt32>) -> Int {
        guard featureSet.contains(.documentHistory) && history != Self.noHistory else { return 0 }
        out[0] = row(104, UInt64(history))
        out[1] = row(105, UInt64(history), t.shortShape)
        return 2
    }
}

/// Document-level memory of the labels predicted so far for capitalised words (by word hash).
struct NERDocumentMemory {
    // (A flat table, not a `Dictionary`: the word hashes are well mixed already, and the Dictionary's
    // seeded hashing of them was 0.8 % of the instructions of `assay tag`: docs/PERFORMANCE.md.)
    /// Where each word's label counts are in `counts`, by ``NERGazetteer/nonZero(_:)`` of its hash.
    private var slots = IntegerTable()
    private var counts: [SIMD8<UInt16>] = []

    mutating func reset() {
        slots.removeAll()
        counts.removeAll(keepingCapacity: true)
    }

    /// The most frequent label so far for this word: `0 ..< 4` an entity type, `4` outside, or
    /// ``NERFeatureExtractor/noHistory``.
    @inline(__always) func history(for info: NERTokenInfo) -> UInt8 {
        guard info.isCapitalised, let k = slots.value(for: NERGazetteer.nonZero(info.word)) else {
            return NERFeatureExtractor.noHistory
        }
        let c = counts[Int(k)]
        var best = 0
        for k in 1 ... Int(NERFeatureExtractor.outsideHistory) where c[k] > c[best] { best = k }
        return UInt8(best)
    }

    /// Records the labels of a decoded sentence.
    /// A sentence in capitals (`inCapitals`), where a capital says nothing, counts only its names,
    /// and those at half the weight of a sentence written as usual: its headline's unknown surname
    /// left out ("MASKHADOV SEEN AHEAD") does not count against the name in the story's body, and a
    /// name it mistook does not outweigh the body's reading.
    mutating func record(infos: UnsafeBufferPointer<NERTokenInfo>, tags: UnsafeBufferPointer<UInt8>, inCapitals: Bool = false) {
        for i in 0 ..< infos.count where infos[i].isCapitalised {
            let tag = tags[i]
            if inCapitals && tag == 0 { continue }
            let slot = tag == 0 ? Int(NERFeatureExtractor.outsideHistory) : Int((tag - 1) / 4)
            let key = NERGazetteer.nonZero(infos[i].word)
            let k: Int
            if let known = slots.value(for: key) {
                k = Int(known)
            } else {
                k = counts.count
                counts.append(.zero)
                slots.set(Int32(k), for: key)
            }
            counts[k][slot] &+= inCapitals ? 1 : 2
        }
    }
}

/// BILOU transition table: `allowed[previous * count + tag]`, with `previous == count` meaning the start.
enum NERTransitions {
    static let allowed: [Bool] = {
        let n = BILOUTag.count
        var table = [Bool](repeating: false, count: (n + 1) * n)
        for p in 0 ... n {
            let previous: BILOUTag? = p == n ? nil : BILOUTag.all[p]
            for t in 0 ..< n { table[p * n + t] = BILOUTag.all[t].canFollow(previous) }
        }
        return table
    }()

    static let canEnd: [Bool] = BILOUTag.all.map(\.canEndSentence)
}
