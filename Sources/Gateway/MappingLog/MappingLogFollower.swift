import Foundation

/// `jobnet-gateway log`: reads a mapping-log file (or standard input) and shows the lines a filter
/// lets through; with `follow`, keeps reading as the gateway appends, like `tail -f`, and carries on
/// across logrotate (the file replaced or truncated).
public struct MappingLogFollower: Sendable {
    public var path: String
    public var filter: MappingLogFilter
    public var follow: Bool
    public var asJSON: Bool
    public var pollInterval: Duration = .milliseconds(200)

    public init(path: String, filter: MappingLogFilter, follow: Bool, asJSON: Bool) {
        self.path = path
        self.filter = filter
        self.follow = follow
        self.asJSON = asJSON
    }

    /// Runs until the input ends (or, following a file, until cancelled); `output` gets each shown line.
    public func run(output: @Sendable (String) -> Void) async throws {
        var pending = [UInt8]()
        func emit(_ bytes: [UInt8]) {
            pending.append(contentsOf: bytes)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if let shown = filter.show(line, asJSON: asJSON) { output(shown) }
            }
        }
        if path == "-" {
            while true {
                let chunk = FileHandle.standardInput.availableData
                if chunk.isEmpty { break }
                emit(Array(chunk))
            }
            return
        }
        guard var handle = FileHandle(forReadingAtPath: path) else {
            throw MappingLogFileError(message: "cannot read the mapping log \(path)")
        }
        var identity = Self.identity(path)
        var offset: UInt64 = 0
        while true {
            let chunk = handle.readDataToEndOfFile()
            offset += UInt64(chunk.count)
            if !chunk.isEmpty { emit(Array(chunk)) }
            guard follow else { break }
            try await Task.sleep(for: pollInterval)
            // logrotate: a new file under the name, or the same file truncated.
            let current = Self.identity(path)
            if let current, current.inode != identity?.inode, let fresh = FileHandle(forReadingAtPath: path) {
                try? handle.close()
                handle = fresh
                identity = current
                offset = 0
                pending.removeAll()
            } else if let current, current.size < offset {
                try handle.seek(toOffset: 0)
                offset = 0
                pending.removeAll()
            }
        }
        if !pending.isEmpty { emit([UInt8(ascii: "\n")]) }
    }

    private static func identity(_ path: String) -> (inode: UInt64, size: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_ino), UInt64(info.st_size))
    }
}
