public import Foundation

extension NERGazetteer {
    /// Builds the alias trie of the knowledge base in `directory` from its tables and writes it as the
    /// directory's index, `gazetteer-index.bin` (``Index``); returns the file's byte count.
    @discardableResult
    public static func writeIndex(directory: URL) throws(NERModelError) -> Int {
        try Index.write(directory)
    }

    /// The alias trie of a knowledge-base directory, stored as a binary file beside its tables
    /// (`gazetteer-index.bin`), so that a process starts without parsing them: building the trie
    /// from the tables' 80,000 rows took about 0.1 s of CPU, two thirds of `assay tag`'s start-up
    /// (docs/PERFORMANCE.md). `assay model index` writes it.
    ///
    /// The file records the byte count and CRC-32 of each table it was built from (and of the
    /// bundled English word list, which decides the known names), the trie builder's version and a
    /// small trie as this build makes it.
    /// A file that does not match them, or that is truncated or corrupt, is not used: the trie is
    /// then built from the tables, as without a file, so an index never changes what the tagger
    /// finds. A test checks that the bundled index matches the bundled tables.
    ///
    /// Layout (integers little-endian): magic `ASSAYGZI`; format version (UInt32, 1); the source
    /// fingerprint's length (UInt32) and bytes; the knowledge-base version's length (UInt32) and
    /// UTF-8 bytes; alias count, name-list alias count and node count `N` (UInt32 each); `N` bytes
    /// of node types, `N` bytes of known-name labels (0 none, else ``NERLabel`` raw value + 1) and
    /// `N` bytes of country ends (0 or 1); the edge count `E` (UInt32) and `E` edges (key UInt64,
    /// child node Int32), ascending by key; the CRC-32 of all preceding bytes (UInt32).
    enum Index {
        /// The index's file name in a knowledge-base directory.
        static let fileName = "gazetteer-index.bin"
        private static let magic = Array("ASSAYGZI".utf8)
        private static let formatVersion: UInt32 = 1
        /// The version of the code that builds a trie from the tables (``NERGazetteer/trie(fromTablesIn:)``
        /// and ``NERGazetteer/Trie``): bump it when that code changes what it builds, so that indexes
        /// written before are not read (the bundled one is rewritten, as its test demands).
        private static let builderVersion: UInt32 = 1
        /// The tables a trie is built from (``NERGazetteer/trie(fromTablesIn:)``), in a fixed order.
        private static let tableNames = ["entities.tsv", "aliases.tsv", "name-lists.tsv", "manifest.tsv"]

        /// The trie of `directory` from its index, if the index exists, is whole and was built from
        /// the directory's current tables by a build that hashes tokens as this one does.
        static func read(_ directory: URL) -> (version: String, trie: Trie)? {
            guard let bytes = try? Data(contentsOf: directory.appendingPathComponent(fileName)),
                  let fingerprint = fingerprint(of: directory)
            else { return nil }
            return decode(bytes, fingerprint: fingerprint)
        }

        /// Builds the trie of `directory` from its tables and writes it as the directory's index;
        /// returns the index's byte count.
        @discardableResult
        static func write(_ directory: URL) throws(NERModelError) -> Int {
            let (version, trie) = try NERGazetteer.trie(fromTablesIn: directory)
            guard let fingerprint = fingerprint(of: directory) else {
                throw .gazetteerUnavailable("cannot read the tables of \(directory.path)")
            }
            let bytes = encode(version: version, trie: trie, fingerprint: fingerprint)
            let url = directory.appendingPathComponent(fileName)
            do {
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw .gazetteerUnavailable("cannot write \(url.path): \(fileReadReason(error, path: url.path))")
            }
            return bytes.count
        }

        /// What an index must have been built from: the trie builder's version, the CRC-32 of a
        /// small trie as this build makes it (its token hashes and layout), and per source (the
        /// tables of `directory` in ``tableNames`` order, then the bundled English word list) its
        /// byte count and CRC-32, zero for a table that does not exist (as for an empty one, which
        /// gives the same trie); `nil` when a source exists but cannot be read.
        static func fingerprint(of directory: URL) -> [UInt8]? {
            var out: [UInt8] = []
            append(builderVersion, to: &out)
            // (How this build hashes tokens and lays out a trie, from a small one built here.)
            let probe = Trie(
                aliases: [(["Assay", "Probe"], .organization, false), (["ASSAY"], .person, true), (["Probe"], .place, false)],
                knownPlaces: [["Probe"]], knownPersons: [], knownOrganizations: [["Assay", "Probe"]], countryNames: [["Probe"]]
            )
            let probeBytes = encode(version: "", trie: probe, fingerprint: [])
            append(probeBytes.withUnsafeBytes { NERModelFormat.crc32($0) }, to: &out)
            var urls = tableNames.map { directory.appendingPathComponent($0) }
            guard let words = NERCasingLexicon.bundledEnglishWordsURL() else { return nil }
            urls.append(words)
            for url in urls {
                guard FileManager.default.fileExists(atPath: url.path) else {
                    append(UInt64(0), to: &out)
                    continue
                }
                guard let data = try? Data(contentsOf: url) else { return nil }
                append(UInt32(truncatingIfNeeded: data.count), to: &out)
                append(data.withUnsafeBytes { NERModelFormat.crc32($0) }, to: &out)
            }
            return out
        }

        static func encode(version: String, trie: Trie, fingerprint: [UInt8]) -> [UInt8] {
            var out = magic
            append(formatVersion, to: &out)
            append(UInt32(fingerprint.count), to: &out)
            out += fingerprint
            append(UInt32(version.utf8.count), to: &out)
            out += Array(version.utf8)
            append(UInt32(trie.aliasCount), to: &out)
            append(UInt32(trie.nameListCount), to: &out)
            append(UInt32(trie.nodeTypes.count), to: &out)
            out += trie.nodeTypes
            out += trie.knownNameType.map { $0.map { $0.rawValue + 1 } ?? 0 }
            out += trie.endsCountryName.map { $0 ? 1 : 0 }
            let edges = trie.edges.entries.sorted { $0.key < $1.key }
            append(UInt32(edges.count), to: &out)
            for edge in edges {
                append(edge.key, to: &out)
                append(UInt32(bitPattern: edge.value), to: &out)
            }
            append(out.withUnsafeBytes { NERModelFormat.crc32($0) }, to: &out)
            return out
        }

        /// The version and trie of an index's bytes, if they are whole and were built from
        /// `fingerprint`'s sources.
        static func decode(_ data: Data, fingerprint: [UInt8]) -> (version: String, trie: Trie)? {
            data.withUnsafeBytes { bytes -> (version: String, trie: Trie)? in
                guard bytes.count >= magic.count + 8,
                      bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self).littleEndian
                        == NERModelFormat.crc32(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 4)]))
                else { return nil }
                var reader = Reader(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 4)]))
                guard reader.bytes(magic.count)?.elementsEqual(magic) == true, reader.uint32() == formatVersion,
                      let stored = reader.bytes(Int(reader.uint32() ?? .max)), stored.elementsEqual(fingerprint),
                      let versionBytes = reader.bytes(Int(reader.uint32() ?? .max)),
                      let aliasCount = reader.uint32(), let nameListCount = reader.uint32(),
                      let nodeCount = reader.uint32().map(Int.init),
                      let nodeTypes = reader.bytes(nodeCount), let labels = reader.bytes(nodeCount),
                      let countryEnds = reader.bytes(nodeCount), let edgeCount = reader.uint32().map(Int.init),
                      nodeCount >= 1, edgeCount == nodeCount - 1, reader.remaining == edgeCount * 12
                else { return nil }
                var knownNameType = [NERLabel?]()
                knownNameType.reserveCapacity(nodeCount)
                for label in labels {
                    if label == 0 {
                        knownNameType.append(nil)
                    } else {
                        guard let known = NERLabel(rawValue: label - 1) else { return nil }
                        knownNameType.append(known)
                    }
                }
                var edges = IntegerTable(capacity: edgeCount)
                for _ in 0 ..< edgeCount {
                    guard let key = reader.uint64(), key != 0, let child = reader.uint32().map({ Int32(bitPattern: $0) }),
                          child > 0, Int(child) < nodeCount
                    else { return nil }
                    edges.set(child, for: key)
                }
                let trie = Trie(
                    edges: edges, nodeTypes: Array(nodeTypes), knownNameType: knownNameType,
                    endsCountryName: countryEnds.map { $0 != 0 }, aliasCount: Int(aliasCount), nameListCount: Int(nameListCount)
                )
                return (String(decoding: versionBytes, as: UTF8.self), trie)
            }
        }

        private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
            withUnsafeBytes(of: value.littleEndian) { out += $0 }
        }

        /// Reads an index's fields in order; each read is `nil` past the end.
        private struct Reader {
            let bytes: UnsafeRawBufferPointer
            var offset = 0

            var remaining: Int { bytes.count - offset }

            mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
                guard count >= 0, count <= remaining else { return nil }
                defer { offset += count }
                return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count])
            }

            mutating func uint32() -> UInt32? {
                bytes(4).map { $0.loadUnaligned(as: UInt32.self).littleEndian }
            }

            mutating func uint64() -> UInt64? {
                bytes(8).map { $0.loadUnaligned(as: UInt64.self).littleEndian }
            }
        }
    }
}
