import Foundation
import HTTPTypes
import Hummingbird
import Jobnet
import Logging
import NIOCore
import Planner
import SOAP

/// The gateway's HTTP surface (gateway-interface.md §2) on Hummingbird.
public struct GatewayServer: Sendable {
    public static let serviceNames = ["JobnetCitizenStatusService", "JobnetBookingService"]

    public let configuration: GatewayConfiguration
    public let endpoint: SOAPEndpoint
    public let health: PlannerHealth

    /// Loads the contract and the mappings (refusing to start on an error) and builds the Planner client.
    public init(configuration: GatewayConfiguration, log: MappingLog = MappingLog(), clock: @escaping @Sendable () -> Date = { Date() })
        throws
    {
        let contract = try Contract(directory: configuration.wsdlDirectory)
        let mappings = try GatewayMappings.load(directory: configuration.mappingsDirectory)
        let client = PlannerClient(
            configuration: .init(
                baseURL: configuration.plannerURL, rootDepartmentId: configuration.rootDepartmentId,
                micrositeId: configuration.micrositeId, routes: mappings.routes),
            transport: CurlTransport(settings: configuration.transport))
        let ledger = try Ledger(path: configuration.databasePath)
        self.configuration = configuration
        self.health = PlannerHealth()
        let health = self.health
        let observed = MappingLog(logger: log.logger, format: log.format) { record in
            health.observe(record.plannerCalls)
            log.sink?(record)
        }
        self.endpoint = SOAPEndpoint(
            contract: contract, parser: XMLParser(limits: XMLParseLimits(maximumBytes: configuration.maximumBodyBytes)),
            mappings: { mappings }, planner: client, log: observed, ledger: ledger, limits: configuration.limits, clock: clock)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let endpoint = self.endpoint
        let limit = configuration.maximumBodyBytes
        for service in Self.serviceNames {
            router.post(RouterPath(service)) { request, context in
                try await Self.soap(request, context: context, endpoint: endpoint, limit: limit, operation: nil, id: nil)
            }
            router.post(RouterPath("\(service)/:operation/:id")) { request, context in
                try await Self.soap(
                    request, context: context, endpoint: endpoint, limit: limit,
                    operation: context.parameters.get("operation"), id: context.parameters.get("id"))
            }
            router.get(RouterPath(service)) { request, _ in
                guard request.uri.queryParameters.has("wsdl") || request.uri.queryParameters.has("WSDL") else {
                    return Response(status: .notFound)
                }
                let host = request.head.authority ?? "127.0.0.1"
                let wsdl = endpoint.contract.wsdl(address: "http://\(host)/\(service)")
                return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: wsdl)))
            }
        }
        for (name, bytes) in endpoint.contract.schemas {
            router.get(RouterPath(name)) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        router.get("health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        let health = self.health
        router.get("ready") { _, _ in
            if let problem = health.problem {
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: problem + "\n")))
            }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
        return router
    }

    /// Reads the body within the limit (413 past it) and hands the call to the SOAP endpoint.
    static func soap(
        _ request: Request, context: BasicRequestContext, endpoint: SOAPEndpoint, limit: Int, operation: String?, id: String?
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Response(status: .contentTooLarge)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            return Response(status: .contentTooLarge)
        }
        let correlationId = Self.correlationId(request.headers[HTTPField.Name("x-requestId")!])
        let answer = await endpoint.handle(SOAPEndpoint.Call(
            body: Array(buffer.readableBytesView), contentType: request.headers[.contentType],
            cprHeader: request.headers[HTTPField.Name("x-civilregistrationIdentifier")!],
            urlOperation: operation, urlIdentifier: id, correlationId: correlationId))
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: answer.contentType, HTTPField.Name("x-correlation-id")!: correlationId],
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The caller's x-requestId when it is a plausible id (≤ 46 printable characters), else a new one.
    static func correlationId(_ header: String?) -> String {
        if let header, !header.isEmpty, header.count <= 46,
            header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
        {
            return header
        }
        return UUID().uuidString.lowercased()
    }

    /// Runs the server until cancelled. `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        for line in await endpoint.recoverRebookings() { endpoint.log.logger.warning("\(line)") }
        var logger = Logger(label: "jobnet-gateway.http")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jobnet-gateway"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.run()
    }
}

/// Whether Planner has answered recently: /ready turns 503 after consecutive failures to reach it.
public final class PlannerHealth: @unchecked Sendable {
    private let lock = NSLock()
    private var consecutiveFailures = 0
    private var lastFailure: String?
    public static let threshold = 3

    func observe(_ calls: [PlannerCallRecord]) {
        lock.lock()
        defer { lock.unlock() }
        for call in calls {
            if call.failureClass == "unreachable" || call.failureClass == "server_error" {
                consecutiveFailures += 1
                lastFailure = "\(call.route): \(call.failureClass!)"
            } else {
                consecutiveFailures = 0
                lastFailure = nil
            }
        }
    }

    public var problem: String? {
        lock.lock()
        defer { lock.unlock() }
        guard consecutiveFailures >= Self.threshold, let lastFailure else { return nil }
        return "Planner has failed its last \(consecutiveFailures) calls (\(lastFailure))"
    }
}
