@testable import AssayAnalysis
import Testing

@Suite("Repeated text, salience and incremental events")
struct RepetitionAndStreamingTests {
    let p1 = "China tightened rare earths exports, and Washington responded within days."
    let p2 = "Xi Jinping met Joe Biden in South Korea to discuss gallium and copper."
    let p3 = "Analysts in the United States expect China to keep its leverage for years."

    @Test("repeated paragraphs are reported, marked and do not change salience")
    func repeatedParagraphs() throws {
        let once = TestKnowledgeBase.summary([p1, p2, p3].joined(separator: "\n\n"))
        let twice = TestKnowledgeBase.summary([p1, p2, p3, p1, p2, p3].joined(separator: "\n\n"))
        #expect(twice.repetitions.count == 3)
        #expect(twice.repetitions.allSatisfy { $0.scope == .paragraph })
        let body = Array([p1, p2, p3, p1, p2, p3].joined(separator: "\n\n").utf8)
        for repetition in twice.repetitions {
            #expect(body[repetition.span.start..<repetition.span.end] == body[repetition.original.start..<repetition.original.end])
            #expect(repetition.span.start > repetition.original.start)
        }
        // Same entities, same salience; the repeats' mentions are reported and marked.
        #expect(once.entities.map(\.id) == twice.entities.map(\.id))
        #expect(once.entities.map(\.salience) == twice.entities.map(\.salience))
        let china = try #require(twice.entity("country:CN"))
        #expect(china.mentions.count == 4)
        #expect(china.mentions.filter(\.repeated).count == 2)
    }

    @Test("interleaved, non-adjacent repeats and repeated sentences are found")
    func interleaved() {
        let summary = TestKnowledgeBase.summary([p1, p2, p1, p3, p2].joined(separator: "\n"))
        #expect(summary.repetitions.map(\.scope) == [.paragraph, .paragraph])
        let sentenceRepeat = TestKnowledgeBase.summary(p1 + " Something new happened today in Beijing.\n" + p3 + " " + p1)
        #expect(sentenceRepeat.repetitions.map(\.scope) == [.sentence])
    }

    @Test("repeats differing only in quotes, case of spacing or Unicode form are still repeats")
    func normalisedRepeats() {
        let a = "Officials said “China’s grip” on rare earths will tighten soon."
        let b = "Officials said \"China's grip\"  on rare earths will tighten soon."
        #expect(TestKnowledgeBase.summary(a + "\n" + b).repetitions.count == 1)
    }

    @Test("salience: the headline and many early mentions rank first, in 0–1")
    func salience() throws {
        let summary = TestKnowledgeBase.summary(
            "China and gallium again. China said more.\nThe United States was mentioned late.",
            title: "China limits gallium"
        )
        #expect(summary.entities.first?.id == "country:CN")
        #expect(summary.entities.first?.salience == 1.0)
        #expect(summary.entities.allSatisfy { (0...1).contains($0.salience) })
        let us = try #require(summary.entity("country:US"))
        let gallium = try #require(summary.entity("commodity:gallium"))
        #expect(us.salience < gallium.salience)
    }

    @Test("events stream paragraph by paragraph: found once, then updates, summary last")
    func incrementalEvents() throws {
        var analysis = TestKnowledgeBase.engine.analysis(of: ArticleInput(body: [p1, p2, p3].joined(separator: "\n")))
        let firstStep = analysis.next()
        let first = try #require(firstStep)
        guard case .accepted(let id, _, let bodyBytes) = first[0] else { Issue.record("accepted first"); return }
        #expect(id.count == 16)
        #expect(bodyBytes == [p1, p2, p3].joined(separator: "\n").utf8.count)
        #expect(first.contains { if case .entityFound(let e) = $0 { e.id == "country:CN" } else { false } })
        let secondStep = analysis.next()
        let second = try #require(secondStep)
        #expect(!second.contains { if case .entityFound(let e) = $0 { e.id == "country:CN" } else { false } })
        let thirdStep = analysis.next()
        let third = try #require(thirdStep)
        #expect(third.contains { if case .entityUpdated(let u) = $0 { u.entityID == "country:CN" && u.mentionCount == 2 } else { false } })
        let lastStep = analysis.next()
        let last = try #require(lastStep)
        guard case .summary = last.last else { Issue.record("summary last"); return }
        #expect(analysis.next() == nil)
    }

    @Test("the same input gives the same events in the same order")
    func determinism() {
        let body = [p1, p2, p3, p1].joined(separator: "\n")
        let first = TestKnowledgeBase.engine.analyze(ArticleInput(title: "Rare earths", body: body))
        let second = TestKnowledgeBase.engine.analyze(ArticleInput(title: "Rare earths", body: body))
        #expect(first == second)
        #expect(first.count > 5)
    }

    @Test("the tagger remembers one article, never the one before it")
    func taggerMemoryIsPerArticle() throws {
        let engine = try AnalysisEngine.bundled()
        // Alone, the tagger calls "Kelvara" in the article a place; after the other article's
        // "Kelvara Minerals" (history: not a place) it does not.
        let other = ArticleInput(
            title: "Kelvara Minerals expands",
            body: "Kelvara Minerals said on Monday it would buy the Ostrava smelter. Kelvara Minerals hired new staff. "
                + "Analysts at Kelvara Minerals expect higher output. The Kelvara Minerals board approved."
        )
        let article = ArticleInput(title: "Smelter sale", body: "Output in Kelvara fell.")
        let alone = engine.analyze(article)
        _ = engine.analyze(other)
        let afterAnother = engine.analyze(article)
        // Interleaved incremental analyses do not share a document history either.
        var first = engine.analysis(of: article)
        var second = engine.analysis(of: other)
        var interleaved: [AnalysisEvent] = []
        while let events = first.next() {
            interleaved += events
            _ = second.next()
        }
        #expect(afterAnother == alone)
        #expect(interleaved == alone)
        // The texts are sensitive to document history: alone the tagger names Kelvara a place (and
        // the engine keeps it), after the other article it does not.
        #expect(alone.contains { if case .entityFound(let e) = $0 { e.name == "Kelvara" && e.type == .location } else { false } })
        let model = try NERModel.bundled()
        let otherSentences = [
            ["Kelvara", "Minerals", "said", "on", "Monday", "it", "would", "buy", "the", "Ostrava", "smelter", "."],
            ["Kelvara", "Minerals", "hired", "new", "staff", "."],
            ["Analysts", "at", "Kelvara", "Minerals", "expect", "higher", "output", "."],
            ["The", "Kelvara", "Minerals", "board", "approved", "."],
        ]
        let articleSentence = ["Output", "in", "Kelvara", "fell", "."]
        #expect(model.tagDocument([articleSentence]) == [["O", "O", "B-LOC", "O", "O"]])
        #expect(model.tagDocument(otherSentences + [articleSentence]).last == ["O", "O", "O", "O", "O"])
    }
}
