import CopenhagenTime
import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import Testing

/// GetSelvbookingMoedetider and GetStraksbookingMoedetider over HTTP against the simulator: every
/// success path and every code each can answer.
@Suite struct SelfBookingTimeslotTests {
    static let anna = DemoData.Citizen.anna
    static let jobsamtale = DemoData.Offer.jobsamtale.uuidString.lowercased()
    static let lars = "CVR:29189846-RID:1002"

    static func window(days: Int = 14, from start: Date = Date()) -> String {
        "<v:StartMoedetidsinterval>\(CopenhagenTime.format(start))</v:StartMoedetidsinterval>"
            + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(CopenhagenTime.adding(days: days, to: start)))</v:SlutMoedetidsinterval>"
    }

    static func moedetider(_ offer: String = jobsamtale, window: String = window(), extra: String = "", cpr: String = anna) -> String {
        SOAP.operation("GetSelvbookingMoedetider", cpr: cpr, content: "<v:MoedetilbudId>\(offer)</v:MoedetilbudId>\(window)\(extra)")
    }

    /// The CaseWorkerIDs of every slot, slot by slot.
    static func slotCaseworkers(_ answer: HTTPAnswer) -> [[String]] {
        answer.body.components(separatedBy: "<tns:BookingTimeslot>").dropFirst().map { slot in
            let ids = slot.components(separatedBy: "<tns:CaseWorkerIDCollection>")[1].components(separatedBy: "</tns:CaseWorkerIDCollection>")[0]
            return ids.components(separatedBy: "<tns:CaseWorkerID>").dropFirst().map { $0.components(separatedBy: "<")[0] }
        }
    }

    @Test func theFreeTimesOfAnOfferWithAChoiceOfCaseworker() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(Self.moedetider())
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "GetSelvbookingMoedetiderResponse")
            #expect(answer.count(of: "CaseWorkerToBook") == 2)
            #expect(answer.count(of: "BookingTimeslot") > 10)
            // Rebookable, but not the times whose 24-hour rebooking deadline has already passed.
            #expect(answer.body.contains("<tns:RebookingPossible>true</tns:RebookingPossible>"))
            let firstText = try #require(answer.value(of: "StartTime"))
            let first = try #require(CopenhagenTime.parse(firstText))
            #expect(answer.value(of: "RebookingPossible") == (first.timeIntervalSinceNow > 24 * 3600 ? "true" : "false"))
            // Every start time carries Copenhagen's offset, and is a caseworker's working time on a weekday.
            #expect(answer.body.range(of: #"<tns:StartTime>[^<]*Z</tns:StartTime>"#, options: .regularExpression) == nil)
            #expect(Self.slotCaseworkers(answer).allSatisfy { !$0.isEmpty && Set($0).isSubset(of: ["1", "2"]) })
            #expect(await gateway.state.calls == [.personByCpr, .getMicrositeCategories, .bookingOptions])
        }
    }

    @Test func theChosenCaseworkerAndSamtaleformFilterTheTimes() async throws {
        try await withTestGateway { gateway async throws in
            let lars = try await gateway.post(Self.moedetider(extra: "<v:SagsbehandlerEksterntId>\(Self.lars)</v:SagsbehandlerEksterntId>"))
            #expect(lars.status == 200)
            #expect(lars.count(of: "CaseWorkerToBook") == 1)
            #expect(lars.value(of: "CaseWorkerGivenName") == "Lars")
            #expect(Self.slotCaseworkers(lars).allSatisfy { $0 == ["2"] })
            let phone = try await gateway.post(Self.moedetider(extra: "<v:SamtaleformType>2</v:SamtaleformType>"))
            #expect(phone.status == 200)
            #expect(phone.body.components(separatedBy: "<tns:SamtaleformType>").dropFirst().allSatisfy { $0.hasPrefix("2<") })
            let digital = try await gateway.post(Self.moedetider(extra: "<v:SamtaleformType>8</v:SamtaleformType>"))
            #expect(digital.fejlkode == 4770)
            let stranger = try await gateway.post(Self.moedetider(extra: "<v:SagsbehandlerEksterntId>CVR:1-RID:404</v:SagsbehandlerEksterntId>"))
            #expect(stranger.fejlkode == 4770)
        }
    }

    @Test func aJointMeetingHasSeatsAndNoChoiceOfCaseworker() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(Self.moedetider(DemoData.Offer.informationsmoede.uuidString.lowercased()))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.value(of: "MaksimaltMoededeltagerantal") == "12")
            #expect(answer.count(of: "CaseWorkerToBook") == 0)
            #expect(answer.value(of: "RebookingPossible") == "false")
            try ResponseSchema.assertValid(answer.body, element: "GetSelvbookingMoedetiderResponse")
        }
    }

    @Test func theOfferIdMayComeFromTheURL() async throws {
        try await withTestGateway { gateway async throws in
            let body = SOAP.operation("GetSelvbookingMoedetider", cpr: Self.anna, content: Self.window())
            let answer = try await gateway.post(body, path: "/JobnetCitizenStatusService/GetSelvbookingMoedetider/\(Self.jobsamtale)")
            #expect(answer.status == 200)
        }
    }

    @Test func aLongWindowIsClippedAndSaidSo() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(Self.moedetider(window: Self.window(days: 90)))
            #expect(answer.status == 200)
            #expect(gateway.records.last?.decisions.contains("search window clipped to 31 days") == true)
            let last = answer.body.components(separatedBy: "<tns:StartTime>").last!.components(separatedBy: "<")[0]
            let lastStart = try #require(CopenhagenTime.parse(last))
            #expect(lastStart <= CopenhagenTime.adding(days: 31, to: Date()))
        }
    }

    @Test func theCodesGetSelvbookingMoedetiderAnswers() async throws {
        try await withTestGateway { gateway async throws in
            // 4783: a window that has ended.
            let past = try await gateway.post(Self.moedetider(window: Self.window(days: 3, from: CopenhagenTime.adding(days: -10, to: Date()))))
            #expect(past.fejlkode == 4783)
            #expect(await gateway.state.calls.isEmpty)
            // 1014 (new 99000): the window ends before it starts.
            let backwards = try await gateway.post(Self.moedetider(window: Self.window(days: -3, from: CopenhagenTime.adding(days: 10, to: Date()))))
            #expect(backwards.fejlkode == 1014)
            #expect(backwards.nyFejlkode == 99000)
            // 8111 (new 99012): Planner does not know the citizen.
            let unknown = try await gateway.post(Self.moedetider(cpr: DemoData.Citizen.unknown))
            #expect(unknown.fejlkode == 8111)
            #expect(unknown.nyFejlkode == 99012)
            // 8108: an unknown offer, and an expired one.
            let noSuchOffer = try await gateway.post(Self.moedetider(UUID().uuidString.lowercased()))
            #expect(noSuchOffer.fejlkode == 8108)
            let expired = try await gateway.post(Self.moedetider(DemoData.Offer.udloebet.uuidString.lowercased()))
            #expect(expired.fejlkode == 8108)
            // 4770: no free time (the offer books at least two hours ahead; the window closes in one).
            let soon = "<v:StartMoedetidsinterval>\(CopenhagenTime.format(Date()))</v:StartMoedetidsinterval>"
                + "<v:SlutMoedetidsinterval>\(CopenhagenTime.format(Date().addingTimeInterval(3600)))</v:SlutMoedetidsinterval>"
            let none = try await gateway.post(Self.moedetider(window: soon))
            #expect(none.fejlkode == 4770)
            // 9303: Planner fails BookingOptions.
            await gateway.state.inject(.status(503), into: .bookingOptions)
            let failing = try await gateway.post(Self.moedetider())
            #expect(failing.fejlkode == 9303)
            // Each of these is on GetSelvbookingMoedetider's list.
            #expect(gateway.records.allSatisfy { !($0.reason ?? "").contains("a gateway defect") })
        }
    }

    @Test func immediateBookingTimesOfTheImmediateOffer() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: Self.anna))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "GetStraksbookingMoedetiderResponse")
            #expect(answer.value(of: "InterviewOptionID") == DemoData.Offer.straksJobsamtale.uuidString.lowercased())
            #expect(answer.value(of: "MeetingTitle") == "Straks-jobsamtale")
            #expect(answer.value(of: "AllowChoiceOfSupervisor") == "false")
            #expect(answer.value(of: "CancellationPossible") == "false")
            // Within the immediate window of seven days.
            let starts = answer.body.components(separatedBy: "<tns:StartTime>").dropFirst().compactMap {
                CopenhagenTime.parse($0.components(separatedBy: "<")[0])
            }
            #expect(!starts.isEmpty)
            #expect(starts.allSatisfy { $0 <= CopenhagenTime.adding(days: 7, to: Date()) })
            #expect(Self.slotCaseworkers(answer).allSatisfy { $0 == ["3"] })
        }
    }

    @Test func theCodesGetStraksbookingMoedetiderAnswers() async throws {
        try await withTestGateway(configure: { $0.limits.immediateSearchDays = 0 }) { gateway async throws in
            let none = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: Self.anna))
            #expect(none.fejlkode == 4770)
            let unknown = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: DemoData.Citizen.unknown))
            #expect(unknown.fejlkode == 8111)
            await gateway.state.inject(.garbage, into: .getMicrositeCategories)
            let garbage = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: Self.anna))
            #expect(garbage.fejlkode == 9329)
        }
    }
}
