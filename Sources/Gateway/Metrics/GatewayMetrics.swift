import Jobnet
import Metrics
import Planner
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics, through swift-metrics on a registry of this server's own.
///
/// A registry per server (rather than `MetricsSystem.bootstrap`, which is once per process) keeps
/// the metrics free of global state: two gateways in one test process count separately. Every label
/// value comes from a closed set (the 13 operations, STAR codes, Planner operations, failure
/// classes), so nothing a caller sends can grow the label space, and no label ever holds a CPR.
public struct GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    /// Sub-millisecond to Planner's 10 s total timeout.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10),
    ]

    /// Every metric the gateway exports, named once: the dashboards and alert rules in docs/monitoring/
    /// are checked against this list (`MonitoringFilesTests`).
    public enum Name: String, CaseIterable, Sendable {
        case requests = "jobnet_requests_total"
        case requestDuration = "jobnet_request_duration_seconds"
        case unmappedCalls = "jobnet_unmapped_calls_total"
        case plannerCallDuration = "planner_call_duration_seconds"
        case plannerFailures = "planner_failures_total"
        case plannerRetries = "planner_retries_total"
        case mappingReloads = "jobnet_mapping_reloads_total"
        case mappingsGeneration = "jobnet_mappings_generation"
        case ledgerBookings = "jobnet_ledger_bookings"
        case ledgerReadable = "jobnet_ledger_readable"
        case plannerReady = "jobnet_planner_ready"
        case connectionsOpen = "jobnet_connections_open"
        case connectionsDropped = "jobnet_connections_dropped_total"
    }

    /// The handles of the label sets every call uses, made once: a handle made per call is a registry
    /// lookup and an allocation each time (issue 13). Keyed by the closed label values.
    private let durations: [String: Metrics.Timer]
    private let plannerDurations: [PlannerOperation: Metrics.Timer]
    /// Connections the gateway closed itself, by reason: made at start so both show from the first scrape.
    private let droppedConnections: [ConnectionLimit.Drop: Metrics.Counter]
    /// The label sets that depend on outcomes (STAR codes, failure classes): made the first time seen.
    private let counters = Counters()

    private final class Counters: Sendable {
        let made = Mutex([CounterKey: Metrics.Counter]())
    }

    private struct CounterKey: Hashable {
        var name: Name
        var first: String
        var second: String
    }

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
        var durations: [String: Metrics.Timer] = [:]
        for operation in OperationRegistry.operations.map(\.rawValue) + ["unknown"] {
            durations[operation] = Timer(label: Name.requestDuration.rawValue, dimensions: [("operation", operation)], factory: factory)
        }
        self.durations = durations
        var plannerDurations: [PlannerOperation: Metrics.Timer] = [:]
        for route in PlannerOperation.allCases {
            plannerDurations[route] = Timer(label: Name.plannerCallDuration.rawValue, dimensions: [("route", route.rawValue)], factory: factory)
        }
        self.plannerDurations = plannerDurations
        var dropped: [ConnectionLimit.Drop: Metrics.Counter] = [:]
        for reason in ConnectionLimit.Drop.allCases {
            dropped[reason] = Metrics.Counter(label: Name.connectionsDropped.rawValue, dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        droppedConnections = dropped
    }

    /// Counts a connection the gateway closed itself (the connection handlers call it).
    func connectionDropped(_ reason: ConnectionLimit.Drop) {
        droppedConnections[reason]?.increment()
    }

    /// The counter `name` with its two labels, made the first time they are seen.
    private func counter(_ name: Name, _ labels: (String, String), _ values: (String, String)) -> Metrics.Counter {
        let key = CounterKey(name: name, first: values.0, second: values.1)
        return counters.made.withLock { made in
            if let counter = made[key] { return counter }
            let counter = Metrics.Counter(label: name.rawValue, dimensions: [(labels.0, values.0), (labels.1, values.1)], factory: factory)
            made[key] = counter
            return counter
        }
    }

    /// Counts one finished Jobnet call and the Planner calls it made.
    func observe(_ record: MappingLogRecord) {
        let operation = record.operationName
        counter(.requests, ("operation", "outcome"), (operation, record.outcome)).increment()
        durations[operation]?.recordNanoseconds(Int64(record.milliseconds * 1_000_000))
        // Calls that met a Planner resource or offer the mappings do not name: a warning, not an outage.
        let met = [
            ("resource", record.decisions.contains { $0.hasPrefix(MappingNotes.unmappedResource) }),
            ("offer", record.decisions.contains { $0.hasSuffix(MappingNotes.offerByDefaults) }),
        ]
        for (kind, found) in met where found {
            counter(.unmappedCalls, ("operation", "kind"), (operation, kind)).increment()
        }
        for call in record.plannerCalls {
            plannerDurations[call.operation]?.recordNanoseconds(Int64(call.milliseconds * 1_000_000))
            if let failure = call.failureClass {
                counter(.plannerFailures, ("route", "class"), (call.operation.rawValue, failure)).increment()
            }
            if call.retries > 0 {
                // Rare (a read sent again): its handle is made when needed.
                Counter(label: Name.plannerRetries.rawValue, dimensions: [("route", call.operation.rawValue)], factory: factory)
                    .increment(by: call.retries)
            }
        }
    }

    /// A mapping reload, taken or refused.
    func observeReload(_ outcome: MappingsStore.ReloadOutcome, generation: Int) {
        let result = if case .reloaded = outcome { "reloaded" } else { "refused" }
        Counter(label: Name.mappingReloads.rawValue, dimensions: [("result", result)], factory: factory).increment()
        Gauge(label: Name.mappingsGeneration.rawValue, factory: factory).record(generation)
    }

    /// The Prometheus text, with the gauges that are read at scrape time brought up to date.
    func exposition(
        ledgerBookings: Int?, plannerReady: Bool, mappingsGeneration: Int,
        openConnections: Int = 0
    ) -> [UInt8] {
        if let ledgerBookings { Gauge(label: Name.ledgerBookings.rawValue, factory: factory).record(ledgerBookings) }
        // The size above keeps its last value when the ledger cannot be read: this says whether it could.
        Gauge(label: Name.ledgerReadable.rawValue, factory: factory).record(ledgerBookings == nil ? 0 : 1)
        Gauge(label: Name.plannerReady.rawValue, factory: factory).record(plannerReady ? 1 : 0)
        Gauge(label: Name.mappingsGeneration.rawValue, factory: factory).record(mappingsGeneration)
        Gauge(label: Name.connectionsOpen.rawValue, factory: factory).record(openConnections)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
