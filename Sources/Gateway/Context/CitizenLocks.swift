import Jobnet

/// Serialises the booking operations of one citizen: Jobnet retries on timeouts, and two identical
/// requests must not both find "no booking yet" and both book. Calls for different citizens never wait
/// for each other.
public actor CitizenLocks {
    private var queues: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    public func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws(StarFault) -> T) async throws(StarFault) -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
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
