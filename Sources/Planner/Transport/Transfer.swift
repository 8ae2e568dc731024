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

/// What runs transfers for `CurlTransport`: the multi loop or the worker pool.
protocol CurlEngine: Sendable {
    /// Runs the transfer, or completes it at once when the engine is closed.
    func submit(_ transfer: Transfer)
    /// The caller of the transfer with this cancellation was cancelled: end it now if possible.
    func cancelled(_ cancellation: TransferCancellation)
    /// Ends every transfer and stops the engine's thread(s).
    func close()
}
