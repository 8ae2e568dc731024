import Foundation
import NIOSSL
import X509

/// TLS for Jobnet's calls: the gateway's certificate, a required client certificate that chains to
/// `clientCA`, and optionally an allow-list of the client certificates' subjects.
///
/// The chain is verified by NIOSSL during the handshake (a client without a certificate, or with one
/// another CA issued, never gets to send a request); the allow-list is checked per request on the
/// verified certificate, and a subject not on it is answered 403 before any SOAP is read.
public struct InboundTLS: Sendable {
    public var certificate: String
    public var key: String
    /// CAs (PEM) whose client certificates are accepted; nil: no client certificate is asked for.
    public var clientCA: String?
    /// Subjects allowed in: the whole subject as RFC 4514 writes it (`CN=Jobnet,O=STAR,C=DK`) or one of
    /// its parts (`CN=Jobnet`). Empty: any certificate `clientCA` issued.
    public var allowedSubjects: [String]

    public init(certificate: String, key: String, clientCA: String? = nil, allowedSubjects: [String] = []) {
        self.certificate = certificate
        self.key = key
        self.clientCA = clientCA
        self.allowedSubjects = allowedSubjects
    }

    func configuration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCA {
            configuration.trustRoots = .file(clientCA)
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }

    /// Whether a verified client certificate may call; nil when it may, else why not (for the log).
    func refusal(_ certificate: NIOSSLCertificate?) -> String? {
        guard !allowedSubjects.isEmpty else { return nil }
        guard let certificate else { return "no client certificate" }
        guard let parsed = try? Certificate(derEncoded: try certificate.toDERBytes()) else { return "an unreadable client certificate" }
        let subject = parsed.subject.description
        let parts = Set(parsed.subject.flatMap { $0 }.map { $0.description })
        if allowedSubjects.contains(subject) || allowedSubjects.contains(where: parts.contains) { return nil }
        return "client certificate subject \"\(subject)\" is not allowed"
    }
}
