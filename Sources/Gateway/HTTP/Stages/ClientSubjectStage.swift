import Hummingbird
import NIOSSL

/// The first stage: with an allow-list of client-certificate subjects (`--allowed-subject`), a caller
/// whose certificate is not on it gets 403 and the mapping log a `client-refused` event; nothing else
/// of the call is read.
struct ClientSubjectStage: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let tls: InboundTLS
    let log: MappingLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !tls.allowedSubjects.isEmpty else { return try await next(request, context) }
        let certificate = try? await context.channel.nioSSL_peerCertificate().get()
        if let refusal = tls.refusal(certificate) {
            log.event("client-refused", refusal, level: .warning)
            return Response(status: .forbidden)
        }
        return try await next(request, context)
    }
}
