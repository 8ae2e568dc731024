import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// Two gateway processes on one PostgreSQL ledger and one Planner, as a load balancer runs them: the
/// guarantees hold across the instances, an instance's death is covered by the other, and a PostgreSQL
/// outage is a Server fault with nothing booked in Planner.
@Suite(.serialized) struct TwoInstanceTests {
    static let binary = repositoryRoot + "/.build/debug/jobnet-gateway"

    struct Instances {
        let state: PlannerSimulatorState
        let cluster: TestPostgres
        let arguments: [String]
        var first: GatewayProcess
        var second: GatewayProcess
    }

    /// Starts a simulator, a PostgreSQL and two gateways on both (`firstExtra`: arguments for the first
    /// only); stops them all afterwards.
    static func withTwoGateways(
        leaseSeconds: Int = 60, firstExtra: [String] = [], _ body: (Instances) async throws -> Void
    ) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        try await withRunningSimulator(simulator) {
            try await withTestPostgres { cluster in
                let arguments = [
                    "serve", "--port", "0", "--planner", await simulator.baseURL, "--database", cluster.url(),
                    "--root-department-id", DemoData.rootDepartmentId.uuidString, "--microsite-id", DemoData.micrositeId.uuidString,
                    "--mappings", repositoryRoot + "/Mappings", "--wsdl", repositoryRoot + "/Wsdl",
                    "--rebooking-lease-seconds", "\(leaseSeconds)", "--person-cache-seconds", "0",
                ]
                let first = try await GatewayProcess.start(binary, arguments + firstExtra, environment: [:])
                let second = try await GatewayProcess.start(binary, arguments, environment: [:])
                defer {
                    first.kill()
                    second.kill()
                }
                try await body(Instances(state: simulator.state, cluster: cluster, arguments: arguments, first: first, second: second))
            }
        }
    }

    /// /ready's text once it starts with `prefix`, or its last within 15 s.
    static func readiness(port: Int, awaiting prefix: String) async throws -> String {
        var text = ""
        for _ in 0..<150 {
            text = try await GatewayProcess.get("/ready", port: port)
            if text.hasPrefix(prefix) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return text
    }

    static func answer(_ body: String) -> HTTPAnswer { HTTPAnswer(status: 0, body: body, headers: [:]) }

    static func freeTime(_ state: PlannerSimulatorState) async throws -> Date {
        let options = try await state.bookingOptions(
            personId: DemoData.annaId, offerId: DemoData.Offer.jobsamtale, start: CopenhagenTime.adding(days: 2, to: Date()),
            end: CopenhagenTime.adding(days: 16, to: Date()))
        return try #require(options.first { $0.resources.contains(DemoData.Resource.lars) }).time
    }

    @Test func twentyIdenticalBookingsOverTwoInstancesMakeOneAndTenCancellationsCancelItOnce() async throws {
        try await Self.withTwoGateways { instances in
            let state = instances.state
            let start = try await Self.freeTime(state)
            let before = await state.activeBookings(personStatusId: DemoData.annaId).count
            let request = CreateSelvbookingTests.request(start: start)
            let ports = [instances.first.port, instances.second.port]
            let answers = await withTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask { (try? await GatewayProcess.post(request, port: ports[index % 2])) ?? "" }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let ids = Set(answers.map { Self.answer($0).value(of: "IndkaldelseId") })
            #expect(ids.count == 1, "\(answers.filter { Self.answer($0).value(of: "IndkaldelseId") == nil }.prefix(2))")
            let id = try #require(ids.first ?? nil, "\(answers.first ?? "")")
            let anna = await state.activeBookings(personStatusId: DemoData.annaId)
            #expect(anna.count == before + 1)
            #expect(anna.filter { $0.start == start }.count == 1)

            await state.resetCalls()
            let cancel = SOAP.operation("DeleteBooking", cpr: DemoData.Citizen.anna, content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId>")
            let cancellations = await withTaskGroup(of: String.self) { group in
                for index in 0..<10 {
                    group.addTask { (try? await GatewayProcess.post(cancel, port: ports[index % 2])) ?? "" }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(await state.calls.filter { $0 == .cancelBooking }.count == 1)
            #expect(await state.activeBookings(personStatusId: DemoData.annaId).count == before)
            // No call waited out the other instance's lock or lost the ledger: no Server fault.
            #expect(cancellations.allSatisfy { Self.answer($0).fejlkode != 9303 }, "\(cancellations)")
        }
    }

    @Test func aRebookingCutShortByAKilledInstanceIsFinishedByTheOtherWithinTheLease() async throws {
        try await Self.withTwoGateways(leaseSeconds: 3, firstExtra: ["--failpoint", "rebooking-after-cancel"]) { instances in
            let state = instances.state
            let start = try await CreateOmbookingTests.newTime(state)
            let pending = Task { [port = instances.first.port] in try? await GatewayProcess.post(CreateOmbookingTests.request(start), port: port) }
            try await waitUntil { await state.calls.contains(.cancelBooking) }
            #expect(await state.calls.contains(.cancelBooking))
            instances.first.kill()
            _ = await pending.value
            #expect(await !state.calls.contains(.confirmBookingReservation))

            // The second instance, never restarted, takes it over once the lease ran out.
            try await waitUntil(seconds: 20) { await state.activeBookings(personStatusId: DemoData.carlaId).first?.status == 1 }
            // The sweep confirms in Planner first, then finishes its journal entry and logs: wait for its log line.
            let second = instances.second
            try await waitUntil { second.logLines.contains { $0.contains("rebooking-recovered") } }
            #expect(await CreateOmbookingTests.carlasMeetings(state) == [start])
            #expect(await state.activeBookings(personStatusId: DemoData.carlaId).first?.status == 1)
            #expect(await state.calls.filter { $0 == .confirmBookingReservation }.count == 1)
            #expect(instances.second.logLines.contains { $0.contains("rebooking-recovered") && $0.contains("by the recovery sweep") })
            let ledger = try await Ledger.open(instances.cluster.url(), logger: Ledger.databaseLogger)
            defer { try? ledger.close() }
            #expect(try await ledger.unfinishedRebookings().isEmpty)
        }
    }

    @Test func withPostgreSQLDownCallsAreServerFaultsAndNothingIsBookedThenServingResumes() async throws {
        try await Self.withTwoGateways { instances in
            let start = try await Self.expectAnOutage(instances, cutOff: { try await $0.pause() }, restore: { try await $0.resume() })
            let booked = Self.answer(try await GatewayProcess.post(CreateSelvbookingTests.request(start: start), port: instances.first.port))
            #expect(booked.value(of: "IndkaldelseId") != nil, "\(booked.body)")
        }
    }

    /// A server that hangs (its connections open, nothing answered) is an outage too, within the same bounds.
    @Test func aPostgreSQLThatHangsIsAnOutageNotAWait() async throws {
        try await Self.withTwoGateways { instances in
            _ = try await Self.expectAnOutage(instances, cutOff: { try await $0.freeze() }, restore: { try await $0.thaw() })
        }
    }

    /// Cuts PostgreSQL off (`cutOff`) from a serving gateway: /ready 503 within 8 s, a CreateSelvbooking a
    /// 9303 within 40 s with nothing reserved or booked in Planner; then `restore`s it (whatever happened)
    /// and expects /ready 200 again, without a restart. Returns the free time the refused call asked for.
    static func expectAnOutage(
        _ instances: Instances, cutOff: (TestPostgres) async throws -> Void, restore: (TestPostgres) async throws -> Void
    ) async throws -> Date {
        let state = instances.state
        let port = instances.first.port
        let start = try await Self.freeTime(state)
        #expect(try await GatewayProcess.get("/ready", port: port).hasPrefix("ready"))
        try await cutOff(instances.cluster)
        do {
            let asked = Date()
            #expect(try await GatewayProcess.get("/ready", port: port).contains("not ready: the ledger cannot be read"))
            #expect(Date().timeIntervalSince(asked) < 8)
            await state.resetCalls()
            let refused = Self.answer(try await GatewayProcess.post(CreateSelvbookingTests.request(start: start), port: port))
            #expect(refused.fejlkode == 9303, "\(refused.body)")
            #expect(Date().timeIntervalSince(asked) < 40)
            let calls = await state.calls
            #expect(!calls.contains(.makeBooking) && !calls.contains(.createBookingReservation), "\(calls)")
        } catch {
            try await restore(instances.cluster)
            throw error
        }
        try await restore(instances.cluster)
        let ready = try await Self.readiness(port: port, awaiting: "ready")
        #expect(ready.hasPrefix("ready"), "\(ready)")
        return start
    }
}
