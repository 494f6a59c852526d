import Foundation

/// A tab-separated resource file with a header row; lines starting with "#" are comments.
struct TabularResource {
    let columns: [String: Int]
    let rows: [[Substring]]

    /// Parses `text`; fails if a required column is missing.
    init(name: String, text: String, required: [String]) throws(KnowledgeBaseError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw .malformed(name, "the file is empty") }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false)
        var columns: [String: Int] = [:]
        for (index, column) in header.enumerated() {
            columns[column.trimmingCharacters(in: .whitespacesAndNewlines)] = index
        }
        for column in required where columns[column] == nil {
            throw .malformed(name, "missing column '\(column)'")
        }
        self.columns = columns
        self.rows = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    /// The value of `column` in `row`, or "" when the row is short.
    func value(_ row: [Substring], _ column: String) -> Substring {
        guard let index = self.columns[column], index < row.count else { return "" }
        return row[index].hasSuffix("\r") ? row[index].dropLast() : row[index]
    }
}
