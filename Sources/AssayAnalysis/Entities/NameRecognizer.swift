/// A name found by a recogniser other than the knowledge base, as a range of a sentence's tokens.
public struct RecognizedName: Sendable, Hashable {
    /// Token indices into the paragraph's token array.
    public var tokens: Range<Int>
    public var type: EntityType
    /// 0–1.
    public var confidence: Double
    public var source: EntitySource

    /// Creates a recognised name.
    public init(tokens: Range<Int>, type: EntityType, confidence: Double, source: EntitySource) {
        self.tokens = tokens
        self.type = type
        self.confidence = confidence
        self.source = source
    }
}

/// Finds names the knowledge base does not know. The trained tagger and the cue-based rules
/// both conform; the engine merges their names with the knowledge base's matches (the
/// knowledge base wins where they overlap).
///
/// Each article's analysis works on its own copy of the engine's recognisers, fed the article's
/// sentences in order, so a recogniser may remember the article so far (the tagger keeps its
/// document history: a name's earlier labels inform later decisions).
public protocol NameRecognizer: Sendable {
    /// Names in `tokens[sentence]`; `covered[i]` is true where the knowledge base already matched token `i`
    /// (only the sentence's indices are meaningful).
    mutating func names(in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> [RecognizedName]

    /// Shown every sentence of the article's body before a title written in capitals is analysed,
    /// so that the title can be read with the article's casings (the tagger's ``NERTruecaser``).
    mutating func preview(_ tokens: [Token], sentence: Range<Int>)

    /// The end of an organisation's name that starts at `start` with a place or a nationality the
    /// knowledge base knows ("British Airways", "Swiss Re"), if this recogniser would name it whole;
    /// the knowledge base then leaves those tokens to the recognisers.
    func organizationName(startingAt start: Int, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int?
}

extension NameRecognizer {
    /// Recognisers that do not read ahead ignore the preview.
    public mutating func preview(_ tokens: [Token], sentence: Range<Int>) {}

    /// Recognisers that name no such organisations find none.
    public func organizationName(startingAt start: Int, in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> Int? {
        nil
    }
}
