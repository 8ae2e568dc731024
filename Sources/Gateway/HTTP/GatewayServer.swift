import CopenhagenTime
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Jobnet
import Logging
import NIOCore
import Planner
import SOAP
import ServiceLifecycle
import ServiceLifecycle

/// The gateway's HTTP surface (gateway-interface.md §2) on Hummingbird.
public struct GatewayServer: Sendable {
    public static let serviceNames = ["JobnetCitizenStatusService", "JobnetBookingService"]

    public let configuration: GatewayConfiguration
    public let endpoint: SOAPEndpoint
    public let health: PlannerHealth
    public let metrics: GatewayMetrics
    /// What /status shows of the calls served.
    public let board: StatusBoard
    /// The one breaker in front of Planner, for /status.
    let breaker: CircuitBreaker
    /// The connections open, and those dropped (over the cap, too slow a body), for /metrics.
    let connections: ConnectionLimit

    /// Loads the contract and the mappings (refusing to start on an error) and builds the Planner client,
    /// on libcurl unless `plannerTransport` is given (the tests' in-process simulator).
    /// `ledger`: one already open (`open(configuration:…)` opens a PostgreSQL one); else the SQLite file
    /// `configuration.databasePath` names.
    public init(
        configuration: GatewayConfiguration, log: MappingLog = MappingLog(), clock: @escaping @Sendable () -> Date = { Date() },
        plannerTransport: (any PlannerTransport)? = nil, ledger: Ledger? = nil
    ) throws {
        let contract = try Contract(directory: configuration.wsdlDirectory)
        // One transport (its worker threads and their kept-alive connections) for every generation of mappings.
        let transport = plannerTransport ?? CurlTransport(settings: configuration.transport)
        // One breaker too: a reload does not forget that Planner is down.
        let breaker = CircuitBreaker(
            failures: configuration.protection.breakerFailures, openSeconds: configuration.protection.breakerOpenSeconds)
        // And one PersonByCpr cache: a reload does not change who a CPR is.
        let personCache = configuration.personCacheSeconds > 0
            ? PersonCache(seconds: Double(configuration.personCacheSeconds), clock: clock) : nil
        // And one GetMicrositeCategories cache, for the same reason.
        let categoryCache = configuration.categoriesCacheSeconds > 0
            ? CategoryCache(seconds: Double(configuration.categoriesCacheSeconds), clock: clock) : nil
        let store = try MappingsStore(directory: configuration.mappingsDirectory) { routes in
            PlannerClient(
                configuration: .init(
                    baseURL: configuration.plannerURL, rootDepartmentId: configuration.rootDepartmentId,
                    micrositeId: configuration.micrositeId, routes: routes),
                transport: transport, protection: configuration.protection, breaker: breaker, personCache: personCache,
                categoryCache: categoryCache)
        }
        if ledger == nil, let database = configuration.databasePath, PostgresLocation.isPostgres(database) {
            throw LedgerLocationError("a PostgreSQL ledger is opened by GatewayServer.open")
        }
        let ledger = try ledger
            ?? Ledger(path: configuration.databasePath, leaseSeconds: Double(configuration.rebookingLeaseSeconds))
        self.configuration = configuration
        let health = PlannerHealth()
        let metrics = GatewayMetrics()
        let board = StatusBoard(clock: clock)
        self.health = health
        self.metrics = metrics
        self.board = board
        self.breaker = breaker
        self.connections = ConnectionLimit(maximum: configuration.maximumConnections, onDrop: { metrics.connectionDropped($0) })
        let observed = MappingLog(logger: log.logger, format: log.format) { record in
            health.observe(record.plannerCalls)
            metrics.observe(record)
            board.observe(record)
            log.sink?(record)
        }
        self.endpoint = SOAPEndpoint(
            contract: contract, parser: XMLParser(limits: XMLParseLimits(maximumBytes: configuration.maximumBodyBytes)),
            store: store, log: observed, ledger: ledger, limits: configuration.limits, clock: clock,
            failpoint: configuration.failpoint)
    }

    /// Opens the ledger `configuration.databasePath` names (a SQLite file or a `postgres://` URL, connected
    /// and migrated) and builds the server on it.
    public static func open(configuration: GatewayConfiguration, log: MappingLog = MappingLog()) async throws -> GatewayServer {
        guard let database = configuration.databasePath, PostgresLocation.isPostgres(database) else {
            return try GatewayServer(configuration: configuration, log: log)   // SQLite: the initialiser opens it
        }
        let ledger = try await Ledger.open(database, leaseSeconds: Double(configuration.rebookingLeaseSeconds), logger: Ledger.databaseLogger)
        do {
            return try GatewayServer(configuration: configuration, log: log, ledger: ledger)
        } catch {
            try? ledger.close()
            throw error
        }
    }

    /// Reads Mappings/ again (SIGHUP). Refused when any file has an error: the old mappings stay in
    /// force, and the mapping log says why. Calls already running finish on the mappings they started with.
    @discardableResult
    public func reloadMappings() -> MappingsStore.ReloadOutcome {
        let outcome = endpoint.store.reload()
        let generation = endpoint.store.current.generation
        metrics.observeReload(outcome, generation: generation)
        switch outcome {
        case .reloaded(let generation):
            endpoint.log.event("mappings-reloaded", "\(endpoint.store.directory) loaded as generation \(generation)")
        case .refused(let errors):
            endpoint.log.event(
                "mappings-refused",
                "reload refused, generation \(generation) stays in force: \(errors.joined(separator: "; "))", level: .error)
        }
        return outcome
    }

    /// /ready: Planner answers (probed when the evidence is stale) and the mappings are loaded.
    ///
    /// The ledger must answer too: without it every booking call is a 9303 (nothing is booked in Planner
    /// that the ledger could not record), so a load balancer should send the calls elsewhere.
    public func readiness() async -> (ready: Bool, text: String) {
        let loaded = endpoint.store.current
        let mappingsLine = "mappings: generation \(loaded.generation) from \(endpoint.store.directory), loaded \(CopenhagenTime.format(loaded.loadedAt))"
            + (endpoint.store.lastRefusal.map { "; the last reload was refused: \($0)" } ?? "")
        do {
            try await endpoint.ledger.checkReadable()
        } catch {
            return (false, "not ready: the ledger cannot be read (\(LogRedaction.scrub(String(describing: error).prefix(200).description)))\n\(mappingsLine)\n")
        }
        if let problem = await health.check(probe: { await loaded.planner.probe() }) {
            return (false, "not ready: \(problem)\n\(mappingsLine)\n")
        }
        return (true, "ready\nPlanner: answering\nledger: readable\n\(mappingsLine)\n")
    }

    /// /metrics: the Prometheus text.
    public func metricsText() async -> [UInt8] {
        let bookings = try? await endpoint.ledger.count()
        return metrics.exposition(
            ledgerBookings: bookings, plannerReady: health.problem == nil, mappingsGeneration: endpoint.store.current.generation,
            openConnections: connections.openCount)
    }

    /// /status: the page, refreshing every `refreshSeconds` (0: not at all).
    public func statusPage(refreshSeconds: Int = StatusPage.defaultRefreshSeconds) async -> String {
        let (ready, text) = await readiness()
        let loaded = endpoint.store.current
        let facts = StatusPage.Facts(
            ready: ready, readiness: text, breaker: breaker.current, generation: loaded.generation,
            mappingsDirectory: endpoint.store.directory, loadedAt: loaded.loadedAt, lastRefusal: endpoint.store.lastRefusal,
            catalogue: loaded.mappings.catalogue, refreshSeconds: refreshSeconds)
        return StatusPage(facts: facts, snapshot: board.snapshot()).html
    }

    /// The HTTP surface. A SOAP call passes its stages in order, as Hummingbird composes middleware:
    /// the TLS allow-list (403), the body limit (413), the mapping-log record around the rest, then the
    /// SOAP endpoint (`soap`), which only decodes, runs the operation and encodes.
    public func router() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        let endpoint = self.endpoint
        let limit = configuration.maximumBodyBytes
        for service in Self.serviceNames {
            router.group(RouterPath(service))
                .addMiddleware {
                    if let tls = configuration.inboundTLS, !tls.allowedSubjects.isEmpty { ClientSubjectStage(tls: tls, log: endpoint.log) }
                    BodyLimitStage(limit: limit)
                    MappingLogStage(log: endpoint.log, clock: endpoint.clock)
                }
                .post { request, context in
                    try await Self.soap(request, context: context, endpoint: endpoint, limit: limit, operation: nil, id: nil)
                }
                .post(":operation/:id") { request, context in
                    try await Self.soap(
                        request, context: context, endpoint: endpoint, limit: limit,
                        operation: context.parameters.get("operation"), id: context.parameters.get("id"))
                }
            router.get(RouterPath(service)) { request, context in
                guard request.uri.queryParameters.has("wsdl") || request.uri.queryParameters.has("WSDL") else {
                    return Response(status: .notFound)
                }
                let peer = context.channel.remoteAddress?.ipAddress
                let wsdl = endpoint.contract.wsdl(
                    address: Self.address(of: service, request: request, peer: peer, configuration: configuration))
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
        let server = self
        router.get("ready") { _, _ in
            let (ready, text) = await server.readiness()
            return Response(status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: await server.metricsText())))
        }
        router.get("status") { request, _ in
            let refresh = request.uri.queryParameters.get("refresh").flatMap(Int.init).map { min(max($0, 0), 3600) }
            let html = await server.statusPage(refreshSeconds: refresh ?? StatusPage.defaultRefreshSeconds)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                    // The page is self-contained: no script, no external asset, nothing framed.
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
                    .xContentTypeOptions: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return router
    }

    /// Where callers reach `service`, for the WSDL's soap:address: under `--public-url` when set; else,
    /// for a request from one of `--trusted-proxies`, where its `Forwarded` / `X-Forwarded-*` headers say
    /// the client reached it; else the request's own host with the gateway's scheme (https when it serves TLS).
    static func address(of service: String, request: Request, peer: String?, configuration: GatewayConfiguration) -> String {
        if let publicURL = configuration.publicURL { return "\(publicURL)/\(service)" }
        let trusted = peer.flatMap(IPAddressText.canonical).map(configuration.trustedProxies.contains) ?? false
        let forwarded = trusted ? ForwardedAddress(headers: request.headers) : nil
        let scheme = forwarded?.scheme ?? (configuration.inboundTLS == nil ? "http" : "https")
        let host = forwarded?.host ?? request.head.authority ?? "\(configuration.host):\(configuration.port)"
        return "\(scheme)://\(host)/\(service)"
    }

    /// The SOAP endpoint's stage: the body (read by `BodyLimitStage`) handed over as one call.
    static func soap(
        _ request: Request, context: GatewayRequestContext, endpoint: SOAPEndpoint, limit: Int, operation: String?, id: String?
    ) async throws -> Response {
        let buffer = try await request.body.collect(upTo: limit)
        let call = SOAPEndpoint.Call(
            body: Array(buffer.readableBytesView), contentType: request.headers[.contentType],
            cprHeader: request.headers[.civilRegistrationIdentifier],
            urlOperation: operation, urlIdentifier: id, requestId: request.headers[.requestId])
        let trace = context.trace ?? CallTrace(requestId: call.requestId, urlOperation: operation)
        let answer = await endpoint.handle(call, trace: trace)
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: [.contentType: answer.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Runs the server until cancelled, or, with `stopsGracefullyOnSignals` (serve), as a service group
    /// that SIGTERM or SIGINT stops gracefully: the HTTP server stops accepting connections and lets the
    /// calls in flight finish (for at most `shutdownGrace`, after which they are cancelled), then the
    /// ledger is closed (`LedgerService`); SIGHUP reloads the mappings and reopens `logFile`
    /// (`HangupService`); the retention job deletes old ledger rows at start and hourly (`RetentionService`).
    /// Before the server accepts a call, rebookings a previous run left half-way are
    /// finished or undone. `onRunning` gets the bound port.
    public func run(
        stopsGracefullyOnSignals: Bool = false, shutdownGrace: Duration = .seconds(15), logFile: MappingLogFile? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "jobnet-gateway.http")
        logger.logLevel = .warning
        let connections = self.connections
        let idleTimeout = TimeAmount.milliseconds(Int64(configuration.idleTimeoutMilliseconds))
        let bodyRate = configuration.minimumBodyBytesPerSecond
        let http1 = HTTPServerBuilder.http1(configuration: HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionLimitHandler(limit: connections)]
                + (bodyRate > 0 ? [RequestPaceHandler(minimumBytesPerSecond: bodyRate, grace: idleTimeout, limit: connections)] : []),
            idleTimeout: idleTimeout))
        let server: HTTPServerBuilder = try configuration.inboundTLS.map { try .tls(http1, tlsConfiguration: $0.configuration()) }
            ?? http1
        var app = Application(
            router: router(), server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jobnet-gateway"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let endpoint = self.endpoint
        app.beforeServerStarts {
            await endpoint.recoverRebookings()
        }
        guard stopsGracefullyOnSignals else {
            try await app.run()
            return
        }
        let services: [any Service] = [
            LedgerService(ledger: endpoint.ledger, log: endpoint.log),
            RetentionService(ledger: endpoint.ledger, log: endpoint.log, days: configuration.retentionDays, clock: endpoint.clock),
            RebookingRecoveryService(endpoint: endpoint, interval: .seconds(max(1, configuration.rebookingLeaseSeconds / 2))),
            app, HangupService(server: self, logFile: logFile),
        ]
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = shutdownGrace
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            // The group ended without a graceful shutdown: every call has ended now, so the ledger closes here.
            try? endpoint.ledger.close()
            throw error
        }
    }
}

extension HTTPField.Name {
    static let requestId = Self("x-requestId")!
    static let correlationId = Self("x-correlation-id")!
    static let civilRegistrationIdentifier = Self("x-civilregistrationIdentifier")!
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
