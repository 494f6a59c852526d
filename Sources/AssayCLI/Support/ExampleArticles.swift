import Foundation

/// Where `assay demo` and `assay bench` find the example articles.
enum ExampleArticles {
    /// `override` if given, else `Examples/articles` in the current directory or a parent, else in a
    /// parent of the executable (so a built `assay` finds its package's examples from anywhere).
    static func folder(override: String?) throws -> URL {
        if let override { return URL(fileURLWithPath: override) }
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        if let executable = Bundle.main.executableURL {
            starts.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent("Examples/articles")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw CLIError.usage("cannot find Examples/articles here or next to the executable; use --articles DIR")
    }
}
