import NIOCore
import Synchronization

/// The connections open at once, shared by every connection's `ConnectionLimitHandler`.
final class ConnectionLimit: Sendable {
    let maximum: Int
    private let open = Mutex(0)

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a connection in; false (and not counted) when the limit is reached.
    func admit() -> Bool {
        open.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func release() { open.withLock { $0 -= 1 } }
}

/// Closes a connection beyond `ConnectionLimit` as soon as it is set up, before it costs a request's
/// worth of memory; the client sees the connection closed at once rather than waiting on a full
/// gateway. With the idle timeout (`HTTP1Channel.Configuration.idleTimeout`) it keeps slow clients
/// from holding every connection the process can have.
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
