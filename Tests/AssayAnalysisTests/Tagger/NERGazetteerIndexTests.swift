import Foundation
import Testing

@testable import AssayAnalysis

@Suite("NER gazetteer index")
struct NERGazetteerIndexTests {
    /// A temporary knowledge-base directory with two organisations, a place and a person.
    static func knowledgeBase() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [
            "entities.tsv": "id\ttype\norg:acme\tORGANIZATION\norg:zenith\tORGANIZATION\ncity:oslo\tLOCATION\nperson:kari\tPERSON\n",
            "aliases.tsv": "entity_id\talias\tkind\norg:acme\tAcme Mining Corp\tNAME\norg:zenith\tZenith Metals\tNAME\n"
                + "city:oslo\tOslo\tNAME\nperson:kari\tKari Nordmann\tNAME\n",
            "manifest.tsv": "key\tvalue\nversion\tkb-test.1\n",
            "cues.tsv": "cue\tkind\nMinister\tTITLE_BEFORE\n",
        ]
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// The forced tags of `sentence` under `gazetteer` (as ``NERGazetteerTests/forcedTags(_:_:afterResultsLines:)``).
    static func tags(_ sentence: String, _ gazetteer: NERGazetteer) -> String {
        NERGazetteerTests.forcedTags(sentence, gazetteer)
    }

    @Test func bundledIndexIsTheTrieOfTheBundledTables() throws {
        let directory = try #require(NERGazetteer.bundledDirectory)
        let fingerprint = try #require(NERGazetteer.Index.fingerprint(of: directory))
        let stored = try Data(contentsOf: directory.appendingPathComponent(NERGazetteer.Index.fileName))
        let (version, trie) = try NERGazetteer.trie(fromTablesIn: directory)
        // If this fails after a knowledge-base change, run `swift run -c release assay model index`.
        #expect(Array(stored) == NERGazetteer.Index.encode(version: version, trie: trie, fingerprint: fingerprint))
        let read = try #require(NERGazetteer.Index.read(directory))
        #expect(read.version == version)
        #expect(read.trie.nodeTypes == trie.nodeTypes && read.trie.knownNameType == trie.knownNameType)
        #expect(read.trie.endsCountryName == trie.endsCountryName && read.trie.aliasCount == trie.aliasCount)
    }

    @Test func indexGivesTheTablesGazetteerAndIsIgnoredWhenStaleOrCorrupt() throws {
        let directory = try Self.knowledgeBase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sentence = "Minister Kari Nordmann visited Acme Mining Corp in Oslo , not Zenith Metals"
        let expected = "- B-PER L-PER - B-ORG I-ORG L-ORG - U-LOC - - B-ORG L-ORG"
        let fromTables = try NERGazetteer(directory: directory)
        #expect(Self.tags(sentence, fromTables) == expected)
        #expect(NERGazetteer.Index.read(directory) == nil)

        let size = try NERGazetteer.writeIndex(directory: directory)
        let indexURL = directory.appendingPathComponent(NERGazetteer.Index.fileName)
        #expect(try Data(contentsOf: indexURL).count == size)
        let read = try #require(NERGazetteer.Index.read(directory))
        #expect(read.version == "kb-test.1" && read.trie.aliasCount == fromTables.aliasCount)
        let fromIndex = try NERGazetteer(directory: directory)
        #expect(fromIndex.version == "kb-test.1")
        #expect(Self.tags(sentence, fromIndex) == expected)

        // Every truncation and a flipped byte anywhere make the file unusable, never a crash.
        let bytes = try Data(contentsOf: indexURL)
        let fingerprint = try #require(NERGazetteer.Index.fingerprint(of: directory))
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(NERGazetteer.Index.decode(bytes.prefix(length), fingerprint: fingerprint) == nil)
        }
        for offset in stride(from: 0, to: bytes.count, by: 5) {
            var corrupt = bytes
            corrupt[offset] ^= 0x40
            #expect(NERGazetteer.Index.decode(corrupt, fingerprint: fingerprint) == nil)
        }

        // Whole files (their CRC sealed again) whose fields say more than the file holds, or point
        // outside it, are unusable too.
        func resealed(_ bytes: Data) -> Data {
            var bytes = bytes.prefix(bytes.count - 4)
            let crc = bytes.withUnsafeBytes { NERModelFormat.crc32($0) }
            withUnsafeBytes(of: crc.littleEndian) { bytes.append(contentsOf: $0) }
            return Data(bytes)
        }
        func with(_ value: UInt32, at offset: Int) -> Data {
            var changed = bytes
            withUnsafeBytes(of: value.littleEndian) { changed.replaceSubrange(offset ..< offset + 4, with: $0) }
            return resealed(changed)
        }
        func uint32(at offset: Int) -> Int {
            Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }.littleEndian)
        }
        #expect(NERGazetteer.Index.decode(resealed(bytes), fingerprint: fingerprint) != nil)
        let fingerprintLength = 12
        let versionLength = fingerprintLength + 4 + uint32(at: fingerprintLength)
        let nodeCountOffset = versionLength + 4 + uint32(at: versionLength) + 8
        let nodeCount = uint32(at: nodeCountOffset)
        let edgeCountOffset = nodeCountOffset + 4 + 3 * nodeCount
        for offset in [fingerprintLength, versionLength, nodeCountOffset, edgeCountOffset] {
            #expect(NERGazetteer.Index.decode(with(.max, at: offset), fingerprint: fingerprint) == nil)
        }
        // A child outside the trie, a label no type has.
        #expect(NERGazetteer.Index.decode(with(UInt32(nodeCount), at: edgeCountOffset + 4 + 8), fingerprint: fingerprint) == nil)
        var badLabel = bytes
        badLabel[nodeCountOffset + 4 + nodeCount] = 200
        #expect(NERGazetteer.Index.decode(resealed(badLabel), fingerprint: fingerprint) == nil)

        // A table changed after the index was written (the same length, so only its CRC-32 tells):
        // the index is stale, the tables decide.
        let aliases = directory.appendingPathComponent("aliases.tsv")
        let renamed = try String(contentsOf: aliases, encoding: .utf8).replacingOccurrences(of: "Kari Nordmann", with: "Karl Nordmann")
        try renamed.write(to: aliases, atomically: true, encoding: .utf8)
        #expect(NERGazetteer.Index.read(directory) == nil)
        let afterChange = try NERGazetteer(directory: directory)
        #expect(Self.tags(sentence, afterChange) == "- - - - B-ORG I-ORG L-ORG - U-LOC - - B-ORG L-ORG")
        #expect(Self.tags("Minister Karl Nordmann visited", afterChange) == "- B-PER L-PER -")
    }
}
