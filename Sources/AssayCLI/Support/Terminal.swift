import Foundation

/// Standard output and error, unbuffered, with colour only on a terminal and never with `NO_COLOR`.
struct Terminal: Sendable {
    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    let descriptor: Int32

    /// Whether this stream is a terminal.
    var isTerminal: Bool { isatty(self.descriptor) == 1 }

    /// Whether to colour what is written here: a terminal, `NO_COLOR` unset or empty, `TERM` not `dumb`.
    var usesColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return self.isTerminal
    }

    /// Writes `text` at once (no buffering, so lines appear as events arrive).
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(self.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }
}

/// ANSI styles, applied only when enabled.
struct Style: Sendable {
    let enabled: Bool

    func bold(_ text: String) -> String { self.wrap(text, "1") }
    func dim(_ text: String) -> String { self.wrap(text, "2") }
    func red(_ text: String) -> String { self.wrap(text, "31") }
    func green(_ text: String) -> String { self.wrap(text, "32") }
    func yellow(_ text: String) -> String { self.wrap(text, "33") }
    func cyan(_ text: String) -> String { self.wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        self.enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    /// Pads or truncates to exactly `width` characters (truncation ends with "…").
    func fitted(_ width: Int) -> String {
        if self.count > width { return String(self.prefix(max(0, width - 1))) + "…" }
        return self + String(repeating: " ", count: width - self.count)
    }

    /// Right-aligns in `width` characters.
    func rightAligned(_ width: Int) -> String {
        self.count >= width ? self : String(repeating: " ", count: width - self.count) + self
    }
}
