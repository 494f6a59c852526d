/// A fixed set of token keys ("of", "said", "monday"), looked up by ``Token/keyHash``.
///
/// The engine asks "is this token one of these words?" several times per token; hashing the
/// token's `String` key with `Set<String>` (seeded SipHash) for each question cost more than
/// the matching itself. The tokenizer already stores a 64-bit hash of every key, so a lookup
/// here is one multiplicative probe into a flat table. Two keys sharing a 64-bit hash would
/// alias each other; for word lists of this size the chance is negligible (about 10⁻¹⁵).
struct KeySet: Sendable, ExpressibleByArrayLiteral {
    private var table = IntegerTable()

    init(_ keys: some Sequence<String>) {
        for key in keys {
            self.table.set(1, for: KeyHash.of(key))
        }
    }

    init(arrayLiteral keys: String...) {
        self.init(keys)
    }

    /// Whether the token's key is in the set.
    @inline(__always)
    func contains(_ token: Token) -> Bool { self.table.value(for: token.keyHash) != nil }

    /// Whether `key` (a token key, already normalised) is in the set.
    func contains(_ key: String) -> Bool { self.table.value(for: KeyHash.of(key)) != nil }
}
