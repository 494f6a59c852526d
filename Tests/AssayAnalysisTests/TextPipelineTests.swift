import Foundation
@testable import AssayAnalysis
import Testing

@Suite("Text pipeline")
struct TextPipelineTests {
    func sentenceTexts(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            let paragraph = TextSegmentation.paragraphs(of: bytes, field: .body)[0]
            let tokens = Tokenizer().tokenize(bytes, in: paragraph.span.start..<paragraph.span.end)
            return TextSegmentation.sentences(of: tokens, in: paragraph, firstIndex: 0).map {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.span.start..<$0.span.end]), as: UTF8.self)
            }
        }
    }

    @Test("sentences survive U.S., Mr., Jan., initials, decimals and quotes")
    func sentenceSplitting() {
        let text = """
            The U.S. economy grew 4.5 percent in Jan. 2024, Mr. Biden said. J. Smith agreed. \
            “It is over.” However, the U.S. The end? Yes!
            """
        #expect(
            sentenceTexts(text) == [
                "The U.S. economy grew 4.5 percent in Jan. 2024, Mr. Biden said.",
                "J. Smith agreed.",
                "“It is over.”",
                "However, the U.S.",
                "The end?",
                "Yes!",
            ]
        )
    }

    @Test("abbreviations inside a sentence do not split it")
    func abbreviationsInside() {
        #expect(sentenceTexts("Sanctions by the U.S. Treasury hit Acme Inc. last week.").count == 1)
    }

    @Test("tokens keep byte offsets into the original text, multi-byte characters included")
    func tokenOffsets() {
        var text = "Zürich’s “rare-earth” plan — 4.5% of U.S. output"
        let tokens = text.withUTF8 { Tokenizer().tokenize($0, in: 0..<$0.count) }
        let utf8 = Array(text.utf8)
        for token in tokens {
            let original = String(decoding: utf8[token.start..<token.end], as: UTF8.self)
            #expect(original.precomposedForTest == token.surface || token.kind == .punctuation)
        }
        #expect(tokens.map(\.key) == ["zurich", "'s", "\"", "rare", "-", "earth", "\"", "plan", "-", "4.5", "%", "of", "us", "output"])
    }

    @Test("NFD text gets the same keys as NFC text")
    func normalisation() {
        let nfc = Tokenizer().tokenize("Química Zürich")
        let nfd = Tokenizer().tokenize("Qui\u{0301}mica Zu\u{0308}rich")
        #expect(nfc.map(\.key) == nfd.map(\.key))
        #expect(nfd[0].end == "Qui\u{0301}mica".utf8.count)
    }

    @Test("odd whitespace and zero-width characters separate or vanish")
    func oddWhitespace() {
        let tokens = Tokenizer().tokenize("China\u{00A0}and\u{2009}the\u{3000}U\u{200B}S")
        #expect(tokens.map(\.key) == ["china", "and", "the", "us"])
    }

    @Test("paragraphs split on line breaks, trimmed, blank lines ignored")
    func paragraphs() {
        var text = "  First para. \n\n\r\nSecond\u{00A0}\nThird\u{2029}Fourth"
        let spans = text.withUTF8 { TextSegmentation.paragraphs(of: $0, field: .body) }.map(\.span)
        let utf8 = Array(text.utf8)
        #expect(spans.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) } == ["First para.", "Second", "Third", "Fourth"])
    }
}

extension String {
    var precomposedForTest: String { self.precomposedStringWithCanonicalMapping }
}
