/// An open-addressing hash table from non-zero `UInt64` keys to `Int32` values.
///
/// The alias trie does one lookup per text token and per trie step; with keys that are already
/// well-mixed 64-bit hashes, a multiplicative probe into one flat array costs a few nanoseconds,
/// where `Dictionary`'s seeded SipHash costs tens. Built once when the knowledge base loads, and
/// for the tagger's document memory (``NERDocumentMemory``), emptied between documents.
struct IntegerTable: Sendable {
    /// Key and value side by side: a hit costs one cache line, not two.
    private struct Slot {
        var key: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.slots = [Slot](repeating: Slot(key: 0, value: 0), count: size)
        self.mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & self.mask
    }

    /// The value for `key`, if present. `key` must not be 0.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        var index = self.slot(key)
        while true {
            let stored = self.slots[index]
            if stored.key == key { return stored.value }
            if stored.key == 0 { return nil }
            index = (index + 1) & self.mask
        }
    }

    /// Every key and its value, in table order.
    var entries: [(key: UInt64, value: Int32)] {
        slots.compactMap { $0.key == 0 ? nil : ($0.key, $0.value) }
    }

    /// Removes every key, keeping the table's size.
    mutating func removeAll() {
        for index in slots.indices { slots[index] = Slot(key: 0, value: 0) }
        count = 0
    }

    /// Sets the value for `key` (non-zero), growing the table as needed.
    mutating func set(_ value: Int32, for key: UInt64) {
        precondition(key != 0, "IntegerTable keys must be non-zero")
        if (self.count + 1) * 2 > self.slots.count { self.grow() }
        var index = self.slot(key)
        while self.slots[index].key != 0 && self.slots[index].key != key {
            index = (index + 1) & self.mask
        }
        if self.slots[index].key == 0 { self.count += 1 }
        self.slots[index] = Slot(key: key, value: value)
    }

    private mutating func grow() {
        var bigger = IntegerTable(capacity: self.slots.count)
        for slot in self.slots where slot.key != 0 {
            bigger.set(slot.value, for: slot.key)
        }
        self = bigger
    }
}

/// A one-hash Bloom filter over key hashes: 64 Kibit (8 KiB), small enough to stay in the
/// first-level cache while a text is matched, so a token that can start no alias costs one
/// bit test instead of a probe into a table that other work has pushed out of the cache.
struct KeyFilter: Sendable {
    private var words = [UInt64](repeating: 0, count: 1024)

    @inline(__always)
    private static func bit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0xD6E8_FEB8_6659_FD93) >> 48)
    }

    mutating func insert(_ hash: UInt64) {
        let bit = Self.bit(hash)
        self.words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// False when `hash` was certainly never inserted.
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let bit = Self.bit(hash)
        return self.words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

/// FNV-1a over bytes, never 0: the hash the tokenizer stores in ``Token/keyHash``.
enum KeyHash {
    static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func of(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { Self.of($0) }
    }

    @inline(__always)
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        return hash | 1
    }
}
