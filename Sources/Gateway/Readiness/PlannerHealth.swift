import Foundation
import Planner

/// Whether Planner has answered recently, for /ready.
///
/// Jobnet's own calls are the evidence: a run of `threshold` calls that could not reach Planner or
/// got a 5xx marks it failing; any answer marks it healthy. When that evidence is older than
/// `probeAfter` or says failing, /ready probes Planner itself (a GET of its base URL), so readiness
/// follows Planner going down and coming back even when no citizen is calling.
public final class PlannerHealth: @unchecked Sendable {
    public static let threshold = 3
    public static let probeAfter: TimeInterval = 2

    private let lock = NSLock()
    private var consecutiveFailures = 0
    private var lastFailure: String?
    private var lastEvidence = Date.distantPast

    public init() {}

    func observe(_ calls: [PlannerCallRecord]) {
        guard !calls.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for call in calls {
            if let failure = call.failureClass, PlannerError.troubleClasses.contains(failure) {
                consecutiveFailures += 1
                lastFailure = "\(call.operation.rawValue): \(call.failureClass!)"
            } else {
                consecutiveFailures = 0
                lastFailure = nil
            }
        }
        lastEvidence = Date()
    }

    /// What is wrong with Planner as the evidence stands, without probing.
    public var problem: String? {
        lock.lock()
        defer { lock.unlock() }
        guard consecutiveFailures >= Self.threshold, let lastFailure else { return nil }
        return "Planner has failed its last \(consecutiveFailures) calls (\(lastFailure))"
    }

    /// What is wrong with Planner, probing it first when the evidence is stale or says failing.
    func check(probe: () async -> String?) async -> String? {
        guard needsProbe else { return problem }
        return record(probe: await probe())
    }

    private var needsProbe: Bool {
        lock.withLock { consecutiveFailures >= Self.threshold || Date().timeIntervalSince(lastEvidence) > Self.probeAfter }
    }

    private func record(probe failure: String?) -> String? {
        lock.withLock {
            lastEvidence = Date()
            guard let failure else {
                consecutiveFailures = 0
                lastFailure = nil
                return nil
            }
            consecutiveFailures = max(consecutiveFailures + 1, Self.threshold)
            lastFailure = "probe: \(failure)"
            return "Planner does not answer (\(lastFailure!))"
        }
    }
}
