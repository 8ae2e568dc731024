import Foundation

/// Runs blocking work on a thread of its own, never on Swift's cooperative pool: that pool has
/// one thread per core (two here), and a test blocked on a helper process that is itself waiting for
/// the gateway would starve the gateway it waits for.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// Runs a helper program to its end, off the cooperative pool.
@discardableResult
func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await blocking { try runBlocking(executable, arguments) }
}

/// Runs a helper program to its end and returns its exit status and output.
@discardableResult
func runBlocking(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A helper server started for one test; its first output line is its port.
final class HelperServer: @unchecked Sendable {
    let process = Process()
    let port: Int

    static func start(_ executable: String, _ arguments: [String]) async throws -> HelperServer {
        try await blocking { try HelperServer(executable, arguments) }
    }

    private init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// Kills the helper and reaps it without a run loop (waitUntilExit spins one, which can hang a
    /// cooperative thread).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
    }
}

func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
