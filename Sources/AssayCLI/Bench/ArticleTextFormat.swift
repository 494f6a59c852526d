import AssayProtocol
import Foundation

/// The article file format of `Examples/articles` and `assay analyze`: the first line is the title,
/// then a blank line, then the body; without the blank line the whole text is the body.
///
/// It lives with the load generator because `Benchmarks/` compiles the `Bench/` folder on its own.
enum ArticleTextFormat {
    /// Splits `text` into title and body.
    static func parse(_ text: String) -> Assay_Article {
        var article = Assay_Article()
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = normalised.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        if lines.count >= 2, lines[1].allSatisfy(\.isWhitespace) {
            article.title = lines[0].trimmingCharacters(in: .whitespaces)
            article.body = lines.count > 2 ? String(lines[2]) : ""
        } else {
            article.body = normalised
        }
        return article
    }
}
