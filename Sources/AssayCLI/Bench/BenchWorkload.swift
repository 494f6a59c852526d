import AssayProtocol
import Foundation

/// The articles a benchmark sends.
enum BenchWorkload {
    /// Why a workload could not be built.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads every `.txt` file of `directory` (first line title, blank line, body), in name order.
    static func articles(inDirectory directory: String) throws -> [Assay_Article] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            throw Failure(description: "cannot read the articles folder \(directory)")
        }
        var articles: [Assay_Article] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw Failure(description: "\(path) is not readable UTF-8 text")
            }
            var article = ArticleTextFormat.parse(text)
            article.reference = (name as NSString).deletingPathExtension
            guard !article.body.isEmpty else { continue }
            articles.append(article)
        }
        guard !articles.isEmpty else { throw Failure(description: "no non-empty .txt articles in \(directory)") }
        return articles
    }


    /// Sentences generated articles are made of: news-like, with people, places, organisations and commodities.
    static let sentences = [
        "China announced new export controls on gallium and germanium on Monday, the Ministry of Commerce said.",
        "Shares of Albemarle fell 4% in New York after lithium prices dropped for a third week.",
        "The European Union and Japan agreed to coordinate stockpiles of rare earths and cobalt.",
        "Workers at the Mutanda mine in the Democratic Republic of Congo went on strike over pay.",
        "Analysts at Goldman Sachs expect copper demand to outpace supply from Chile and Peru next year.",
        "President Xi Jinping met President Joe Biden in San Francisco to ease trade tensions.",
        "Indonesia may extend its ban on nickel ore exports, officials in Jakarta said.",
        "Russia and Ukraine traded accusations after a drone strike near the port of Odesa.",
        "The United States added three Chinese firms to its entity list, the Commerce Department said.",
        "Glencore and Rio Tinto reported lower output of copper and cobalt in the second quarter.",
    ]

    /// `count` distinct articles of about `bytes` UTF-8 bytes each, in paragraphs of three sentences.
    static func generated(count: Int, bytes: Int) -> [Assay_Article] {
        (0..<max(1, count)).map { index in
            var article = Assay_Article()
            article.reference = "generated-\(index)"
            article.title = "Generated article \(index)"
            var paragraphs: [String] = []
            var size = 0
            var sentence = index
            while size < max(1, bytes) {
                let paragraph = (0..<3).map { offset in self.sentences[(sentence + offset) % self.sentences.count] }
                    .joined(separator: " ")
                sentence += 3
                paragraphs.append(paragraph)
                size += paragraph.utf8.count + 2
            }
            var body = paragraphs.joined(separator: "\n\n")
            if body.utf8.count > bytes, bytes > 0 {
                // Cut at the last sentence end that fits, so the size is close to the one asked for.
                let prefix = String(decoding: body.utf8.prefix(bytes), as: UTF8.self)
                if let end = prefix.lastIndex(of: ".") { body = String(prefix[...end]) } else { body = prefix }
            }
            article.body = body
            return article
        }
    }

    /// Requests over `articles`: one per article for Analyze, or groups of `batchSize` for AnalyzeBatch.
    /// References are made distinct within a batch.
    static func requests(_ articles: [Assay_Article], batchSize: Int?) -> [BenchRequest] {
        guard let batchSize else { return articles.map { BenchRequest(articles: [$0], batch: false) } }
        let size = max(1, batchSize)
        let count = max(1, articles.count / size + (articles.count % size == 0 ? 0 : 1))
        return (0..<count).map { group in
            let batch = (0..<size).map { slot -> Assay_Article in
                var article = articles[(group * size + slot) % articles.count]
                article.reference = "\(article.reference)#\(slot)"
                return article
            }
            return BenchRequest(articles: batch, batch: true)
        }
    }
}
