import NIOCore
import Synchronization

/// The connections open at once, shared by every connection's `ConnectionLimitHandler`, and what
/// happens to the ones the gateway drops (for /metrics).
final class ConnectionLimit: Sendable {
    /// Why the gateway closed a connection itself.
    enum Drop: String, Sendable, CaseIterable {
        /// One more than `--max-connections`, closed as soon as it was accepted.
        case overLimit = "over_limit"
        /// A request body slower than `--min-body-rate`.
        case slowBody = "slow_body"
    }

    let maximum: Int
    private let open = Mutex(0)
    /// Told of each connection dropped (`GatewayMetrics.connectionDropped`).
    private let onDrop: @Sendable (Drop) -> Void

    init(maximum: Int, onDrop: @escaping @Sendable (Drop) -> Void = { _ in }) {
        self.maximum = maximum
        self.onDrop = onDrop
    }

    /// Counts a connection in; false (and not counted, but counted as dropped) when the limit is reached.
    func admit() -> Bool {
        let admitted = open.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
        if !admitted { onDrop(.overLimit) }
        return admitted
    }

    func release() { open.withLock { $0 -= 1 } }

    func dropped(_ reason: Drop) { onDrop(reason) }

    /// The connections open now.
    var openCount: Int { open.withLock { $0 } }
}

/// Closes a connection beyond `ConnectionLimit` as soon as it is set up, before it costs a request's
/// worth of memory; the client sees the connection closed at once rather than waiting on a full
/// gateway. With the idle timeout (`HTTP1Channel.Configuration.idleTimeout`) and the body's rate floor
/// (`RequestPaceHandler`) it keeps slow clients from holding every connection the process can have.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let limit: ConnectionLimit
    private var admitted = false

    init(limit: ConnectionLimit) { self.limit = limit }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = limit.admit()
        if !admitted { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if admitted { limit.release() }
        admitted = false
    }
}
