/// One token of article text, with its UTF-8 byte range in the original field.
public struct Token: Sendable, Hashable {
    /// What kind of characters the token holds.
    public enum Kind: Sendable, Hashable {
        /// Letters (possibly with digits, internal apostrophes or periods, as in "U.S." or "O'Neill").
        case word
        /// Digits, possibly with internal separators: "4.5", "1,200", "2025".
        case number
        /// One punctuation or symbol character; quotes and dashes are normalised in ``Token/key``.
        case punctuation
    }

    /// Start of the token (UTF-8 byte offset into its field).
    public var start: Int
    /// End of the token (exclusive).
    public var end: Int
    public var kind: Kind
    /// The normalised form used for matching: lower-cased without diacritics, curly quotes straightened,
    /// dashes unified to "-", periods of abbreviations removed ("U.S." → "us").
    public var key: String
    /// A 64-bit hash of ``key`` (FNV-1a, never 0), for fast table lookups.
    public var keyHash: UInt64
    /// The token's text as submitted, NFC-normalised (case kept); a punctuation token's is its
    /// ``key`` (every dash "-", quotes straight).
    public var surface: String
    /// Whether the first letter is upper-case.
    public var isCapitalized: Bool
    /// Whether every letter is upper-case (and there are at least two letters).
    public var isAllCaps: Bool
    /// Whether whitespace (or the start of the paragraph) comes right before the token.
    public var spaceBefore: Bool
    /// Whether the token is a word that ends with a period that belongs to it ("Mr.", "U.S.", "J.").
    public var endsWithPeriod: Bool
}
