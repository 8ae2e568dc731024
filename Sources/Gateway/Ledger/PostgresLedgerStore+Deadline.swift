import Synchronization

extension PostgresLedgerStore {
    /// How long a read or write may take (and the wait for a connection to take a citizen's lock on,
    /// whose own wait PostgreSQL's `lock_timeout` bounds), and the /ready check.
    static let statementDeadline: Duration = .seconds(10)
    static let readinessDeadline: Duration = .seconds(3)

    /// Runs `body`, cancelled with a `LedgerDatabaseError` if it has not ended within `limit`: with the
    /// server gone, postgres-nio's pool keeps a request waiting for a connection that does not come, and
    /// a call must become a 9303 (and /ready a 503) instead of waiting with it.
    func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withDeadline(limit, until: DeadlineLifted(), body)
    }

    /// As `withDeadline(_:_:)`, but once `until` is lifted the deadline no longer applies: `body` has got
    /// what it waited for (a connection holding a citizen's lock) and runs on as long as its work takes.
    func withDeadline<T: Sendable>(
        _ limit: Duration, until lifted: DeadlineLifted, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        typealias Outcome = DeadlineOutcome<T>
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask { .value(try await body()) }
            group.addTask {
                try await Task.sleep(for: limit)
                return .deadlinePassed
            }
            while let outcome = try await group.next() {
                switch outcome {
                case .value(let value):
                    group.cancelAll()
                    return value
                case .deadlinePassed where lifted.isLifted:
                    continue
                case .deadlinePassed:
                    group.cancelAll()
                    throw LedgerDatabaseError(message: "PostgreSQL did not answer within \(limit)")
                }
            }
            throw LedgerDatabaseError(message: "PostgreSQL's call ended without an answer")
        }
    }
}

/// Set once what a deadline guarded has been got: the deadline no longer applies.
final class DeadlineLifted: Sendable {
    private let flag = Atomic(false)

    var isLifted: Bool { flag.load(ordering: .acquiring) }

    func lift() { flag.store(true, ordering: .releasing) }
}

enum DeadlineOutcome<T: Sendable>: Sendable {
    case value(T)
    case deadlinePassed
}
