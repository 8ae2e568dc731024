import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Testing

/// GetStraksbookingMoedetider answers for the interview type that made immediate booking required.
@Suite struct ImmediateBookingChoiceTests {
    @Test func theTypeThatMakesImmediateBookingRequiredIsAnsweredFirst() async throws {
        let mappings = try MappingReloadTests.copyOfTheMappings()
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        let offers = mappings + "/offers.yaml"
        // The straks offer (first in category order) is no longer required; the CV offer (later) is.
        var text = try String(contentsOfFile: offers, encoding: .utf8)
        text = text.replacingOccurrences(of: "    immediate: true\n    immediateRequired: true\n", with: "    immediate: true\n")
        text += "\n  c0000000-0000-4000-8000-000000000005:\n    immediate: true\n    immediateRequired: true\n"
        try text.write(toFile: offers, atomically: true, encoding: .utf8)
        try await withTestGateway(configure: { $0.mappingsDirectory = mappings }) { gateway async throws in
            let status = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            #expect(status.value(of: "StraksbookingPaakraevet") == "true")
            let answer = try await gateway.post(SOAP.operation("GetStraksbookingMoedetider", cpr: DemoData.Citizen.anna))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.value(of: "InterviewOptionID") == DemoData.Offer.cvSamtale.uuidString.lowercased())
        }
    }
}
