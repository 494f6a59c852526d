/// A fixed set of well-mixed hashes for the decoding rules' lists: words (``NERTokenInfo/word``,
/// ``NERTokenInfo/exact``) or names of several words (``NERGazetteer/names(_:)``).
///
/// The rules test tens of lists against most tokens of every sentence. The hashes are already
/// well mixed, so one multiplicative probe into a flat table (``IntegerTable``) answers where
/// `Set<UInt64>.contains` would run the seeded SipHash first (docs/PERFORMANCE.md, "sixteenth
/// session").
struct NERWordSet: Sendable {
    private let words: [UInt64]
    private var table = IntegerTable()

    init(_ words: some Sequence<UInt64>) {
        self.words = Array(words)
        for word in self.words { table.set(1, for: NERGazetteer.nonZero(word)) }
    }

    @inline(__always) func contains(_ word: UInt64) -> Bool {
        table.value(for: NERGazetteer.nonZero(word)) != nil
    }

    func union(_ other: NERWordSet) -> NERWordSet { NERWordSet(words + other.words) }

    func subtracting(_ other: NERWordSet) -> NERWordSet { NERWordSet(words.filter { !other.contains($0) }) }
}
