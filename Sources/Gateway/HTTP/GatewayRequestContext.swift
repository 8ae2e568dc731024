import Hummingbird
import NIOCore

/// Hummingbird's request context plus the connection's channel (the TLS allow-list reads the client
/// certificate NIOSSL verified on it) and the call's trace (`MappingLogStage` starts it, the SOAP
/// endpoint fills it in).
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var trace: CallTrace?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
