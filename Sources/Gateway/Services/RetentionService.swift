import CopenhagenTime
import Foundation
import ServiceLifecycle

/// The retention job of `serve`: at start and then every `interval`, deletes from the ledger what is
/// older than `days` (`Ledger.deleteExpired`), and the mapping log says how many rows went. `days` 0
/// keeps everything. Stopped before the ledger closes (it comes after `LedgerService` in the group).
struct RetentionService: Service {
    let ledger: Ledger
    let log: MappingLog
    let days: Int
    let clock: @Sendable () -> Date
    var interval: Duration = .seconds(3600)

    /// Ends only with the group (a service that returns early would stop the whole group): at a graceful
    /// shutdown its sleep is cancelled, and it returns without error.
    func run() async throws {
        guard days > 0 else {
            try? await gracefulShutdown()
            return
        }
        do {
            try await cancelWhenGracefulShutdown {
                var first = true
                while true {
                    await Self.pass(ledger: ledger, log: log, days: days, now: clock(), always: first)
                    first = false
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// One pass: deletes what ended more than `days` before `now`; logs what went (every time when
    /// `always`, else only when something did). Returns what went, or nil when the ledger failed.
    @discardableResult
    static func pass(ledger: Ledger, log: MappingLog, days: Int, now: Date, always: Bool = true) async -> Ledger.Retained? {
        let horizon = CopenhagenTime.adding(days: -days, to: now)
        do {
            let retained = try await ledger.deleteExpired(before: horizon)
            if always || retained.total > 0 {
                log.event("retention", "deleted \(retained) from before \(CopenhagenTime.format(horizon)) (retention \(days) days)")
            }
            return retained
        } catch {
            log.event("retention", "the retention pass failed, nothing deleted: \(error)", level: .error)
            return nil
        }
    }
}
