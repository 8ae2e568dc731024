import Hummingbird
import NIOSSL

/// The first stage, when there is an allow-list of client-certificate subjects (`--allowed-subject`):
/// a caller whose certificate is not on it gets 403 and the mapping log a `client-refused` event; nothing
/// else of the call is read. Without an allow-list the router does not add it.
struct ClientSubjectStage: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let tls: InboundTLS
    let log: MappingLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let certificate = try? await context.channel.nioSSL_peerCertificate().get()
        if let refusal = tls.refusal(certificate) {
            log.event("client-refused", refusal, level: .warning)
            return Response(status: .forbidden)
        }
        return try await next(request, context)
    }
}
