import Foundation
@testable import Gateway
import Testing

/// The served WSDL's soap:address is where callers reach the gateway: the request's host with the
/// gateway's own scheme (https when it serves TLS), or `--public-url` behind a proxy.
@Suite struct WSDLAddressTests {
    static func location(_ wsdl: String) -> String? {
        wsdl.firstMatch(of: /location="([^"]+)"/).map { String($0.1) }
    }

    @Test func theAddressFollowsHowTheGatewayIsReached() async throws {
        try await withTestGateway { gateway async throws in
            let wsdl = try await gateway.get("/JobnetCitizenStatusService?wsdl").body
            #expect(Self.location(wsdl) == "http://localhost/JobnetCitizenStatusService", "\(Self.location(wsdl) ?? wsdl)")
        }
        try await withTestGateway(configure: {
            $0.inboundTLS = InboundTLS(certificate: "unused.pem", key: "unused.key", clientCA: nil, allowedSubjects: [])
        }) { gateway async throws in
            let wsdl = try await gateway.get("/JobnetBookingService?wsdl").body
            #expect(Self.location(wsdl) == "https://localhost/JobnetBookingService")
        }
        try await withTestGateway(configure: { $0.publicURL = "https://jobnet.jobcenter.example/gateway" }) { gateway async throws in
            let wsdl = try await gateway.get("/JobnetCitizenStatusService?wsdl").body
            #expect(Self.location(wsdl) == "https://jobnet.jobcenter.example/gateway/JobnetCitizenStatusService")
        }
    }

    @Test func aPublicURLThatIsNotOneIsRefusedWithItsName() throws {
        for bad in ["ftp://x.example/", "not a url", "https://x.example/?a=b"] {
            let settings = try GatewaySettings(flags: ["public-url": bad], configFile: nil, environment: [:])
            #expect(throws: SettingsError.self) { _ = try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/") }
        }
        let good = try GatewaySettings(flags: ["public-url": "https://jobnet.example/gw/"], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: good, plannerURL: "http://planner.invalid/").publicURL == "https://jobnet.example/gw")
    }
}
