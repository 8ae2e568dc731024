import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// A Planner that is down, slow, failing or talking nonsense gets its STAR code, within the timeout.
@Suite struct PlannerFaultTests {
    func call(_ gateway: some GatewayUnderTest) async throws -> (HTTPAnswer, Duration) {
        let clock = ContinuousClock()
        var answer: HTTPAnswer?
        let elapsed = try await clock.measure {
            answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna))
        }
        return (answer!, elapsed)
    }

    @Test func aPlannerThatIsDownGives4769AndReadyTurns503() async throws {
        try await withHTTPTestGateway { gateway async throws in
            await gateway.simulator.stop()
            for _ in 0..<3 {
                let (answer, _) = try await call(gateway)
                #expect(answer.fejlkode == 4769)
                #expect(answer.faultcode == "soap:Server")
            }
            #expect(gateway.records.last?.plannerCalls.first?.failureClass == "unreachable")
            #expect(try await gateway.get("/ready").status == 503)
            try await gateway.simulator.start()
            let (recovered, _) = try await call(gateway)
            #expect(recovered.status == 200)
            #expect(try await gateway.get("/ready").status == 200)
        }
    }

    @Test func aSlowPlannerGives4769WithinTheConfiguredTimeout() async throws {
        try await withHTTPTestGateway(configure: { $0.transport.totalTimeoutMilliseconds = 500 }) { gateway async throws in
            await gateway.state.inject(.slow(milliseconds: 3_000), into: .personByCpr)
            let (answer, elapsed) = try await call(gateway)
            #expect(answer.fejlkode == 4769)
            #expect(elapsed < .milliseconds(2_500))
            #expect(gateway.records.last?.reason?.contains("timeout") == true)
        }
    }

    @Test func aPlanner500Gives9303() async throws {
        try await withHTTPTestGateway { gateway async throws in
            await gateway.state.inject(.status(500), into: .getMicrositeCategories)
            let (answer, _) = try await call(gateway)
            #expect(answer.fejlkode == 9303)
            #expect(answer.faultcode == "soap:Server")
            #expect(await gateway.state.calls == [.personByCpr, .getMicrositeCategories])
        }
    }

    @Test func aGarbageOrIncompleteBodyGives9329() async throws {
        try await withHTTPTestGateway { gateway async throws in
            await gateway.state.inject(.garbage, into: .personByCpr)
            #expect(try await call(gateway).0.fejlkode == 9329)
            await gateway.state.inject(.incomplete, into: .personByCpr)
            let (incomplete, _) = try await call(gateway)
            #expect(incomplete.fejlkode == 9329)
            #expect(gateway.records.last?.reason?.contains("PersonStatusId is missing") == true)
            await gateway.state.inject(nil, into: .personByCpr)
            await gateway.state.inject(.incomplete, into: .getMicrositeCategories)
            #expect(try await call(gateway).0.fejlkode == 9329)
        }
    }

    @Test func aMissingMicrositeIdGives9018() async throws {
        let gateway = try await TestGateway.start { $0.micrositeId = nil }
        defer { Task { await gateway.stop() } }
        let (answer, _) = try await call(gateway)
        #expect(answer.fejlkode == 9018)
        let noDepartment = try await TestGateway.start { $0.rootDepartmentId = nil }
        defer { Task { await noDepartment.stop() } }
        let status = try await noDepartment.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
        #expect(status.fejlkode == 9018)
        // No Planner call was made without the configuration.
        #expect(await noDepartment.state.calls.isEmpty)
    }
}
