extension Assay_AnalysisEvent {
    /// Whether this event is an article's last (`summary` or `failed`).
    public var endsArticle: Bool {
        switch self.event {
        case .summary, .failed: true
        default: false
        }
    }

    /// Whether the serialised `assay.v1.AnalysisEvent` in `bytes` is an article's last (`summary`,
    /// field 15, or `failed`, field 16), read from its top-level field keys without parsing it:
    /// nested messages are skipped by their length. `false` for malformed input.
    public static func endsArticle(serialized bytes: UnsafeRawBufferPointer) -> Bool {
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
            if field == 15 || field == 16 { return true }
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
