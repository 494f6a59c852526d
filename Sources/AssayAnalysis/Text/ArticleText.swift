/// A paragraph of an article: a line (or block of lines) of one field.
public struct Paragraph: Sendable, Hashable {
    public var field: ArticleField
    /// Index within its field (the title is paragraph 0 of the title field).
    public var index: Int
    public var span: TextSpan
}

/// A sentence: a range of tokens of one paragraph.
public struct Sentence: Sendable, Hashable {
    /// Index among all sentences of the article, title first.
    public var index: Int
    public var span: TextSpan
    /// The sentence's tokens, as indices into the paragraph's token array.
    public var tokens: Range<Int>
}

/// The segmentation of one article field into paragraphs, and of a paragraph into sentences.
public enum TextSegmentation {
    /// Paragraphs of a field: every non-blank line, trimmed of surrounding whitespace.
    ///
    /// News bodies use either blank lines or single line breaks between paragraphs, so a line
    /// break always ends a paragraph.
    public static func paragraphs(of bytes: UnsafeBufferPointer<UInt8>, field: ArticleField) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var lineStart = 0
        var index = 0
        func close(_ end: Int) {
            var start = lineStart
            var stop = end
            while start < stop, Self.isSpace(bytes, start) { start += Self.spaceWidth(bytes, start) }
            while stop > start, Self.isTrailingSpace(bytes, stop) { stop -= Self.trailingSpaceWidth(bytes, stop) }
            if stop > start {
                paragraphs.append(
                    Paragraph(field: field, index: paragraphs.count, span: TextSpan(field: field, start: start, end: stop))
                )
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                close(index)
                lineStart = index + 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
                close(index)
                lineStart = index + 3
                index += 2
            }
            index += 1
        }
        close(bytes.count)
        return paragraphs
    }

    /// Words after which a capitalised word does not start a new sentence: "Mr. Biden", "Jan. 5".
    static let nonTerminalAbbreviations: KeySet = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm", "cmdr",
        "st", "mt", "ft", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "eg", "ie",
    ]

    /// Capitalised words that, after an abbreviation such as "U.S." or "Inc.", start a new sentence.
    static let sentenceStarters: KeySet = [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
        "but", "and", "or", "so", "yet", "however", "meanwhile", "still", "in", "on", "at", "for", "as", "after",
        "before", "while", "when", "if", "although", "though", "since", "because", "there", "here", "what",
        "why", "how", "officials", "analysts", "some", "many", "most", "both", "such", "his", "her", "their",
        "our", "by", "from", "with", "without", "last", "earlier", "later", "separately", "instead", "also",
    ]

    /// Splits a paragraph's tokens into sentences.
    ///
    /// A sentence ends at ".", "!" or "?" (with any closing quotes or brackets after it), and at
    /// an abbreviation such as "U.S." or "Inc." only when the next word is a common sentence
    /// starter ("The", "However"). Titles, months and initials ("Mr.", "Jan.", "J.") never end one;
    /// decimals ("4.5") are single tokens.
    public static func sentences(
        of tokens: [Token],
        in paragraph: Paragraph,
        firstIndex: Int
    ) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var index = 0
        func close(at end: Int) {
            guard end > start else { return }
            let span = TextSpan(field: paragraph.field, start: tokens[start].start, end: tokens[end - 1].end)
            sentences.append(Sentence(index: firstIndex + sentences.count, span: span, tokens: start..<end))
            start = end
        }
        while index < tokens.count {
            let token = tokens[index]
            var ends = false
            if Self.isTerminator(token) {
                ends = true
                // A run of terminators ("?!", "...") stays together.
                while index + 1 < tokens.count, Self.isTerminator(tokens[index + 1]) {
                    index += 1
                }
            } else if token.endsWithPeriod, index + 1 < tokens.count {
                let next = tokens[index + 1]
                if !Self.nonTerminalAbbreviations.contains(token), token.key.utf8.count > 1 || token.isAllCaps,
                    next.isCapitalized, Self.sentenceStarters.contains(next)
                {
                    ends = true
                }
            }
            if ends {
                // Closing quotes and brackets belong to the sentence they close.
                while index + 1 < tokens.count, Self.isCloser(tokens[index + 1]), !tokens[index + 1].spaceBefore {
                    index += 1
                }
                close(at: index + 1)
            }
            index += 1
        }
        close(at: tokens.count)
        return sentences
    }

    private static func isTerminator(_ token: Token) -> Bool {
        token.kind == .punctuation && (token.key == "." || token.key == "!" || token.key == "?")
    }

    private static func isCloser(_ token: Token) -> Bool {
        token.kind == .punctuation && (token.key == "\"" || token.key == "'" || token.key == ")" || token.key == "]")
    }

    private static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let (scalar, _) = Tokenizer.decodeScalar(bytes, at: index, limit: bytes.count)
        let kind = Tokenizer.classify(scalar)
        return kind == .space || kind == .ignorable
    }

    private static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        Tokenizer.decodeScalar(bytes, at: index, limit: bytes.count).1
    }

    /// Whether the character ending just before `end` is whitespace.
    private static func isTrailingSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        let start = end - trailingSpaceWidth(bytes, end)
        return isSpace(bytes, start)
    }

    private static func trailingSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Int {
        var start = end - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return end - start
    }
}
