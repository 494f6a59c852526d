/// Whether a serialised `assay.v1.AnalysisEvent` is an article's last event (`summary`, field 15,
/// or `failed`, field 16), read from its top-level field keys without parsing the event: the bench
/// clients of transport-only comparisons use it instead of a full parse, as the bare loop uses its
/// end flag.
enum EventEnd {
    static let summaryField: UInt64 = 15
    static let failedField: UInt64 = 16

    /// Whether `bytes` holds `summary` or `failed` at the top level; `false` for malformed input.
    static func isLast(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint() else { return false }
            let field = key >> 3
            if field == Self.summaryField || field == Self.failedField { return true }
            switch key & 7 {
            case 0:
                guard varint() != nil else { return false }
            case 1:
                index += 8
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count - index) else { return false }
                index += Int(length)
            case 5:
                index += 4
            default:
                return false
            }
        }
        return false
    }
}
