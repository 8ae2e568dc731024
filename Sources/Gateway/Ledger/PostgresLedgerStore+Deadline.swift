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
    /// the wire ends when it ends, without the caller — but a citizen's lock is not released before it has
    /// (`AbandonedStatements`), so that a write given up on cannot land after another call took the lock.
    func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = DeadlineRace<T>()
        let abandoned = abandoned
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.begin(continuation)
                let id = abandoned.nextId()
                let work = Task {
                    do {
                        race.finish(.success(try await body()))
                    } catch {
                        race.finish(.failure(error))
                    }
                    abandoned.remove(id)
                }
                race.add(work)
                race.add(Task {
                    try? await Task.sleep(for: limit)
                    guard !Task.isCancelled else { return }
                    if race.finish(.failure(LedgerDatabaseError(message: "PostgreSQL did not answer within \(limit)"))) {
                        abandoned.add(id, work)
                    }
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

    /// True when this call ended the race.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let (won, continuation, tasks) = state.withLock { state -> (Bool, CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
            guard !state.finished else { return (false, nil, []) }
            state.finished = true
            defer {
                state.continuation = nil
                state.tasks = []
            }
            return (true, state.continuation, state.tasks)
        }
        for task in tasks { task.cancel() }
        continuation?.resume(with: result)
        return won
    }
}

/// Statements the gateway stopped waiting for (their deadline passed) that may still reach the server: a
/// citizen's lock waits for them before its COMMIT, so that none lands after the lock is released.
final class AbandonedStatements: Sendable {
    private struct State {
        var next = 0
        var tasks: [Int: Task<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func nextId() -> Int {
        state.withLock { state in
            state.next &+= 1
            return state.next
        }
    }

    func add(_ id: Int, _ task: Task<Void, Never>) { state.withLock { $0.tasks[id] = task } }

    func remove(_ id: Int) { _ = state.withLock { $0.tasks.removeValue(forKey: id) } }

    /// Returns once every statement abandoned so far has ended (answered, refused by `statement_timeout`,
    /// or its connection gone).
    func settle() async {
        for (id, task) in state.withLock({ $0.tasks }) {
            await task.value
            remove(id)
        }
    }
}
