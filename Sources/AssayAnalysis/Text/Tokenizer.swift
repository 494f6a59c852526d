import Foundation

/// Splits one paragraph of UTF-8 text into ``Token``s, keeping byte offsets into the original.
///
/// Works on bytes: ASCII (the common case) never leaves the fast path; other characters are
/// classified by their Unicode properties. Normalisation happens per token, in ``Token/key``:
/// NFC, lower case without diacritics, curly quotes → straight, every dash → "-", abbreviation
/// periods dropped.
/// So "U.S." and "US" share the key "us", and NFC and NFD spellings of a name share one key.
public struct Tokenizer: Sendable {
    /// Words that keep their trailing period: titles, months, company suffixes and similar.
    /// (Letter-period runs such as "U.S." or "e.g." and single initials keep theirs by rule.)
    static let periodAbbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm", "cmdr",
        "jr", "sr", "st", "mt", "ft", "no", "vs", "etc", "inc", "corp", "co", "ltd", "bros", "dept", "est", "approx",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    static let possessiveHash = KeyHash.of("'s")

    /// Each ASCII character as a one-character key, with its hash: punctuation tokens need no new string.
    static let punctuationKeys: [(String, UInt64)] = (0..<128).map { byte in
        let key = String(Unicode.Scalar(UInt8(byte)))
        return (key, KeyHash.of(key))
    }

    /// Creates a tokenizer.
    public init() {}

    /// Tokenises `bytes[range]`; offsets in the result are offsets into `bytes`.
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(range.count / 5)
        var index = range.lowerBound
        var spaceBefore = true
        while index < range.upperBound {
            if bytes[index] == 0x20 {  // the commonest byte of all
                spaceBefore = true
                index += 1
                continue
            }
            let kind: CharacterClass
            let width: Int
            if bytes[index] < 0x80 {
                (kind, width) = (Self.classifyASCII(bytes[index]), 1)
            } else {
                let scalar: Unicode.Scalar
                (scalar, width) = Self.decodeScalar(bytes, at: index, limit: range.upperBound)
                kind = Self.classifyNonASCII(scalar)
            }
            switch kind {
            case .space:
                spaceBefore = true
                index += width
            case .ignorable:
                index += width
            case .letter, .digit:
                let end = self.scanWord(bytes, from: index, limit: range.upperBound)
                tokens.append(self.makeWordToken(bytes, start: index, end: end, spaceBefore: spaceBefore))
                spaceBefore = false
                index = end
            case .apostrophe where Self.isPossessive(bytes, at: index + width, limit: range.upperBound)
                && !spaceBefore:
                // "China's" → "China" + "'s"
                let end = index + width + 1
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                tokens.append(
                    Token(
                        start: index, end: end, kind: .word, key: "'s", keyHash: Self.possessiveHash, surface: surface,
                        isCapitalized: false, isAllCaps: false, spaceBefore: false, endsWithPeriod: false
                    )
                )
                spaceBefore = false
                index = end
            case .punctuation, .apostrophe, .quote, .dash:
                let (key, keyHash): (String, UInt64)
                switch kind {
                case .apostrophe: (key, keyHash) = Self.punctuationKeys[Int(UInt8(ascii: "'"))]
                case .quote: (key, keyHash) = Self.punctuationKeys[Int(UInt8(ascii: "\""))]
                case .dash: (key, keyHash) = Self.punctuationKeys[Int(UInt8(ascii: "-"))]
                default:
                    if width == 1 {
                        (key, keyHash) = Self.punctuationKeys[Int(bytes[index])]
                    } else {
                        key = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + width)]), as: UTF8.self)
                        keyHash = KeyHash.of(key)
                    }
                }
                tokens.append(
                    Token(
                        start: index, end: index + width, kind: .punctuation, key: key, keyHash: keyHash, surface: key,
                        isCapitalized: false, isAllCaps: false, spaceBefore: spaceBefore, endsWithPeriod: false
                    )
                )
                spaceBefore = false
                index += width
            }
        }
        return tokens
    }

    /// Tokenises a whole string (convenience for aliases and tests).
    public func tokenize(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { self.tokenize($0, in: 0..<$0.count) }
    }

    // MARK: - Words

    /// Scans a word or number starting at `start`, returning its end.
    private func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var index = start
        var lastWasLetterOrDigit = false
        var startsWithDigit = false
        if index < limit, bytes[index] >= 0x30 && bytes[index] <= 0x39 { startsWithDigit = true }
        while index < limit {
            // Fast path: ASCII letters and digits.
            let byte = bytes[index]
            if Self.isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) {
                lastWasLetterOrDigit = true
                index += 1
                continue
            }
            let (scalar, width) = Self.decodeScalar(bytes, at: index, limit: limit)
            switch Self.classify(scalar) {
            case .letter, .digit:
                lastWasLetterOrDigit = true
                index += width
            case .ignorable:
                index += width
            case .apostrophe where lastWasLetterOrDigit && !startsWithDigit:
                // Internal apostrophe ("O'Neill", "don't") stays; a possessive 's is split off.
                if Self.isPossessive(bytes, at: index + width, limit: limit) { return index }
                let next = index + width
                guard next < limit, Self.classify(Self.decodeScalar(bytes, at: next, limit: limit).0) == .letter else {
                    return index
                }
                index = next
                lastWasLetterOrDigit = false
            case .punctuation where lastWasLetterOrDigit && (scalar == "." || scalar == ","):
                // Decimal or thousands separator inside a number: "4.5", "1,200".
                let next = index + 1
                if startsWithDigit, next < limit, bytes[next] >= 0x30 && bytes[next] <= 0x39 {
                    index = next
                    continue
                }
                guard scalar == "." else { return index }
                // Letter-period sequences ("U.S.", "e.g.") and known abbreviations keep their periods.
                return self.abbreviationEnd(bytes, wordStart: start, periodAt: index, limit: limit)
            default:
                return index
            }
        }
        return index
    }

    /// Decides whether the period at `periodAt` (and any letter-period run after it) belongs to the word.
    private func abbreviationEnd(_ bytes: UnsafeBufferPointer<UInt8>, wordStart: Int, periodAt: Int, limit: Int) -> Int {
        // Extend over single letters followed by periods: U.S.A.
        var end = periodAt + 1
        let wordLength = periodAt - wordStart
        if wordLength == 1 {
            while end + 1 < limit, Self.isASCIILetter(bytes[end]), bytes[end + 1] == UInt8(ascii: ".") {
                end += 2
            }
            if end > periodAt + 1 { return end }  // U.S., U.S.A.
            // A single capital letter and a period: an initial ("J. Smith").
            if Self.isASCIIUpper(bytes[wordStart]) { return end }
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<periodAt]), as: UTF8.self).lowercased()
        return Self.periodAbbreviations.contains(word) ? end : periodAt
    }

    private func makeWordToken(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, spaceBefore: Bool) -> Token {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        var isASCII = true
        var letters = 0
        var uppers = 0
        var digits = 0
        for byte in slice {
            if byte >= 0x80 { isASCII = false; break }
            if Self.isASCIILetter(byte) {
                letters += 1
                if Self.isASCIIUpper(byte) { uppers += 1 }
            } else if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            }
        }
        var surface = String(decoding: slice, as: UTF8.self)
        let isCapitalized: Bool
        let isAllCaps: Bool
        if isASCII {
            isCapitalized = Self.isASCIIUpper(slice[0])
            isAllCaps = letters >= 2 && uppers == letters
        } else {
            surface = surface.precomposedStringWithCanonicalMapping
            let letterScalars = surface.unicodeScalars.filter { $0.properties.isAlphabetic }
            isCapitalized = letterScalars.first?.properties.isUppercase ?? false
            isAllCaps = letterScalars.count >= 2 && letterScalars.allSatisfy { $0.properties.isUppercase }
        }
        // Keys fold case and diacritics, so "Química" matches an alias written "Quimica".
        var key: String
        if isASCII {
            let hash: UInt64
            if uppers == 0 && (letters == 0 || !slice.contains(UInt8(ascii: "."))) {
                key = surface  // already its own key: one string for both
                hash = KeyHash.of(slice)
            } else {
                (key, hash) = Self.asciiKey(slice, dropPeriods: letters > 0)
            }
            let kind: Token.Kind = letters == 0 && digits > 0 ? .number : .word
            let endsWithPeriod = kind == .word && slice[slice.count - 1] == UInt8(ascii: ".")
            return Token(
                start: start, end: end, kind: kind, key: key, keyHash: hash, surface: surface,
                isCapitalized: isCapitalized, isAllCaps: isAllCaps, spaceBefore: spaceBefore, endsWithPeriod: endsWithPeriod
            )
        } else {
            key = surface.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            key.unicodeScalars.removeAll { scalar in
                Self.classify(scalar) == .ignorable || (scalar == "." && letters + digits > 0)
            }
            if key.unicodeScalars.contains("\u{2019}") {
                key = String(String.UnicodeScalarView(key.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
            }
        }
        let endsWithPeriod = slice[slice.count - 1] == UInt8(ascii: ".")
        return Token(
            start: start, end: end, kind: .word, key: key, keyHash: KeyHash.of(key), surface: surface,
            isCapitalized: isCapitalized, isAllCaps: isAllCaps, spaceBefore: spaceBefore, endsWithPeriod: endsWithPeriod
        )
    }

    // MARK: - Characters

    enum CharacterClass: Equatable {
        case letter, digit, space, ignorable, apostrophe, quote, dash, punctuation
    }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        if value < 0x80 { return classifyASCII(UInt8(value)) }
        return classifyNonASCII(scalar)
    }

    @inline(__always)
    private static func classifyASCII(_ byte: UInt8) -> CharacterClass {
        if isASCIILetter(byte) { return .letter }
        if byte >= 0x30 && byte <= 0x39 { return .digit }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return .space
        case UInt8(ascii: "'"): return .apostrophe
        case UInt8(ascii: "\""): return .quote
        case UInt8(ascii: "-"): return .dash
        case 0x00..<0x20, 0x7F: return .ignorable
        default: return .punctuation
        }
    }

    private static func classifyNonASCII(_ scalar: Unicode.Scalar) -> CharacterClass {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201B, 0x2032: return .apostrophe
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: return .quote
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return .dash
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return .ignorable  // soft hyphen, zero-width
        default: break
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        if properties.isAlphabetic { return .letter }
        switch properties.generalCategory {
        case .decimalNumber: return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: return .letter  // combining marks of NFD text
        case .format, .control: return .ignorable
        default: return .punctuation
        }
    }

    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> (Unicode.Scalar, Int) {
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let width = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard width > 1, index + width <= limit else { return ("\u{FFFD}", 1) }
        var value = UInt32(first) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width {
            value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    private static func isPossessive(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> Bool {
        guard index < limit, bytes[index] == UInt8(ascii: "s") || bytes[index] == UInt8(ascii: "S") else { return false }
        let next = index + 1
        return next >= limit || !(isASCIILetter(bytes[next]) || bytes[next] >= 0x80 || (bytes[next] >= 0x30 && bytes[next] <= 0x39))
    }

    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// Lower-cases ASCII bytes, dropping periods when asked ("U.S." → "us"), and hashes the
    /// result as ``KeyHash`` does: one small string, one pass.
    private static func asciiKey(_ slice: UnsafeBufferPointer<UInt8>, dropPeriods: Bool) -> (String, UInt64) {
        var hash = KeyHash.offset
        let key = String(unsafeUninitializedCapacity: slice.count) { buffer in
            var count = 0
            for byte in slice where !(dropPeriods && byte == UInt8(ascii: ".")) {
                let folded = isASCIIUpper(byte) ? byte | 0x20 : byte
                buffer[count] = folded
                hash = (hash ^ UInt64(folded)) &* KeyHash.prime
                count += 1
            }
            return count
        }
        return (key, hash | 1)
    }
}
