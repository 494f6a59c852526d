/// An open-addressing hash table from non-zero `UInt64` keys to `Int32` values.
///
/// The alias trie does one lookup per text token and per trie step; with keys that are already
/// well-mixed 64-bit hashes, a multiplicative probe into one flat array costs a few nanoseconds,
/// where `Dictionary`'s seeded SipHash costs tens. Insert-only, built once when the knowledge base
/// loads.
struct IntegerTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.keys = [UInt64](repeating: 0, count: size)
        self.values = [Int32](repeating: 0, count: size)
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
            let stored = self.keys[index]
            if stored == key { return self.values[index] }
            if stored == 0 { return nil }
            index = (index + 1) & self.mask
        }
    }

    /// Sets the value for `key` (non-zero), growing the table as needed.
    mutating func set(_ value: Int32, for key: UInt64) {
        precondition(key != 0, "IntegerTable keys must be non-zero")
        if (self.count + 1) * 2 > self.keys.count { self.grow() }
        var index = self.slot(key)
        while self.keys[index] != 0 && self.keys[index] != key {
            index = (index + 1) & self.mask
        }
        if self.keys[index] == 0 { self.count += 1 }
        self.keys[index] = key
        self.values[index] = value
    }

    private mutating func grow() {
        var bigger = IntegerTable(capacity: self.keys.count)
        for (index, key) in self.keys.enumerated() where key != 0 {
            bigger.set(self.values[index], for: key)
        }
        self = bigger
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
