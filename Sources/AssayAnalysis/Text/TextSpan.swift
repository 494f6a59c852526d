/// Which part of an article a span points into.
public enum ArticleField: Sendable, Hashable {
    case title
    case body
}

/// A half-open range of UTF-8 byte offsets `[start, end)` into one field of an article,
/// exactly as the client submitted it.
public struct TextSpan: Sendable, Hashable, Comparable {
    public var field: ArticleField
    public var start: Int
    public var end: Int

    /// Creates a span.
    public init(field: ArticleField, start: Int, end: Int) {
        self.field = field
        self.start = start
        self.end = end
    }

    /// Title spans first, then by start and end offset.
    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        if lhs.field != rhs.field { return lhs.field == .title }
        return (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
