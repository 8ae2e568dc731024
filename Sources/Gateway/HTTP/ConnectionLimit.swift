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
    private let state = Mutex((open: 0, dropped: [Drop: Int]()))

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a connection in; false (and not counted, but counted as dropped) when the limit is reached.
    func admit() -> Bool {
        state.withLock { state in
            guard state.open < maximum else {
                state.dropped[.overLimit, default: 0] += 1
                return false
            }
            state.open += 1
            return true
        }
    }

    func release() { state.withLock { $0.open -= 1 } }

    func dropped(_ reason: Drop) { state.withLock { $0.dropped[reason, default: 0] += 1 } }

    /// The connections open now, and those dropped since start by reason.
    var counts: (open: Int, dropped: [Drop: Int]) { state.withLock { ($0.open, $0.dropped) } }
}

/// Closes a connection beyond `ConnectionLimit` as soon as it is set up, before it costs a request's
/// worth of memory; the client sees the connection closed at once rather than waiting on a full
/// gateway. With the idle timeout (`HTTP1Channel.Configuration.idleTimeout`) and the body's rate floor
/// (`RequestPaceHandler`) it keeps slow clients from holding every connection the process can have.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

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

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }
}
