import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct MappingReloadTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    /// A copy of Mappings/ to change: by default the one the HTTP tests' simulator needs.
    static func copyOfTheMappings(from source: String = testMappingsDirectory) throws -> String {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-mappings-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: source, toPath: directory)
        return directory
    }

    static func duration(_ body: String) -> String? {
        HTTPAnswer(status: 200, body: body, headers: [:]).value(of: "MeetingDurationMinutes")
    }

    @Test func aBrokenMappingIsRefusedAndAGoodOneTakesEffectWithoutDroppingARequest() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let mappings = try Self.copyOfTheMappings(from: repositoryRoot + "/Mappings")   // its own demo simulator
            defer { try? FileManager.default.removeItem(atPath: mappings) }
            let offers = mappings + "/offers.yaml"
            let original = try String(contentsOfFile: offers, encoding: .utf8)
            let database = NSTemporaryDirectory() + "jobnet-gateway-reload-\(UUID().uuidString).sqlite"
            let gateway = try await GatewayProcess.start(Self.binary, [
                "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", database,
                "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
                "--mappings", mappings, "--wsdl", repositoryRoot + "/Wsdl",
            ], environment: [:])
            defer { gateway.kill() }
            let request = SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna)

            // Jobnet keeps calling the whole time; every call must be answered, before, during and after.
            // Stopped by a flag, never by cancelling: cancelling a URLSession task in flight can deadlock
            // FoundationNetworking on Linux (URLSessionTask.cancel against the transfer's completion).
            let answers = Lines()
            let stop = StopFlag()
            let load = Task {
                while !stop.isSet {
                    let body = (try? await GatewayProcess.post(request, port: gateway.port)) ?? "no answer"
                    answers.append(Self.duration(body) ?? "failed: \(body.prefix(300))")
                }
            }
            try await waitUntil { answers.all.count >= 5 }
            #expect(Set(answers.all) == ["30"])

            // A broken file: refused, the old mappings keep serving, and the log says why (file and line).
            try original.replacingOccurrences(of: "  durationMinutes: 30\n", with: "  durationMinutes: 99999\n")
                .write(toFile: offers, atomically: true, encoding: .utf8)
            gateway.signal(SIGHUP)
            try await waitUntil { gateway.logLines.contains { $0.contains("mappings-refused") } }
            let refusal = try #require(gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:)).first { $0.event == "mappings-refused" })
            #expect(refusal.message.contains("offers.yaml:"))
            #expect(refusal.message.contains("generation 1 stays in force"))
            let countAtRefusal = answers.all.count
            try await waitUntil { answers.all.count >= countAtRefusal + 5 }
            #expect(Set(answers.all) == ["30"])
            let ready = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(gateway.port)/ready")!)
            #expect(String(decoding: ready.0, as: UTF8.self).contains("the last reload was refused"))

            // A good file: taken, and the next calls get the new mapping.
            try original.replacingOccurrences(of: "  durationMinutes: 30\n", with: "  durationMinutes: 45\n")
                .write(toFile: offers, atomically: true, encoding: .utf8)
            gateway.signal(SIGHUP)
            try await waitUntil { answers.all.last == "45" }
            let countAtReload = answers.all.count
            try await waitUntil { answers.all.count >= countAtReload + 5 }
            stop.set()
            _ = await load.result
            let seen = answers.all
            #expect(seen.allSatisfy { $0 == "30" || $0 == "45" }, "\(seen.filter { $0 != "30" && $0 != "45" })")
            #expect(seen.firstIndex(of: "45").map { seen[$0...].allSatisfy { $0 == "45" } } == true)
            #expect(gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:)).contains {
                $0.event == "mappings-reloaded" && $0.message.contains("generation 2")
            })
            let metrics = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(gateway.port)/metrics")!)
            let samples = MetricsAndReadinessTests.samples(String(decoding: metrics.0, as: UTF8.self))
            #expect(samples["jobnet_mapping_reloads_total{result=\"refused\"}"] == 1)
            #expect(samples["jobnet_mapping_reloads_total{result=\"reloaded\"}"] == 1)
            #expect(samples["jobnet_mappings_generation"] == 2)
        }
    }
}

/// Tells a loop in another task to end after its current call.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
