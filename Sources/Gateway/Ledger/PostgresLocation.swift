import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL ledger's address, from `--database postgres://user:password@host:port/database?…` as
/// libpq reads it: `sslmode` (disable, allow, prefer — the default —, require, verify-ca, verify-full),
/// `sslrootcert` (a CA file; with `require` it verifies the chain, as libpq does), `sslcert`/`sslkey`
/// (a client certificate). Without a password in the URL, `PGPASSWORD` is used: a password on the command
/// line shows in the process list. Host and port default to 127.0.0.1:5432, the database to the user's name.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var rootCertificate: String?
    public var clientCertificate: String?
    public var clientKey: String?
    /// Connections for reads and writes, and for the citizens' locks held across a call (per instance).
    public var queryConnections = 8
    public var lockConnections = 24

    /// Whether `text` names a PostgreSQL ledger (else it is a SQLite path).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// A `--database` as it may be shown (logs, `--print-config`, `migrate`): a PostgreSQL URL without its
    /// password, a SQLite path as it is.
    public static func shown(_ database: String) -> String {
        guard isPostgres(database) else { return database }
        return (try? PostgresLocation(database, environment: [:]).description) ?? "(a postgres:// URL that cannot be read)"
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LedgerLocationError) {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw LedgerLocationError("not a postgres:// or postgresql:// URL")
        }
        host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = url.port ?? 5432
        guard let user = url.user, !user.isEmpty else { throw LedgerLocationError("the URL names no user") }
        self.user = user
        password = url.password ?? environment["PGPASSWORD"]
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : path
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let mode = query["sslmode"] ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw LedgerLocationError("sslmode \(mode) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.sslMode = sslMode
        rootCertificate = query["sslrootcert"]
        clientCertificate = query["sslcert"]
        clientKey = query["sslkey"]
        if (clientCertificate == nil) != (clientKey == nil) { throw LedgerLocationError("sslcert and sslkey go together") }
        if sslMode == .verifyCA, rootCertificate == nil {
            throw LedgerLocationError("sslmode verify-ca needs sslrootcert (the CA to verify the server by)")
        }
    }

    /// The URL without its password: what logs and errors may show.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
            + (rootCertificate.map { "&sslrootcert=\($0)" } ?? "")
    }

    func clientConfiguration(maximumConnections: Int) throws -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try tls())
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private func tls() throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        // libpq's modes: only verify-full checks the host name; require checks the chain only with a CA file.
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer: tls.certificateVerification = .none
        case .require: tls.certificateVerification = rootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        if let clientCertificate, let clientKey {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(clientCertificate).map { .certificate($0) }
            tls.privateKey = .file(clientKey)
        }
        return [.allow, .prefer].contains(sslMode) ? .prefer(tls) : .require(tls)
    }
}

/// A `--database` that cannot be used.
public struct LedgerLocationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = "--database: \(description)" }
}
