public import Foundation

/// Why a knowledge base could not be loaded.
public enum KnowledgeBaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A resource file is not where it should be.
    case missingResource(String)
    /// A resource file exists but does not have the expected shape.
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missingResource(let name): "knowledge base resource '\(name)' not found"
        case .malformed(let name, let reason): "knowledge base resource '\(name)' is malformed: \(reason)"
        }
    }
}

/// An entity the knowledge base knows, with its canonical id.
public struct KnowledgeEntity: Sendable, Hashable {
    /// Stable id: "country:CN", "person:xi-jinping", "commodity:rare-earths".
    public var id: String
    public var type: EntityType
    public var subtype: EntitySubtype?
    /// Canonical name.
    public var name: String
    /// ISO 3166-1 alpha-2 code of the associated country, if any.
    public var country: String?
    public var wikidataID: String?
    public var description: String
}

/// One way of writing an entity's name, as the knowledge base lists it.
struct AliasEntry: Sendable, Hashable {
    var entity: Int
    var kind: MentionKind
    /// The alias must match letter case exactly ("US" but not "us").
    var caseSensitive: Bool
    /// The alias also names other things; the linker decides by context.
    var ambiguous: Bool
    /// The alias's tokens as written, for case checks.
    var surfaces: [String]
    /// Whether each alias token starts with a capital letter.
    var capitalized: [Bool]

    init(entity: Int, kind: MentionKind, caseSensitive: Bool, ambiguous: Bool, surfaces: [String]) {
        self.entity = entity
        self.kind = kind
        self.caseSensitive = caseSensitive
        self.ambiguous = ambiguous
        self.surfaces = surfaces
        self.capitalized = surfaces.map { $0.unicodeScalars.first?.properties.isUppercase ?? false }
    }
}

/// A trie of every alias's token keys, for one left-to-right longest-match pass over a sentence.
///
/// Token keys are interned into integer ids by their 64-bit ``Token/keyHash`` (one flat-table
/// probe per text token); edges are keyed by (node, token id), so a walk step is one more probe.
/// Two different keys sharing a 64-bit hash would alias each other; with a few thousand keys the
/// chance is about 10⁻¹¹.
struct AliasTrie: Sendable {
    private var vocabulary = IntegerTable()
    private var edges = IntegerTable()
    /// The key hashes of every alias's first token.
    private var firstKeys = KeyFilter()
    /// The aliases ending at each node (indexed by node id; empty for inner nodes).
    private(set) var terminals: [[AliasEntry]] = [[]]
    /// Whether any alias ends at each node: a flat array the matcher reads without following
    /// a pointer to each node's entry list.
    private(set) var isTerminal: [Bool] = [false]
    private var nodeCount: Int32 = 1

    mutating func insert(keys: [String], entry: AliasEntry) {
        var node: Int32 = 0
        if let first = keys.first { self.firstKeys.insert(KeyHash.of(first)) }
        for key in keys {
            let hash = KeyHash.of(key)
            let id: Int32
            if let existing = self.vocabulary.value(for: hash) {
                id = existing
            } else {
                id = Int32(self.vocabulary.count)
                self.vocabulary.set(id, for: hash)
            }
            let edge = Self.edgeKey(node, id)
            if let next = self.edges.value(for: edge) {
                node = next
            } else {
                self.edges.set(self.nodeCount, for: edge)
                node = self.nodeCount
                self.nodeCount += 1
                self.terminals.append([])
                self.isTerminal.append(false)
            }
        }
        if !self.terminals[Int(node)].contains(entry) {
            self.terminals[Int(node)].append(entry)
            self.isTerminal[Int(node)] = true
        }
    }

    /// False when no alias starts with a token of this ``Token/keyHash``.
    @inline(__always)
    func mayStartAlias(hash: UInt64) -> Bool { self.firstKeys.mayContain(hash) }

    /// The interned id of a token key, by its ``Token/keyHash``; nil when no alias uses the key.
    @inline(__always)
    func tokenID(hash: UInt64) -> Int32? { self.vocabulary.value(for: hash) }

    @inline(__always)
    func child(of node: Int32, token: Int32) -> Int32? { self.edges.value(for: Self.edgeKey(node, token)) }

    /// Node and token packed into one non-zero key.
    @inline(__always)
    private static func edgeKey(_ node: Int32, _ token: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token))) &+ 1
    }
}

/// A phrase that signals an entity nearby: "President" before a person, "Ministry of" in an organisation.
public struct NameCue: Sendable, Hashable {
    /// Where the cue stands relative to the name.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A title right before a person's name: "President", "Mr.".
        case titleBefore = "TITLE_BEFORE"
        /// A head word inside an organisation's name: "Ministry of", "Corporation".
        case organizationHead = "ORG_HEAD"
        /// A role right after a name: ", a fellow at".
        case roleAfter = "ROLE_AFTER"
        /// A preposition before a place: "in", "near".
        case locationBefore = "LOC_BEFORE"
    }

    public var kind: Kind
    /// The cue's token keys.
    public var keys: [String]
    public var type: EntityType?
}

/// The cues of one kind by the hash of their first token key: what starts at a token is one probe away.
struct CueTable: Sendable {
    private var firstKeys = IntegerTable()
    private var lists: [[NameCue]] = []

    init(_ cues: [NameCue]) {
        for cue in cues {
            let hash = KeyHash.of(cue.keys[0])
            if let index = self.firstKeys.value(for: hash) {
                self.lists[Int(index)].append(cue)
            } else {
                self.firstKeys.set(Int32(self.lists.count), for: hash)
                self.lists.append([cue])
            }
        }
    }

    /// The cues whose first key is the token's key (empty when none).
    @inline(__always)
    func cues(startingWith token: Token) -> [NameCue] {
        guard let index = self.firstKeys.value(for: token.keyHash) else { return [] }
        return self.lists[Int(index)]
    }
}

/// Countries, places, people, organisations and commodities the engine must never miss,
/// with every alias, loaded from the versioned resources that `Scripts/build-knowledge` writes.
public final class KnowledgeBase: Sendable {
    /// Version of the resources (from `manifest.tsv`).
    public let version: String
    /// Every entity; `AliasEntry.entity` indexes into this array.
    public let entities: [KnowledgeEntity]
    let trie: AliasTrie
    /// Cues of each kind by their first token key, for lookups at a token position.
    private let cueTables: [CueTable]
    /// Every word of every organisation head cue ("ministry", "of", "mining").
    let organizationHeadWords: KeySet
    /// Company legal-form suffixes ("Inc", "Ltd"), as token keys: the last word of each listed
    /// suffix, the one a company's name ends with ("As oy" gives "oy", not the word "as").
    let legalSuffixes: KeySet
    /// How many aliases each entity has: the tie-breaker between equally plausible readings
    /// ("Dutch" → the Netherlands rather than Aruba).
    let prominence: [Int]

    /// Loads the knowledge base bundled with the module.
    public static func bundled() throws(KnowledgeBaseError) -> KnowledgeBase {
        guard let directory = Bundle.module.url(forResource: "Knowledge", withExtension: nil) else {
            throw .missingResource("Knowledge")
        }
        return try KnowledgeBase(directory: directory)
    }

    /// Loads a knowledge base from a directory of resource files.
    public convenience init(directory: URL) throws(KnowledgeBaseError) {
        func read(_ name: String) throws(KnowledgeBaseError) -> String {
            do {
                return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                throw .missingResource(name)
            }
        }
        try self.init(
            manifest: read("manifest.tsv"),
            entities: read("entities.tsv"),
            aliases: read("aliases.tsv"),
            cues: read("cues.tsv"),
            legalSuffixes: read("legal-suffixes.tsv")
        )
    }

    /// Builds a knowledge base from the text of its resource files.
    public init(
        manifest: String,
        entities entitiesText: String,
        aliases aliasesText: String,
        cues cuesText: String,
        legalSuffixes suffixesText: String
    ) throws(KnowledgeBaseError) {
        let tokenizer = Tokenizer()

        let manifestTable = try TabularResource(name: "manifest.tsv", text: manifest, required: ["key", "value"])
        self.version = manifestTable.rows.first { manifestTable.value($0, "key") == "version" }
            .map { String(manifestTable.value($0, "value")) } ?? "unknown"

        let entityTable = try TabularResource(
            name: "entities.tsv",
            text: entitiesText,
            required: ["id", "type", "subtype", "name", "country", "wikidata", "description"]
        )
        var entities: [KnowledgeEntity] = []
        var indexByID: [String: Int] = [:]
        for row in entityTable.rows {
            let id = String(entityTable.value(row, "id"))
            guard let type = EntityType(rawValue: String(entityTable.value(row, "type"))) else {
                throw .malformed("entities.tsv", "unknown type '\(entityTable.value(row, "type"))' for \(id)")
            }
            let subtypeText = entityTable.value(row, "subtype")
            let subtype = EntitySubtype(rawValue: String(subtypeText))
            if subtype == nil && !subtypeText.isEmpty {
                throw .malformed("entities.tsv", "unknown subtype '\(subtypeText)' for \(id)")
            }
            guard indexByID[id] == nil else { throw .malformed("entities.tsv", "duplicate id \(id)") }
            indexByID[id] = entities.count
            let country = entityTable.value(row, "country")
            let wikidata = entityTable.value(row, "wikidata")
            entities.append(
                KnowledgeEntity(
                    id: id,
                    type: type,
                    subtype: subtype,
                    name: String(entityTable.value(row, "name")),
                    country: country.isEmpty ? nil : String(country),
                    wikidataID: wikidata.isEmpty ? nil : String(wikidata),
                    description: String(entityTable.value(row, "description"))
                )
            )
        }

        let cueTable = try TabularResource(name: "cues.tsv", text: cuesText, required: ["cue", "kind", "type"])
        var cues: [NameCue.Kind: [NameCue]] = [:]
        for row in cueTable.rows {
            guard let kind = NameCue.Kind(rawValue: String(cueTable.value(row, "kind"))) else { continue }
            let keys = tokenizer.tokenize(String(cueTable.value(row, "cue"))).map(\.key)
            guard !keys.isEmpty else { continue }
            cues[kind, default: []].append(
                NameCue(kind: kind, keys: keys, type: EntityType(rawValue: String(cueTable.value(row, "type"))))
            )
        }

        let aliasTable = try TabularResource(
            name: "aliases.tsv",
            text: aliasesText,
            required: ["entity_id", "alias", "kind", "flags"]
        )
        var trie = AliasTrie()
        var prominence = [Int](repeating: 0, count: entities.count)
        for row in aliasTable.rows {
            let id = String(aliasTable.value(row, "entity_id"))
            guard let entity = indexByID[id] else {
                throw .malformed("aliases.tsv", "alias for unknown entity \(id)")
            }
            let kindText = aliasTable.value(row, "kind")
            guard let kind = MentionKind(rawValue: String(kindText)) else {
                throw .malformed("aliases.tsv", "unknown kind '\(kindText)' for \(id)")
            }
            let flags = Set(aliasTable.value(row, "flags").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            let tokens = Self.strippingLeadingTitle(
                tokenizer.tokenize(String(aliasTable.value(row, "alias"))),
                titles: cues[.titleBefore] ?? []
            )
            guard !tokens.isEmpty else { continue }
            prominence[entity] += 1
            trie.insert(
                keys: tokens.map(\.key),
                entry: AliasEntry(
                    entity: entity,
                    kind: kind,
                    caseSensitive: flags.contains("case-sensitive"),
                    ambiguous: flags.contains("ambiguous"),
                    surfaces: tokens.map(\.surface)
                )
            )
        }

        let suffixTable = try TabularResource(name: "legal-suffixes.tsv", text: suffixesText, required: ["suffix"])
        self.legalSuffixes = KeySet(
            suffixTable.rows.compactMap { tokenizer.tokenize(String(suffixTable.value($0, "suffix"))).last?.key }
                .filter { $0.count > 1 }
        )
        self.cueTables = NameCue.Kind.allCases.map { CueTable(cues[$0] ?? []) }
        self.organizationHeadWords = KeySet((cues[.organizationHead] ?? []).flatMap(\.keys))
        self.entities = entities
        self.prominence = prominence
        self.trie = trie
    }

    /// The cues of `kind`, indexed by first token key.
    func cues(_ kind: NameCue.Kind) -> CueTable {
        self.cueTables[NameCue.Kind.allCases.firstIndex(of: kind)!]
    }

    /// An alias's tokens without a leading "the" or title: a mention is the name itself, so
    /// "the United States" matches as "United States" and "President Xi" as "Xi".
    static func strippingLeadingTitle(_ tokens: [Token], titles: [NameCue]) -> [Token] {
        var tokens = tokens
        if tokens.count > 1, tokens[0].key == "the" {
            tokens.removeFirst()
        }
        for title in titles where tokens.count > title.keys.count {
            if title.keys.indices.allSatisfy({ tokens[$0].key == title.keys[$0] }) {
                return Array(tokens.dropFirst(title.keys.count))
            }
        }
        return tokens
    }
}
