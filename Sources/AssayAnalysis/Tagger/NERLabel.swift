/// A named-entity type, following the CoNLL-2003 inventory.
public enum NERLabel: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A person.
    case per = 0
    /// An organisation (companies, agencies, teams, parties).
    case org = 1
    /// A location, including countries, cities and other geopolitical entities.
    case loc = 2
    /// Miscellaneous names: nationalities and demonyms, events, products, works.
    case misc = 3

    /// The label as written in BIO tags: `PER`, `ORG`, `LOC` or `MISC`.
    public var name: String {
        switch self {
        case .per: "PER"
        case .org: "ORG"
        case .loc: "LOC"
        case .misc: "MISC"
        }
    }

    /// The same as ``name``.
    public var description: String { name }

    /// Parses `PER`, `ORG`, `LOC` or `MISC`; returns `nil` for anything else.
    public init?(name: some StringProtocol) {
        switch name {
        case "PER": self = .per
        case "ORG": self = .org
        case "LOC": self = .loc
        case "MISC": self = .misc
        default: return nil
        }
    }
}

/// The position part of a BILOU tag.
public enum BILOUPosition: UInt8, Sendable, Hashable, CaseIterable {
    /// First token of a multi-token entity.
    case begin = 0
    /// Inner token of an entity of three or more tokens.
    case inside = 1
    /// Last token of a multi-token entity.
    case last = 2
    /// A single-token entity.
    case unit = 3

    /// The one-letter prefix: `B`, `I`, `L` or `U`.
    public var letter: Character {
        switch self {
        case .begin: "B"
        case .inside: "I"
        case .last: "L"
        case .unit: "U"
        }
    }
}

/// A BILOU tag (Begin, Inside, Last, Outside, Unit) over the four ``NERLabel`` types.
///
/// Stored as a small integer: `0` is `O`; `1 + 4 × label + position` otherwise, which gives
/// ``BILOUTag/count`` = 17 distinct tags.
public struct BILOUTag: Hashable, Sendable, CustomStringConvertible {
    /// The dense index of the tag, `0 ..< BILOUTag.count`.
    public let rawValue: UInt8

    /// The number of distinct tags (17).
    public static let count = 1 + 4 * NERLabel.allCases.count

    /// The outside tag `O`.
    public static let outside = BILOUTag(uncheckedRawValue: 0)

    /// All tags in index order.
    public static let all: [BILOUTag] = (0 ..< count).map { BILOUTag(uncheckedRawValue: UInt8($0)) }

    init(uncheckedRawValue: UInt8) { self.rawValue = uncheckedRawValue }

    /// Creates a tag from its dense index; `nil` if out of range.
    public init?(rawValue: UInt8) {
        guard Int(rawValue) < BILOUTag.count else { return nil }
        self.rawValue = rawValue
    }

    /// Creates an entity tag.
    public init(_ position: BILOUPosition, _ label: NERLabel) {
        self.rawValue = 1 + 4 * label.rawValue + position.rawValue
    }

    /// Parses `O`, or `B-PER`, `I-ORG`, `L-LOC`, `U-MISC` and so on.
    public init?(string: some StringProtocol) {
        if string == "O" { self = .outside; return }
        guard string.count >= 3, string.dropFirst().first == "-",
              let label = NERLabel(name: string.dropFirst(2)) else { return nil }
        switch string.first {
        case "B": self.init(.begin, label)
        case "I": self.init(.inside, label)
        case "L": self.init(.last, label)
        case "U": self.init(.unit, label)
        default: return nil
        }
    }

    /// Whether this is `O`.
    public var isOutside: Bool { rawValue == 0 }

    /// The entity type, or `nil` for `O`.
    public var label: NERLabel? {
        rawValue == 0 ? nil : NERLabel(rawValue: (rawValue - 1) / 4)
    }

    /// The position, or `nil` for `O`.
    public var position: BILOUPosition? {
        rawValue == 0 ? nil : BILOUPosition(rawValue: (rawValue - 1) % 4)
    }

    /// `O`, or the position letter and label, e.g. `U-LOC`.
    public var description: String {
        guard let label, let position else { return "O" }
        return "\(position.letter)-\(label.name)"
    }

    /// Whether an entity is still open after this tag (it is `B` or `I`), so the next tag must continue it.
    public var opensEntity: Bool {
        guard let position else { return false }
        return position == .begin || position == .inside
    }

    /// Whether this tag may follow `previous` (`nil` at the start of a sentence) in a well-formed BILOU sequence.
    ///
    /// After `B-X` or `I-X` only `I-X` or `L-X` may follow; after `O`, `L-*`, `U-*` or the sentence start,
    /// only `O`, `B-*` or `U-*` may follow.
    public func canFollow(_ previous: BILOUTag?) -> Bool {
        if let previous, previous.opensEntity {
            guard let position, label == previous.label else { return false }
            return position == .inside || position == .last
        }
        guard let position else { return true }
        return position == .begin || position == .unit
    }

    /// Whether a sentence may end on this tag (`O`, `L-*` or `U-*`).
    public var canEndSentence: Bool { !opensEntity }
}

/// An entity mention: a half-open range of token indices with a type and a confidence.
public struct NERSpan: Hashable, Sendable, CustomStringConvertible {
    /// Index of the first token of the mention.
    public var start: Int
    /// Index one past the last token of the mention (so `end - start` is the token count).
    public var end: Int
    /// The entity type.
    public var label: NERLabel
    /// The tagger's confidence in the mention, in `0 ... 1`: with Viterbi decoding (the shipped
    /// model) the probability, over every legal tag sequence of the sentence, that the mention's
    /// tokens are tagged as decoded (see ``NERModel/confidenceTemperature``); with greedy decoding
    /// the product of its tokens' softmax probabilities given the decoded previous tags; `1` for
    /// gold or converted spans.
    public var confidence: Float

    /// Creates a span over tokens `start ..< end`.
    public init(start: Int, end: Int, label: NERLabel, confidence: Float = 1) {
        self.start = start
        self.end = end
        self.label = label
        self.confidence = confidence
    }

    /// The token range `start ..< end`.
    public var range: Range<Int> { start ..< end }

    /// For example `PER[3..<5]`.
    public var description: String { "\(label.name)[\(start)..<\(end)]" }
}

/// Conversions between BIO (IOB2) tag strings, BILOU tags and spans.
public enum NERTagScheme {
    /// Extracts spans from BIO tags using the CoNLL `conlleval` chunking rules.
    ///
    /// A span starts at `B-X`, or at `I-X` that does not continue an entity of type `X` (lenient IOB1
    /// reading); it ends before `O`, `B-*`, a different type, or the end. Unknown tags count as `O`.
    public static func spans(fromBIO tags: [String]) -> [NERSpan] {
        var spans: [NERSpan] = []
        var open: (start: Int, label: NERLabel)?
        for (index, tag) in tags.enumerated() {
            var label: NERLabel?
            var isBegin = false
            if tag.count >= 3, tag.dropFirst().first == "-", let parsed = NERLabel(name: tag.dropFirst(2)) {
                switch tag.first {
                case "B": label = parsed; isBegin = true
                case "I": label = parsed
                default: break
                }
            }
            if let current = open, isBegin || label != current.label {
                spans.append(NERSpan(start: current.start, end: index, label: current.label))
                open = nil
            }
            if open == nil, let label { open = (index, label) }
        }
        if let current = open {
            spans.append(NERSpan(start: current.start, end: tags.count, label: current.label))
        }
        return spans
    }

    /// Converts spans to BILOU tags for a sentence of `count` tokens. Overlapping spans: later ones win.
    public static func bilou(fromSpans spans: [NERSpan], count: Int) -> [BILOUTag] {
        var tags = [BILOUTag](repeating: .outside, count: count)
        for span in spans where span.start >= 0 && span.end <= count && span.start < span.end {
            if span.end - span.start == 1 {
                tags[span.start] = BILOUTag(.unit, span.label)
            } else {
                tags[span.start] = BILOUTag(.begin, span.label)
                for index in span.start + 1 ..< span.end - 1 { tags[index] = BILOUTag(.inside, span.label) }
                tags[span.end - 1] = BILOUTag(.last, span.label)
            }
        }
        return tags
    }

    /// Converts BIO (IOB2) tags to BILOU tags (via ``spans(fromBIO:)``).
    public static func bilou(fromBIO tags: [String]) -> [BILOUTag] {
        bilou(fromSpans: spans(fromBIO: tags), count: tags.count)
    }

    /// Extracts spans from BILOU tags. Ill-formed sequences are read leniently: an entity tag that does
    /// not continue the open entity starts a new one, and an entity left open is closed where it stops.
    public static func spans(fromBILOU tags: [BILOUTag]) -> [NERSpan] {
        var spans: [NERSpan] = []
        var open: (start: Int, label: NERLabel)?
        for (index, tag) in tags.enumerated() {
            let continues = open != nil && tag.label == open?.label
                && (tag.position == .inside || tag.position == .last)
            if let current = open, !continues {
                spans.append(NERSpan(start: current.start, end: index, label: current.label))
                open = nil
            }
            guard let label = tag.label, let position = tag.position else { continue }
            if open == nil { open = (index, label) }
            if position == .last || position == .unit, let current = open {
                spans.append(NERSpan(start: current.start, end: index + 1, label: current.label))
                open = nil
            }
        }
        if let current = open {
            spans.append(NERSpan(start: current.start, end: tags.count, label: current.label))
        }
        return spans
    }

    /// Converts BILOU tags to BIO (IOB2) strings such as `B-PER`, `I-PER`, `O`.
    public static func bio(fromBILOU tags: [BILOUTag]) -> [String] {
        bio(fromSpans: spans(fromBILOU: tags), count: tags.count)
    }

    /// Converts spans to BIO (IOB2) strings for a sentence of `count` tokens.
    public static func bio(fromSpans spans: [NERSpan], count: Int) -> [String] {
        var tags = [String](repeating: "O", count: count)
        for span in spans where span.start >= 0 && span.end <= count && span.start < span.end {
            tags[span.start] = "B-" + span.label.name
            for index in span.start + 1 ..< span.end { tags[index] = "I-" + span.label.name }
        }
        return tags
    }
}
