import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct MetricsAndReadinessTests {
    /// The Prometheus text as `name{labels}` → value (labels as written).
    static func samples(_ text: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            result[String(line[..<space])] = value
        }
        return result
    }

    @Test func metricsCountRequestsByOperationAndOutcomeAndTimePlannerRoutes() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let first = try await gateway.get("/metrics")
            #expect(first.status == 200)
            #expect(first.headers["content-type"]?.hasPrefix("text/plain") == true)
            let before = Self.samples(first.body)
            #expect(before["jobnet_ledger_bookings"] == 0)
            #expect(before["jobnet_planner_ready"] == 1)

            let start = try await CreateSelvbookingTests.freeTime(gateway)
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown))
            _ = try await gateway.post("not xml")
            _ = try await gateway.post(CreateSelvbookingTests.request(start: start))
            let text = try await gateway.get("/metrics").body
            let after = Self.samples(text)
            #expect(after["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"ok\"}"] == 2)
            #expect(after["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"1010\"}"] == 1)
            #expect(after["jobnet_requests_total{operation=\"unknown\",outcome=\"1014\"}"] == 1)
            #expect(after["jobnet_requests_total{operation=\"CreateSelvbooking\",outcome=\"ok\"}"] == 1)
            #expect(after["jobnet_request_duration_seconds_count{operation=\"GetBorgerstatus\"}"] == 3)
            #expect(after["planner_call_duration_seconds_count{route=\"PersonByCpr\"}"] == 4)
            #expect((after["planner_call_duration_seconds_sum{route=\"PersonByCpr\"}"] ?? 0) > 0)
            #expect(after["planner_call_duration_seconds_count{route=\"MakeBooking\"}"] == 1)
            #expect(after["planner_failures_total{route=\"PersonByCpr\",class=\"not_found\"}"] == 1)
            #expect(after["jobnet_ledger_bookings"] == 1)
            // No CPR, whole or masked, in any label.
            for cpr in [DemoData.Citizen.anna, DemoData.Citizen.unknown, "010190", "040490"] { #expect(!text.contains(cpr)) }

            // A Planner that is down shows as failures by class.
            await gateway.simulator.stop()
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            let down = Self.samples(try await gateway.get("/metrics").body)
            #expect(down["planner_failures_total{route=\"PersonByCpr\",class=\"unreachable\"}"] == 1)
            #expect(down["jobnet_requests_total{operation=\"GetBorgerstatus\",outcome=\"4769\"}"] == 1)
        }
    }

    @Test func readyTurns503WhenPlannerStopsAndBackTo200WhenItReturnsWithoutAnyJobnetCall() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let ready = try await gateway.get("/ready")
            #expect(ready.status == 200)
            #expect(ready.body.contains("mappings: generation 1"))
            await gateway.simulator.stop()
            try await Task.sleep(for: .milliseconds(Int(PlannerHealth.probeAfter * 1000) + 100))
            let down = try await gateway.get("/ready")
            #expect(down.status == 503)
            #expect(down.body.hasPrefix("not ready: Planner does not answer"))
            #expect(Self.samples(try await gateway.get("/metrics").body)["jobnet_planner_ready"] == 0)
            try await gateway.simulator.start()
            #expect(try await gateway.get("/ready").status == 200)
        }
    }
}
