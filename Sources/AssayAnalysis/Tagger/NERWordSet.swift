/// A fixed set of well-mixed hashes for the decoding rules' lists: words (``NERTokenInfo/word``,
/// ``NERTokenInfo/exact``) or names of several words (``NERGazetteer/names(_:)``).
///
/// The rules test tens of lists against most tokens of every sentence. The hashes are already
/// well mixed, so one multiplicative probe into a flat table answers where `Set<UInt64>.contains`
/// would run the seeded SipHash first (docs/PERFORMANCE.md, "sixteenth session").
///
/// Every set is a constant of the rules, built once and kept for the program's life, so its table is
/// allocated once and never freed: a copy (each rule copies the lists it reads into locals) is two
/// words, with no reference to count. The arrays it held before were retained and released by every
/// copy, a few percent of `assay tag`'s instructions (docs/PERFORMANCE.md, "twenty-third session").
/// Build sets only as such constants.
struct NERWordSet: @unchecked Sendable {
    // (@unchecked: the table is written only by `init`, before any other thread can see it.)
    /// Open-addressed slots holding ``NERGazetteer/nonZero(_:)`` of each word, 0 when empty; at most
    /// half full.
    private let slots: UnsafePointer<UInt64>
    private let mask: Int

    init(_ words: some Sequence<UInt64>) {
        let keys = Set(words.map(NERGazetteer.nonZero))
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        let storage = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        storage.initialize(repeating: 0, count: size)
        for key in keys {
            var index = Self.slot(key, mask: size - 1)
            while storage[index] != 0 { index = (index + 1) & (size - 1) }
            storage[index] = key
        }
        self.slots = UnsafePointer(storage)
        self.mask = size - 1
    }

    @inline(__always) private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always) func contains(_ word: UInt64) -> Bool {
        let key = NERGazetteer.nonZero(word)
        var index = Self.slot(key, mask: mask)
        while true {
            let stored = slots[index]
            if stored == key { return true }
            if stored == 0 { return false }
            index = (index + 1) & mask
        }
    }

    /// The stored keys, in table order.
    private var keys: [UInt64] { (0 ... mask).compactMap { slots[$0] == 0 ? nil : slots[$0] } }

    func union(_ other: NERWordSet) -> NERWordSet { NERWordSet(keys + other.keys) }

    func subtracting(_ other: NERWordSet) -> NERWordSet { NERWordSet(keys.filter { !other.contains($0) }) }
}
