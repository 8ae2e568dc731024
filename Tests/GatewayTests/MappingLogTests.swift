import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// The mapping log as operators read it: one record per Jobnet call with every field, the correlation
/// id round trip, no CPR anywhere, and `jobnet-gateway log`'s filters.
@Suite struct MappingLogTests {
    static let everyCPRUsed = [
        DemoData.Citizen.anna, DemoData.Citizen.bo, DemoData.Citizen.carla, DemoData.Citizen.unknown, "0101901112",
    ]

    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "jobnet-gateway-\(UUID().uuidString)\(suffix)"
    }

    @Test(arguments: MappingLog.Format.allCases)
    func aScenarioWritesOneRecordPerCallWithEveryFieldAndNoCPR(format: MappingLog.Format) async throws {
        let path = Self.temporaryPath(".log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withHTTPTestGateway(logFile: try MappingLogFile(path: path), logFormat: format) { gateway async throws in
            let start = try await CreateSelvbookingTests.freeTime(gateway)

            // The scenario: offers, times, a booking, someone else's bookings, an unknown citizen, a bad CPR,
            // a CPR in the HTTP header, a caller's x-requestId and a WS-Addressing MessageID.
            var answers: [HTTPAnswer] = []
            answers.append(try await gateway.post(
                SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna), headers: ["x-requestId": "jobnet-req-0001"]))
            answers.append(try await gateway.post(SelfBookingTimeslotTests.moedetider()))
            answers.append(try await gateway.post(CreateSelvbookingTests.request(start: start)))
            answers.append(try await gateway.post(SOAP.operation("GetBookings", cpr: DemoData.Citizen.bo)))
            answers.append(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown)))
            answers.append(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "0101901112x")))
            answers.append(try await gateway.post(
                SOAP.operation("GetBookings", cpr: nil), headers: ["x-civilregistrationIdentifier": DemoData.Citizen.carla]))
            let addressed = """
                <s:Envelope xmlns:s="\(SOAP.soap11)" xmlns:v="\(SOAP.namespace)" xmlns:wsa="http://www.w3.org/2005/08/addressing">\
                <s:Header><wsa:MessageID>urn:uuid:7b4f5a52-64d1-4b8e-9a57-0d3c6f0e1a01</wsa:MessageID>\
                <v:PersonCivilRegistrationIdentifier>\(DemoData.Citizen.anna)</v:PersonCivilRegistrationIdentifier></s:Header>\
                <s:Body><v:GetBorgerstatus/></s:Body></s:Envelope>
                """
            answers.append(try await gateway.post(addressed))
            // A CPR sent as the request id is not taken as the id.
            answers.append(try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), headers: ["x-requestId": DemoData.Citizen.anna]))
            #expect(answers.map(\.status) == [200, 200, 200, 200, 500, 500, 200, 200, 200])

            // One record per call, written as the call ends, in the order the calls were made.
            let records = gateway.records
            try #require(records.count == answers.count)
            #expect(records.map(\.operation) == [
                "GetSelvbookingMoedetilbud", "GetSelvbookingMoedetider", "CreateSelvbooking", "GetBookings", "GetBorgerstatus",
                "GetBorgerstatus", "GetBookings", "GetBorgerstatus", "GetBorgerstatus",
            ])
            #expect(records.map(\.outcome) == ["ok", "ok", "ok", "ok", "1010", "1014", "ok", "ok", "ok"])
            #expect(records.map(\.citizen) == ["010190-xxxx", "010190-xxxx", "010190-xxxx", "020290-xxxx", "040490-xxxx", nil,
                                               "030390-xxxx", "010190-xxxx", "010190-xxxx"])
            // The correlation id: the caller's, else the MessageID, else a new one; always returned in x-correlation-id.
            #expect(records[0].correlationId == "jobnet-req-0001")
            #expect(records[7].correlationId == "urn:uuid:7b4f5a52-64d1-4b8e-9a57-0d3c6f0e1a01")
            #expect(records[8].correlationId != DemoData.Citizen.anna)
            for (record, answer) in zip(records, answers) {
                #expect(answer.headers["x-correlation-id"] == record.correlationId)
            }
            // The Planner calls, each with route, status, time and retries.
            let booking = records[2]
            #expect(booking.plannerCalls.map(\.operation.rawValue).prefix(2) == ["PersonByCpr", "GetMicrositeCategories"])
            #expect(booking.plannerCalls.contains { $0.operation == .makeBooking && $0.status == 200 && $0.route == "POST \(gateway.simulator.routes[.makeBooking]!.path)" })
            #expect(booking.plannerCalls.allSatisfy { $0.milliseconds > 0 && $0.retries == 0 })
            #expect(records[4].plannerCalls.first?.status == 404)
            // The decisions: the offer mapping used, and the rule behind a fault.
            #expect(records[0].decisions.contains("offer c0000000-0000-4000-8000-000000000005 mapped by defaults"))
            #expect(records[0].decisions.contains("offer c0000000-0000-4000-8000-000000000001 mapped by offer"))
            #expect(booking.decisions.contains { $0.hasPrefix("booked ") })
            #expect(booking.decisions.contains { $0.hasPrefix("caseworker: ") && $0.contains("mapped to CVR:29189846-RID:") })
            #expect(records[4].reason == "Planner does not know the CPR (PersonByCpr 404)")
            #expect(records[5].reason?.contains("PersonCivilRegistrationIdentifierType") == true)
            #expect(records.allSatisfy { $0.milliseconds > 0 })

            // What was written: one line per record, in the format asked for, and no CPR anywhere.
            let written = try String(contentsOfFile: path, encoding: .utf8)
            let lines = written.split(separator: "\n").map(String.init)
            #expect(lines.count == records.count)
            if format == .json {
                let parsed = lines.compactMap(MappingLogRecord.init(jsonLine:))
                #expect(parsed.count == records.count)
                #expect(parsed.map(\.correlationId) == records.map(\.correlationId))
                #expect(parsed[2].plannerCalls.map(\.route) == booking.plannerCalls.map(\.route))
                for key in ["\"time\"", "\"correlationId\"", "\"operation\"", "\"citizen\"", "\"plannerCalls\"", "\"route\"", "\"status\"",
                            "\"retries\"", "\"decisions\"", "\"outcome\"", "\"ms\""] {
                    #expect(lines[2].contains(key), "\(key)")
                }
            } else {
                #expect(lines[4].contains("GetBorgerstatus 040490-xxxx -> 1010"))
            }
            for cpr in Self.everyCPRUsed {
                #expect(!written.contains(cpr), "\(cpr) in the log")
                #expect(!written.contains(cpr.prefix(6) + "-" + cpr.dropFirst(6)), "\(cpr) in the log")
                for line in gateway.logLines { #expect(!line.contains(cpr)) }
            }
        }
    }

    @Test func theLogCommandFiltersByOperationAndCodeAndFollowsAppendedLines() async throws {
        let path = Self.temporaryPath(".log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        func record(_ operation: String, _ outcome: String, _ id: String) -> String {
            MappingLogRecord(
                time: Date(), correlationId: id, operation: operation, citizen: "010190-xxxx", plannerCalls: [], decisions: [],
                outcome: outcome, reason: nil, milliseconds: 1
            ).jsonLine
        }
        try ([record("CreateSelvbooking", "ok", "a"), record("CreateSelvbooking", "4819", "b"), record("GetBookings", "4819", "c")]
            .joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let shown = Lines()
        let filter = MappingLogFilter(operation: "CreateSelvbooking", outcome: "4819")
        var follower = MappingLogFollower(path: path, filter: filter, follow: true, asJSON: false)
        follower.pollInterval = .milliseconds(20)
        let following = Task { [follower] in try await follower.run { shown.append($0) } }
        defer { following.cancel() }
        try await waitUntil { shown.all.count == 1 }
        #expect(shown.all.first?.contains(" b CreateSelvbooking 010190-xxxx -> 4819") == true)
        // Lines appended later, and a gateway event, come through as they are written.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((record("CreateSelvbooking", "4819", "d") + "\n" + record("CreateSelvbooking", "ok", "e") + "\n").utf8))
        handle.write(Data((MappingLogEvent(time: Date(), event: "mappings-reloaded", message: "generation 2").jsonLine + "\n").utf8))
        try handle.close()
        try await waitUntil { shown.all.count == 3 }
        #expect(shown.all[1].contains(" d CreateSelvbooking"))
        #expect(shown.all[2].contains("event mappings-reloaded: generation 2"))

        // Without --follow it reads to the end and stops; the text form filters too.
        let text = MappingLogFilter(outcome: "ok")
        #expect(text.show("2026-11-23T10:00:00.000+01:00 x GetBookings 010190-xxxx -> ok (3.0 ms)") != nil)
        #expect(text.show("2026-11-23T10:00:00.000+01:00 x GetBookings 010190-xxxx -> 4768 (3.0 ms)") == nil)
        let once = Lines()
        try await MappingLogFollower(path: path, filter: MappingLogFilter(operation: "getbookings"), follow: false, asJSON: true)
            .run { once.append($0) }
        #expect(once.all.count == 2)   // the GetBookings record and the event
        #expect(once.all.first.flatMap(MappingLogRecord.init(jsonLine:))?.correlationId == "c")
    }
}

/// Lines collected from another task.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Polls `condition` for up to `seconds`.
func waitUntil(seconds: Double = 10, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("the condition did not hold within \(seconds) s")
}

/// The mapping log's JSON line, written by hand, is byte for byte what `JSONEncoder` writes for the record.
@Suite struct MappingLogLineTests {
    @Test func theHandWrittenLineIsJSONEncodersLine() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "æ", "😀", "\u{2028}", "-"]
        func text() -> String { String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<500 {
            let calls = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                PlannerCallRecord(
                    operation: PlannerOperation.allCases.randomElement(using: &generator)!, route: "GET " + text(),
                    status: Bool.random(using: &generator) ? 200 : nil, milliseconds: Double.random(in: 0...20_000, using: &generator),
                    failureClass: Bool.random(using: &generator) ? text() : nil, retries: Int.random(in: 0...2, using: &generator))
            }
            let record = MappingLogRecord(
                time: Date(timeIntervalSince1970: Double.random(in: 1.7e9...1.9e9, using: &generator)), correlationId: text(),
                operation: text(), citizen: Bool.random(using: &generator) ? text() : nil, plannerCalls: calls,
                decisions: (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() }, outcome: text(),
                reason: Bool.random(using: &generator) ? text() : nil,
                milliseconds: [0, 3, 0.07, 14.2, Double.random(in: 0...100_000, using: &generator)].randomElement(using: &generator)!)
            #expect(record.jsonLine == MappingLog.jsonLine(record), "\(record)")
            #expect(MappingLogRecord(jsonLine: record.jsonLine)?.correlationId == record.correlationId)
        }
    }
}
