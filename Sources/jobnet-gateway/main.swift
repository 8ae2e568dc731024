import ArgumentParser
import CopenhagenTime
import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator

/// The commands. Each one parses its flags and hands over to the library: no logic lives here.
@main
struct JobnetGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobnet-gateway",
        abstract: "Jobnet (STAR JCSS v10, SOAP) in front of Edora Workforce-Planner (Planner.External.Api, REST).",
        subcommands: [
            Serve.self, PlannerSim.self, CheckMappings.self, Discover.self, Replay.self, Log.self, Fejlmeldinger.self, Enrollments.self,
            Migrate.self,
        ])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JCSS v10 SOAP endpoints.",
        discussion: """
            Settings come from the flags, then the --config file (YAML, the flag names as keys), then
            JOBNET_GATEWAY_* environment variables. --print-config shows the result. SIGHUP reloads
            Mappings/ (refused whole if a file has an error) and reopens the --log-file.
            """)

    @Option var host: String?
    @Option var port: Int?
    @Option(name: .customLong("public-url"), help: "The gateway's address as callers reach it (behind a proxy), for the WSDL")
    var publicURL: String?
    @Option(help: "sim (the embedded simulator with demo data) or Planner's base URL") var planner: String?
    @Option var mappings: String?
    @Option var wsdl: String?
    @Option(help: "The booking ledger, created and migrated at start: a SQLite file, or a postgres:// URL several instances share")
    var database: String?
    @Option(name: .customLong("rebooking-lease-seconds"), help: "Seconds after its last step a half-done rebooking is taken over by a recovery sweep")
    var rebookingLeaseSeconds: Int?
    @Option(help: "A YAML config file") var config: String?
    @Option(name: .customLong("root-department-id")) var rootDepartmentId: String?
    @Option(name: .customLong("microsite-id")) var micrositeId: String?
    @Option(name: .customLong("client-cert"), help: "FOCES client certificate, PEM or PKCS#12 (.p12)") var clientCert: String?
    @Option(name: .customLong("client-key")) var clientKey: String?
    @Option(name: .customLong("client-key-password")) var clientKeyPassword: String?
    @Option(name: .customLong("ca-bundle")) var caBundle: String?
    @Option(name: .customLong("planner-connect-timeout-ms")) var plannerConnectTimeout: Int?
    @Option(name: .customLong("planner-timeout-ms")) var plannerTimeout: Int?
    @Option(name: .customLong("planner-max-concurrent")) var plannerMaxConcurrent: Int?
    @Option(name: .customLong("planner-transport"), help: "multi (libcurl's multi interface on one thread) or threads (a worker per call)")
    var plannerTransport: String?
    @Option(name: .customLong("planner-read-retries")) var plannerReadRetries: Int?
    @Option(name: .customLong("planner-breaker-failures")) var plannerBreakerFailures: Int?
    @Option(name: .customLong("planner-breaker-open-ms")) var plannerBreakerOpen: Int?
    @Option(name: .customLong("max-body-bytes")) var maxBodyBytes: Int?
    @Option(name: .customLong("idle-timeout-ms"), help: "Close a connection silent this long, mid-header included") var idleTimeout: Int?
    @Option(name: .customLong("max-connections"), help: "Connections open at once, at most") var maxConnections: Int?
    @Option(name: .customLong("retention-days"), help: "Delete ledger rows older than this many days (hourly); 0 keeps all")
    var retentionDays: Int?
    @Option(name: .customLong("person-cache-seconds"), help: "Reuse a citizen's PersonByCpr answer this long; 0 is off")
    var personCacheSeconds: Int?
    @Option(name: .customLong("categories-cache-seconds"), help: "Reuse a citizen's GetMicrositeCategories answer this long; 0 is off")
    var categoriesCacheSeconds: Int?
    @Option(name: .customLong("min-body-rate"), help: "Bytes/s a request body must average after the idle timeout; 0 is off")
    var minBodyRate: Int?
    @Option(name: .customLong("trusted-proxies"), help: "Proxy IP addresses whose Forwarded/X-Forwarded-* headers set the WSDL's address (comma-separated)")
    var trustedProxies: String?
    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS to Jobnet with this certificate (PEM)") var tlsCert: String?
    @Option(name: .customLong("tls-key")) var tlsKey: String?
    @Option(name: .customLong("client-ca"), help: "Require Jobnet's client certificate, issued by these CAs (PEM)") var clientCA: String?
    @Option(name: .customLong("allowed-subject"), help: "A client certificate subject allowed in (repeat for more)")
    var allowedSubjects: [String] = []
    @Option(name: .customLong("log-format"), help: "json or text") var logFormat: String?
    @Option(name: .customLong("log-file"), help: "The mapping log (- is standard output)") var logFile: String?
    @Flag(name: .customLong("print-config"), help: "Print the effective settings (secrets masked) and exit") var printConfig = false
    @Option(help: .hidden) var failpoint: String?

    var flags: [String: String] {
        let pairs: [(String, String?)] = [
            ("host", host), ("port", port.map(String.init)), ("public-url", publicURL), ("planner", planner), ("mappings", mappings), ("wsdl", wsdl),
            ("database", database), ("root-department-id", rootDepartmentId), ("microsite-id", micrositeId),
            ("client-cert", clientCert), ("client-key", clientKey), ("client-key-password", clientKeyPassword),
            ("ca-bundle", caBundle), ("planner-connect-timeout-ms", plannerConnectTimeout.map(String.init)),
            ("planner-timeout-ms", plannerTimeout.map(String.init)), ("max-body-bytes", maxBodyBytes.map(String.init)),
            ("idle-timeout-ms", idleTimeout.map(String.init)), ("max-connections", maxConnections.map(String.init)),
            ("min-body-rate", minBodyRate.map(String.init)), ("person-cache-seconds", personCacheSeconds.map(String.init)),
            ("categories-cache-seconds", categoriesCacheSeconds.map(String.init)),
            ("retention-days", retentionDays.map(String.init)), ("rebooking-lease-seconds", rebookingLeaseSeconds.map(String.init)), ("trusted-proxies", trustedProxies),
            ("planner-max-concurrent", plannerMaxConcurrent.map(String.init)),
            ("planner-transport", plannerTransport),
            ("planner-read-retries", plannerReadRetries.map(String.init)),
            ("planner-breaker-failures", plannerBreakerFailures.map(String.init)),
            ("planner-breaker-open-ms", plannerBreakerOpen.map(String.init)),
            ("log-format", logFormat), ("log-file", logFile), ("tls-cert", tlsCert), ("tls-key", tlsKey), ("client-ca", clientCA),
            ("allowed-subjects", allowedSubjects.isEmpty ? nil : allowedSubjects.joined(separator: ";")),
        ]
        return pairs.reduce(into: [:]) { result, pair in if let value = pair.1 { result[pair.0] = value } }
    }

    func run() async throws {
        let settings = try GatewaySettings(flags: flags, configFile: config)
        if printConfig {
            print(settings.printable, terminator: "")
            return
        }
        var simulator: PlannerSimulatorServer?
        var built: GatewayConfiguration
        do {
            if settings.value("planner") == "sim" {
                let server = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
                try await server.start()
                simulator = server
                built = try GatewayConfiguration(
                    settings: settings, plannerURL: await server.baseURL, defaultIds: (DemoData.rootDepartmentId, DemoData.micrositeId))
            } else {
                built = try GatewayConfiguration(settings: settings, plannerURL: settings.value("planner") ?? "sim")
            }
        } catch let error as SettingsError {
            throw ValidationError(error.description)
        }
        if let failpoint {
            guard let point = RebookingFailpoint(rawValue: failpoint) else { throw ValidationError("--failpoint: unknown") }
            built.failpoint = point
        }
        let configuration = built
        let logFile = try MappingLogFile(path: configuration.logFile)
        let server = try await GatewayServer.open(configuration: configuration, log: MappingLog(file: logFile, format: configuration.logFormat))
        let planner = simulator == nil ? configuration.plannerURL : "the embedded simulator (demo data)"
        let host = configuration.host
        try await server.run(stopsGracefullyOnSignals: true, logFile: logFile) { port in
            let scheme = configuration.inboundTLS == nil ? "http" : "https"
            let line = "jobnet-gateway serving on \(scheme)://\(host):\(port)/JobnetCitizenStatusService, Planner: \(planner)\n"
            // On standard output only when the mapping log has a file of its own: a piped JSON log stays JSON.
            let toFile = configuration.logFile != nil && configuration.logFile != "-"
            (toFile ? FileHandle.standardOutput : FileHandle.standardError).write(Data(line.utf8))
        }
        await simulator?.stop()
    }
}

struct PlannerSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner-sim", abstract: "Run the Planner simulator alone.",
        discussion: """
            --strict answers as unlike the demo as the seed allows (PlannerSimulatorStyle): windows refused
            unless their end is after their start, options unordered, fractional seconds and offsets, camelCase,
            nulls, unknown properties, joint meetings by TaskId, and REST-style routes of its own (see
            swagger/docs/v1; `jobnet-gateway discover` aligns Mappings/planner-api.yaml with them).
            """)

    @Option var host: String = "127.0.0.1"
    @Option var port: Int = 8090
    @Option(help: "A YAML data file (see SimulatorDataFile); without it, the built-in demo data") var data: String?
    @Flag(help: "Behave as a Planner may by the seed, but as unlike the demo as it allows") var strict = false
    @Option(help: "Which routes to serve: demo (the gateway's defaults) or strict; default: the style's own") var routes: String?

    func run() async throws {
        let simulatorData = try data.map(SimulatorDataFile.load(path:)) ?? DemoData.make()
        let style: PlannerSimulatorStyle = strict ? .strict : .demo
        var table: PlannerRoutes?
        if let routes {
            guard let chosen = PlannerSimulatorStyle(rawValue: routes) else { throw ValidationError("--routes is demo or strict") }
            table = chosen.routes
        }
        let server = PlannerSimulatorServer(
            state: PlannerSimulatorState(data: simulatorData), host: host, port: port, routes: table, style: style)
        try await server.start()
        let line = "planner-sim (\(style.rawValue)) serving on \(await server.baseURL) "
            + "(RootDepartmentId \(simulatorData.rootDepartmentId.uuidString.lowercased()), "
            + "MicrositeId \(simulatorData.micrositeId.uuidString.lowercased()))\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}

struct CheckMappings: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-mappings", abstract: "Validate the mapping files.")

    @Option var mappings: String = "Mappings"

    func run() throws {
        do {
            let loaded = try GatewayMappings.load(directory: mappings)
            print("\(mappings): ok (\(loaded.offers.count) offers, \(loaded.caseworkers.count) caseworkers, \(loaded.catalogue.errors.count) STAR codes)")
        } catch {
            for problem in error.errors { print(problem.description) }
            throw ExitCode(1)
        }
    }
}

struct Discover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Onboard a jobcenter's Planner: what the mappings lack, and the routes Planner's Swagger catalogue gives.",
        discussion: """
            Read-only calls only: Planner's Swagger catalogue (--swagger-path), PersonByCpr for a test citizen,
            GetMicrositeCategories and BookingOptions for the next --days days. Prints where Mappings/planner-api.yaml
            differs from the catalogue (with a corrected file to review), the offers and resources the mappings lack as
            YAML to paste into offers.yaml and caseworkers.yaml (fill every <FILL: …> field; check-mappings refuses
            them until you do), and what the gateway would serve today for each offer.
            Exit status: 0 when the mappings cover this Planner, 1 when not (for cron), 2 when Planner could not be read.
            The test citizen's CPR is best given in JOBNET_GATEWAY_DISCOVER_CPR (a flag shows in the process list).
            """)

    @Option(help: "Planner's base URL, e.g. https://preprod.workforce-planner.dk/Planner.External.Api/") var planner: String
    @Option(name: .customLong("root-department-id")) var rootDepartmentId: String
    @Option(name: .customLong("microsite-id")) var micrositeId: String
    @Option(help: "A test citizen's CPR (or JOBNET_GATEWAY_DISCOVER_CPR)") var cpr: String?
    @Option var mappings: String = "Mappings"
    @Option(help: "How many days of free times to look at") var days: Int = 31
    @Option(name: .customLong("swagger-path"), help: "Planner's Swagger 2.0 document, relative to the base URL")
    var swaggerPath: String = "swagger/docs/v1"
    @Option(name: .customLong("write-planner-api"), help: "Also write the proposed planner-api.yaml to this file") var writePlannerAPI: String?
    @Option(name: .customLong("client-cert"), help: "FOCES client certificate, PEM or PKCS#12 (.p12)") var clientCert: String?
    @Option(name: .customLong("client-key")) var clientKey: String?
    @Option(name: .customLong("client-key-password")) var clientKeyPassword: String?
    @Option(name: .customLong("ca-bundle")) var caBundle: String?

    func run() async throws {
        guard let root = UUID(uuidString: rootDepartmentId), let microsite = UUID(uuidString: micrositeId) else {
            throw ValidationError("--root-department-id and --microsite-id are GUIDs")
        }
        guard let text = cpr ?? ProcessInfo.processInfo.environment["JOBNET_GATEWAY_DISCOVER_CPR"], let citizen = CPR(text) else {
            throw ValidationError("a test citizen's CPR (--cpr or JOBNET_GATEWAY_DISCOVER_CPR) matching STAR's pattern is required")
        }
        guard (1...366).contains(days) else { throw ValidationError("--days is 1 to 366") }
        let loaded: GatewayMappings
        do {
            loaded = try GatewayMappings.load(directory: mappings)
        } catch {
            for problem in error.errors { print(problem.description) }
            throw ExitCode(2)
        }
        var settings = PlannerTransportSettings()
        settings.clientCertificate = clientCert
        settings.clientKey = clientKey
        settings.clientKeyPassword = clientKeyPassword
        settings.caBundle = caBundle
        let discovery = PlannerDiscovery(
            baseURL: planner, rootDepartmentId: root, micrositeId: microsite, cpr: citizen, days: days, swaggerPath: swaggerPath,
            mappings: loaded, transport: CurlTransport(settings: settings))
        do {
            let report = try await discovery.run()
            print(report.text, terminator: "")
            if let writePlannerAPI, let yaml = report.plannerAPI {
                try yaml.write(toFile: writePlannerAPI, atomically: true, encoding: .utf8)
            }
            if !report.complete { throw ExitCode(1) }
        } catch let failure as PlannerDiscovery.Failure {
            FileHandle.standardError.write(Data("discover: \(failure.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay XML fixtures against a running gateway; exit 0 only when every answer matches.",
        discussion: """
            PATH is a directory (searched for *.request.xml), a fixture file, or a fixture name. Each
            NAME.request.xml is sent (its {{now+3d}}-style placeholders expanded) and the answer compared
            with NAME.response.xml canonically. Replay against a freshly started gateway on the demo data:
            the fixtures book and cancel, so a second run finds the demo data changed.
            """)

    @Option(help: "The gateway's SOAP endpoint, e.g. http://127.0.0.1:8080/JobnetCitizenStatusService") var url: String
    @Flag(help: "Write each actual answer as the new expected file") var record = false
    @Option(name: .customLong("ca-bundle"), help: "CAs for a gateway served over TLS") var caBundle: String?
    @Option(help: "Also write the result as JUnit XML to this file (one test case per fixture), for Jenkins or GitLab")
    var junit: String?
    @Argument(help: "Fixture directories or files") var paths: [String] = []

    func run() async throws {
        let fixtures: [FixtureReplay.Fixture]
        do {
            fixtures = try FixtureReplay.fixtures(in: paths.isEmpty ? ["Tests/Fixtures"] : paths)
        } catch {
            throw ValidationError("\(error)")
        }
        let replay = FixtureReplay(url: url, record: record, caBundle: caBundle)
        var outcomes: [FixtureReplay.Outcome] = []
        for fixture in fixtures {
            let outcome = await replay.run(fixture)
            outcomes.append(outcome)
            print(outcome.report)
        }
        let failed = outcomes.filter { !$0.passed }.count
        print("\(fixtures.count - failed) passed, \(failed) failed")
        if let junit {
            do {
                try Data(FixtureReplay.junit(outcomes, at: Date())).write(to: URL(fileURLWithPath: junit))
            } catch {
                throw ValidationError("--junit \(junit): \(error.localizedDescription)")
            }
        }
        if failed > 0 || fixtures.isEmpty { throw ExitCode(1) }
    }
}

struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the mapping log, filtered; --follow keeps reading as the gateway writes.",
        discussion: "Reads the JSON or text lines `serve --log-file` writes (or standard input with -) and prints them readably.")

    @Option(help: "The mapping log file, or - for standard input") var file: String = "jobnet-gateway.log"
    @Flag(help: "Keep reading as lines are appended (follows logrotate)") var follow = false
    @Option(help: "Only this operation (e.g. CreateSelvbooking)") var operation: String?
    @Option(help: "Only this outcome: a STAR code, or ok") var code: String?
    @Option(name: .customLong("correlation-id"), help: "Only this call") var correlationId: String?
    @Flag(help: "Print the matching JSON lines as they are") var json = false

    func run() async throws {
        let filter = MappingLogFilter(operation: operation, outcome: code, correlationId: correlationId)
        let follower = MappingLogFollower(path: file, filter: filter, follow: follow, asJSON: json)
        do {
            try await follower.run { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        } catch let error as MappingLogFileError {
            throw ValidationError(error.message)
        }
    }
}

struct Fejlmeldinger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the error reports Jobnet sent (CreateFejlmelding).")

    @Option(help: "The booking ledger: a SQLite file or a postgres:// URL") var database: String = "jobnet-gateway.sqlite"
    @Option(help: "Only reports received on or after this date (YYYY-MM-DD, Copenhagen)") var since: String?

    func run() async throws {
        let (ledger, from) = try await openLedger(database, since: since)
        let reports = try await ledger.fejlmeldinger(since: from)
        for report in reports {
            print(FejlmeldingLine(report).text)
        }
        print("\(reports.count) fejlmelding(er)")
    }
}

struct Enrollments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the enrollments StraksbookOgTilmeld recorded, for the jobcenter to pass on to STAR.",
        discussion: "The gateway records an enrollment with its booking; it does not enrol the citizen with STAR.")

    @Option(help: "The booking ledger: a SQLite file or a postgres:// URL") var database: String = "jobnet-gateway.sqlite"
    @Option(help: "Only enrollments recorded on or after this date (YYYY-MM-DD, Copenhagen)") var since: String?

    func run() async throws {
        let (ledger, from) = try await openLedger(database, since: since)
        let enrollments = try await ledger.enrollments(since: from)
        for enrollment in enrollments {
            print(EnrollmentLine(enrollment).text)
        }
        print("\(enrollments.count) tilmelding(er)")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or migrate the booking ledger's schema, and nothing else (for a deploy pipeline).",
        discussion: """
            serve migrates at start too; this runs the migrations alone, before the new gateway starts. It
            refuses a ledger a newer gateway has migrated, as serve does.
            """)

    @Option(help: "The booking ledger: a SQLite file or a postgres:// URL") var database: String = "jobnet-gateway.sqlite"

    func run() async throws {
        let applied = try await Ledger.migrate(database: database, logger: Ledger.databaseLogger)
        for migration in applied { print("applied \(migration)") }
        print("\(PostgresLocation.shown(database)): schema at \(Ledger.knownMigrations.last ?? "none")\(applied.isEmpty ? " (nothing to do)" : "")")
    }
}

/// An existing ledger for a listing command, and its `--since` day (YYYY-MM-DD, Copenhagen) as a time.
func openLedger(_ database: String, since: String?) async throws -> (Ledger, Date?) {
    var from: Date?
    if let since {
        guard let date = CopenhagenTime.parse(since + "T00:00:00") else { throw ValidationError("--since takes YYYY-MM-DD") }
        from = date
    }
    if PostgresLocation.isPostgres(database) { return (try await Ledger.open(database, logger: Ledger.databaseLogger), from) }
    guard FileManager.default.fileExists(atPath: database) else { throw ValidationError("no ledger at \(database)") }
    return (try Ledger(path: database), from)
}
