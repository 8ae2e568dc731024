import Synchronization

extension PostgresLedgerStore {
    /// How long a read or write may take (and the wait for a connection to take a citizen's lock on,
    /// beyond the lock's own `lockWait`), and the /ready check.
    static let statementDeadline: Duration = .seconds(10)
    static let readinessDeadline: Duration = .seconds(3)

    /// Runs `body`, answering a `LedgerDatabaseError` if it has not ended within `limit`: with the server
    /// gone, postgres-nio's pool keeps a request waiting for a connection that does not come, and with a
    /// server that hangs (or a network that drops packets) a statement sent waits for TCP to give up. A
    /// call must become a 9303 (and /ready a 503) instead of waiting with it. `body` runs in a task of
    /// its own, cancelled at the deadline (and with the caller) but not awaited: a statement already on
    /// the wire ends when it ends, without the caller.
    func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = DeadlineRace<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.begin(continuation)
                race.add(Task {
                    do {
                        race.finish(.success(try await body()))
                    } catch {
                        race.finish(.failure(error))
                    }
                })
                race.add(Task {
                    try? await Task.sleep(for: limit)
                    guard !Task.isCancelled else { return }
                    race.finish(.failure(LedgerDatabaseError(message: "PostgreSQL did not answer within \(limit)")))
                })
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }
}

/// The caller's continuation and the two tasks racing to resume it: the first `finish` resumes it and
/// cancels both; later ones do nothing.
final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var tasks: [Task<Void, Never>] = []
        var finished = false
    }

    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<T, any Error>) {
        let finished = state.withLock { state in
            if !state.finished { state.continuation = continuation }
            return state.finished
        }
        // Cancelled before it began.
        if finished { continuation.resume(throwing: CancellationError()) }
    }

    func add(_ task: Task<Void, Never>) {
        let finished = state.withLock { state in
            if !state.finished { state.tasks.append(task) }
            return state.finished
        }
        if finished { task.cancel() }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
            guard !state.finished else { return (nil, []) }
            state.finished = true
            defer {
                state.continuation = nil
                state.tasks = []
            }
            return (state.continuation, state.tasks)
        }
        for task in tasks { task.cancel() }
        continuation?.resume(with: result)
    }
}
