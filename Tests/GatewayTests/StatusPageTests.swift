import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Synchronization
import Testing

/// GET /status: what it shows of the calls served, over which periods, and that it never shows a CPR.
@Suite struct StatusPageTests {
    /// A clock the test sets.
    final class SetClock: Sendable {
        private let now: Mutex<Date>
        init(_ start: Date) { now = Mutex(start) }
        func set(_ date: Date) { now.withLock { $0 = date } }
        var function: @Sendable () -> Date { { self.now.withLock { $0 } } }
    }

    static let noon = CopenhagenTime.parse("2030-01-08T12:00:00")!

    static func record(
        at time: Date, _ operation: String, _ outcome: String, citizen: String? = "010190-xxxx", reason: String? = nil,
        planner: [PlannerCallRecord] = [], decisions: [String] = []
    ) -> MappingLogRecord {
        MappingLogRecord(
            time: time, correlationId: UUID().uuidString.lowercased(), operation: operation, citizen: citizen, plannerCalls: planner,
            decisions: decisions, outcome: outcome, reason: reason, milliseconds: 4.2)
    }

    /// Every run of ten digits (or six, a hyphen and four) that is not inside a GUID: a CPR, whole.
    static func cprLike(_ text: String) -> [String] {
        let withoutGUIDs = text.replacingOccurrences(
            of: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", with: "GUID", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: "(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])")
        let range = NSRange(withoutGUIDs.startIndex..., in: withoutGUIDs)
        return regex.matches(in: withoutGUIDs, range: range).map { String(withoutGUIDs[Range($0.range, in: withoutGUIDs)!]) }
    }

    @Test func theBoardCountsOutcomesPerMinuteForThreeHoursAndKeepsTheNewestCalls() {
        let clock = SetClock(Self.noon)
        let board = StatusBoard(clock: clock.function)
        // 2 h 30 min ago, 30 min ago and now: the three columns of the page see 1, 2 and 3 of them.
        board.observe(Self.record(at: Self.noon.addingTimeInterval(-150 * 60), "GetBorgerstatus", "ok"))
        board.observe(Self.record(at: Self.noon.addingTimeInterval(-30 * 60), "GetBorgerstatus", "1010"))
        board.observe(Self.record(at: Self.noon, "GetBorgerstatus", "ok"))
        board.observe(Self.record(at: Self.noon, "NoSuchOperation", "1014"))
        var snapshot = board.snapshot()
        #expect(snapshot.outcomes(lastMinutes: 5) == ["GetBorgerstatus": ["ok": 1], "unknown": ["1014": 1]])
        #expect(snapshot.outcomes(lastMinutes: 60) == ["GetBorgerstatus": ["ok": 1, "1010": 1], "unknown": ["1014": 1]])
        #expect(snapshot.outcomes(lastMinutes: 180) == ["GetBorgerstatus": ["ok": 2, "1010": 1], "unknown": ["1014": 1]])

        // An hour on, the oldest has left the three hours; the others are still there.
        clock.set(Self.noon.addingTimeInterval(3600))
        board.observe(Self.record(at: Self.noon.addingTimeInterval(3600), "GetBookings", "ok"))
        snapshot = board.snapshot()
        #expect(snapshot.outcomes(lastMinutes: 180) == ["GetBorgerstatus": ["ok": 1, "1010": 1], "unknown": ["1014": 1], "GetBookings": ["ok": 1]])
        #expect(snapshot.outcomes(lastMinutes: 5) == ["GetBookings": ["ok": 1]])

        // The last 25 calls, newest first.
        for index in 0..<40 {
            board.observe(Self.record(at: Self.noon.addingTimeInterval(3600 + Double(index)), "GetBookings", "ok", reason: "call \(index)"))
        }
        snapshot = board.snapshot()
        #expect(snapshot.recentCalls.count == StatusBoard.recentCallCount)
        #expect(snapshot.recentCalls.first?.reason == "call 39")
        #expect(snapshot.recentCalls.last?.reason == "call 15")
    }

    @Test func plannerLatencyIsTakenOverEachRoutesLastCalls() {
        let board = StatusBoard(clock: { Self.noon })
        // 1…100 ms, one unreachable, one a 404 (an answer, not a failure): nearest-rank p50 50, p90 90, p99 99, max 100.
        for milliseconds in 1...100 {
            let call = PlannerCallRecord(
                operation: .personByCpr, route: "x", status: milliseconds == 100 ? nil : 200, milliseconds: Double(milliseconds),
                failureClass: milliseconds == 100 ? "unreachable" : milliseconds == 99 ? "not_found" : nil)
            board.observe(Self.record(at: Self.noon, "GetBorgerstatus", "ok", planner: [call]))
        }
        let route = try! #require(board.snapshot().routes.first)
        #expect(route.route == PlannerOperation.personByCpr.rawValue)
        #expect(route.percentiles == .init(p50: 50, p90: 90, p99: 99, max: 100))
        #expect(route.recentFailures == 1 && route.total == 100 && route.sampleCount == 100)

        // Past the window, the oldest calls no longer count; the total still does.
        for _ in 0..<StatusBoard.latencySampleCount {
            board.observe(Self.record(at: Self.noon, "GetBorgerstatus", "ok", planner: [
                PlannerCallRecord(operation: .personByCpr, route: "x", status: 200, milliseconds: 2, failureClass: nil),
            ]))
        }
        let later = try! #require(board.snapshot().routes.first)
        #expect(later.percentiles == .init(p50: 2, p90: 2, p99: 2, max: 2))
        #expect(later.recentFailures == 0 && later.total == 100 + StatusBoard.latencySampleCount)
    }

    @Test func unmappedResourcesAndOffersAreRememberedFromTheDecisions() {
        let board = StatusBoard(clock: { Self.noon })
        board.observe(Self.record(at: Self.noon, "GetSelvbookingMoedetider", "ok", decisions: [
            "unmapped resource 5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2001 (not in caseworkers.yaml): listed as CaseWorkerID 900001, not choosable",
            "unmapped resource (not named by Planner) holds the booking: identifier ikke-tilknyttet",
            "offer 1d215518-3a88-4840-a8f4-0cc97d708631 mapped by defaults",
            "offer 2d215518-3a88-4840-a8f4-0cc97d708631 mapped by offer",
        ]))
        let snapshot = board.snapshot()
        #expect(snapshot.unmappedResources.map(\.id) == ["5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2001"])
        #expect(snapshot.offersByDefaults.map(\.id) == ["1d215518-3a88-4840-a8f4-0cc97d708631"])
    }

    @Test func thePageEscapesWhatCallersSentAndMasksAnyCPRInIt() throws {
        let board = StatusBoard(clock: { Self.noon })
        board.observe(Self.record(at: Self.noon, "GetBorgerstatus", "1014", citizen: nil,
            reason: "value '<script>alert(1)</script> 0101901111' refused & 040490-4444 too"))
        // A scalar that joins the next character into one grapheme (U+0600 before `<`) hides no `<`.
        board.observe(Self.record(at: Self.noon, "GetBorgerstatus", "9303", citizen: nil, reason: "Planner: \u{0600}<meta http-equiv=refresh>"))
        let catalogue = try GatewayMappings.load(directory: repositoryRoot + "/Mappings").catalogue
        let facts = StatusPage.Facts(
            ready: false, readiness: "not ready: Planner does not answer", breaker: .open(until: Self.noon.addingTimeInterval(30)),
            generation: 3, mappingsDirectory: "Mappings", loadedAt: Self.noon, lastRefusal: "offers.yaml: line 3: <bad>",
            catalogue: catalogue, refreshSeconds: 0)
        let html = StatusPage(facts: facts, snapshot: board.snapshot()).html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<meta http-equiv=refresh>") && html.contains("\u{0600}&lt;meta http-equiv=refresh&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; 010190-xxxx&#39; refused &amp; 040490-xxxx too"))
        #expect(html.contains("offers.yaml: line 3: &lt;bad&gt;"))
        #expect(Self.cprLike(html).isEmpty, "\(Self.cprLike(html))")
        #expect(html.contains("NOT READY"))
        #expect(html.contains(">open</span> until 2030-01-08T12:00:30+01:00"))
        #expect(!html.contains("http-equiv=\"refresh\""))
        // 1014 is a Client fault: amber, with STAR's text as its tooltip.
        #expect(html.contains("<span class=\"chip warn\" title=\"The submitted message could not be validated\">1014</span>"))
    }

    @Test func statusShowsTheCallsServedWithTheCitizenMasked() async throws {
        let clock = SetClock(Self.noon)
        try await withTestGateway(clock: clock.function) { gateway async throws in
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)).status == 200)
            #expect(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown)).status == 500)
            _ = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna))
            let page = try await gateway.get("/status")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
            #expect(page.headers["cache-control"] == "no-store")
            #expect(page.body.contains("<meta http-equiv=\"refresh\" content=\"5\">"))
            #expect(page.body.contains("id=\"ready\">READY<"))
            // The operations with their outcomes, in each period's column.
            let row = try #require(page.body.components(separatedBy: "<tr><th scope=\"row\">GetBorgerstatus</th>").dropFirst().first)
            #expect(row.prefix(while: { $0 != "\n" }).components(separatedBy: "1010 <b>1</b>").count - 1 == 3)
            #expect(page.body.contains("<th scope=\"row\">GetSelvbookingMoedetilbud</th>"))
            // Planner's routes with their latency; the last calls with their correlation ids, citizens masked.
            #expect(page.body.contains("<th scope=\"row\">\(PlannerOperation.personByCpr.rawValue)</th><td class=\"num\">3</td>"))
            for record in gateway.records { #expect(page.body.contains(record.correlationId)) }
            #expect(page.body.contains("010190-xxxx") && page.body.contains("040490-xxxx"))
            #expect(Self.cprLike(page.body).isEmpty, "\(Self.cprLike(page.body))")
            #expect(page.body.contains("Generation <strong>1</strong>"))

            // Read without refreshing.
            let still = try await gateway.get("/status?refresh=0")
            #expect(!still.body.contains("http-equiv=\"refresh\""))
        }
    }

    @Test func statusShowsPlannerDownAndTheBreakerOpen() async throws {
        try await withHTTPTestGateway { gateway async throws in
            await gateway.simulator.stop()
            for _ in 0..<6 { _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna)) }
            let page = try await gateway.get("/status?refresh=0")
            #expect(page.status == 200)
            #expect(page.body.contains("id=\"ready\">NOT READY<"))
            #expect(page.body.contains("Circuit breaker: <span class=\"bad-text\">open</span>"), "\(page.body)")
            #expect(page.body.contains("<span class=\"chip bad\" title="))
        }
    }
}
