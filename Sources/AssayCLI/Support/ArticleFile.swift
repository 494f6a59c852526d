import AssayProtocol
import Foundation

/// Reads article files: first line the title, a blank line, then the body; when the second line is
/// not blank the whole file is the body. `-` is standard input.
enum ArticleFile {
    /// Why a file could not become an article.
    struct ReadError: Error {
        var message: String
    }

    /// Expands the command-line inputs: files as given, directories into their regular, non-hidden
    /// files in name order, `-` as is. Missing paths are a usage error.
    static func expand(_ inputs: [String]) throws -> [String] {
        var paths: [String] = []
        for input in inputs {
            if input == "-" {
                paths.append(input)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw CLIError.usage("no such file or directory: \(input)")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: input)
                    .filter { !$0.hasPrefix(".") }
                    .sorted()
                for name in names {
                    let path = (input as NSString).appendingPathComponent(name)
                    var nestedDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &nestedDirectory), !nestedDirectory.boolValue {
                        paths.append(path)
                    }
                }
            } else {
                paths.append(input)
            }
        }
        return paths
    }

    /// Reads one input as an article whose reference is the file name without its extension.
    static func read(_ path: String) throws(ReadError) -> Assay_Article {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ReadError(message: "cannot read the file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(message: "not valid UTF-8")
        }
        var article = ArticleTextFormat.parse(text)
        article.reference = path == "-" ? "stdin" : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return article
    }

}
