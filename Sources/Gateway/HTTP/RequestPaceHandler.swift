import NIOHTTPTypes
import NIOCore

/// The body's rate floor: once a request's head is in, its body must arrive at `minimumBytesPerSecond`
/// on average after a grace of `grace` (the idle timeout), or the connection is closed.
///
/// Hummingbird's idle timeout closes a connection that sends nothing, a half-sent head included (a
/// head only counts as activity once it is whole); but a body that sends a byte just inside the timeout,
/// over and over, would hold its connection for as long as the body limit lasts (a 1 MB limit at a byte
/// every 9 s is three months). Checked once a second while a body is being read; nothing between requests.
final class RequestPaceHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let minimumBytesPerSecond: Int
    private let grace: TimeAmount
    private let limit: ConnectionLimit
    /// When the current request's head arrived, and its body bytes so far; nil between requests.
    private var started: NIODeadline?
    private var received = 0
    private var check: Scheduled<Void>?

    init(minimumBytesPerSecond: Int, grace: TimeAmount, limit: ConnectionLimit) {
        self.minimumBytesPerSecond = minimumBytesPerSecond
        self.grace = grace
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            started = .now()
            received = 0
            schedule(context)
        case .body(let buffer):
            received += buffer.readableBytes
        case .end:
            stop()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func stop() {
        started = nil
        check?.cancel()
        check = nil
    }

    private func schedule(_ context: ChannelHandlerContext) {
        check?.cancel()
        check = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { [self] in
            guard let started else { return }
            let elapsed = NIODeadline.now() - started
            let owed = Double((elapsed - grace).nanoseconds) / 1e9 * Double(minimumBytesPerSecond)
            if owed > Double(received) {
                limit.dropped(.slowBody)
                self.stop()
                context.close(promise: nil)
            } else {
                schedule(context)
            }
        }
    }
}
