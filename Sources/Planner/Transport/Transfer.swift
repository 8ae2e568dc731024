import Synchronization

/// A caller's request on its way to curl, and how to hand the outcome back (exactly once).
struct Transfer: Sendable {
    var request: HTTPExchangeRequest
    var cancellation: TransferCancellation
    var completion: @Sendable (Result<HTTPExchangeResponse, PlannerError>) -> Void
}

/// Set when the task that asked for a transfer is cancelled; the engine running it reads it.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    func cancel() { flag.store(true, ordering: .relaxed) }

    var isCancelled: Bool { flag.load(ordering: .relaxed) }

    static let failure = PlannerError.unreachable("cancelled: the call that asked for it was cancelled")
}

extension Transfer {
    /// The outcome of a transfer sent to, or left in, an engine that was closed.
    static let shutDown = PlannerError.unreachable("the Planner client is shut down")
}
