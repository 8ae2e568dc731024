import Jobnet

/// Serialises the booking operations of one citizen: Jobnet retries on timeouts, and two identical
/// requests must not both find "no booking yet" and both book. Calls for different citizens never wait
/// for each other.
///
/// Within this process the lock is a queue per citizen; with a `ledger` other instances share
/// (PostgreSQL), the first in the queue then also takes the citizen's lock in the ledger, so that calls
/// spread over several instances by a load balancer are serialised too. A ledger lock that cannot be had
/// is the gateway's own trouble (9303), before any Planner step.
public actor CitizenLocks {
    private var queues: [String: [CheckedContinuation<Void, Never>]] = [:]
    private let ledger: Ledger?

    public init(ledger: Ledger? = nil) {
        self.ledger = ledger.flatMap { $0.isShared ? $0 : nil }
    }

    public func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws(StarFault) -> T) async throws(StarFault) -> T {
        await acquire(key)
        defer { release(key) }
        guard let ledger else { return try await body() }
        let outcome: Result<T, StarFault>
        do {
            outcome = try await ledger.withCitizenLock(key) { () async -> Result<T, StarFault> in
                do throws(StarFault) {
                    return .success(try await body())
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            throw StarFault.ledgerFailure("the citizen's lock in the booking ledger could not be had", error)
        }
        return try outcome.get()
    }

    private func acquire(_ key: String) async {
        if queues[key] == nil {
            queues[key] = []
            return
        }
        await withCheckedContinuation { queues[key]!.append($0) }
    }

    private func release(_ key: String) {
        guard var waiting = queues[key] else { return }
        if waiting.isEmpty {
            queues[key] = nil
        } else {
            let next = waiting.removeFirst()
            queues[key] = waiting
            next.resume()
        }
    }
}
