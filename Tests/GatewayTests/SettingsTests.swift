import Foundation
import Planner
@testable import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct SettingsTests {
    @Test func flagsWinOverTheConfigFileWhichWinsOverTheEnvironmentAndSecretsAreMasked() throws {
        let file = NSTemporaryDirectory() + "jobnet-gateway-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "port: 9000\nhost: 0.0.0.0\nclient-key-password: hemmeligt\nlog-format: text\n".write(toFile: file, atomically: true, encoding: .utf8)
        let settings = try GatewaySettings(
            flags: ["port": "9100"], configFile: file,
            environment: ["JOBNET_GATEWAY_PORT": "9200", "JOBNET_GATEWAY_HOST": "10.0.0.1", "JOBNET_GATEWAY_MICROSITE_ID": "not-a-guid",
                          "JOBNET_GATEWAY_DATABASE": "/var/lib/jobnet/ledger.sqlite"])
        #expect(settings.resolved("port").value == "9100" && settings.resolved("port").source == .flag)
        #expect(settings.resolved("host").value == "0.0.0.0" && settings.resolved("host").source == .config)
        #expect(settings.resolved("database").source == .environment)
        #expect(settings.resolved("mappings").value == "Mappings" && settings.resolved("mappings").source == .default)
        let printed = settings.printable
        #expect(printed.contains("port: \"9100\"  # flag"))
        #expect(printed.contains("client-key-password: \"********\"  # config"))
        #expect(!printed.contains("hemmeligt"))
        // The printed form is itself a valid config file.
        let reprinted = NSTemporaryDirectory() + "jobnet-gateway-config-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: reprinted) }
        try printed.write(toFile: reprinted, atomically: true, encoding: .utf8)
        #expect(try GatewaySettings(configFile: reprinted, environment: [:]).value("port") == "9100")
        // A bad value is refused with its name and source, not silently replaced by a default.
        #expect(throws: SettingsError.self) { try GatewayConfiguration(settings: settings, plannerURL: "http://127.0.0.1:1/") }
        do {
            _ = try GatewayConfiguration(settings: settings, plannerURL: "http://127.0.0.1:1/")
        } catch {
            #expect(error.description == "microsite-id: not-a-guid (from the environment) is not a GUID")
        }
        // An unknown key in the config file is an error with its line.
        try "port: 9000\nprot: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: MappingFileError.self) { try GatewaySettings(configFile: file, environment: [:]) }
    }

    @Test func plannerCallsRunOnTheMultiLoopUnlessTheWorkerPoolIsAskedFor() throws {
        func engine(_ flags: [String: String]) throws -> PlannerTransportSettings.Engine {
            try GatewayConfiguration(settings: GatewaySettings(flags: flags, configFile: nil, environment: [:]),
                                     plannerURL: "http://127.0.0.1:1/").transport.engine
        }
        #expect(try engine([:]) == .multi)
        #expect(try engine(["planner-transport": "threads"]) == .threads)
        #expect(throws: SettingsError.self) { try engine(["planner-transport": "fast"]) }
    }

    @Test func printConfigShowsTheEffectiveSettings() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let (status, output) = try await run(ReplayTests.binary, ["serve", "--print-config", "--port", "8123", "--client-key-password", "x1y2"])
        #expect(status == 0)
        #expect(output.contains("port: \"8123\"  # flag"))
        #expect(output.contains("client-key-password: \"********\""))
        #expect(!output.contains("x1y2"))
    }
}
