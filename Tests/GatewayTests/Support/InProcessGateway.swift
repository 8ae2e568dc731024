import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PlannerSimulator
import Synchronization

/// Runs `body` against a gateway served through Hummingbird's router test client, its Planner the
/// simulator in-process (`PlannerSimulatorTransport`): no socket, no thread of curl's, and a lifetime
/// that is the closure's. What the operation tests use; tests about HTTP itself, TLS, signals, processes
/// or Planner going down keep `TestGateway`, which serves both over real HTTP.
///
/// The simulator's style follows `JOBNET_GATEWAY_TEST_PLANNER` as `TestGateway`'s does; `clock`, when
/// given, is the simulator's and the gateway's alike.
func withTestGateway<T: Sendable>(
    configure: (inout GatewayConfiguration) -> Void = { _ in },
    data: SimulatorData = DemoData.make(),
    style: PlannerSimulatorStyle = testPlannerStyle,
    clock: (@Sendable () -> Date)? = nil,
    _ body: @Sendable (InProcessGateway) async throws -> T
) async throws -> T {
    let now = clock ?? { Date() }
    let state = PlannerSimulatorState(data: data, clock: now)
    let baseURL = "http://planner.invalid/"
    var configuration = GatewayConfiguration(plannerURL: baseURL)
    configuration.rootDepartmentId = DemoData.rootDepartmentId
    configuration.micrositeId = DemoData.micrositeId
    configuration.mappingsDirectory = style == .strict ? strictMappingsDirectory : repositoryRoot + "/Mappings"
    configuration.wsdlDirectory = repositoryRoot + "/Wsdl"
    configuration.databasePath = NSTemporaryDirectory() + "jobnet-gateway-ledger-\(UUID().uuidString).sqlite"
    configure(&configuration)
    let capture = RecordCapture()
    let quiet = Logger(label: "test.mapping", factory: { _ in SwiftLogNoOpLogHandler() })
    let server = try GatewayServer(
        configuration: configuration, log: MappingLog(logger: quiet) { record in capture.append(record) }, clock: now,
        plannerTransport: PlannerSimulatorTransport(state: state, style: style, baseURL: baseURL))
    let app = Application(router: server.router(), logger: quiet)
    return try await app.test(.router) { client in
        try await body(InProcessGateway(client: client, state: state, ledger: server.endpoint.ledger, capture: capture))
    }
}

/// The gateway of `withTestGateway`: the same calls as `TestGateway`'s, without a port.
struct InProcessGateway: Sendable {
    let client: any TestClientProtocol
    let state: PlannerSimulatorState
    /// The gateway's ledger, for a test that checks what it recorded.
    let ledger: Ledger
    fileprivate let capture: RecordCapture

    /// Every mapping-log record written so far.
    var records: [MappingLogRecord] { capture.records }

    /// Every mapping-log line written so far, in both forms.
    var logLines: [String] { capture.records.flatMap { [$0.jsonLine, $0.textLine] } }

    /// POSTs raw bytes and returns the status, the body and the headers.
    func post(
        _ body: [UInt8], path: String = "/JobnetCitizenStatusService", contentType: String? = "text/xml; charset=utf-8",
        headers: [String: String] = [:]
    ) async throws -> HTTPAnswer {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return answer(try await client.executeRequest(uri: path, method: .post, headers: fields, body: ByteBuffer(bytes: body)))
    }

    func post(_ xml: String, path: String = "/JobnetCitizenStatusService", contentType: String? = "text/xml; charset=utf-8",
              headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await post(Array(xml.utf8), path: path, contentType: contentType, headers: headers)
    }

    func get(_ path: String) async throws -> HTTPAnswer {
        answer(try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil))
    }

    private func answer(_ response: TestResponse) -> HTTPAnswer {
        HTTPAnswer(
            status: Int(response.status.code), body: String(buffer: response.body),
            headers: response.headers.reduce(into: [:]) { $0[$1.name.rawName.lowercased()] = $1.value })
    }
}

/// The records a gateway wrote, for the test to read.
private final class RecordCapture: Sendable {
    private let stored = Mutex<[MappingLogRecord]>([])

    func append(_ record: MappingLogRecord) { stored.withLock { $0.append(record) } }

    var records: [MappingLogRecord] { stored.withLock { $0 } }
}

/// What a test asks of a gateway, whether it is served over real HTTP (`TestGateway`) or in-process
/// (`InProcessGateway`): its simulator's state, its mapping-log records, and calls.
protocol GatewayUnderTest: Sendable {
    var state: PlannerSimulatorState { get }
    var records: [MappingLogRecord] { get }
    func post(_ xml: String, path: String, contentType: String?, headers: [String: String]) async throws -> HTTPAnswer
}

extension GatewayUnderTest {
    func post(_ xml: String) async throws -> HTTPAnswer {
        try await post(xml, path: "/JobnetCitizenStatusService", contentType: "text/xml; charset=utf-8", headers: [:])
    }
}

extension InProcessGateway: GatewayUnderTest {}
extension TestGateway: GatewayUnderTest {}
