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
        let (words, starts) = Self.words(of: tokens, sentence: sentence)
        /// The article's tokens of the tagger's words `span.start ..< span.end`.
        func range(_ span: NERSpan) -> Range<Int> { starts[span.start]..<starts[span.end] }
        // Only spans that could become mentions get probabilities: none touching a knowledge-base
        // match, each with a capitalised word.
        let candidates = self.decoder.decodeSpans(words) { span in
            let range = range(span)
            return !range.contains(where: { covered[$0] })
                && range.contains(where: { tokens[$0].kind == .word && tokens[$0].isCapitalized })
        }
        return candidates.compactMap { span -> RecognizedName? in
            guard Double(span.confidence) >= self.minimumConfidence else { return nil }
            return RecognizedName(
                tokens: range(span),
                type: Self.entityType(span.label),
                confidence: (Double(span.confidence) * 0.9 * 1000).rounded() / 1000,
                source: .tagger
            )
        }
    }

    public mutating func preview(_ tokens: [Token], sentence: Range<Int>) {
        self.decoder.preview(Self.words(of: tokens, sentence: sentence).words)
    }

    /// The words the tagger reads for `tokens[sentence]`, and the index of each one's first token
    /// (one more index at the end: `sentence.upperBound`). Words joined by a hyphen with no space
    /// ("Jean-Marc", "Kim Jong-un", "Rolls-Royce") are one word, as newswire corpora write them: split
    /// in three ("Jean - Marc Ilunga said …") the tagger found no name. A dash between spaces, or an
    /// en dash ("Xi–Biden meeting"), still separates.
    static func words(of tokens: [Token], sentence: Range<Int>) -> (words: [String], starts: [Int]) {
        var words: [String] = []
        var starts: [Int] = []
        words.reserveCapacity(sentence.count)
        starts.reserveCapacity(sentence.count + 1)
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            var word = tokens[i].surface
            var next = i + 1
            // (A hyphen-minus is one byte; an en dash's surface is "-" too, but three bytes.)
            while tokens[next - 1].kind == .word, next + 1 < sentence.upperBound, tokens[next].surface == "-",
                  tokens[next].end - tokens[next].start == 1, !tokens[next].spaceBefore,
                  tokens[next + 1].kind == .word, !tokens[next + 1].spaceBefore
            {
                word += "-" + tokens[next + 1].surface
                next += 2
            }
            words.append(word)
            starts.append(i)
            i = next
        }
        starts.append(sentence.upperBound)
        return (words, starts)
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
