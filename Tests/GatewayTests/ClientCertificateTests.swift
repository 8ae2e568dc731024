import Foundation
import Planner
import Testing

/// Towards Planner, the FOCES client certificate is presented (PEM or PKCS#12), and a server that
/// demands one refuses a client without it (4769's class: unreachable).
@Suite(.serialized) struct ClientCertificateTests {
    struct Certificates {
        let directory: String
        var path: (String) -> String { { self.directory + "/" + $0 } }
    }

    static func makeCertificates() async throws -> Certificates {
        let directory = NSTemporaryDirectory() + "jobnet-gateway-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let openssl = try #require(which("openssl"), "openssl is installed by make test")
        func ssl(_ arguments: [String]) async throws {
            let result = try await run(openssl, arguments)
            #expect(result.status == 0, "openssl \(arguments.first ?? ""): \(result.output)")
        }
        let d = directory
        try await ssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                 "-keyout", "\(d)/ca.key", "-out", "\(d)/ca.pem"])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: "\(d)/san.ext", atomically: true, encoding: .utf8)
        try await ssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "\(d)/server.key", "-out", "\(d)/server.csr"])
        try await ssl(["x509", "-req", "-in", "\(d)/server.csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-CAcreateserial",
                 "-days", "2", "-extfile", "\(d)/san.ext", "-out", "\(d)/server.pem"])
        try await ssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=FOCES test client", "-keyout", "\(d)/client.key",
                 "-out", "\(d)/client.csr"])
        try await ssl(["x509", "-req", "-in", "\(d)/client.csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-CAcreateserial",
                 "-days", "2", "-out", "\(d)/client.pem"])
        try await ssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=Someone else", "-keyout", "\(d)/other.key",
                 "-out", "\(d)/other.csr"])
        try await ssl(["x509", "-req", "-in", "\(d)/other.csr", "-CA", "\(d)/ca.pem", "-CAkey", "\(d)/ca.key", "-CAcreateserial",
                 "-days", "2", "-out", "\(d)/other.pem"])
        try await ssl(["pkcs12", "-export", "-in", "\(d)/client.pem", "-inkey", "\(d)/client.key", "-passout", "pass:secret",
                 "-out", "\(d)/client.p12"])
        return Certificates(directory: directory)
    }

    func client(port: Int, _ settings: PlannerTransportSettings, engine: PlannerTransportSettings.Engine) -> PlannerClient {
        var settings = settings
        settings.engine = engine
        return PlannerClient(
            configuration: .init(baseURL: "https://127.0.0.1:\(port)/", rootDepartmentId: UUID(), micrositeId: UUID()),
            transport: CurlTransport(settings: settings))
    }

    @Test(arguments: PlannerTransportSettings.Engine.allCases)
    func theClientCertificateIsPresentedAndRequired(engine: PlannerTransportSettings.Engine) async throws {
        let certificates = try await Self.makeCertificates()
        let c = certificates.path
        let python = try #require(which("python3"))
        let server = try await HelperServer.start(python, [repositoryRoot + "/Tests/Tools/tls_planner.py",
            "--cert", c("server.pem"), "--key", c("server.key"), "--ca", c("ca.pem")])
        defer { server.stop() }
        #expect(server.port > 0)

        let pem = client(port: server.port, PlannerTransportSettings(
            clientCertificate: c("client.pem"), clientKey: c("client.key"), caBundle: c("ca.pem"), workers: 1), engine: engine)
        let person = try await pem.personByCpr("0101901111")
        #expect(person?.firstName == "FOCES test client")

        let p12 = client(port: server.port, PlannerTransportSettings(
            clientCertificate: c("client.p12"), clientKeyPassword: "secret", caBundle: c("ca.pem"), workers: 1), engine: engine)
        #expect(try await p12.personByCpr("0101901111")?.firstName == "FOCES test client")

        let anonymous = client(port: server.port, PlannerTransportSettings(caBundle: c("ca.pem"), workers: 1), engine: engine)
        await #expect(throws: PlannerError.self) { _ = try await anonymous.personByCpr("0101901111") }
        do {
            _ = try await anonymous.personByCpr("0101901111")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }

        // A server certificate that does not chain to the CA bundle is refused too.
        let untrusting = client(port: server.port, PlannerTransportSettings(
            clientCertificate: c("client.pem"), clientKey: c("client.key"), caBundle: c("client.pem"), workers: 1), engine: engine)
        do {
            _ = try await untrusting.personByCpr("0101901111")
            Issue.record("a server the CA bundle does not vouch for was accepted")
        } catch {
            guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
        }
    }
}
