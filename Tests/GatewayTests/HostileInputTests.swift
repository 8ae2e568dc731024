import Foundation
import Gateway
import Jobnet
import PlannerSimulator
import SOAP
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each class of hostile XML gets the 1014 fault (413 for the size limit), reads no file, expands no
/// entity, never reaches Planner, and the mapping log says why.
@Suite struct HostileInputTests {
    static let secret = "TOP-SECRET-\(UUID().uuidString)"

    static func secretFile() throws -> String {
        let path = NSTemporaryDirectory() + "jobnet-gateway-xxe-\(UUID().uuidString).txt"
        try secret.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func expectRefused(_ answer: HTTPAnswer, _ gateway: some GatewayUnderTest, because reasonFragment: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) async {
        #expect(answer.status == 500, sourceLocation: sourceLocation)
        #expect(answer.fejlkode == 1014, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.faultcode == "soap:Client" || answer.faultcode == "soap:VersionMismatch", sourceLocation: sourceLocation)
        #expect(!answer.body.contains(Self.secret), sourceLocation: sourceLocation)
        #expect(await gateway.state.calls.isEmpty, sourceLocation: sourceLocation)
        if let reasonFragment {
            let reason = gateway.records.last?.reason ?? ""
            #expect(reason.contains(reasonFragment), "\(reason)", sourceLocation: sourceLocation)
        }
    }

    @Test func externalEntityToALocalFileIsNeverRead() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let file = try Self.secretFile()
            let xml = """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://\(file)">]>
                <s:Envelope xmlns:s="\(SOAP.soap11)" xmlns:v="\(SOAP.namespace)"><s:Header>\
                <v:PersonCivilRegistrationIdentifier>\(DemoData.Citizen.anna)</v:PersonCivilRegistrationIdentifier></s:Header>\
                <s:Body><v:GetBorgerstatus>&xxe;</v:GetBorgerstatus></s:Body></s:Envelope>
                """
            await expectRefused(try await gateway.post(xml), gateway, because: "DOCTYPE")
            // A parameter entity and an external DTD are refused the same way.
            let parameter = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file://\(file)\"><x/>"
            await expectRefused(try await gateway.post(parameter), gateway, because: "DOCTYPE")
        }
    }

    @Test func billionLaughsIsNotExpanded() async throws {
        try await withHTTPTestGateway { gateway async throws in
            var entities = "<!ENTITY lol0 \"lol\">"
            for level in 1...9 {
                entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
            }
            let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]>" + SOAP.operation("GetBorgerstatus", cpr: "&lol9;")
                .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
            await expectRefused(try await gateway.post(xml), gateway, because: "DOCTYPE")
        }
    }

    @Test func aBodyOverTheLimitIsAnswered413WithoutBeingReadWhole() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let big = [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
            let answer = try await gateway.post(big)
            #expect(answer.status == 413)
            #expect(await gateway.state.calls.isEmpty)
        }
    }

    @Test func deepNestingIsRefused() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let depth = 20_000
            let nested = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            let xml = SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna, content: nested)
            await expectRefused(try await gateway.post(xml), gateway, because: "XML refused")
        }
    }

    @Test func malformedBodiesAreRefused() async throws {
        try await withHTTPTestGateway { gateway async throws in
            var invalidUTF8 = Array(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna).utf8)
            invalidUTF8.insert(contentsOf: [0xC3, 0x28, 0xFF], at: invalidUTF8.count - 30)
            await expectRefused(try await gateway.post(invalidUTF8), gateway, because: "XML refused")
            await expectRefused(try await gateway.post("this is not XML at all"), gateway, because: "XML refused")
            await expectRefused(try await gateway.post([UInt8]()), gateway, because: "empty")
            await expectRefused(try await gateway.post("<notAnEnvelope/>"), gateway, because: "not a SOAP Envelope")
        }
    }

    @Test func aSOAPVersionThatDisagreesWithTheContentTypeIsAVersionMismatch() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let soap12AsSoap11 = try await gateway.post(
                SOAP.envelope(cpr: DemoData.Citizen.anna, body: "<v:GetBorgerstatus/>", version: SOAP.soap12),
                contentType: "text/xml; charset=utf-8")
            await expectRefused(soap12AsSoap11, gateway)
            #expect(soap12AsSoap11.faultcode == "soap:VersionMismatch")
            let soap11AsSoap12 = try await gateway.post(
                SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna), contentType: "application/soap+xml")
            await expectRefused(soap11AsSoap12, gateway)
            #expect(soap11AsSoap12.faultcode == "soap:VersionMismatch")
            #expect(soap11AsSoap12.body.contains(SOAP.soap12))
        }
    }

    @Test func badCPRsUnknownOperationsBadGuidsDatesAndLengthsAreRefusedByTheContract() async throws {
        try await withHTTPTestGateway { gateway async throws in
            let anna = DemoData.Citizen.anna
            await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "3213901111")), gateway, because: "PersonCivilRegistrationIdentifierType")
            await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "12345")), gateway, because: "PersonCivilRegistrationIdentifierType")
            await expectRefused(try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: nil),
                headers: ["x-civilregistrationIdentifier": "0113901111"]), gateway, because: "PersonCivilRegistrationIdentifierType")
            await expectRefused(try await gateway.post(SOAP.operation("DeleteEverything", cpr: anna)), gateway, because: "unknown operation")
            let badGuid = "<v:MoedetilbudId>not-a-guid</v:MoedetilbudId><v:StartMoedetidsinterval>2030-01-07T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval>"
            await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badGuid)), gateway, because: "schema")
            let badDate = "<v:MoedetilbudId>\(DemoData.Offer.jobsamtale)</v:MoedetilbudId><v:StartMoedetidsinterval>2030-13-45T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval>"
            await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badDate)), gateway, because: "schema")
            let tooLong = "<v:MoedetilbudId>\(DemoData.Offer.jobsamtale)</v:MoedetilbudId><v:StartMoedetidsinterval>2030-01-07T08:00:00</v:StartMoedetidsinterval><v:SlutMoedetidsinterval>2030-01-08T08:00:00</v:SlutMoedetidsinterval><v:SagsbehandlerEksterntId>\(String(repeating: "x", count: 256))</v:SagsbehandlerEksterntId>"
            await expectRefused(try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: tooLong)), gateway, because: "schema")
            let longText = "<v:Fejlkode>1</v:Fejlkode><v:Fejltekst>\(String(repeating: "æ", count: 501))</v:Fejltekst><v:FejlOphav>32</v:FejlOphav><v:FejlTidspunkt>2026-11-20T10:00:00</v:FejlTidspunkt>"
            await expectRefused(try await gateway.post(SOAP.operation("CreateFejlmelding", cpr: anna, content: longText)), gateway, because: "schema")
            // ST's 1014 carries STAR's new code 99000.
            let answer = try await gateway.post(SOAP.operation("GetSelvbookingMoedetider", cpr: anna, content: badGuid))
            #expect(answer.nyFejlkode == 99000)
            // The validator's message reaches the mapping log, the CPR only masked.
            #expect(gateway.logLines.allSatisfy { !$0.contains(anna) })
        }
    }
}
