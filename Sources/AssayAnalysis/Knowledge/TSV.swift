/// Splitting of the tab-separated resource files by bytes.
///
/// Splits lines at the byte `\n` (dropping a `\r` before it) and fields at `\t` or any other ASCII
/// byte (``split(_:at:keepingEmpty:)``, e.g. the space between a name's words), never inside a
/// multi-byte character; much faster than splitting the String by Character, which was most of
/// what loading the 74,000-row name lists cost.
enum TSV {
    /// The non-empty lines of `text`, each without its trailing `\r` (Windows line ends).
    static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var end = lineEnd
            if lineStart < end, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
            if lineStart < end { lines.append(text[lineStart ..< end]) }
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return lines
    }

    /// The rows of `text` after its header line, each split into fields at tabs (blank lines skipped).
    static func rows(_ text: String) -> [[Substring]] {
        Self.lines(text).dropFirst().map { Self.split($0, at: 0x09, keepingEmpty: true) }
    }

    /// `text` split at every `byte` (an ASCII character); empty pieces are kept only with `keepingEmpty`.
    static func split(_ text: Substring, at byte: UInt8, keepingEmpty: Bool) -> [Substring] {
        let utf8 = text.utf8
        var pieces: [Substring] = []
        var start = utf8.startIndex
        while true {
            let end = utf8[start...].firstIndex(of: byte) ?? utf8.endIndex
            if keepingEmpty || start < end { pieces.append(text[start ..< end]) }
            guard end < utf8.endIndex else { break }
            start = utf8.index(after: end)
        }
        return pieces
    }
}
