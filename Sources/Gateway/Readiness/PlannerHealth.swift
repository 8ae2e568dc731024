import Foundation
import Planner
import Synchronization

/// Whether Planner has answered recently, for /ready.
///
/// Jobnet's own calls are the evidence: a run of `threshold` calls that could not reach Planner or
/// got a 5xx marks it failing; any answer marks it healthy. When that evidence is older than
/// `probeAfter` or says failing, /ready probes Planner itself (a GET of its base URL), so readiness
/// follows Planner going down and coming back even when no citizen is calling.
public final class PlannerHealth: Sendable {
    public static let threshold = 3
    public static let probeAfter: TimeInterval = 2

    private struct State {
        var consecutiveFailures = 0
        var lastFailure: String?
        var lastEvidence = Date.distantPast
    }

    private let state = Mutex(State())

    public init() {}

    func observe(_ calls: [PlannerCallRecord]) {
        guard !calls.isEmpty else { return }
        state.withLock { state in
            for call in calls {
                if let failure = call.failureClass, PlannerError.troubleClasses.contains(failure) {
                    state.consecutiveFailures += 1
                    state.lastFailure = "\(call.operation.rawValue): \(failure)"
                } else {
                    state.consecutiveFailures = 0
                    state.lastFailure = nil
                }
            }
            state.lastEvidence = Date()
        }
    }

    /// What is wrong with Planner as the evidence stands, without probing.
    public var problem: String? {
        state.withLock { state in
            guard state.consecutiveFailures >= Self.threshold, let lastFailure = state.lastFailure else { return nil }
            return "Planner has failed its last \(state.consecutiveFailures) calls (\(lastFailure))"
        }
    }

    /// What is wrong with Planner, probing it first when the evidence is stale or says failing.
    func check(probe: () async -> String?) async -> String? {
        guard needsProbe else { return problem }
        return record(probe: await probe())
    }

    private var needsProbe: Bool {
        state.withLock { $0.consecutiveFailures >= Self.threshold || Date().timeIntervalSince($0.lastEvidence) > Self.probeAfter }
    }

    private func record(probe failure: String?) -> String? {
        state.withLock { state in
            state.lastEvidence = Date()
            guard let failure else {
                state.consecutiveFailures = 0
                state.lastFailure = nil
                return nil
            }
            state.consecutiveFailures = max(state.consecutiveFailures + 1, Self.threshold)
            state.lastFailure = "probe: \(failure)"
            return "Planner does not answer (probe: \(failure))"
        }
    }
}
