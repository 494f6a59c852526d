import AssayProtocol

/// Whether a serialised `assay.v1.AnalysisEvent` is an article's last event, read from its
/// top-level field keys without parsing it (``Assay_AnalysisEvent/endsArticle(serialized:)``): the
/// bench clients of transport-only comparisons use it instead of a full parse, as the bare loop
/// uses its end flag.
enum EventEnd {
    /// Whether `bytes` holds `summary` or `failed` at the top level; `false` for malformed input.
    static func isLast(_ bytes: UnsafeRawBufferPointer) -> Bool {
        Assay_AnalysisEvent.endsArticle(serialized: bytes)
    }
}
