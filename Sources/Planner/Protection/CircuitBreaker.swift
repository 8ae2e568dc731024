import Foundation
import Synchronization

/// Closed → open after `failures` Planner-trouble outcomes in a row → after `openSeconds`, half-open:
/// one call is let through as a probe → closed on an answer, open again on trouble.
///
/// One breaker per gateway, shared by every generation of the Planner client (a mapping reload does
/// not forget that Planner is down).
public final class CircuitBreaker: Sendable {
    public enum State: Sendable, Equatable {
        case closed
        case open(until: Date)
        case halfOpen
    }

    private let failures: Int
    private let openSeconds: Double
    private let clock: @Sendable () -> Date
    /// The state and the failures in a row.
    private let guarded = Mutex((state: State.closed, consecutive: 0))

    public init(failures: Int, openSeconds: Double, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.failures = max(1, failures)
        self.openSeconds = openSeconds
        self.clock = clock
    }

    public var current: State { guarded.withLock { $0.state } }

    /// Whether a call may go to Planner now; nil when it may, else why not (for the 4769's reason).
    func admit() -> String? {
        guarded.withLock { guarded in
            switch guarded.state {
            case .closed:
                return nil
            case .open(let until):
                let now = clock()
                guard now >= until else {
                    return "circuit open after \(guarded.consecutive) failed Planner calls; next probe in \(String(format: "%.1f", until.timeIntervalSince(now))) s"
                }
                guarded.state = .halfOpen   // this call is the probe
                return nil
            case .halfOpen:
                return "circuit half-open: a probe of Planner is under way"
            }
        }
    }

    /// The outcome of a call that went to Planner.
    func record(trouble: Bool) {
        guarded.withLock { guarded in
            if trouble {
                guarded.consecutive += 1
                if guarded.state == .halfOpen || guarded.consecutive >= failures {
                    guarded.state = .open(until: clock().addingTimeInterval(openSeconds))
                }
            } else {
                guarded.consecutive = 0
                guarded.state = .closed
            }
        }
    }
}
