import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// Retries for reads only, a time budget per route, the circuit breaker, and the cap on concurrent calls.
@Suite struct PlannerProtectionTests {
    static let anna = DemoData.Citizen.anna

    func count(_ operation: PlannerOperation, in gateway: some GatewayUnderTest) async -> Int {
        await gateway.state.calls.filter { $0 == operation }.count
    }

    @Test func aReadIsSentAgainAfterA503AndTheLogCountsTheRetry() async throws {
        try await withHTTPTestGateway { gateway async throws in
            await gateway.state.inject(.failTimes(1, status: 503), into: .getMicrositeCategories)
            let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: Self.anna))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(await count(.getMicrositeCategories, in: gateway) == 2)
            let call = try #require(gateway.records.last?.plannerCalls.first { $0.operation == .getMicrositeCategories })
            #expect(call.retries == 1 && call.status == 200 && call.failureClass == nil)
            // A 500 says Planner may have done something: not retried, even for a read.
            await gateway.state.inject(.failTimes(1, status: 500), into: .getMicrositeCategories)
            await gateway.state.resetCalls()
            #expect(try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: Self.anna)).fejlkode == 9303)
            #expect(await count(.getMicrositeCategories, in: gateway) == 1)
        }
    }

    @Test func aWriteIsNeverSentTwice() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let start = try await CreateSelvbookingTests.freeTime(gateway)
            await gateway.state.inject(.failTimes(1, status: 503), into: .makeBooking)
            await gateway.state.resetCalls()
            let answer = try await gateway.post(CreateSelvbookingTests.request(start: start))
            #expect(answer.fejlkode == 9303)
            #expect(await count(.makeBooking, in: gateway) == 1)
            #expect(gateway.records.last?.plannerCalls.first { $0.operation == .makeBooking }?.retries == 0)
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).isEmpty)
            // Jobnet's repeat books it: the ledger and GetBookings show the first try did not land.
            let again = try await gateway.post(CreateSelvbookingTests.request(start: start))
            #expect(again.status == 200, "\(again.body)")
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).count == 1)
        }
    }

    @Test(arguments: PlannerTransportSettings.Engine.allCases)
    func aRouteKeepsToItsOwnTimeBudget(engine: PlannerTransportSettings.Engine) async throws {
        let mappings = try MappingReloadTests.copyOfTheMappings()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let routes = mappings + "/planner-api.yaml"
        // BookingOptions' route, whatever its path, gets a budget of its own.
        try String(contentsOfFile: routes, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                guard line.hasPrefix("  BookingOptions:"), let close = line.lastIndex(of: "}") else { return String(line) }
                return line[..<close] + ", timeoutMs: 300" + line[close...]
            }
            .joined(separator: "\n").write(toFile: routes, atomically: true, encoding: .utf8)
        try await withHTTPTestGateway(configure: {
            $0.mappingsDirectory = mappings
            $0.transport.engine = engine
        }) { gateway async throws in
            await gateway.state.inject(.slow(milliseconds: 3_000), into: .bookingOptions)
            let answer = try await gateway.post(SelfBookingTimeslotTests.moedetider())
            #expect(answer.fejlkode == 4769)
            let call = try #require(gateway.records.last?.plannerCalls.first { $0.operation == .bookingOptions })
            #expect(call.failureClass == "unreachable")
            #expect(call.retries == 0)   // a timeout is not retried: the budget is spent
            #expect(call.milliseconds < 2_000)
            #expect(gateway.records.last?.reason?.contains("timeout") == true)
            // The other routes keep the transport's budget: a slow PersonByCpr within it still answers.
            await gateway.state.inject(.slow(milliseconds: 600), into: .personByCpr)
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).status == 200)
        }
    }

    @Test func theBreakerAnswers4769AtOnceWhilePlannerIsDownAndAProbeClosesIt() async throws {
        try await withHTTPTestGateway(configure: {
            $0.protection.breakerFailures = 2
            $0.protection.breakerOpenSeconds = 0.5
        }) { gateway async throws in
            await gateway.simulator.stop()
            for _ in 0..<2 {
                #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).fejlkode == 4769)
                #expect(gateway.records.last?.plannerCalls.first?.failureClass == "unreachable")
                #expect(gateway.records.last?.plannerCalls.first?.retries == 2)
            }
            // Open: not even tried.
            let fast = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna))
            #expect(fast.fejlkode == 4769)
            #expect(fast.faultcode == "soap:Server")
            #expect(gateway.records.last?.plannerCalls.map(\.failureClass) == ["circuit_open"])
            #expect(gateway.records.last?.reason?.contains("circuit open") == true)
            // Planner is back; after the open period one call probes it and closes the breaker.
            try await gateway.simulator.start()
            await gateway.state.resetCalls()
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).fejlkode == 4769)
            #expect(await gateway.state.calls.isEmpty)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).status == 200)
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).status == 200)
            #expect(await gateway.state.calls.filter { $0 == .personByCpr }.count == 2)
        }
    }

    @Test func anOpenBreakerStopsReadsButNeverAWriteHalfWayThroughABooking() async throws {
        let breaker = CircuitBreaker(failures: 1, openSeconds: 60)
        let client = PlannerClient(
            configuration: .init(baseURL: "http://127.0.0.1:9/", rootDepartmentId: DemoData.rootDepartmentId,
                                 micrositeId: DemoData.micrositeId),
            transport: CurlTransport(settings: PlannerTransportSettings(connectTimeoutMilliseconds: 500, totalTimeoutMilliseconds: 1_000)),
            protection: PlannerProtection(readRetries: 0), breaker: breaker)
        func failure(_ body: () async throws(PlannerError) -> Void) async -> PlannerError? {
            do { try await body(); return nil } catch { return error }
        }
        // Nothing listens on port 9: the first read fails and opens the breaker; the next is not sent.
        guard case .unreachable = await failure({ () throws(PlannerError) in _ = try await client.personByCpr(Self.anna) }) else {
            Issue.record("the first read was not tried")
            return
        }
        guard case .circuitOpen = await failure({ () throws(PlannerError) in _ = try await client.bookings(personStatusId: DemoData.annaId) }) else {
            Issue.record("the breaker did not open")
            return
        }
        // A write is still sent: a rebooking that reserved a time must be able to cancel and confirm.
        let write = await failure { () throws(PlannerError) in
            try await client.confirmBookingReservation(bookingId: UUID(), personStatusId: DemoData.annaId)
        }
        guard case .unreachable = write else {
            Issue.record("the write was not tried: \(String(describing: write))")
            return
        }
        #expect(PlannerOperation.allCases.filter(\.isRead) == [.personByCpr, .getMicrositeCategories, .bookingOptions, .getBookings])
    }

    @Test(arguments: PlannerTransportSettings.Engine.allCases)
    func noMoreThanTheCapOfCallsReachPlannerAtOnce(engine: PlannerTransportSettings.Engine) async throws {
        try await withHTTPTestGateway(configure: {
            $0.transport.workers = 2
            $0.transport.engine = engine
        }) { gateway async throws in
            await gateway.state.inject(.slow(milliseconds: 200), into: .personByCpr)
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: Self.anna)).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(answers == Array(repeating: 200, count: 8))
            #expect(await gateway.state.maximumInFlight == 2)
        }
    }
}
