import Foundation
import Planner

extension GatewayConfiguration {
    /// The configuration `serve` runs with, from resolved settings. `plannerURL` is the simulator's
    /// when `planner` is `sim`; the identity ids then default to the demo data's.
    public init(settings: GatewaySettings, plannerURL: String, defaultIds: (rootDepartment: UUID, microsite: UUID)? = nil)
        throws(SettingsError)
    {
        self.init(plannerURL: plannerURL)
        host = settings.value("host") ?? host
        port = try Self.integer(settings, "port", in: 0...65535)
        mappingsDirectory = settings.value("mappings") ?? mappingsDirectory
        wsdlDirectory = settings.value("wsdl") ?? wsdlDirectory
        databasePath = settings.value("database") ?? databasePath
        rootDepartmentId = try Self.uuid(settings, "root-department-id") ?? defaultIds?.rootDepartment
        micrositeId = try Self.uuid(settings, "microsite-id") ?? defaultIds?.microsite
        transport.clientCertificate = settings.value("client-cert")
        transport.clientKey = settings.value("client-key")
        transport.clientKeyPassword = settings.value("client-key-password")
        transport.caBundle = settings.value("ca-bundle")
        transport.connectTimeoutMilliseconds = try Self.integer(settings, "planner-connect-timeout-ms", in: 1...600_000)
        transport.totalTimeoutMilliseconds = try Self.integer(settings, "planner-timeout-ms", in: 1...600_000)
        transport.workers = try Self.integer(settings, "planner-max-concurrent", in: 1...256)
        guard let engine = PlannerTransportSettings.Engine(rawValue: settings.value("planner-transport") ?? "multi") else {
            throw SettingsError(setting: "planner-transport", message: "must be multi or threads")
        }
        transport.engine = engine
        protection.readRetries = try Self.integer(settings, "planner-read-retries", in: 0...5)
        protection.breakerFailures = try Self.integer(settings, "planner-breaker-failures", in: 1...1_000)
        protection.breakerOpenSeconds = Double(try Self.integer(settings, "planner-breaker-open-ms", in: 100...600_000)) / 1000
        maximumBodyBytes = try Self.integer(settings, "max-body-bytes", in: 1_024...(64 << 20))
        idleTimeoutMilliseconds = try Self.integer(settings, "idle-timeout-ms", in: 100...600_000)
        maximumConnections = try Self.integer(settings, "max-connections", in: 1...100_000)
        minimumBodyBytesPerSecond = try Self.integer(settings, "min-body-rate", in: 0...(1 << 30))
        personCacheSeconds = try Self.integer(settings, "person-cache-seconds", in: 0...3_600)
        categoriesCacheSeconds = try Self.integer(settings, "categories-cache-seconds", in: 0...3_600)
        retentionDays = try Self.integer(settings, "retention-days", in: 0...36_500)
        rebookingLeaseSeconds = try Self.integer(settings, "rebooking-lease-seconds", in: 2...3_600)
        trustedProxies = []
        for proxy in (settings.value("trusted-proxies") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !proxy.isEmpty {
            guard let address = IPAddressText.canonical(proxy) else {
                throw SettingsError(setting: "trusted-proxies", message: "\(proxy) is not an IP address")
            }
            trustedProxies.insert(address)
        }
        guard let format = MappingLog.Format(rawValue: settings.value("log-format") ?? "json") else {
            throw SettingsError(setting: "log-format", message: "must be json or text")
        }
        logFormat = format
        logFile = settings.value("log-file")
        if let publicURL = settings.value("public-url") {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.query == nil else {
                throw SettingsError(setting: "public-url", message: "\(publicURL) is not an http(s) URL without a query")
            }
            self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        }
        let subjects = (settings.value("allowed-subjects") ?? "").split(separator: ";")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch (settings.value("tls-cert"), settings.value("tls-key")) {
        case (let certificate?, let key?):
            inboundTLS = InboundTLS(certificate: certificate, key: key, clientCA: settings.value("client-ca"), allowedSubjects: subjects)
            if !subjects.isEmpty && settings.value("client-ca") == nil {
                throw SettingsError(setting: "allowed-subjects", message: "needs client-ca: only verified client certificates have a subject to check")
            }
        case (nil, nil):
            if settings.value("client-ca") != nil || !subjects.isEmpty {
                throw SettingsError(setting: "client-ca", message: "needs tls-cert and tls-key: client certificates come with TLS")
            }
        default:
            throw SettingsError(setting: "tls-cert", message: "tls-cert and tls-key go together")
        }
    }

    private static func integer(_ settings: GatewaySettings, _ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
        let (value, source) = settings.resolved(name)
        guard let value, let number = Int(value), range.contains(number) else {
            throw SettingsError(setting: name, message: "\(value ?? "nothing") (from the \(source.rawValue)) is not a whole number in \(range)")
        }
        return number
    }

    private static func uuid(_ settings: GatewaySettings, _ name: String) throws(SettingsError) -> UUID? {
        let (value, source) = settings.resolved(name)
        guard let value else { return nil }
        guard let id = UUID(uuidString: value) else {
            throw SettingsError(setting: name, message: "\(value) (from the \(source.rawValue)) is not a GUID")
        }
        return id
    }
}

public struct SettingsError: Error, CustomStringConvertible {
    public var setting: String
    public var message: String
    public var description: String { "\(setting): \(message)" }
}
