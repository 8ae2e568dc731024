import Hummingbird

/// Answers a URL no route matches as ASP.NET Web API (Planner's framework) does: 404 with its fixed
/// message, so that a client can tell a wrong route (its own defect) from Planner's own 404 (an
/// unknown person or booking).
struct UnknownRouteMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let answer = PlannerSimulatorRouter.unknownRoute(request.uri.path)
            return Response(status: .notFound, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }
}
