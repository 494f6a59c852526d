/// Names found by the trained tagger (``NERModel``) where the knowledge base matched nothing:
/// the new company, the minister appointed last week, the mine in a small town.
///
/// The tagger sees the sentence's tokens as written, except a sentence in capitals or a title-case
/// headline, which it reads as usually written (``NERTruecaser``, with the casings of the article
/// seen so far, or of its whole body for a title in capitals); spans that touch a knowledge-base
/// match are left to the knowledge base, and spans below ``minimumConfidence`` are dropped.
public struct TaggedNameRecognizer: NameRecognizer {
    /// The decoder's buffers and the article's document history (names tagged so far).
    private var decoder: NERDecoder
    /// The least probability (0–1, ``NERSpan/confidence``) a span needs to become a mention; the
    /// default 0.35 is about where a calibrated span adds more F1 than it costs (docs/ANALYSIS.md).
    public let minimumConfidence: Double

    /// Creates the recogniser over a loaded model.
    public init(model: NERModel, minimumConfidence: Double = 0.35) {
        self.minimumConfidence = minimumConfidence
        self.decoder = NERDecoder(model: model, useDocumentMemory: true)
    }

    public mutating func names(in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> [RecognizedName] {
        let words = tokens[sentence].map(\.surface)
        let offset = sentence.lowerBound
        // Only spans that could become mentions get probabilities: none touching a knowledge-base
        // match, each with a capitalised word.
        let candidates = self.decoder.decodeSpans(words) { span in
            let range = (offset + span.start)..<(offset + span.end)
            return !range.contains(where: { covered[$0] })
                && range.contains(where: { tokens[$0].kind == .word && tokens[$0].isCapitalized })
        }
        return candidates.compactMap { span -> RecognizedName? in
            guard Double(span.confidence) >= self.minimumConfidence else { return nil }
            return RecognizedName(
                tokens: (offset + span.start)..<(offset + span.end),
                type: Self.entityType(span.label),
                confidence: (Double(span.confidence) * 0.9 * 1000).rounded() / 1000,
                source: .tagger
            )
        }
    }

    public mutating func preview(_ tokens: [Token], sentence: Range<Int>) {
        self.decoder.preview(tokens[sentence].map(\.surface))
    }

    static func entityType(_ label: NERLabel) -> EntityType {
        switch label {
        case .per: .person
        case .org: .organization
        case .loc: .location
        case .misc: .miscellaneous
        }
    }
}
