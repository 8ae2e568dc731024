import Foundation
import Planner

/// Everything `serve` needs, from flags, the config file and the environment (README.md).
public struct GatewayConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Planner's base URL.
    public var plannerURL: String
    public var rootDepartmentId: UUID?
    public var micrositeId: UUID?
    public var transport: PlannerTransportSettings = PlannerTransportSettings()
    /// Retries for reads, the circuit breaker (the cap on concurrent calls is `transport.workers`).
    public var protection = PlannerProtection()
    public var mappingsDirectory: String = "Mappings"
    public var wsdlDirectory: String = "Wsdl"
    /// Requests over this size are answered 413 without being read whole.
    public var maximumBodyBytes: Int = 1 << 20
    /// A connection that has not sent a whole request head (or any part of its body) for this long is
    /// closed: a slow or idle client (a slowloris) cannot hold the gateway's connections.
    public var idleTimeoutMilliseconds: Int = 10_000
    /// Connections open at once, at most; one more is closed as soon as it is accepted.
    public var maximumConnections: Int = 4_096
    /// Once a request's head is in, its body must arrive at this many bytes a second on average (after a
    /// grace of the idle timeout), or the connection is closed: a body trickling in cannot hold it; 0: no floor.
    public var minimumBodyBytesPerSecond: Int = 500
    /// How long a citizen's PersonByCpr answer is reused (`PersonCache`); 0: never. `serve` defaults
    /// to 30 s (`person-cache-seconds`); a configuration made in code (the tests') has it off, so every
    /// lookup is a Planner call unless a test asks for the cache.
    public var personCacheSeconds: Int = 0
    /// How long a citizen's GetMicrositeCategories answer is reused (`CategoryCache`); 0: never. `serve`
    /// defaults to 30 s (`categories-cache-seconds`); off in a configuration made in code, as above.
    public var categoriesCacheSeconds: Int = 0
    /// How long the ledger keeps what it no longer needs (`retention-days`): bookings whose meeting ended,
    /// enrollments, fejlmeldinger, finished rebookings and passed deadlines older than this are deleted
    /// by `serve`'s retention job; 0 keeps everything.
    public var retentionDays: Int = 400
    public var logFormat: MappingLog.Format = .json
    /// TLS for Jobnet's calls (`--tls-cert`, `--tls-key`, `--client-ca`, `--allowed-subject`); nil: plain HTTP.
    public var inboundTLS: InboundTLS?
    /// The mapping log's file; nil or "-" is standard output.
    public var logFile: String?
    /// The gateway's address as callers reach it (`--public-url`, e.g. behind a reverse proxy): the
    /// WSDL's soap:address is built from it. Without it, from the request's host and the gateway's own
    /// scheme (https when it serves TLS).
    public var publicURL: String?
    /// The addresses of reverse proxies whose `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host`
    /// headers the WSDL's soap:address follows (`--trusted-proxies`), in `IPAddressText.canonical`'s
    /// spelling; empty: nobody's.
    public var trustedProxies: Set<String> = []
    public var limits = OperationLimits()
    /// The booking ledger: a SQLite file, or a `postgres://` URL (`PostgresLocation`) for several instances;
    /// nil keeps it in memory (lost at exit: for tests only).
    public var databasePath: String? = "jobnet-gateway.sqlite"
    /// How long a rebooking's lease lasts after each step (`rebooking-lease-seconds`): past it, the
    /// recovery sweep of any instance sharing the ledger finishes or undoes it.
    public var rebookingLeaseSeconds: Int = 60
    /// Where a test stops a rebooking half-way (`serve --failpoint`, hidden); nil in production.
    public var failpoint: RebookingFailpoint?

    public init(plannerURL: String) {
        self.plannerURL = plannerURL
    }
}

/// Limits the operations apply (README.md, "How the operations decide").
public struct OperationLimits: Sendable {
    /// The longest search window sent to Planner's BookingOptions; a longer one is clipped (Planner's
    /// seed recommends at most a month).
    public var maximumSearchDays: Int = 31
    /// How far ahead GetStraksbookingMoedetider looks for immediate times.
    public var immediateSearchDays: Int = 7

    public init() {}
}
