import Hummingbird
import NIOCore

/// Hummingbird's request context plus the connection's channel: the TLS allow-list reads the
/// client certificate NIOSSL verified on it.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
