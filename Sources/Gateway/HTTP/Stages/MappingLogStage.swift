import Foundation
import Hummingbird

/// Around the SOAP call: starts its `CallTrace` (the caller's `x-requestId` as correlation id, the
/// operation a v10-style URL names), and when the call ends writes its one mapping-log record and
/// returns the correlation id in `x-correlation-id`. Whatever happened inside, the record is written.
struct MappingLogStage: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let log: MappingLog
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let trace = CallTrace(requestId: request.headers[.requestId], urlOperation: context.parameters.get("operation"))
        context.trace = trace
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            log.write(trace.record(at: clock()))
            throw error
        }
        log.write(trace.record(at: clock()))
        response.headers[.correlationId] = trace.correlationId
        return response
    }
}
