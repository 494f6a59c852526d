import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A short reason the file at `path` could not be read, after reading it failed with `error`, for
/// one-line error messages: the system's message when the file is missing or unreadable ("No such
/// file or directory", "Permission denied"), "is a directory", "not UTF-8 text" for a decoding
/// failure, otherwise the error's localized description.
func fileReadReason(_ error: any Error, path: String) -> String {
    var status = stat()
    if stat(path, &status) != 0 { return String(cString: strerror(errno)) }
    if status.st_mode & S_IFMT == S_IFDIR { return "is a directory" }
    if access(path, R_OK) != 0 { return String(cString: strerror(errno)) }
    let error = error as NSError
    if error.domain == NSCocoaErrorDomain
        && (error.code == NSFileReadInapplicableStringEncodingError || error.code == NSFileReadCorruptFileError) {
        return "not UTF-8 text"
    }
    return error.localizedDescription
}
