import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import Planner
@testable import PlannerSimulator
import Testing

/// The gateway in front of a Planner it has never seen: the strict simulator (`PlannerSimulatorStyle.strict`)
/// with data whose offer, resource, department and microsite ids appear nowhere in Mappings/
/// (Tests/Tools/strict/planner-data.yaml), the shipped Mappings/ and the routes `discover` proposes.
/// Every operation of the self-booking flow works, and the simulator's state says so.
@Suite struct UnknownPlannerTests {
    static let data = try! SimulatorDataFile.load(path: repositoryRoot + "/Tests/Tools/strict/planner-data.yaml")
    static let gitte = "0707907777"
    static let gitteId = UUID(uuidString: "5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a1001")!
    static let henrik = "0808908888"
    static let henrikId = UUID(uuidString: "5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a1002")!
    static let inge = "0909909999"
    static let samtale = UUID(uuidString: "5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a3001")!
    static let faellesmoede = UUID(uuidString: "5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a3002")!

    static func start(databasePath: String? = nil, simulator: PlannerSimulatorServer? = nil) async throws -> TestGateway {
        try await TestGateway.start(configure: { configuration in
            configuration.rootDepartmentId = data.rootDepartmentId
            configuration.micrositeId = data.micrositeId
            if let databasePath { configuration.databasePath = databasePath }
        }, data: data, style: .strict, simulator: simulator)
    }

    /// The same Planner and mappings, in-process (`withTestGateway`).
    static func withGateway(_ body: @Sendable (InProcessGateway) async throws -> Void) async throws {
        try await withTestGateway(configure: { configuration in
            configuration.rootDepartmentId = data.rootDepartmentId
            configuration.micrositeId = data.micrositeId
        }, data: data, style: .strict, body)
    }

    /// The same, over real HTTP (a test that calls the simulator with a client of its own).
    static func withHTTPGateway(_ body: (TestGateway) async throws -> Void) async throws {
        try await withHTTPTestGateway(configure: { configuration in
            configuration.rootDepartmentId = data.rootDepartmentId
            configuration.micrositeId = data.micrositeId
        }, data: data, style: .strict, body)
    }

    /// A free time of the offer two days ahead or later (past every 24-hour deadline), as Planner offers it.
    static func freeTime(_ gateway: some GatewayUnderTest, offer: UUID = samtale, person: UUID = gitteId, skip: Int = 0) async throws -> Date {
        let options = try await gateway.state.bookingOptions(
            personId: person, offerId: offer, start: CopenhagenTime.adding(days: 2, to: Date()),
            end: CopenhagenTime.adding(days: 16, to: Date()))
        return try #require(options.dropFirst(skip).first).time
    }

    static func window(days: Int = 14) -> String {
        "<v:StartMoedetidsinterval>\(CopenhagenTime.format(Date()))</v:StartMoedetidsinterval>"
            + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(CopenhagenTime.adding(days: days, to: Date())))</v:SlutMoedetidsinterval>"
    }

    static func book(_ offer: UUID, at start: Date, cpr: String = gitte) -> String {
        SOAP.operation("CreateSelvbooking", cpr: cpr, content: "<v:MoedetilbudId>\(offer.uuidString.lowercased())</v:MoedetilbudId>"
            + "<v:MoedeStarttidspunkt>\(CopenhagenTime.format(start))</v:MoedeStarttidspunkt>")
    }

    @Test func theMappingsKnowNoneOfThisPlannersIds() throws {
        let mappings = try String(contentsOfFile: repositoryRoot + "/Mappings/offers.yaml", encoding: .utf8)
            + (try String(contentsOfFile: repositoryRoot + "/Mappings/caseworkers.yaml", encoding: .utf8))
        for id in [Self.data.rootDepartmentId, Self.data.micrositeId] + Self.data.offers.map(\.id) + Self.data.resources.map(\.id) {
            #expect(!mappings.lowercased().contains(id.uuidString.lowercased()))
        }
    }

    @Test func offersAndTimesOfUnmappedOffersAndResourcesAreServed() async throws {
        try await Self.withGateway { gateway async throws in
            let offers = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: Self.gitte))
            #expect(offers.status == 200, "\(offers.body)")
            try ResponseSchema.assertValid(offers.body, element: "GetSelvbookingMoedetilbudResponse")
            #expect(offers.body.contains(Self.samtale.uuidString.lowercased()))
            #expect(offers.body.contains(Self.faellesmoede.uuidString.lowercased()))

            let times = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: Self.gitte,
                content: "<v:MoedetilbudId>\(Self.samtale.uuidString.lowercased())</v:MoedetilbudId>\(Self.window())"))
            #expect(times.status == 200, "\(times.body)")
            try ResponseSchema.assertValid(times.body, element: "GetSelvbookingMoedetiderResponse")
            #expect(times.count(of: "BookingTimeslot") > 0)
            // Unmapped caseworkers are listed by the gateway's own ids, on the times only: no RID, no choice.
            let ids = Set(Self.caseWorkerIds(times.body))
            #expect(!ids.isEmpty && ids.allSatisfy { $0 >= UnmappedCaseworkers.firstId }, "\(ids)")
            #expect(ids.count == 2)
            #expect(times.count(of: "CaseWorkerToBook") == 0)
            // In time order, although this Planner answers in none.
            let starts = Self.values(of: "StartTime", in: times.body).compactMap(CopenhagenTime.parse)
            #expect(starts == starts.sorted())
            let record = try #require(gateway.records.last)
            #expect(record.decisions.contains { $0.hasPrefix("unmapped resource 5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2001") })
            #expect(record.decisions.contains("offer \(Self.samtale.uuidString.lowercased()) mapped by defaults"))

            // A joint meeting's options name no resource: listed with CaseWorkerID 0.
            let joint = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: Self.gitte,
                content: "<v:MoedetilbudId>\(Self.faellesmoede.uuidString.lowercased())</v:MoedetilbudId>\(Self.window())"))
            #expect(joint.status == 200, "\(joint.body)")
            #expect(Set(Self.caseWorkerIds(joint.body)) == [UnmappedCaseworkers.plannerAssigns])

            // A warning, not an outage.
            #expect(try await gateway.get("/ready").status == 200)
            let metrics = try await gateway.get("/metrics").body
            #expect(metrics.contains(#"jobnet_unmapped_calls_total{operation="GetSelvbookingMoedetider",kind="resource"}"#), "\(metrics)")
            #expect(metrics.contains(#"jobnet_unmapped_calls_total{operation="GetSelvbookingMoedetilbud",kind="offer"}"#))
            // And named on /status, for the operator who will map them.
            let status = try await gateway.get("/status").body
            let mappingsSection = try #require(status.components(separatedBy: "<section id=\"mappings\">").last)
            #expect(mappingsSection.contains("<code>5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2001</code>"))
            #expect(mappingsSection.contains("<code>\(Self.samtale.uuidString.lowercased())</code>"))
            Self.expectPlannerRefusedNothing(gateway)
        }
    }

    @Test func anUnmappedResourceKeepsItsIdAcrossRestarts() async throws {
        let path = NSTemporaryDirectory() + "jobnet-gateway-unmapped-\(UUID().uuidString).sqlite"
        let request = SOAP.operation("GetSelvbookingMoedetider", cpr: Self.gitte,
            content: "<v:MoedetilbudId>\(Self.samtale.uuidString.lowercased())</v:MoedetilbudId>\(Self.window())")
        let first = try await Self.start(databasePath: path)
        let before = try await first.post(request)
        await first.stop(keepingSimulator: true)
        let second = try await Self.start(databasePath: path, simulator: first.simulator)
        defer { Task { await second.stop() } }
        let after = try await second.post(request)
        #expect(Set(Self.caseWorkerIds(before.body)) == Set(Self.caseWorkerIds(after.body)))
        let ids = try await Ledger(path: path).unmappedCaseworkerIds()
        #expect(ids["5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2001"] != ids["5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a2002"])
        #expect(ids.count == 2)
    }

    @Test func bookListRebookAndCancelAMeetingOfAnUnmappedOffer() async throws {
        try await Self.withGateway { gateway async throws in
            let start = try await Self.freeTime(gateway)

            // CreateSelvbooking: no caseworker can be chosen, so MakeBooking; Planner picks one.
            await gateway.state.resetCalls()
            let booked = try await gateway.post(Self.book(Self.samtale, at: start))
            #expect(booked.status == 200, "\(booked.body)")
            try ResponseSchema.assertValid(booked.body, element: "CreateSelvbookingResponse")
            #expect(await gateway.state.calls.contains(.makeBooking))
            let id = try #require(booked.value(of: "IndkaldelseId"))
            var meetings = await gateway.state.activeBookings(personStatusId: Self.gitteId)
            #expect(meetings.map(\.id.uuidString).map { $0.lowercased() } == [id])
            #expect(meetings.first?.start == start)
            // The holder is named as Planner names it (MakeBooking: Planner chose, and GetBookings names them
            // by display name only), with an identifier that is plainly not a RID.
            #expect(booked.value(of: "CaseWorkerIdentifier") == "ikke-tilknyttet", "\(booked.body)")
            #expect(["Karen", "Mads"].contains(booked.value(of: "CaseWorkerGivenName") ?? ""))

            // GetBookings lists it.
            let list = try await gateway.post(SOAP.operation("GetBookings", cpr: Self.gitte))
            #expect(list.status == 200, "\(list.body)")
            try ResponseSchema.assertValid(list.body, element: "GetBookingsResponse")
            #expect(list.body.contains(id))

            // CreateOmbooking to a later time: one meeting, at the new time.
            let later = try await Self.freeTime(gateway, skip: 3)
            let moved = try await gateway.post(SOAP.operation("CreateOmbooking", cpr: Self.gitte,
                content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId><v:MoedeStarttidspunkt>\(CopenhagenTime.format(later))</v:MoedeStarttidspunkt>"))
            #expect(moved.status == 200, "\(moved.body)")
            try ResponseSchema.assertValid(moved.body, element: "CreateOmbookingResponse")
            let newId = try #require(moved.value(of: "IndkaldelseId"))
            // Reserved with a resource Planner named: the identifier says which, and is no RID.
            #expect(moved.value(of: "CaseWorkerIdentifier")?.hasPrefix("planner-resource:5f0e9a61-3c1d-4b7e-9a52-8d7c6b5a200") == true,
                "\(moved.body)")
            meetings = await gateway.state.activeBookings(personStatusId: Self.gitteId)
            #expect(meetings.map(\.start) == [later])
            #expect(meetings.first?.status == 1)

            // DeleteBooking: none left.
            let cancelled = try await gateway.post(SOAP.operation("DeleteBooking", cpr: Self.gitte, content: "<v:IndkaldelseId>\(newId)</v:IndkaldelseId>"))
            #expect(cancelled.status == 200, "\(cancelled.body)")
            #expect(await gateway.state.activeBookings(personStatusId: Self.gitteId).isEmpty)
            Self.expectPlannerRefusedNothing(gateway)
        }
    }

    @Test func aJointMeetingNamedOnlyByTaskIdIsBooked() async throws {
        try await Self.withGateway { gateway async throws in
            let start = try await Self.freeTime(gateway, offer: Self.faellesmoede)
            let booked = try await gateway.post(Self.book(Self.faellesmoede, at: start))
            #expect(booked.status == 200, "\(booked.body)")
            try ResponseSchema.assertValid(booked.body, element: "CreateSelvbookingResponse")
            let meetings = await gateway.state.activeBookings(personStatusId: Self.gitteId)
            #expect(meetings.map(\.start) == [start])
            #expect(meetings.map(\.offerId) == [Self.faellesmoede])
        }
    }

    @Test func aMeetingIsRebookedToAJointSessionPlannerNamesOnlyByTaskId() async throws {
        // No resource to reserve: the new time is booked by MakeBooking, then the old one cancelled.
        try await Self.withGateway { gateway async throws in
            let first = try await Self.freeTime(gateway, offer: Self.faellesmoede)
            let booked = try await gateway.post(Self.book(Self.faellesmoede, at: first))
            let id = try #require(booked.value(of: "IndkaldelseId"), "\(booked.body)")
            let second = try await Self.freeTime(gateway, offer: Self.faellesmoede, skip: 2)
            await gateway.state.resetCalls()
            let moved = try await gateway.post(SOAP.operation("CreateOmbooking", cpr: Self.gitte,
                content: "<v:IndkaldelseId>\(id)</v:IndkaldelseId><v:MoedeStarttidspunkt>\(CopenhagenTime.format(second))</v:MoedeStarttidspunkt>"))
            #expect(moved.status == 200, "\(moved.body)")
            let calls = await gateway.state.calls
            #expect(!calls.contains(.createBookingReservation))
            #expect(calls.filter { $0 == .cancelBooking || $0 == .makeBooking } == [.makeBooking, .cancelBooking])
            let meetings = await gateway.state.activeBookings(personStatusId: Self.gitteId)
            #expect(meetings.map(\.start) == [second])
            #expect(meetings.map { $0.id.uuidString.lowercased() } == [moved.value(of: "IndkaldelseId")])
        }
    }

    @Test func aRebookingByMakeBookingKilledBeforeItsJournalLeavesOneMeeting() async throws {
        // Planner made the new booking; the gateway died before the journal said so (`reserving`): the
        // old booking stands, so the start-up cancels the new one. Killed after the old one was
        // cancelled (`reserved`): the start-up finds nothing to confirm and completes it.
        try await Self.withHTTPGateway { gateway async throws in
            let state = gateway.state
            let planner = PlannerClient(
                configuration: .init(baseURL: await gateway.simulator.baseURL, rootDepartmentId: Self.data.rootDepartmentId,
                                     micrositeId: Self.data.micrositeId, routes: gateway.simulator.routes),
                transport: CurlTransport(settings: PlannerTransportSettings(workers: 1)))
            let context = OperationContext(
                cpr: nil, planner: planner, mappings: try GatewayMappings.load(directory: repositoryRoot + "/Mappings"), now: Date(),
                limits: OperationLimits(), ledger: try Ledger(path: nil), locks: CitizenLocks(), notes: MappingNotes())
            func entry(_ id: String, old: UUID, oldStart: Date, new: Date, made: UUID?, step: RebookingJournalEntry.Step) -> RebookingJournalEntry {
                RebookingJournalEntry(
                    id: id, personId: Self.gitteId.uuidString.lowercased(), oldBookingId: old.uuidString.lowercased(),
                    oldOfferId: Self.faellesmoede.uuidString.lowercased(), oldStart: oldStart,
                    newOfferId: Self.faellesmoede.uuidString.lowercased(), newStart: new,
                    newResourceId: Rebooking.plannerAssigns, newReservationId: made?.uuidString.lowercased(), step: step, updatedAt: Date())
            }
            func book(_ start: Date) async throws -> UUID {
                try await planner.makeBooking(PlannerMakeBookingRequest(
                    personId: Self.gitteId, offerId: Self.faellesmoede, startTime: start, isImmediateBooking: false))
            }
            var times: [Date] = []
            for index in 0..<3 { times.append(try await Self.freeTime(gateway, offer: Self.faellesmoede, skip: index * 2)) }

            let old = try await book(times[0])
            _ = try await book(times[1])
            try await context.ledger.journal(entry("a", old: old, oldStart: times[0], new: times[1], made: nil, step: .reserving))
            #expect(await Rebooking.recover(context: context) == ["rebooking a undone at start-up: the old booking stands"])
            #expect(await state.activeBookings(personStatusId: Self.gitteId).map(\.start) == [times[0]])

            let new = try await book(times[2])
            try await planner.cancelBooking(bookingId: old, personStatusId: Self.gitteId)
            try await context.ledger.journal(entry("b", old: old, oldStart: times[0], new: times[2], made: new, step: .reserved))
            #expect(await Rebooking.recover(context: context) == ["rebooking b completed at start-up"])
            #expect(await state.activeBookings(personStatusId: Self.gitteId).map(\.start) == [times[2]])
        }
    }

    @Test func straksbookOgTilmeldBooksAnUnmappedOfferImmediately() async throws {
        try await Self.withGateway { gateway async throws in
            let start = try await Self.freeTime(gateway, person: Self.henrikId)
            let answer = try await gateway.post(StraksbookOgTilmeldTests.request(cpr: Self.henrik, start: start, offer: Self.samtale))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "StraksbookOgTilmeldResponse")
            let meetings = await gateway.state.activeBookings(personStatusId: Self.henrikId)
            #expect(meetings.map(\.start) == [start])
            #expect(meetings.first?.isImmediateBooking == true)
            Self.expectPlannerRefusedNothing(gateway)
        }
    }

    @Test func anOfferWhoseEntrySaysNotImmediateIsStillRefused() async throws {
        // The demo's Jobsamtale has an entry without `immediate: true`: 8108, as before.
        try await withHTTPTestGateway { gateway async throws in
            let start = try await CreateSelvbookingTests.freeTime(gateway)
            let answer = try await gateway.post(StraksbookOgTilmeldTests.request(start: start, offer: DemoData.Offer.jobsamtale))
            #expect(answer.fejlkode == 8108, "\(answer.body)")
        }
    }

    @Test func aPlanner400IsTheGatewaysOwnDefectAndAnswered9303() async throws {
        try await Self.withGateway { gateway async throws in
            await gateway.state.inject(.status(400), into: .bookingOptions)
            let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: Self.inge,
                content: "<v:MoedetilbudId>\(Self.samtale.uuidString.lowercased())</v:MoedetilbudId>\(Self.window())"))
            #expect(answer.fejlkode == 9303, "\(answer.body)")
            let record = try #require(gateway.records.last)
            #expect(record.plannerCalls.last?.failureClass == "gateway_defect")
            #expect(record.reason?.contains("the gateway's own defect") == true)
            let metrics = try await gateway.get("/metrics").body
            #expect(metrics.contains(#"planner_failures_total{route="BookingOptions",class="gateway_defect"}"#), "\(metrics)")
        }
    }

    @Test func theDefaultRoutesAgainstThisPlannerFailAsServerFaults() async throws {
        // A gateway not aligned with this Planner's routes (the shipped planner-api.yaml) cannot work:
        // Planner answers 404 for every path, which is 9303, and the log says which route.
        try await withHTTPTestGateway(configure: { configuration in
            configuration.rootDepartmentId = Self.data.rootDepartmentId
            configuration.micrositeId = Self.data.micrositeId
            configuration.mappingsDirectory = repositoryRoot + "/Mappings"
        }, data: Self.data, style: .strict) { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: Self.gitte))
            // Planner's 404 says no route matches: the gateway's defect (9303), not an unknown citizen (8111).
            #expect(answer.fejlkode == 9303, "\(answer.body)")
            let call = try #require(gateway.records.last?.plannerCalls.first)
            #expect(call.route == "POST ExternalPerson/GetPersonByCpr")
            #expect(call.failureClass == "gateway_defect")
        }
    }

    /// Every BookingOptions window the gateway sent had its end after its start and within a month (the
    /// strict simulator would have answered 400), and no other request was refused either.
    static func expectPlannerRefusedNothing(_ gateway: some GatewayUnderTest, sourceLocation: SourceLocation = #_sourceLocation) {
        let refused = gateway.records.flatMap(\.plannerCalls).filter { $0.status == 400 || $0.failureClass == "gateway_defect" }
        #expect(refused.isEmpty, "\(refused)", sourceLocation: sourceLocation)
        #expect(gateway.records.flatMap(\.plannerCalls).contains { $0.operation == .bookingOptions }, sourceLocation: sourceLocation)
    }

    // MARK: - Reading answers

    static func values(of name: String, in body: String) -> [String] {
        body.components(separatedBy: "<tns:\(name)>").dropFirst().compactMap { $0.components(separatedBy: "</tns:\(name)>").first }
    }

    static func caseWorkerIds(_ body: String) -> [Int] {
        values(of: "CaseWorkerID", in: body).compactMap { Int($0) }
    }
}
