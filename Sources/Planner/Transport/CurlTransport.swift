import Foundation

/// libcurl towards Planner, off the NIO event loops: a caller awaits a continuation that curl's own
/// thread(s) resume, so no event loop ever blocks on Planner.
///
/// Two engines run the transfers (`PlannerTransportSettings.engine`, `--planner-transport`):
/// - `multi` (the default): `CurlMultiLoop`, libcurl's multi interface on one thread, every transfer
///   non-blocking on it;
/// - `threads`: `CurlWorkerPool`, one blocking easy handle per worker thread (the first design).
/// Both reuse connections and TLS sessions, cap concurrent transfers at `workers`, apply the route's
/// time budget (`HTTPExchangeRequest.timeoutMilliseconds`) and present the FOCES client certificate
/// (`CurlEasy` sets its options for both). docs/benchmarks.md compares them.
public final class CurlTransport: PlannerTransport {
    private let engine: any CurlEngine
    public let settings: PlannerTransportSettings

    public init(settings: PlannerTransportSettings) {
        self.settings = settings
        switch settings.engine {
        case .multi: engine = CurlMultiLoop(settings: settings)
        case .threads: engine = CurlWorkerPool(settings: settings)
        }
    }

    deinit { engine.close() }

    public var defaultTimeoutMilliseconds: Int { settings.totalTimeoutMilliseconds }

    /// Performs one exchange. Throws `PlannerError.unreachable` for connection, TLS and timeout failures.
    ///
    /// Cancelling the calling task ends the exchange: a transfer still waiting for its turn is withdrawn
    /// at once; a running one is ended by the multi loop at once, or by a worker's progress callback
    /// within a second. Either way the call throws `unreachable("cancelled")` and its slot is free.
    public func perform(_ request: HTTPExchangeRequest) async throws(PlannerError) -> HTTPExchangeResponse {
        let cancellation = TransferCancellation()
        let engine = self.engine
        let result: Result<HTTPExchangeResponse, PlannerError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                engine.submit(Transfer(request: request, cancellation: cancellation, completion: { continuation.resume(returning: $0) }))
            }
        } onCancel: {
            cancellation.cancel()
            engine.cancelled(cancellation)
        }
        return try result.get()
    }
}
