import Foundation
import Jobnet
import Yams

/// Resolves `serve`'s settings from, in order of precedence: the command-line flag, the config file
/// (`--config FILE`, YAML with the flag names as keys) and the environment (`JOBNET_GATEWAY_*`,
/// dashes as underscores), then the built-in default. Each value remembers where it came from, so
/// `serve --print-config` can show an operator why the gateway runs as it does.
public struct GatewaySettings: Sendable {
    public enum Source: String, Sendable { case flag, config, environment, `default` }

    /// Every setting `serve` reads: its name (the flag's and the config file's key), its default and
    /// whether it is a secret (masked by `--print-config`).
    public struct Setting: Sendable {
        public var name: String
        public var defaultValue: String?
        public var secret: Bool
        public var help: String
        /// How a value that may hold a secret in part is shown (a PostgreSQL URL's password); nil: as it is.
        public var shownAs: (@Sendable (String) -> String)? = nil
    }

    public static let all: [Setting] = [
        Setting(name: "host", defaultValue: "127.0.0.1", secret: false, help: "address to listen on"),
        Setting(name: "port", defaultValue: "8080", secret: false, help: "port to listen on"),
        Setting(name: "public-url", defaultValue: nil, secret: false,
                help: "the gateway's address as callers reach it (behind a proxy), for the WSDL's soap:address"),
        Setting(name: "planner", defaultValue: "sim", secret: false, help: "sim, or Planner's base URL"),
        Setting(name: "mappings", defaultValue: "Mappings", secret: false, help: "the mapping files"),
        Setting(name: "wsdl", defaultValue: "Wsdl", secret: false, help: "the contract"),
        Setting(name: "database", defaultValue: "jobnet-gateway.sqlite", secret: false,
                help: "the booking ledger: a SQLite file, or a postgres:// URL shared by several instances",
                shownAs: PostgresLocation.shown),
        Setting(name: "rebooking-lease-seconds", defaultValue: "60", secret: false,
                help: "a half-done rebooking is taken over by any instance's recovery sweep this long after its last step"),
        Setting(name: "root-department-id", defaultValue: nil, secret: false, help: "Planner RootDepartmentId"),
        Setting(name: "microsite-id", defaultValue: nil, secret: false, help: "Planner MicrositeId"),
        Setting(name: "client-cert", defaultValue: nil, secret: false, help: "FOCES certificate, PEM or PKCS#12"),
        Setting(name: "client-key", defaultValue: nil, secret: false, help: "its key (PEM)"),
        Setting(name: "client-key-password", defaultValue: nil, secret: true, help: "the key's or bundle's password"),
        Setting(name: "ca-bundle", defaultValue: nil, secret: false, help: "CAs for Planner's certificate"),
        Setting(name: "tls-cert", defaultValue: nil, secret: false, help: "serve HTTPS to Jobnet with this certificate (PEM)"),
        Setting(name: "tls-key", defaultValue: nil, secret: false, help: "its key (PEM)"),
        Setting(name: "client-ca", defaultValue: nil, secret: false, help: "require Jobnet's client certificate from these CAs"),
        Setting(name: "allowed-subjects", defaultValue: nil, secret: false,
                help: "client certificate subjects allowed in, separated by ; (flag: --allowed-subject, repeated)"),
        Setting(name: "planner-connect-timeout-ms", defaultValue: "2000", secret: false, help: "connect timeout per Planner call"),
        Setting(name: "planner-timeout-ms", defaultValue: "10000", secret: false, help: "total timeout per Planner call"),
        Setting(name: "planner-max-concurrent", defaultValue: "8", secret: false, help: "Planner calls at once, at most"),
        Setting(name: "planner-transport", defaultValue: "multi", secret: false,
                help: "multi: libcurl's multi interface on one thread; threads: a blocking worker per concurrent call"),
        Setting(name: "planner-read-retries", defaultValue: "2", secret: false, help: "extra tries for a failed read"),
        Setting(name: "planner-breaker-failures", defaultValue: "5", secret: false, help: "failures in a row that open the breaker"),
        Setting(name: "planner-breaker-open-ms", defaultValue: "5000", secret: false, help: "how long reads get 4769 at once"),
        Setting(name: "max-body-bytes", defaultValue: "1048576", secret: false, help: "larger requests get 413"),
        Setting(name: "idle-timeout-ms", defaultValue: "10000", secret: false,
                help: "a connection silent this long (mid-header included) is closed"),
        Setting(name: "max-connections", defaultValue: "4096", secret: false, help: "connections at once; more are closed at once"),
        Setting(name: "retention-days", defaultValue: "400", secret: false,
                help: "ledger rows older than this (meetings ended, enrollments, fejlmeldinger) are deleted hourly; 0 keeps all"),
        Setting(name: "person-cache-seconds", defaultValue: "30", secret: false,
                help: "a citizen's PersonByCpr answer is reused this long (dropped when the gateway changes them); 0 is off"),
        Setting(name: "categories-cache-seconds", defaultValue: "30", secret: false,
                help: "a citizen's GetMicrositeCategories answer is reused this long (dropped when the gateway changes them); 0 is off"),
        Setting(name: "min-body-rate", defaultValue: "500", secret: false,
                help: "bytes/s a request body must average after the idle timeout's grace, else closed; 0 is off"),
        Setting(name: "trusted-proxies", defaultValue: nil, secret: false,
                help: "proxy IP addresses whose Forwarded/X-Forwarded-* headers set the WSDL's address, separated by ,"),
        Setting(name: "log-format", defaultValue: "json", secret: false, help: "json or text"),
        Setting(name: "log-file", defaultValue: "-", secret: false, help: "the mapping log; - is standard output"),
    ]

    private let flags: [String: String]
    private let file: [String: String]
    private let environment: [String: String]
    public let configFile: String?

    public init(flags: [String: String] = [:], configFile: String?,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var file: [String: String] = [:]
        if let configFile {
            guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
                throw MappingFileError(file: configFile, line: nil, message: "cannot read the config file")
            }
            let reader = try YAMLReader.load(text, file: configFile)
            let known = Set(Self.all.map(\.name))
            for (key, value) in try reader.entries() {
                guard known.contains(key) else {
                    throw value.fail("\(key) is not a setting (one of \(Self.all.map(\.name).joined(separator: ", ")))")
                }
                file[key] = try value.string()
            }
        }
        self.flags = flags
        self.file = file
        self.environment = environment
        self.configFile = configFile
    }

    public static func environmentVariable(_ name: String) -> String {
        "JOBNET_GATEWAY_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The flag, else the config file's value, else the environment's, else the default; and where it came from.
    public func resolved(_ name: String) -> (value: String?, source: Source) {
        if let flag = flags[name] { return (flag, .flag) }
        if let value = file[name] { return (value, .config) }
        if let value = environment[Self.environmentVariable(name)] { return (value, .environment) }
        return (Self.all.first { $0.name == name }?.defaultValue, .default)
    }

    public func value(_ name: String) -> String? { resolved(name).value }

    /// The effective settings as YAML (a valid config file), secrets masked, each with its source.
    public var printable: String {
        var lines = ["# jobnet-gateway serve: effective settings (flag > config file > JOBNET_GATEWAY_* > default)"]
        for setting in Self.all {
            let (value, source) = resolved(setting.name)
            let shown: String
            if var value {
                if let shownAs = setting.shownAs { value = shownAs(value) }
                shown = setting.secret ? "\"********\"" : "\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\""
            } else {
                shown = "null"
            }
            lines.append("\(setting.name): \(shown)  # \(source.rawValue); \(setting.help)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
