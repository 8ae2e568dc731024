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
        subcommands: [Serve.self, PlannerSim.self, CheckMappings.self, Replay.self, Fejlmeldinger.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the JCSS v10 SOAP endpoints.")

    @Option var host: String?
    @Option var port: Int?
    @Option(help: "sim (the embedded simulator with demo data) or Planner's base URL") var planner: String?
    @Option var mappings: String?
    @Option var wsdl: String?
    @Option(help: "The booking ledger (SQLite file), created and migrated at start") var database: String?
    @Option var config: String?
    @Option(name: .customLong("root-department-id")) var rootDepartmentId: String?
    @Option(name: .customLong("microsite-id")) var micrositeId: String?
    @Option(name: .customLong("client-cert"), help: "FOCES client certificate, PEM or PKCS#12 (.p12)") var clientCert: String?
    @Option(name: .customLong("client-key")) var clientKey: String?
    @Option(name: .customLong("ca-bundle")) var caBundle: String?
    @Option(name: .customLong("log-format"), help: "json or text") var logFormat: String?

    func run() async throws {
        let settings = try GatewaySettings(configFile: config)
        let plannerSetting = settings.value(planner, "planner") ?? "sim"
        var simulator: PlannerSimulatorServer?
        var configuration: GatewayConfiguration
        if plannerSetting == "sim" {
            let server = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
            try await server.start()
            simulator = server
            configuration = GatewayConfiguration(plannerURL: await server.baseURL)
            configuration.rootDepartmentId = DemoData.rootDepartmentId
            configuration.micrositeId = DemoData.micrositeId
        } else {
            configuration = GatewayConfiguration(plannerURL: plannerSetting)
        }
        configuration.host = settings.value(host, "host") ?? configuration.host
        configuration.port = settings.value(port.map(String.init), "port").flatMap(Int.init) ?? configuration.port
        configuration.mappingsDirectory = settings.value(mappings, "mappings") ?? configuration.mappingsDirectory
        configuration.wsdlDirectory = settings.value(wsdl, "wsdl") ?? configuration.wsdlDirectory
        configuration.databasePath = settings.value(database, "database") ?? configuration.databasePath
        if let id = settings.value(rootDepartmentId, "root-department-id") { configuration.rootDepartmentId = UUID(uuidString: id) }
        if let id = settings.value(micrositeId, "microsite-id") { configuration.micrositeId = UUID(uuidString: id) }
        configuration.transport.clientCertificate = settings.value(clientCert, "client-cert")
        configuration.transport.clientKey = settings.value(clientKey, "client-key")
        configuration.transport.caBundle = settings.value(caBundle, "ca-bundle")
        configuration.logFormat = MappingLog.Format(rawValue: settings.value(logFormat, "log-format") ?? "json") ?? .json
        let server = try GatewayServer(configuration: configuration, log: MappingLog(format: configuration.logFormat))
        let planner = simulator == nil ? configuration.plannerURL : "the embedded simulator (demo data)"
        let host = configuration.host
        try await server.run { port in
            let line = "jobnet-gateway serving on http://\(host):\(port)/JobnetCitizenStatusService, Planner: \(planner)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        await simulator?.stop()
    }
}

struct PlannerSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "planner-sim", abstract: "Run the Planner simulator alone.")

    @Option var host: String = "127.0.0.1"
    @Option var port: Int = 8090
    @Option(help: "A YAML data file (see SimulatorDataFile); without it, the built-in demo data") var data: String?

    func run() async throws {
        let simulatorData = try data.map(SimulatorDataFile.load(path:)) ?? DemoData.make()
        let server = PlannerSimulatorServer(state: PlannerSimulatorState(data: simulatorData), host: host, port: port)
        try await server.start()
        let line = "planner-sim serving on \(await server.baseURL) (RootDepartmentId \(simulatorData.rootDepartmentId), "
            + "MicrositeId \(simulatorData.micrositeId))\n"
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

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay XML fixtures against a running gateway (not built yet).")

    @Option var url: String
    @Argument var paths: [String] = []

    func run() throws {
        print("replay is not implemented yet (issue: operators and testers)")
        throw ExitCode(2)
    }
}

struct Fejlmeldinger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the error reports Jobnet sent (CreateFejlmelding).")

    @Option(help: "The booking ledger (SQLite file)") var database: String = "jobnet-gateway.sqlite"
    @Option(help: "Only reports received on or after this date (YYYY-MM-DD, Copenhagen)") var since: String?

    func run() async throws {
        var from: Date?
        if let since {
            guard let date = CopenhagenTime.parse(since + "T00:00:00") else { throw ValidationError("--since takes YYYY-MM-DD") }
            from = date
        }
        guard FileManager.default.fileExists(atPath: database) else { throw ValidationError("no ledger at \(database)") }
        let reports = try await Ledger(path: database).fejlmeldinger(since: from)
        for report in reports {
            print(FejlmeldingLine(report).text)
        }
        print("\(reports.count) fejlmelding(er)")
    }
}
