import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct ShutdownTests {
    @Test func sigtermFinishesTheCallsInFlightRefusesNewOnesAndClosesTheLedger() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            let database = NSTemporaryDirectory() + "jobnet-gateway-shutdown-\(UUID().uuidString).sqlite"
            let gateway = try await GatewayProcess.start(ReplayTests.binary, [
                "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", database,
                "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
                "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
            ], environment: [:])
            defer { gateway.kill() }
            let port = gateway.port
            // A call that is with Planner for a second when SIGTERM arrives.
            await simulator.state.inject(.slow(milliseconds: 1_000), into: .getMicrositeCategories)
            let inFlight = Task { try await GatewayProcess.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna), port: port) }
            try await waitUntil { await simulator.state.calls.contains(.getMicrositeCategories) }
            gateway.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(200))
            // No new connection is accepted while the last call finishes.
            await #expect(throws: (any Error).self) {
                try await GatewayProcess.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), port: port)
            }
            let answer = try await inFlight.value
            #expect(answer.contains("GetSelvbookingMoedetilbudResponse"), "\(answer.prefix(300))")
            #expect(await gateway.exitStatus(within: 10) == 0)
            let events = gateway.logLines.compactMap(MappingLogEvent.init(jsonLine:))
            #expect(events.contains { $0.event == "stopped" && $0.message.contains("the ledger is closed") })
            #expect(gateway.logLines.compactMap(MappingLogRecord.init(jsonLine:)).map(\.outcome) == ["ok"])
            // The ledger opens again, whole.
            #expect(try await Ledger(path: database).count() == 0)
        }
    }
}
