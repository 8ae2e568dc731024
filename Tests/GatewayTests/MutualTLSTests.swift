import Foundation
@testable import Gateway
import Jobnet
import NIOSSL
import Planner
import PlannerSimulator
import Testing

/// Mutual TLS end to end: the simulator behind TLS that demands the FOCES client certificate, and the
/// gateway's own TLS towards Jobnet with a required client certificate and an allow-list of subjects.
@Suite(.serialized) struct MutualTLSTests {
    static func serverTLS(_ c: (String) -> String) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(c("server.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: c("server.key"), format: .pem)))
        configuration.trustRoots = .file(c("ca.pem"))
        configuration.certificateVerification = .noHostnameVerification
        return configuration
    }

    @Test func theGatewayReachesASimulatorThatDemandsTheCertificateAndGets4769WithoutIt() async throws {
        let certificates = try await ClientCertificateTests.makeCertificates()
        let c = certificates.path
        let simulator = PlannerSimulatorServer(state: PlannerSimulatorState(data: DemoData.make()), tls: try Self.serverTLS(c))
        try await withRunningSimulator(simulator) {
            #expect(await simulator.baseURL.hasPrefix("https://"))

            let withCertificate = try await TestGateway.start(configure: {
                $0.transport.clientCertificate = c("client.pem")
                $0.transport.clientKey = c("client.key")
                $0.transport.caBundle = c("ca.pem")
            }, simulator: simulator)
            let answer = try await withCertificate.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            #expect(answer.status == 200, "\(answer.body)")
            await withCertificate.stop(keepingSimulator: true)

            let withoutCertificate = try await TestGateway.start(configure: { $0.transport.caBundle = c("ca.pem") }, simulator: simulator)
            defer { Task { await withoutCertificate.stop(keepingSimulator: true) } }
            let refused = try await withoutCertificate.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            #expect(refused.fejlkode == 4769)
            #expect(refused.faultcode == "soap:Server")
            #expect(withoutCertificate.records.last?.plannerCalls.first?.failureClass == "unreachable")
        }
    }

    @Test func jobnetNeedsACertificateFromTheCAAndAnAllowedSubject() async throws {
        let certificates = try await ClientCertificateTests.makeCertificates()
        let c = certificates.path
        try await withHTTPTestGateway(configure: { configuration in
            configuration.inboundTLS = InboundTLS(
                certificate: c("server.pem"), key: c("server.key"), clientCA: c("ca.pem"), allowedSubjects: ["CN=FOCES test client"])
        }) { gateway async throws in
            let url = "https://127.0.0.1:\(gateway.port)/JobnetCitizenStatusService"
            let body = Array(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna).utf8)
            func post(_ settings: PlannerTransportSettings) async -> Result<HTTPExchangeResponse, PlannerError> {
                do {
                    return .success(try await CurlTransport(settings: settings).perform(
                        HTTPExchangeRequest(method: .post, url: url, body: body, contentType: "text/xml; charset=utf-8", accept: "text/xml")))
                } catch {
                    return .failure(error)
                }
            }
            // The allowed client: answered.
            let allowed = await post(PlannerTransportSettings(clientCertificate: c("client.pem"), clientKey: c("client.key"),
                                                              caBundle: c("ca.pem"), workers: 1))
            #expect((try? allowed.get().status) == 200)
            #expect(gateway.records.count == 1)
            // Another subject from the same CA: 403, and nothing was read.
            let other = await post(PlannerTransportSettings(clientCertificate: c("other.pem"), clientKey: c("other.key"),
                                                            caBundle: c("ca.pem"), workers: 1))
            #expect((try? other.get().status) == 403)
            #expect(gateway.records.count == 1)
            // No client certificate: the handshake fails.
            let anonymous = await post(PlannerTransportSettings(caBundle: c("ca.pem"), workers: 1))
            guard case .failure(.unreachable) = anonymous else {
                Issue.record("a client without a certificate got in: \(anonymous)")
                return
            }
            #expect(gateway.records.count == 1)
        }
    }

    @Test func theTLSSettingsGoTogether() throws {
        func configuration(_ values: [String: String]) throws -> GatewayConfiguration {
            try GatewayConfiguration(settings: try GatewaySettings(flags: values, configFile: nil, environment: [:]), plannerURL: "http://x/")
        }
        #expect(try configuration(["tls-cert": "a.pem", "tls-key": "a.key"]).inboundTLS?.clientCA == nil)
        let full = try configuration(["tls-cert": "a.pem", "tls-key": "a.key", "client-ca": "ca.pem",
                                      "allowed-subjects": "CN=Jobnet,O=STAR; CN=Jobnet test"])
        #expect(full.inboundTLS?.allowedSubjects == ["CN=Jobnet,O=STAR", "CN=Jobnet test"])
        #expect(throws: SettingsError.self) { try configuration(["tls-cert": "a.pem"]) }
        #expect(throws: SettingsError.self) { try configuration(["client-ca": "ca.pem"]) }
        #expect(throws: SettingsError.self) { try configuration(["tls-cert": "a.pem", "tls-key": "a.key", "allowed-subjects": "CN=x"]) }
    }
}
