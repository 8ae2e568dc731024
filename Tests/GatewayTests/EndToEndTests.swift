import Foundation
import Gateway
import Jobnet
import Planner
import PlannerSimulator
import SOAP
import Testing

/// GetBorgerstatus and GetSelvbookingMoedetilbud over real HTTP, against the simulator.
@Suite struct EndToEndTests {
    @Test func moedetilbudListsTheBookableOffersOfTheDemoCitizen() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.anna))
            #expect(answer.status == 200)
            // Four offers: the expired one is left out, the nested CV-samtale is found.
            #expect(answer.count(of: "Moedetilbud") == 4)
            #expect(answer.body.contains(DemoData.Offer.jobsamtale.uuidString.lowercased()))
            #expect(answer.body.contains(DemoData.Offer.cvSamtale.uuidString.lowercased()))
            #expect(!answer.body.contains(DemoData.Offer.udloebet.uuidString.lowercased()))
            // The joint meeting has First/LastTimeslot with Copenhagen's offset, and never a caseworker choice.
            #expect(answer.body.range(of: #"<tns:FirstTimeslot>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00</tns:FirstTimeslot>"#,
                options: .regularExpression) != nil)
            #expect(answer.count(of: "Supervisor") == 2)
            try ResponseSchema.assertValid(answer.body, element: "GetSelvbookingMoedetilbudResponse")
            // Planner calls: PersonByCpr, GetMicrositeCategories, BookingOptions for the joint meeting only.
            let calls = await gateway.state.calls
            #expect(calls == [.personByCpr, .getMicrositeCategories, .bookingOptions])
            // The mapping log says which offer was served with the defaults.
            let record = try #require(gateway.records.last)
            #expect(record.decisions.contains("offer \(DemoData.Offer.cvSamtale.uuidString.lowercased()) mapped by defaults"))
            #expect(record.citizen == "010190-xxxx")
        }
    }

    @Test func borgerstatusSaysTheCitizenCanSelfBookWithDeadlines() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            #expect(answer.status == 200)
            #expect(answer.value(of: "KanSelvbooke") == "true")
            #expect(answer.value(of: "StraksbookingPaakraevet") == "true")
            #expect(answer.value(of: "SamtaleType") == "7")
            try ResponseSchema.assertValid(answer.body, element: "GetBorgerstatusResponse")
            // GetBookings: a deadline a booking of its type meets is not shown.
            #expect(await gateway.state.calls == [.personByCpr, .getMicrositeCategories, .getBookings])
        }
    }

    @Test func unknownCPRGivesEachOperationItsDocumentedCode() async throws {
        try await withTestGateway { gateway async throws in
            let status = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.unknown))
            #expect(status.status == 500)
            #expect(status.fejlkode == 1010)
            #expect(status.nyFejlkode == 1010)
            #expect(status.faultcode == "soap:Client")
            let offers = try await gateway.post(SOAP.operation("GetSelvbookingMoedetilbud", cpr: DemoData.Citizen.unknown))
            #expect(offers.fejlkode == 8111)
            #expect(offers.value(of: "Fejltekst") == "STAR Foundation Ukendt personnummer")
            // Nothing but PersonByCpr was asked.
            #expect(await gateway.state.calls == [.personByCpr, .personByCpr])
        }
    }

    @Test func theCPRMayComeAsAnHTTPHeaderButBothMustAgree() async throws {
        try await withTestGateway { gateway async throws in
            let viaHeader = try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: nil), headers: ["x-civilregistrationIdentifier": DemoData.Citizen.anna])
            #expect(viaHeader.status == 200)
            let disagreeing = try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna),
                headers: ["x-civilregistrationIdentifier": DemoData.Citizen.carla])
            #expect(disagreeing.fejlkode == 1014)
            let missing = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: nil))
            #expect(missing.fejlkode == 1014)
        }
    }

    @Test func aV10URLCarriesTheIdAndMustAgreeWithTheBody() async throws {
        try await withTestGateway { gateway async throws in
            let booking = DemoData.carlaRebookable.uuidString.lowercased()
            let other = DemoData.boAwaitingAcceptance.uuidString.lowercased()
            let urlOnly = try await gateway.post(
                SOAP.operation("DeleteBooking", cpr: DemoData.Citizen.carla), path: "/JobnetCitizenStatusService/DeleteBooking/\(booking)")
            #expect(urlOnly.status == 200)
            let disagreeing = try await gateway.post(
                SOAP.operation("DeleteBooking", cpr: DemoData.Citizen.carla, content: "<v:IndkaldelseId>\(other)</v:IndkaldelseId>"),
                path: "/JobnetCitizenStatusService/DeleteBooking/\(booking)")
            #expect(disagreeing.fejlkode == 1014)
            let neither = try await gateway.post(SOAP.operation("DeleteBooking", cpr: DemoData.Citizen.carla))
            #expect(neither.fejlkode == 1014)
            let wrongOperation = try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.carla), path: "/JobnetCitizenStatusService/DeleteBooking/\(booking)")
            #expect(wrongOperation.fejlkode == 1014)
        }
    }

    @Test func theAliasServesTheSameContractAndSOAP12IsAnsweredInKind() async throws {
        try await withTestGateway { gateway async throws in
            let alias = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), path: "/JobnetBookingService")
            #expect(alias.status == 200)
            let soap12 = try await gateway.post(
                SOAP.envelope(cpr: DemoData.Citizen.anna, body: "<v:GetBorgerstatus/>", version: SOAP.soap12),
                contentType: "application/soap+xml; charset=utf-8")
            #expect(soap12.status == 200)
            #expect(soap12.body.contains(SOAP.soap12))
            #expect(soap12.headers["content-type"]?.hasPrefix("application/soap+xml") == true)
            let soap12Fault = try await gateway.post(
                SOAP.envelope(cpr: DemoData.Citizen.unknown, body: "<v:GetBorgerstatus/>", version: SOAP.soap12),
                contentType: "application/soap+xml")
            #expect(soap12Fault.faultcode == "soap:Sender")
            #expect(soap12Fault.fejlkode == 1010)
        }
    }

    @Test func healthReadyAndTheCorrelationId() async throws {
        try await withTestGateway { gateway async throws in
            #expect(try await gateway.get("/health").status == 200)
            #expect(try await gateway.get("/ready").status == 200)
            let answer = try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), headers: ["x-requestId": "req-42"])
            #expect(answer.headers["x-correlation-id"] == "req-42")
            #expect(gateway.records.last?.correlationId == "req-42")
        }
    }
}

/// Validates a response's payload element against the contract's XSD: the gateway's answers must
/// be as valid as what it demands.
enum ResponseSchema {
    static let validator: SchemaValidator = {
        let bytes = FileManager.default.contents(atPath: repositoryRoot + "/Wsdl/JobnetCitizenStatusService.xsd")!
        return try! SchemaValidator(schemaText: Array(bytes), name: "xsd")
    }()

    static func assertValid(_ envelope: String, element: String) throws {
        let document = try XMLParser().parse(Array(envelope.utf8))
        // Envelope → Body → payload.
        let bodyIndex = try #require(document.root.children.firstIndex { $0.localName == "Body" })
        #expect(document.root.children[bodyIndex].children.first?.localName == element)
        let problems = validator.validate(document, elementAt: [bodyIndex, 0])
        #expect(problems.isEmpty, "\(problems)")
    }
}
