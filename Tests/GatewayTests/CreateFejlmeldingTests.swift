import CopenhagenTime
import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import Testing

/// CreateFejlmelding: validated, stored durably, listed for operators.
@Suite struct CreateFejlmeldingTests {
    static func report(origin: Int = 32, code: Int = 6, text: String? = "Mødetiden blev vist forkert", offer: String? = nil, booking: String? = nil) -> String {
        var content = ""
        if let offer { content += "<v:MoedetilbudId>\(offer)</v:MoedetilbudId>" }
        if let booking { content += "<v:IndkaldelseId>\(booking)</v:IndkaldelseId>" }
        content += "<v:Fejlkode>\(code)</v:Fejlkode>"
        if let text { content += "<v:Fejltekst>\(text)</v:Fejltekst>" }
        content += "<v:FejlOphav>\(origin)</v:FejlOphav><v:FejlTidspunkt>\(CopenhagenTime.format(Date()))</v:FejlTidspunkt>"
        return SOAP.operation("CreateFejlmelding", cpr: DemoData.Citizen.carla, content: content)
    }

    @Test func aReportIsStoredAndListed() async throws {
        let path = NSTemporaryDirectory() + "jobnet-gateway-fm-\(UUID().uuidString).sqlite"
        try await withTestGateway(configure: { $0.databasePath = path }) { gateway async throws in
            let answer = try await gateway.post(Self.report(text: "Borgeren 0303903333 kunne ikke booke"))
            #expect(answer.status == 200, "\(answer.body)")
            try ResponseSchema.assertValid(answer.body, element: "CreateFejlmeldingResponse")
            #expect(await gateway.state.calls.isEmpty)
            // A known offer and a known booking (once the ledger has learned Carla's).
            _ = try await gateway.post(SOAP.operation("GetBookings", cpr: DemoData.Citizen.carla))
            let withIds = try await gateway.post(Self.report(
                offer: DemoData.Offer.jobsamtale.uuidString.lowercased(), booking: DemoData.carlaRebookable.uuidString.lowercased()))
            #expect(withIds.status == 200, "\(withIds.body)")
            let ledger = try Ledger(path: path)
            let reports = try await ledger.fejlmeldinger(since: CopenhagenTime.startOfDay(Date()))
            #expect(reports.count == 2)
            #expect(reports.first?.citizen == "030390-xxxx")
            // A CPR in the free text is masked before it is stored.
            #expect(reports.first?.text == "Borgeren 030390-xxxx kunne ikke booke")
            #expect(try await ledger.fejlmeldinger(since: CopenhagenTime.adding(days: 1, to: Date())).isEmpty)
            let line = FejlmeldingLine(try #require(reports.last)).text
            #expect(line.contains("origin Jobnet") && line.contains("code 6") && line.contains("booking e0000000-0000-4000-8000-000000000002"))
        }
    }

    @Test func theChecksAnswer1014() async throws {
        try await withTestGateway { gateway async throws in
            #expect(try await gateway.post(Self.report(origin: 31)).fejlkode == 1014)
            #expect(try await gateway.post(Self.report(code: 99)).fejlkode == 1014)
            #expect(try await gateway.post(Self.report(offer: UUID().uuidString)).fejlkode == 1014)
            #expect(try await gateway.post(Self.report(booking: UUID().uuidString)).fejlkode == 1014)
            #expect(gateway.records.compactMap(\.reason).contains { $0.contains("FejlOphav 31") })
        }
    }
}
