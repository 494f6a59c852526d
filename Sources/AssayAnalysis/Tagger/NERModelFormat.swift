public import Foundation

/// Why a model file could not be loaded.
public enum NERModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not start with the magic bytes `ASSAYNER`.
    case badMagic
    /// The file's format version is not one this build reads.
    case unsupportedVersion(UInt32)
    /// The data ends before the structure it declares (`expected` bytes needed, `actual` present).
    case truncated(expected: Int, actual: Int)
    /// The stored CRC-32 does not match the data: the file is corrupt.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// Header fields are out of range or inconsistent.
    case invalidHeader(String)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The bundled model resource is missing from the bundle.
    case resourceNotFound(String)
    /// The model uses gazetteer features but the knowledge-base files could not be read.
    case gazetteerUnavailable(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .badMagic: "not an Assay NER model (bad magic number)"
        case .unsupportedVersion(let v): "unsupported NER model format version \(v) (this build reads version \(NERModelFormat.version))"
        case .truncated(let expected, let actual): "NER model file is truncated (\(actual) bytes, need \(expected))"
        case .checksumMismatch(let stored, let computed):
            "NER model file is corrupt (CRC-32 stored \(String(stored, radix: 16)), computed \(String(computed, radix: 16)))"
        case .invalidHeader(let reason): "NER model header is invalid: \(reason)"
        case .unreadable(let path, let reason): "cannot read NER model \(path): \(reason)"
        case .resourceNotFound(let name): "bundled NER model resource \(name) not found"
        case .gazetteerUnavailable(let reason): "NER gazetteer (knowledge base) unavailable: \(reason)"
        }
    }
}

/// The binary weights format (all integers little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `ASSAYNER` |
/// | 8 | 4 | format version (3) |
/// | 12 | 4 | byte length `L` of the model version string |
/// | 16 | L | model version string, UTF-8 |
/// | 16+L | 4 | hash bits `b` (rows = 2^b) |
/// | 20+L | 4 | tag count (17) |
/// | 24+L | 4 | feature-set bits (``NERFeatureSet``; bits 8 and 11 = gazetteer and name-list features, computed from the bundled knowledge base at load time) |
/// | 28+L | 4 | weight scale, IEEE-754 Float32 bits |
/// | 32+L | 2^b × 17 | weights `q`, Int8, row-major |
/// | 32+L+17×2^b | 2^b | per-row exponents `e` (0 … 16); weight = q × 2^e × scale |
/// | C = 32+L+18×2^b | 4 | casing lexicon size `N` |
/// | C+4 | 4N | word keys (the high 32 bits of ``NERTokenInfo/word``), strictly ascending |
/// | C+4+4N | N | their ``NERCasing`` raw values (0 … 2) |
/// | end−4 | 4 | CRC-32 (IEEE) of all preceding bytes |
///
/// Version 3 has version 2's layout; its rows are those of the multiply-shift feature hash
/// (``NERFeatureExtractor``), so files of versions 1 and 2, whose rows were hashed differently, are refused.
/// Row 0 is the null row (all zero; used by switched-off template slots). Unknown feature bits are
/// rejected. The model version string records the knowledge-base version the gazetteer was built from.
/// The casing lexicon (``NERCasingLexicon``) is what ``NERTruecaser`` restores headlines in
/// capitals and title case with.
public enum NERModelFormat {
    /// The magic bytes.
    public static let magic: [UInt8] = Array("ASSAYNER".utf8)
    /// The format version this build writes and reads.
    public static let version: UInt32 = 3

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of `bytes`.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        crcTables.withUnsafeBufferPointer { t in
            // Eight bytes per step ("slicing by 8"): eight independent table reads instead of a chain
            // of eight (for the model file's 5 MB, about 7 ms less of the load: docs/PERFORMANCE.md).
            var i = 0
            while i + 8 <= bytes.count {
                let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                i += 8
            }
            while i < bytes.count {
                crc = t[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Table `k` (entries `256 k ..< 256 (k + 1)`) gives the CRC of a byte followed by `k` zero bytes.
    private static let crcTables: [UInt32] = {
        var tables = (0 ..< 256).map { n -> UInt32 in
            var c = UInt32(n)
            for _ in 0 ..< 8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            return c
        }
        for k in 1 ..< 8 {
            for n in 0 ..< 256 {
                let previous = tables[(k - 1) * 256 + n]
                tables.append(tables[Int(previous & 0xFF)] ^ (previous >> 8))
            }
        }
        return tables
    }()
}

extension NERModel {
    /// Loads a model file (see ``NERModelFormat``). A model with gazetteer features uses `gazetteer`, or
    /// the bundled knowledge base's (``NERGazetteer/bundled()``) when `nil`.
    public static func load(contentsOf url: URL, gazetteer: NERGazetteer? = nil) throws(NERModelError) -> NERModel {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw NERModelError.unreadable(path: url.path, reason: fileReadReason(error, path: url.path))
        }
        return try NERModel(data: data, gazetteer: gazetteer)
    }

    /// Decodes a model from the bytes of a model file, validating magic, version, sizes, checksum, the
    /// row exponents, the null row (no weights) and the casing lexicon.
    /// A model with gazetteer features uses `gazetteer`, or the bundled knowledge base's when `nil`.
    public init(data: Data, gazetteer: NERGazetteer? = nil) throws(NERModelError) {
        let bytes = [UInt8](data)
        func u32(_ offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        let magic = NERModelFormat.magic
        let prefix = min(bytes.count, magic.count)
        guard bytes[0 ..< prefix].elementsEqual(magic[0 ..< prefix]) else { throw .badMagic }
        guard bytes.count >= 16 else { throw .truncated(expected: 16, actual: bytes.count) }
        let formatVersion = u32(8)
        guard formatVersion == NERModelFormat.version else { throw .unsupportedVersion(formatVersion) }
        let versionLength = Int(u32(12))
        guard versionLength <= 4096 else { throw .invalidHeader("version string length \(versionLength)") }
        let headerEnd = 16 + versionLength + 16
        guard bytes.count >= headerEnd else { throw .truncated(expected: headerEnd, actual: bytes.count) }
        let hashBits = Int(u32(16 + versionLength))
        let tagCount = Int(u32(20 + versionLength))
        let featureBits = u32(24 + versionLength)
        let scale = Float(bitPattern: u32(28 + versionLength))
        guard (8 ... 28).contains(hashBits) else { throw .invalidHeader("hash bits \(hashBits)") }
        guard tagCount == BILOUTag.count else { throw .invalidHeader("tag count \(tagCount), expected \(BILOUTag.count)") }
        guard scale.isFinite && scale > 0 else { throw .invalidHeader("weight scale \(scale)") }
        let weightCount = (1 << hashBits) * tagCount
        let rowCount = 1 << hashBits
        let lexiconStart = headerEnd + weightCount + rowCount
        guard bytes.count >= lexiconStart + 4 else { throw .truncated(expected: lexiconStart + 4, actual: bytes.count) }
        let lexiconCount = Int(u32(lexiconStart))
        guard lexiconCount <= 1 << 24 else { throw .invalidHeader("casing lexicon size \(lexiconCount)") }
        let total = lexiconStart + 4 + 5 * lexiconCount + 4
        guard bytes.count >= total else { throw .truncated(expected: total, actual: bytes.count) }
        guard bytes.count == total else { throw .invalidHeader("\(bytes.count - total) unexpected trailing bytes") }
        let stored = u32(total - 4)
        let computed = bytes.withUnsafeBytes { NERModelFormat.crc32(UnsafeRawBufferPointer(rebasing: $0[0 ..< total - 4])) }
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        guard let version = String(validating: bytes[16 ..< 16 + versionLength], as: UTF8.self) else {
            throw .invalidHeader("model version is not UTF-8")
        }
        let weights = bytes[headerEnd ..< headerEnd + weightCount].withUnsafeBytes { Array($0.bindMemory(to: Int8.self)) }
        let exponents = Array(bytes[headerEnd + weightCount ..< headerEnd + weightCount + rowCount])
        guard exponents.allSatisfy({ Int($0) <= NERModel.maxExponent }) else { throw .invalidHeader("row exponent out of range") }
        // The decoder skips the null row (``NERFeatureExtractor/nullRow``), which training never updates.
        guard NERModel.nullRowIsEmpty(weights) else { throw .invalidHeader("the null row has weights") }
        let words = (0 ..< lexiconCount).map { u32(lexiconStart + 4 + 4 * $0) }
        let casings = Array(bytes[lexiconStart + 4 + 4 * lexiconCount ..< lexiconStart + 4 + 5 * lexiconCount])
        guard zip(words, words.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .invalidHeader("casing lexicon not sorted") }
        guard casings.allSatisfy({ NERCasing(rawValue: $0) != nil }) else { throw .invalidHeader("casing out of range") }
        let featureSet = NERFeatureSet(rawValue: featureBits)
        guard featureSet.rawValue & ~NERFeatureSet.known.rawValue == 0 else {
            throw .invalidHeader("unknown feature bits \(String(featureBits, radix: 16))")
        }
        var usedGazetteer: NERGazetteer?
        if featureSet.contains(.gazetteer) {
            if let gazetteer { usedGazetteer = gazetteer } else { usedGazetteer = try NERGazetteer.bundled() }
            if featureSet.contains(.nameLists) && usedGazetteer?.nameListCount == 0 {
                throw .gazetteerUnavailable("the model uses name lists, but the knowledge base has no name-lists.tsv")
            }
        }
        self.init(
            version: version,
            extractor: NERFeatureExtractor(hashBits: hashBits, featureSet: featureSet),
            scale: scale,
            weights: weights,
            exponents: exponents,
            gazetteer: usedGazetteer,
            casing: NERCasingLexicon(uncheckedWords: words, casings: casings)
        )
    }

    /// The model file bytes (see ``NERModelFormat``).
    public func serialized() -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(weights.count + exponents.count + 5 * casing.count + 64)
        func put(_ value: UInt32) { for k in 0 ..< 4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(k)))) } }
        out += NERModelFormat.magic
        put(NERModelFormat.version)
        let versionBytes = Array(version.utf8)
        put(UInt32(versionBytes.count))
        out += versionBytes
        put(UInt32(extractor.hashBits))
        put(UInt32(BILOUTag.count))
        put(extractor.featureSet.rawValue)
        put(scale.bitPattern)
        weights.withUnsafeBytes { out += $0 }
        out += exponents
        put(UInt32(casing.count))
        for word in casing.words { put(word) }
        out += casing.casings
        let crc = out.withUnsafeBytes { NERModelFormat.crc32($0) }
        put(crc)
        return Data(out)
    }

    /// Writes the model file atomically.
    public func write(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }
}
