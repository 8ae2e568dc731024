import Foundation
@testable import Gateway
import Jobnet
@testable import PlannerSimulator
import Testing

/// A header block marked mustUnderstand that the gateway does not process gets SOAP's MustUnderstand
/// fault (SOAP 1.1 §4.2.3, SOAP 1.2 §5.2.3), never an answer that pretends it was processed; the blocks
/// the gateway understands (the CPR, WS-Addressing), and blocks for another role, do not.
@Suite struct MustUnderstandTests {
    static let security = #"<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" s:mustUnderstand="MARK"><wsse:UsernameToken/></wsse:Security>"#

    static func envelope(_ header: String, version: String = SOAP.soap11) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="\(version)" xmlns:v="\(SOAP.namespace)"><s:Header>\
        <v:PersonCivilRegistrationIdentifier s:mustUnderstand="\(version == SOAP.soap11 ? "1" : "true")">\(DemoData.Citizen.anna)</v:PersonCivilRegistrationIdentifier>\
        \(header)</s:Header><s:Body><v:GetBorgerstatus/></s:Body></s:Envelope>
        """
    }

    @Test func anUnknownMustUnderstandHeaderIsAMustUnderstandFault() async throws {
        try await withTestGateway { gateway async throws in
            let answer = try await gateway.post(Self.envelope(Self.security.replacingOccurrences(of: "MARK", with: "1")))
            #expect(answer.status == 500)
            #expect(answer.faultcode == "s:MustUnderstand" || answer.faultcode == "soap:MustUnderstand", "\(answer.body)")
            #expect(answer.fejlkode == 1014)
            #expect(await gateway.state.calls.isEmpty, "nothing was done")
            #expect(gateway.records.last?.reason?.contains("Security") == true)
            let soap12 = try await gateway.post(
                Self.envelope(Self.security.replacingOccurrences(of: "MARK", with: "true"), version: SOAP.soap12),
                contentType: "application/soap+xml; charset=utf-8")
            #expect(soap12.value(of: "Value") == "soap:MustUnderstand", "\(soap12.body)")
            // SOAP 1.2 §5.4.8: the fault's header names the block it did not understand, by QName.
            let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
            #expect(soap12.body.contains(#"<soap:Header><soap:NotUnderstood qname="nu0:Security" xmlns:nu0="\#(wsse)"/></soap:Header>"#),
                "\(soap12.body)")
            #expect(!answer.body.contains("NotUnderstood"), "SOAP 1.1 has no NotUnderstood element")
        }
    }

    @Test func understoodOptionalOrOtherRolesHeadersAreAnswered() async throws {
        try await withTestGateway { gateway async throws in
            // mustUnderstand="0": the gateway may ignore it.
            #expect(try await gateway.post(Self.envelope(Self.security.replacingOccurrences(of: "MARK", with: "0"))).status == 200)
            // Meant for another actor: not this receiver's to understand.
            let forOther = Self.security.replacingOccurrences(of: "s:mustUnderstand=\"MARK\"", with: "s:mustUnderstand=\"1\" s:actor=\"urn:some-proxy\"")
            #expect(try await gateway.post(Self.envelope(forOther)).status == 200)
            // WS-Addressing, which the gateway processes.
            let addressing = #"<wsa:MessageID xmlns:wsa="http://www.w3.org/2005/08/addressing" s:mustUnderstand="1">urn:uuid:1</wsa:MessageID>"#
            let answer = try await gateway.post(Self.envelope(addressing))
            #expect(answer.status == 200, "\(answer.body)")
        }
    }
}
