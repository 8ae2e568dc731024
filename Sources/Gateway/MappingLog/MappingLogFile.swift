import Foundation
import Logging
import Synchronization

/// Where the mapping log's lines go: standard output or a file opened for appending.
///
/// Each line is written with one `write(2)` under a lock, so concurrent calls never interleave and
/// `tail -f` always sees whole lines. `reopen()` (on SIGHUP) lets logrotate move the file away.
public final class MappingLogFile: Sendable {
    public let path: String?
    /// The open file; a write holds the lock for its whole line, so lines never interleave.
    private let descriptor: Mutex<Int32>

    /// `path` nil or "-" is standard output.
    public init(path: String?) throws {
        self.path = (path == nil || path == "-") ? nil : path
        descriptor = Mutex(try Self.open(self.path))
    }

    deinit {
        if path != nil { close(descriptor.withLock { $0 }) }
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        descriptor.withLock { descriptor in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 {
                        if written < 0 && errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }

    /// Opens the file again (after logrotate moved it); keeps the old one if that fails.
    public func reopen() {
        guard let path else { return }
        guard let fresh = try? Self.open(path) else { return }
        let old = descriptor.withLock { descriptor in
            defer { descriptor = fresh }
            return descriptor
        }
        close(old)
    }

    private static func open(_ path: String?) throws -> Int32 {
        guard let path else { return STDOUT_FILENO }
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw MappingLogFileError(message: "cannot open the mapping log \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// A swift-log handler that writes each message as it is, one line: the mapping log's records
    /// are already formatted (JSON or text), so no prefix of level or label is added.
    public func logHandler() -> some LogHandler { LineLogHandler(file: self) }
}

public struct MappingLogFileError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

struct LineLogHandler: LogHandler {
    let file: MappingLogFile
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        file.write(line: LogRedaction.scrub(event.message.description))
    }
}
