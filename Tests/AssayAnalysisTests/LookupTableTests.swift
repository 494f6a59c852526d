@testable import AssayAnalysis
import Testing

/// The hash-keyed tables the engine's hot paths use instead of `Set<String>` and `Dictionary`.
@Suite("Lookup tables keyed by token hashes")
struct LookupTableTests {
    @Test("IntegerTable keeps every value through growth and overwrites in place")
    func integerTable() {
        var table = IntegerTable()
        for key in UInt64(1)...5_000 {
            table.set(Int32(key % 977), for: key &* 0x9E37_79B9)
        }
        #expect(table.count == 5_000)
        for key in UInt64(1)...5_000 {
            #expect(table.value(for: key &* 0x9E37_79B9) == Int32(key % 977))
        }
        #expect(table.value(for: 12_345_678_901) == nil)
        table.set(-1, for: 0x9E37_79B9)
        #expect(table.value(for: 0x9E37_79B9) == -1)
        #expect(table.count == 5_000)
        table.removeAll()
        #expect(table.count == 0 && table.value(for: 0x9E37_79B9) == nil && table.entries.isEmpty)
        table.set(3, for: 0x9E37_79B9)
        #expect(table.value(for: 0x9E37_79B9) == 3 && table.count == 1)
    }

    @Test("NERWordSet holds exactly its word hashes, zero included, through union and subtraction")
    func wordSet() {
        let hash = NERFeatureExtractor.wordHash
        let set = NERGazetteer.words(["league", "Cup", "prix"])
        #expect(set.contains(hash("league")) && set.contains(hash("cup")) && set.contains(hash("PRIX")))
        #expect(!set.contains(hash("leagues")) && !set.contains(hash("cups")))
        let zero = NERWordSet([0, 7])
        #expect(zero.contains(0) && zero.contains(7) && !zero.contains(8))
        let both = set.union(NERGazetteer.words(["trophy"]))
        #expect(both.contains(hash("trophy")) && both.contains(hash("league")))
        let less = both.subtracting(NERGazetteer.words(["cup"]))
        #expect(!less.contains(hash("cup")) && less.contains(hash("prix")) && less.contains(hash("trophy")))
        let many = NERWordSet((1 ... 2_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
        #expect((1 ... 2_000).allSatisfy { many.contains(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) })
        #expect(!many.contains(2_001 &* 0x9E37_79B9_7F4A_7C15))
    }

    @Test("KeySet answers by token: case-folded keys, no false hits on near words")
    func keySet() {
        let set: KeySet = ["of", "said", "us"]
        let tokens = Tokenizer().tokenize("Of SAID ofs say U.S. sad")
        #expect(tokens.map { set.contains($0) } == [true, true, false, false, true, false])
        #expect(set.contains("of"))
        #expect(!set.contains("off"))
    }

    @Test("KeyFilter never forgets an inserted hash")
    func keyFilter() {
        var filter = KeyFilter()
        let words = (0..<3_000).map { "word\($0)" }
        for word in words { filter.insert(KeyHash.of(word)) }
        #expect(words.allSatisfy { filter.mayContain(KeyHash.of($0)) })
        // A one-hash filter of 64 Kibit with 3,000 entries answers "maybe" for about 5% of others.
        let strangers = (0..<10_000).filter { filter.mayContain(KeyHash.of("other\($0)")) }.count
        #expect(strangers < 1_000)
    }

    @Test("The tokenizer's inline key hash equals KeyHash of the key")
    func tokenHashes() {
        for token in Tokenizer().tokenize("The U.S. Ministry of Commerce's 4.5% rise — “Química” ¿no? O'Neill") {
            #expect(token.keyHash == KeyHash.of(token.key), "\(token.surface)")
        }
    }

    @Test("ASCII slugs take the fast path and agree with the general one")
    func slugs() {
        #expect(ArticleEntityResolver.slug("Zongyuan Zoe Liu") == "zongyuan-zoe-liu")
        #expect(ArticleEntityResolver.slug("  Acme -- Mining, Ltd. ") == "acme-mining-ltd")
        #expect(ArticleEntityResolver.slug("R2-D2 ^Group`") == "r2-d2-group")
        #expect(ArticleEntityResolver.slug("Société Générale") == "societe-generale")
    }
}
