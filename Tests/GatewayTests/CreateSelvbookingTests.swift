import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// CreateSelvbooking over HTTP against the simulator: the booking made, the Planner calls, every code,
/// idempotency under concurrency, compensation after a failed confirmation, and the ledger across restarts.
@Suite struct CreateSelvbookingTests {
    static let anna = DemoData.Citizen.anna
    static let jobsamtale = DemoData.Offer.jobsamtale
    static let lars = "CVR:29189846-RID:1002"

    /// A free start time of the offer, as Planner offers it now.
    static func freeTime(
        _ gateway: some GatewayUnderTest, offer: UUID = jobsamtale, person: UUID = DemoData.annaId, skip: Int = 0,
        resource: UUID = DemoData.Resource.lars
    ) async throws -> Date {
        // Two days ahead: past every 24-hour deadline of the demo offers.
        let options = try await gateway.state.bookingOptions(
            personId: person, offerId: offer, start: CopenhagenTime.adding(days: 2, to: Date()), end: CopenhagenTime.adding(days: 16, to: Date()))
            .filter { $0.resources.contains(resource) }
        return options[min(skip, options.count - 1)].time
    }

    static func request(_ offer: UUID = jobsamtale, start: Date, extra: String = "", cpr: String = anna) -> String {
        SOAP.operation("CreateSelvbooking", cpr: cpr, content: "<v:MoedetilbudId>\(offer.uuidString.lowercased())</v:MoedetilbudId>"
            + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>\(extra)")
    }

    @Test func aBookingWithoutACaseworkerIsMadeWithMakeBooking() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)
            await gateway.state.resetCalls()
            let answer = try await gateway.post(Self.request(start: start))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "CreateSelvbookingResponse")
            let id = try #require(answer.value(of: "IndkaldelseId"))
            #expect(answer.value(of: "SelfBooked") == "true")
            #expect(answer.value(of: "AcceptedBooking") == "true")
            #expect(answer.value(of: "BookingStartTime") == CopenhagenTime.format(start))
            #expect(answer.value(of: "ReBookingDeadline") == CopenhagenTime.format(start.addingTimeInterval(-24 * 3600)))
            // GetBookings first for the one-Jobsamtale rule (8273), last for the caseworker Planner chose.
            #expect(await gateway.state.calls == [
                .personByCpr, .getMicrositeCategories, .getBookings, .bookingOptions, .makeBooking, .getBookings,
            ])
            let booked = await gateway.state.activeBookings(personStatusId: DemoData.annaId)
            #expect(booked.map(\.id.uuidString).map { $0.lowercased() } == [id])
            #expect(booked.first?.start == start)
            // The ledger knows the booking's offer and owner.
            let holder = try #require(answer.value(of: "CaseWorkerGivenName"))
            #expect(["Mette", "Lars"].contains(holder))
        }
    }

    @Test func aChosenCaseworkerIsReservedThenConfirmed() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)
            await gateway.state.resetCalls()
            let answer = try await gateway.post(Self.request(start: start, extra: "<v:SamtaleformType>2</v:SamtaleformType><v:SagsbehandlerEksterntId>\(Self.lars)</v:SagsbehandlerEksterntId>"))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.value(of: "CaseWorkerGivenName") == "Lars")
            #expect(answer.value(of: "InterviewContactTypeIdentifier") == "2")
            #expect(await gateway.state.calls == [
                .personByCpr, .getMicrositeCategories, .getBookings, .bookingOptions, .createBookingReservation,
                .confirmBookingReservation,
            ])
            let booked = try #require(await gateway.state.activeBookings(personStatusId: DemoData.annaId).first)
            #expect(booked.resourceId == DemoData.Resource.lars)
            #expect(booked.status == 1)
        }
    }

    @Test func twentyIdenticalRequestsAtOnceMakeOneBooking() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)
            let request = Self.request(start: start)
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<20 { group.addTask { try await gateway.post(request) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 20)
            #expect(answers.allSatisfy { $0.status == 200 })
            let ids = Set(answers.compactMap { $0.value(of: "IndkaldelseId") })
            #expect(ids.count == 1)
            let made = await gateway.state.calls.filter { $0 == .makeBooking }.count
            #expect(made == 1)
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).count == 1)
        }
    }

    @Test func aFailedConfirmationLeavesNothingInPlanner() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)
            await gateway.state.inject(.status(500), into: .confirmBookingReservation)
            let answer = try await gateway.post(Self.request(start: start, extra: "<v:SagsbehandlerEksterntId>\(Self.lars)</v:SagsbehandlerEksterntId>"))
            #expect(answer.status == 500)
            #expect(answer.faultcode == "soap:Server")
            #expect(answer.fejlkode == 9303)
            #expect(await gateway.state.calls.contains(.cancelBooking))
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).isEmpty)
            // The ledger holds nothing for it either: the same request books afresh once Planner is well.
            await gateway.state.clearFaults()
            let again = try await gateway.post(Self.request(start: start, extra: "<v:SagsbehandlerEksterntId>\(Self.lars)</v:SagsbehandlerEksterntId>"))
            #expect(again.status == 200)
        }
    }

    @Test func aBookingWhoseAnswerWasLostIsFoundByJobnetsRetry() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)
            // Planner books, and its answer is lost: Jobnet gets a fault, the booking exists.
            await gateway.state.inject(.answerLost(status: 500), into: .makeBooking)
            let first = try await gateway.post(Self.request(start: start))
            #expect(first.status == 500, "\(first.body)")
            let held = await gateway.state.activeBookings(personStatusId: DemoData.annaId)
            #expect(held.count == 1)
            // Jobnet's retry gets that booking: nothing booked again, and no 8273 about its own booking.
            await gateway.state.resetCalls()
            let again = try await gateway.post(Self.request(start: start))
            #expect(again.status == 200, "\(again.body)")
            #expect(again.value(of: "IndkaldelseId") == held.first?.id.uuidString.lowercased())
            #expect(await !gateway.state.calls.contains(.makeBooking))
            #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).count == 1)
        }
    }

    @Test func theLedgerSurvivesARestart() async throws {
        let path = NSTemporaryDirectory() + "jobnet-gateway-restart-\(UUID().uuidString).sqlite"
        let first = try await TestGateway.start { $0.databasePath = path }
        let start = try await Self.freeTime(first)
        let answer = try await first.post(Self.request(start: start))
        let id = try #require(answer.value(of: "IndkaldelseId"))
        await first.stop(keepingSimulator: true)

        let second = try await TestGateway.start(configure: { $0.databasePath = path }, simulator: first.simulator)
        defer { Task { await second.stop() } }
        await second.state.resetCalls()
        let repeated = try await second.post(Self.request(start: start))
        #expect(repeated.value(of: "IndkaldelseId") == id)
        #expect(await !second.state.calls.contains(.makeBooking))
        #expect(second.records.last?.decisions.contains { $0.hasPrefix("repeated request") } == true)
        let ledger = try Ledger(path: path)
        #expect(try await ledger.booking(plannerBookingId: id)?.offerId == Self.jobsamtale.uuidString.lowercased())
    }

    @Test func theCodesCreateSelvbookingAnswers() async throws {
        try await withTestGateway { gateway async throws in
            let start = try await Self.freeTime(gateway, skip: 3)
            func code(_ xml: String) async throws -> Int? { try await gateway.post(xml).fejlkode }
            #expect(try await code(Self.request(start: Date().addingTimeInterval(-3600))) == 4783)
            #expect(try await code(Self.request(start: start, cpr: DemoData.Citizen.unknown)) == 8111)
            #expect(try await code(Self.request(UUID(), start: start)) == 8108)
            #expect(try await code(Self.request(DemoData.Offer.udloebet, start: start)) == 8108)
            #expect(try await code(Self.request(start: CopenhagenTime.adding(days: 70, to: start))) == 8109)
            #expect(try await code(Self.request(start: start, extra: "<v:SamtaleformType>8</v:SamtaleformType>")) == 4708)
            #expect(try await code(Self.request(start: start, extra: "<v:SagsbehandlerEksterntId>CVR:1-RID:404</v:SagsbehandlerEksterntId>")) == 4822)
            #expect(try await code(Self.request(start: start, extra: "<v:SagsbehandlerEksterntId>CVR:29189846-RID:1003</v:SagsbehandlerEksterntId>")) == 9003)
            // 4819: a time Planner does not offer, and a time someone else took meanwhile.
            let night = CopenhagenTime.at(hour: 3, minute: 0, on: CopenhagenTime.adding(days: 3, to: Date()))
            #expect(try await code(Self.request(start: night)) == 4819)
            _ = try await gateway.state.book(
                personId: DemoData.carlaId, offerId: Self.jobsamtale, start: start, resourceId: DemoData.Resource.lars,
                departmentId: DemoData.rootDepartmentId, reservation: false, isImmediate: false)
            #expect(try await code(Self.request(start: start, extra: "<v:SagsbehandlerEksterntId>\(Self.lars)</v:SagsbehandlerEksterntId>")) == 4819)
            // 8273: Carla holds a Jobsamtale already.
            #expect(try await code(Self.request(start: start, cpr: DemoData.Citizen.carla)) == 8273)
            // 4769 and 9329 from Planner.
            await gateway.state.inject(.garbage, into: .bookingOptions)
            #expect(try await code(Self.request(start: start)) == 9329)
            // Every answer was a code on CreateSelvbooking's list.
            #expect(gateway.records.allSatisfy { !($0.reason ?? "").contains("a gateway defect") })
        }
    }

    @Test func aJointMeetingBookedInsideItsCancellationDeadlineIsNotCancellable() async throws {
        // The joint meeting's cancellation deadline is 48 hours before its start. The clock is a Tuesday
        // at 07:00 (for the simulator and the gateway alike), so a session lies within 30 hours whatever
        // the day the test runs.
        let tuesday = try #require(CopenhagenTime.parse("2030-01-08T07:00:00"))
        try await withTestGateway(clock: { tuesday }) { gateway async throws in
            let sessions = try await gateway.state.bookingOptions(
                personId: DemoData.annaId, offerId: DemoData.Offer.informationsmoede, start: tuesday,
                end: tuesday.addingTimeInterval(30 * 3600))
            let soon = try #require(sessions.first, "a session within 30 hours of a Tuesday morning")
            let answer = try await gateway.post(Self.request(DemoData.Offer.informationsmoede, start: soon.time))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.value(of: "CancellationPossible") == "false")
        }
    }

    /// The policy codes a valid mapping can lead to, over HTTP, with mappings an operator might write.
    @Test func thePolicyCodesOverHTTP() async throws {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-policy-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: testMappingsDirectory, toPath: directory)
        func offers(_ cvEntry: String) throws {
            let text = [
                "defaults:",
                "  interviewType: 12",
                "  meetingForm: individual",
                "  samtaleformer: [personligt]",
                "  durationMinutes: 30",
                "  allowChoiceOfSupervisor: false",
                "  rebooking: {possible: true, deadlineHours: 24}",
                "  cancellation: {possible: true, deadlineHours: 24}",
                "  immediate: false",
                "  bookableDays: 60",
                "  telephoneNumber: \"+4570123456\"",
                "  location: {description: Jobcentret, address: {streetName: Jobvej, streetBuildingIdentifier: \"1\", postCodeIdentifier: \"8000\", districtName: Aarhus C}}",
                "offers:",
                "  c0000000-0000-4000-8000-000000000001:",
                "    cancellation: {possible: true, deadlineHours: 720}",
                "  c0000000-0000-4000-8000-000000000005:",
            ] + cvEntry.split(separator: "\n").map { "    " + $0 }
            try text.joined(separator: "\n").write(toFile: directory + "/offers.yaml", atomically: true, encoding: .utf8)
        }
        try offers("rebooking: {possible: true, deadlineHours: 720}\ncancellation: {possible: false}")
        let gateway = try await TestGateway.start { $0.mappingsDirectory = directory }
        defer { Task { await gateway.stop() } }
        // A meeting booked after its deadline has passed is booked, not rebookable or not cancellable:
        // the gateway never writes a deadline before today (8132/8133).
        let start = try await Self.freeTime(gateway)
        let late = try await gateway.post(Self.request(start: start))
        #expect(late.status == 200)
        #expect(late.value(of: "CancellationPossible") == "false")
        #expect(late.value(of: "CancellationDeadline") == nil)
        #expect(late.value(of: "ReBookingPossible") == "true")
        #expect(gateway.records.last?.decisions.contains("the cancellation deadline has passed at booking: not cancellable") == true)
        let cv = try await Self.freeTime(gateway, offer: DemoData.Offer.cvSamtale, resource: DemoData.Resource.sofie)
        let cvLate = try await gateway.post(Self.request(DemoData.Offer.cvSamtale, start: cv, extra: "<v:SamtaleformType>1</v:SamtaleformType>"))
        #expect(cvLate.value(of: "ReBookingPossible") == "false")
        #expect(await gateway.state.activeBookings(personStatusId: DemoData.annaId).count == 2)
        // The times on offer say the same.
        let times = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: Self.anna, content:
            "<v:MoedetilbudId>\(Self.jobsamtale.uuidString.lowercased())</v:MoedetilbudId>"
            + "<v:StartMoedetidsinterval>\(CopenhagenTime.format(Date()))</v:StartMoedetidsinterval>"
            + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(CopenhagenTime.adding(days: 14, to: Date())))</v:SlutMoedetidsinterval>"))
        #expect(times.value(of: "CancellationPossible") == "false")

        // 8129: in person without an address.
        try offers("location: {description: Et sted}")
        let other = try await Self.freeTime(gateway, offer: DemoData.Offer.cvSamtale, skip: 4, resource: DemoData.Resource.sofie)
        let second = try await TestGateway.start(configure: { $0.mappingsDirectory = directory }, simulator: gateway.simulator)
        defer { Task { await second.stop(keepingSimulator: true) } }
        #expect(try await second.post(Self.request(DemoData.Offer.cvSamtale, start: other)).fejlkode == 8129)
        // 8131: the citizen phones in, but there is no number.
        try offers("citizenCalls: true\ntelephoneNumber: \"\"")
        let third = try await TestGateway.start(configure: { $0.mappingsDirectory = directory }, simulator: gateway.simulator)
        defer { Task { await third.stop(keepingSimulator: true) } }
        #expect(try await third.post(Self.request(DemoData.Offer.cvSamtale, start: other)).fejlkode == 8131)
    }

    @Test func thePolicyRulesOfTheOffer() throws {
        let mappings = try GatewayMappings.load(directory: repositoryRoot + "/Mappings")
        let codeLists = mappings.codeLists
        let now = Date()
        let start = CopenhagenTime.adding(days: 5, to: now)
        func code(_ change: (inout OfferMapping) -> Void, start: Date = start, samtaleform: String? = "personligt") -> Int? {
            var mapping = mappings.defaults
            change(&mapping)
            do {
                try BookingRules.check(mapping, start: start, samtaleformName: samtaleform, codeLists: codeLists, now: now)
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code { _ in } == nil)
        #expect(code { $0.rebooking = .init(possible: false, deadlineHours: 24) } == 8125)
        #expect(code { $0.rebooking = .init(possible: true, deadlineHours: nil) } == 8126)
        #expect(code { $0.cancellation = .init(possible: false, deadlineHours: 24) } == 8127)
        #expect(code { $0.cancellation = .init(possible: true, deadlineHours: nil) } == 8128)
        #expect(code { $0.rebooking = .init(possible: true, deadlineHours: 24 * 30) } == 8132)
        #expect(code { $0.cancellation = .init(possible: true, deadlineHours: 24 * 30) } == 8133)
        #expect(code { $0.rebooking = .init(possible: true, deadlineHours: -2) } == 8134)
        #expect(code { $0.cancellation = .init(possible: true, deadlineHours: -2) } == 8136)
        #expect(code { $0.interviewTypeIdentifier = 17 } == 8270)
        #expect(code { $0.location = InterviewLocation(description: "Hos jobcentret", address: nil) } == 8129)
        #expect(code({ $0.location = nil }, samtaleform: "telefonisk") == nil)
        #expect(code { $0.citizenCalls = true; $0.telephoneNumber = nil } == 8131)
        #expect(code { $0.durationMinutes = 1441 } == 8135)
    }
}
