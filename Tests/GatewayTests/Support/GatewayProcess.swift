import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The gateway as a process of its own, for tests that kill it or send it signals.
final class GatewayProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    /// The mapping log (`--log-file`), in a temporary file unless the arguments name one.
    private(set) var logPath = ""

    /// Starts `serve` and returns once the banner names the port (the start-up recovery has run by then).
    static func start(_ binary: String, _ arguments: [String], environment: [String: String]) async throws -> GatewayProcess {
        try await blocking {
            let gateway = GatewayProcess()
            var arguments = arguments
            if let index = arguments.firstIndex(of: "--log-file") {
                gateway.logPath = arguments[index + 1]
            } else {
                gateway.logPath = NSTemporaryDirectory() + "jobnet-gateway-log-\(UUID().uuidString).jsonl"
                arguments += ["--log-file", gateway.logPath]
            }
            gateway.process.executableURL = URL(fileURLWithPath: binary)
            gateway.process.arguments = arguments
            gateway.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let pipe = Pipe()
            gateway.process.standardOutput = pipe
            gateway.process.standardError = FileHandle.nullDevice
            try gateway.process.run()
            var line = Data()
            while true {
                let byte = pipe.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty { break }
                if byte == Data("\n".utf8) {
                    let text = String(decoding: line, as: UTF8.self)
                    if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                        gateway.port = Int(text[range].dropFirst("127.0.0.1:".count).dropLast()) ?? 0
                        break
                    }
                    line = Data()
                } else {
                    line.append(byte)
                }
            }
            return gateway
        }
    }

    /// The mapping log's lines so far.
    var logLines: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func signal(_ number: Int32) {
        Foundation.kill(process.processIdentifier, number)
    }

    /// The exit status once the process has ended within `seconds`, else nil.
    func exitStatus(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
    }

    /// GETs `path` (with `headers`) and returns the body.
    static func get(_ path: String, port: Int, headers: [String: String] = [:]) async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.timeoutInterval = 60
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }

    static func post(_ xml: String, port: Int) async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/JobnetCitizenStatusService")!)
        request.httpMethod = "POST"
        request.httpBody = Data(xml.utf8)
        request.setValue("text/xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = 120
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }
}
