import Foundation
import HTTPTypes
import PlannerSimulator
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

/// Behind a reverse proxy named in `--trusted-proxies`, the soap:address follows its `Forwarded` or
/// `X-Forwarded-*` headers; from anyone else they are ignored.
@Suite struct ForwardedAddressTests {
    @Test func forwardedHeadersAreReadInRFC7239AndDeFactoForm() {
        #expect(ForwardedAddress(headers: [.forwarded: "for=10.0.0.1;proto=https;host=jobnet.example:8443, for=10.0.0.2;host=other"])
            == ForwardedAddress(scheme: "https", host: "jobnet.example:8443"))
        #expect(ForwardedAddress(headers: [.forwarded: #"proto=HTTPS;host="[2001:db8::1]:443""#])
            == ForwardedAddress(scheme: "https", host: "[2001:db8::1]:443"))
        #expect(ForwardedAddress(headers: [.xForwardedProto: "https, http", .xForwardedHost: "jobnet.example"])
            == ForwardedAddress(scheme: "https", host: "jobnet.example"))
        // What would land in the WSDL's XML as it is, or is no scheme of a SOAP address, is not taken.
        #expect(ForwardedAddress(headers: [.xForwardedHost: #"evil"/><x y=""#, .xForwardedProto: "javascript"]) == nil)
        #expect(ForwardedAddress(headers: [:]) == nil)
    }

    @Test func onlyATrustedProxysHeadersMoveTheAddress() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ReplayTests.binary), "make test builds the executable first")
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()))
        let proxied = ["Forwarded": "for=192.0.2.60;proto=https;host=jobnet.jobcenter.example"]
        try await withRunningSimulator(simulator) {
            let trusting = try await SlowClientTests.startGateway(simulator, ["--trusted-proxies", "127.0.0.1, ::1"])
            defer { trusting.kill() }
            let wsdl = try await GatewayProcess.get("/JobnetCitizenStatusService?wsdl", port: trusting.port, headers: proxied)
            #expect(WSDLAddressTests.location(wsdl) == "https://jobnet.jobcenter.example/JobnetCitizenStatusService")

            let other = try await SlowClientTests.startGateway(simulator, ["--trusted-proxies", "10.1.2.3"])
            defer { other.kill() }
            let direct = try await GatewayProcess.get("/JobnetCitizenStatusService?wsdl", port: other.port, headers: proxied)
            #expect(WSDLAddressTests.location(direct) == "http://127.0.0.1:\(other.port)/JobnetCitizenStatusService")
        }
    }

    @Test func addressesMatchHoweverTheyAreSpelled() throws {
        #expect(IPAddressText.canonical("::ffff:10.0.0.5") == "10.0.0.5")
        #expect(IPAddressText.canonical("2001:DB8:0:0::1") == "2001:db8::1")
        #expect(IPAddressText.canonical("127.0.0.1") == "127.0.0.1")
        #expect(IPAddressText.canonical("proxy.example") == nil)
        let settings = try GatewaySettings(flags: ["trusted-proxies": "::FFFF:10.0.0.5, 2001:DB8::0:1"], configFile: nil, environment: [:])
        #expect(try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/").trustedProxies == ["10.0.0.5", "2001:db8::1"])
    }

    @Test func aTrustedProxyThatIsNotAnAddressIsRefused() throws {
        let settings = try GatewaySettings(flags: ["trusted-proxies": "10.0.0.1, proxy.example"], configFile: nil, environment: [:])
        #expect(throws: SettingsError.self) { _ = try GatewayConfiguration(settings: settings, plannerURL: "http://planner.invalid/") }
    }
}
