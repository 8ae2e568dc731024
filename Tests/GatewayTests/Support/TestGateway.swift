import Foundation
import Gateway
import Logging
import Planner
import PlannerSimulator
import SOAP
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The repository's root, for Wsdl/ and Mappings/.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// Which simulator the HTTP tests run against: the demo one, or with `JOBNET_GATEWAY_TEST_PLANNER=strict`
/// the strict one (`PlannerSimulatorStyle.strict`, its own routes); `make test` runs the suite against both.
let testPlannerStyle: PlannerSimulatorStyle =
    ProcessInfo.processInfo.environment["JOBNET_GATEWAY_TEST_PLANNER"].flatMap(PlannerSimulatorStyle.init(rawValue:)) ?? .demo

/// Mappings/ as shipped, but for planner-api.yaml: the one `discover` proposes for the strict
/// simulator's routes (Tests/Tools/strict/planner-api.yaml). Made once per test run.
let strictMappingsDirectory: String = {
    let directory = NSTemporaryDirectory() + "jobnet-gateway-strict-mappings-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for file in try! FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Mappings") where file.hasSuffix(".yaml") {
        try! FileManager.default.copyItem(atPath: repositoryRoot + "/Mappings/" + file, toPath: directory + "/" + file)
    }
    try! FileManager.default.removeItem(atPath: directory + "/planner-api.yaml")
    try! FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Tools/strict/planner-api.yaml", toPath: directory + "/planner-api.yaml")
    return directory
}()

/// The Mappings/ directory the HTTP tests start from (copy it to change a file): the shipped one, or
/// with the strict simulator the shipped one with its routes aligned.
var testMappingsDirectory: String {
    testPlannerStyle == .strict ? strictMappingsDirectory : repositoryRoot + "/Mappings"
}

/// A gateway and its Planner simulator, both on loopback ports of their own, for one test.
final class TestGateway: @unchecked Sendable {
    let simulator: PlannerSimulatorServer
    let state: PlannerSimulatorState
    let port: Int
    private let task: Task<Void, any Error>
    private let lock = NSLock()
    private var captured: [MappingLogRecord] = []
    private var capturedLines: [String] = []

    var url: String { "http://127.0.0.1:\(port)/JobnetCitizenStatusService" }

    /// Every mapping-log record written so far.
    var records: [MappingLogRecord] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    /// Every mapping-log line written so far, in both forms.
    var logLines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return capturedLines
    }

    let server: GatewayServer

    static func start(
        configure: (inout GatewayConfiguration) -> Void = { _ in },
        data: SimulatorData = DemoData.make(),
        style: PlannerSimulatorStyle = testPlannerStyle,
        clock: (@Sendable () -> Date)? = nil,
        simulator existing: PlannerSimulatorServer? = nil,
        logFile: MappingLogFile? = nil, logFormat: MappingLog.Format = .json
    ) async throws -> TestGateway {
        let simulator: PlannerSimulatorServer
        if let existing {
            simulator = existing
        } else {
            simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: data, clock: clock ?? { Date() }), style: style)
            try await simulator.start()
        }
        let state = simulator.state
        var configuration = GatewayConfiguration(plannerURL: await simulator.baseURL)
        configuration.port = 0
        configuration.rootDepartmentId = DemoData.rootDepartmentId
        configuration.micrositeId = DemoData.micrositeId
        // The gateway's routes follow the simulator's, as an operator aligns them with `discover`.
        configuration.mappingsDirectory = simulator.routes == PlannerSimulatorStyle.strict.routes
            ? strictMappingsDirectory : repositoryRoot + "/Mappings"
        configuration.wsdlDirectory = repositoryRoot + "/Wsdl"
        configuration.transport.connectTimeoutMilliseconds = 1_000
        configuration.transport.totalTimeoutMilliseconds = 2_000
        configuration.databasePath = NSTemporaryDirectory() + "jobnet-gateway-ledger-\(UUID().uuidString).sqlite"
        configure(&configuration)
        return try await TestGateway(
            configuration: configuration, simulator: simulator, state: state, logFile: logFile, logFormat: logFormat,
            clock: clock ?? { Date() })
    }

    private init(
        configuration: GatewayConfiguration, simulator: PlannerSimulatorServer, state: PlannerSimulatorState,
        logFile: MappingLogFile?, logFormat: MappingLog.Format, clock: @escaping @Sendable () -> Date
    ) async throws {
        self.simulator = simulator
        self.state = state
        let box = CaptureBox()
        // The records are captured; nothing is printed unless a log file is given.
        let log: MappingLog
        if let logFile {
            log = MappingLog(file: logFile, format: logFormat) { record in box.append(record) }
        } else {
            let quiet = Logger(label: "test.mapping", factory: { _ in SwiftLogNoOpLogHandler() })
            log = MappingLog(logger: quiet, format: logFormat) { record in box.append(record) }
        }
        let server = try GatewayServer(configuration: configuration, log: log, clock: clock)
        self.server = server
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run { port in continuation.yield(port); continuation.finish() } }
        var iterator = stream.makeAsyncIterator()
        port = await iterator.next() ?? 0
        box.owner = self
    }

    fileprivate func append(_ record: MappingLogRecord) {
        lock.lock()
        captured.append(record)
        capturedLines.append(record.jsonLine)
        capturedLines.append(record.textLine)
        lock.unlock()
    }

    func stop(keepingSimulator: Bool = false) async {
        task.cancel()
        _ = try? await task.value
        if !keepingSimulator { await simulator.stop() }
    }

    /// POSTs raw bytes and returns the status, the body and the headers.
    func post(
        _ body: [UInt8], path: String = "/JobnetCitizenStatusService", contentType: String? = "text/xml; charset=utf-8",
        headers: [String: String] = [:]
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.timeoutInterval = 30
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return HTTPAnswer(status: http.statusCode, body: String(decoding: data, as: UTF8.self),
            headers: http.allHeaderFields.reduce(into: [:]) { $0["\($1.key)".lowercased()] = "\($1.value)" })
    }

    func post(_ xml: String, path: String = "/JobnetCitizenStatusService", contentType: String? = "text/xml; charset=utf-8",
              headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await post(Array(xml.utf8), path: path, contentType: contentType, headers: headers)
    }

    func get(_ path: String) async throws -> HTTPAnswer {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        let http = response as! HTTPURLResponse
        return HTTPAnswer(status: http.statusCode, body: String(decoding: data, as: UTF8.self),
            headers: http.allHeaderFields.reduce(into: [:]) { $0["\($1.key)".lowercased()] = "\($1.value)" })
    }
}

private final class CaptureBox: @unchecked Sendable {
    weak var owner: TestGateway?

    func append(_ record: MappingLogRecord) {
        owner?.append(record)
    }
}

struct HTTPAnswer {
    var status: Int
    var body: String
    var headers: [String: String]

    /// The Fejlkode of a fault answer, if it is one.
    var fejlkode: Int? { value(of: "Fejlkode").flatMap(Int.init) }
    var nyFejlkode: Int? { value(of: "NyFejlkode").flatMap(Int.init) }
    var faultcode: String? { value(of: "faultcode") ?? value(of: "soap:Value") }

    /// The answer as the project's XML parser reads it; nil when it is not XML.
    var tree: XMLNode? { try? XMLParser().parse(Array(body.utf8)).root }

    /// The text of the first element (in document order) with this local name that holds text only;
    /// a prefix in `name` (`soap:Value`) is ignored.
    func value(of name: String) -> String? {
        let localName = name.split(separator: ":").last.map(String.init) ?? name
        func first(in node: XMLNode) -> XMLNode? {
            if node.localName == localName && node.children.isEmpty { return node }
            for child in node.children {
                if let found = first(in: child) { return found }
            }
            return nil
        }
        return tree.flatMap(first(in:))?.text
    }

    /// Every element with this local name, each as its children's texts by local name.
    func elements(_ localName: String) -> [[String: String]] {
        func find(in node: XMLNode) -> [XMLNode] {
            (node.localName == localName ? [node] : []) + node.children.flatMap { find(in: $0) }
        }
        return (tree.map(find(in:)) ?? []).map { element in
            Dictionary(element.children.map { ($0.localName, $0.text) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// How many elements with this local name the answer holds.
    func count(of localName: String) -> Int {
        func count(in node: XMLNode) -> Int {
            (node.localName == localName ? 1 : 0) + node.children.reduce(0) { $0 + count(in: $1) }
        }
        return tree.map(count(in:)) ?? 0
    }
}

/// SOAP request builders against the contract's namespace.
enum SOAP {
    static let namespace = "urn:dk:jobnet-gateway:JobnetCitizenStatusService:v10"
    static let soap11 = "http://schemas.xmlsoap.org/soap/envelope/"
    static let soap12 = "http://www.w3.org/2003/05/soap-envelope"

    static func envelope(cpr: String?, body: String, version: String = soap11) -> String {
        let header = cpr.map { "<s:Header><v:PersonCivilRegistrationIdentifier>\($0)</v:PersonCivilRegistrationIdentifier></s:Header>" } ?? ""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"\(version)\" xmlns:v=\"\(namespace)\">\(header)<s:Body>\(body)</s:Body></s:Envelope>"
    }

    static func operation(_ name: String, cpr: String?, content: String = "") -> String {
        envelope(cpr: cpr, body: content.isEmpty ? "<v:\(name)/>" : "<v:\(name)>\(content)</v:\(name)>")
    }
}

/// Runs `body` against a gateway and simulator served over real HTTP (`TestGateway`), stopping both
/// (awaited) when it returns or throws: for the tests that are about HTTP, TLS, Planner going down or
/// the gateway as a process. The operation tests use `withTestGateway`, in-process.
func withHTTPTestGateway<T: Sendable>(
    configure: (inout GatewayConfiguration) -> Void = { _ in },
    data: SimulatorData = DemoData.make(),
    style: PlannerSimulatorStyle = testPlannerStyle,
    clock: (@Sendable () -> Date)? = nil,
    logFile: MappingLogFile? = nil, logFormat: MappingLog.Format = .json,
    _ body: (TestGateway) async throws -> T
) async throws -> T {
    let gateway = try await TestGateway.start(
        configure: configure, data: data, style: style, clock: clock, logFile: logFile, logFormat: logFormat)
    do {
        let result = try await body(gateway)
        await gateway.stop()
        return result
    } catch {
        await gateway.stop()
        throw error
    }
}

/// Runs `body` with `simulator` serving, and stops it (awaited) when `body` returns or throws.
func withRunningSimulator<T: Sendable>(_ simulator: PlannerSimulatorServer, _ body: () async throws -> T) async throws -> T {
    try await simulator.start()
    do {
        let result = try await body()
        await simulator.stop()
        return result
    } catch {
        await simulator.stop()
        throw error
    }
}

/// The demo simulator serving on loopback, and a Planner client reaching it through libcurl with `settings`.
func withCurlClientOnSimulator<T: Sendable>(
    _ settings: PlannerTransportSettings, _ body: (PlannerSimulatorState, PlannerClient) async throws -> T
) async throws -> T {
    let state = PlannerSimulatorState(data: DemoData.make())
    let simulator = PlannerSimulatorServer(state: state)
    return try await withRunningSimulator(simulator) {
        let client = PlannerClient(
            configuration: .init(baseURL: await simulator.baseURL, rootDepartmentId: DemoData.rootDepartmentId, micrositeId: DemoData.micrositeId),
            transport: CurlTransport(settings: settings))
        return try await body(state, client)
    }
}
