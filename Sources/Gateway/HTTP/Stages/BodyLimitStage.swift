import Hummingbird

/// The body, read within the limit: a request that says it is longer is answered 413 before any of it
/// is read, one that turns out longer is cut off at the limit and answered 413, and the stages after
/// this one get the body in memory.
struct BodyLimitStage: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Response(status: .contentTooLarge)
        }
        var request = request
        do {
            request.body = RequestBody(buffer: try await request.body.collect(upTo: limit))
        } catch {
            return Response(status: .contentTooLarge)
        }
        return try await next(request, context)
    }
}
