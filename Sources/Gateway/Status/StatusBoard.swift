import Foundation
import Planner
import Synchronization

/// What `/status` shows of the calls this gateway has served, kept in memory and bounded: the last
/// calls, the outcomes of every operation per minute over the last three hours, the recent latency of
/// each Planner route, and the Planner resources and offers the mappings did not name.
///
/// It is fed the same mapping-log records as `/metrics` and readiness, so the page and the log never
/// disagree. It holds no CPR: a record's citizen is already masked to the birth date and its reason
/// scrubbed (`CallTrace`), and the page scrubs every outside text again as it renders. Every collection
/// has a fixed bound, whatever callers send.
public final class StatusBoard: Sendable {
    /// How many of the last calls the page lists.
    public static let recentCallCount = 25
    /// How many of each route's last Planner calls its latency percentiles are taken over.
    public static let latencySampleCount = 256
    /// How many minutes of outcomes are kept (the page's longest column).
    public static let minutesKept = 180
    /// How many distinct unmapped resources (and offers served by the defaults) are remembered.
    public static let unmappedKept = 50

    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    /// `clock` places each record in its minute (the gateway's clock: tests inject it).
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    private struct State {
        var recent: [StatusSnapshot.Call] = []
        /// Oldest first; one entry per minute that saw a call.
        var minutes: [StatusSnapshot.Minute] = []
        var latency: [PlannerOperation: LatencyWindow] = [:]
        var unmappedResources: [String: Date] = [:]
        var offersByDefaults: [String: Date] = [:]
    }

    /// The last `latencySampleCount` calls of one route, as a ring.
    struct LatencyWindow {
        var milliseconds: [Double] = []
        var failed: [Bool] = []
        var next = 0
        var total = 0

        mutating func add(_ value: Double, failed failure: Bool) {
            total += 1
            if milliseconds.count < StatusBoard.latencySampleCount {
                milliseconds.append(value)
                failed.append(failure)
            } else {
                milliseconds[next] = value
                failed[next] = failure
                next = (next + 1) % StatusBoard.latencySampleCount
            }
        }
    }

    /// Takes in one finished Jobnet call.
    public func observe(_ record: MappingLogRecord) {
        let operation = record.operationName
        let minute = StatusSnapshot.minute(of: record.time)
        let call = StatusSnapshot.Call(
            time: record.time, correlationId: record.correlationId, operation: operation, citizen: record.citizen,
            outcome: record.outcome, reason: record.reason.map(Self.shortened),
            milliseconds: record.milliseconds,
            plannerCalls: record.plannerCalls.map { .init(route: $0.operation.rawValue, status: $0.status, failureClass: $0.failureClass) })
        let resources = record.decisions.compactMap(MappingNotes.unmappedResourceId(in:))
        let offers = record.decisions.compactMap(MappingNotes.offerByDefaultsId(in:))
        state.withLock { state in
            state.recent.append(call)
            if state.recent.count > Self.recentCallCount { state.recent.removeFirst(state.recent.count - Self.recentCallCount) }

            if let last = state.minutes.indices.last, state.minutes[last].minute == minute {
                state.minutes[last].count(operation: operation, outcome: record.outcome)
            } else if let index = state.minutes.firstIndex(where: { $0.minute == minute }) {
                state.minutes[index].count(operation: operation, outcome: record.outcome)   // a late record
            } else {
                var fresh = StatusSnapshot.Minute(minute: minute)
                fresh.count(operation: operation, outcome: record.outcome)
                state.minutes.append(fresh)
                state.minutes.sort { $0.minute < $1.minute }
            }
            Self.forget(before: minute - Self.minutesKept + 1, in: &state.minutes)

            // A call the breaker answered never went to Planner: it has no latency to show.
            for planner in record.plannerCalls where planner.failureClass != PlannerError.circuitOpen("").failureClass {
                // Trouble only: a 404 for a citizen Planner does not know is an answer, not a failure.
                let trouble = planner.failureClass.map(PlannerError.troubleClasses.contains) ?? false
                state.latency[planner.operation, default: LatencyWindow()].add(planner.milliseconds, failed: trouble)
            }
            for resource in resources { Self.remember(resource, at: record.time, in: &state.unmappedResources) }
            for offer in offers { Self.remember(offer, at: record.time, in: &state.offersByDefaults) }
        }
    }

    /// What the page shows now.
    public func snapshot() -> StatusSnapshot {
        let now = clock()
        let minute = StatusSnapshot.minute(of: now)
        return state.withLock { state in
            StatusSnapshot(
                now: now,
                recentCalls: state.recent.reversed(),
                minutes: state.minutes.filter { $0.minute > minute - Self.minutesKept && $0.minute <= minute },
                routes: state.latency.map { operation, window in
                    StatusSnapshot.Route(
                        route: operation.rawValue, total: window.total, percentiles: Self.percentiles(window.milliseconds),
                        recentFailures: window.failed.filter { $0 }.count, sampleCount: window.milliseconds.count)
                }.sorted { $0.route < $1.route },
                unmappedResources: state.unmappedResources.sorted { $0.value > $1.value }.map { .init(id: $0.key, lastSeen: $0.value) },
                offersByDefaults: state.offersByDefaults.sorted { $0.value > $1.value }.map { .init(id: $0.key, lastSeen: $0.value) })
        }
    }

    private static func forget(before minute: Int, in minutes: inout [StatusSnapshot.Minute]) {
        if let keep = minutes.firstIndex(where: { $0.minute >= minute }) {
            minutes.removeFirst(keep)
        } else {
            minutes.removeAll()
        }
    }

    private static func remember(_ id: String, at time: Date, in seen: inout [String: Date]) {
        seen[id] = time
        if seen.count > unmappedKept, let oldest = seen.min(by: { $0.value < $1.value })?.key { seen[oldest] = nil }
    }

    /// p50, p90, p99 and the maximum, by nearest rank.
    static func percentiles(_ samples: [Double]) -> StatusSnapshot.Percentiles {
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        return .init(p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted.last ?? 0)
    }

    /// A reason cut to what fits on one row of the page (the mapping log has it whole).
    static func shortened(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(199)) + "…"
    }
}
