import Foundation

/// A tab-separated resource file with a header row; lines starting with "#" are comments (split by
/// ``TSV``, so Windows line ends are fine).
struct TabularResource {
    let columns: [String: Int]
    let rows: [[Substring]]

    /// Parses `text`; fails if a required column is missing.
    init(name: String, text: String, required: [String]) throws(KnowledgeBaseError) {
        var lines = TSV.lines(text).filter { !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw .malformed(name, "the file is empty") }
        let header = TSV.split(lines.removeFirst(), at: 0x09, keepingEmpty: true)
        var columns: [String: Int] = [:]
        for (index, column) in header.enumerated() {
            columns[column.trimmingCharacters(in: .whitespacesAndNewlines)] = index
        }
        for column in required where columns[column] == nil {
            throw .malformed(name, "missing column '\(column)'")
        }
        self.columns = columns
        self.rows = lines.map { TSV.split($0, at: 0x09, keepingEmpty: true) }
    }

    /// The value of `column` in `row`, or "" when the row is short.
    func value(_ row: [Substring], _ column: String) -> Substring {
        guard let index = self.columns[column], index < row.count else { return "" }
        return row[index]
    }
}
