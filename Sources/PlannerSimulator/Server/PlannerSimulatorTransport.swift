import Foundation
import Planner

/// The simulator without HTTP: a `PlannerTransport` that hands each request straight to the
/// simulator's rules. The fuzzer uses it, so that every input exercises the whole request path,
/// Planner answers included, without a socket.
public struct PlannerSimulatorTransport: PlannerTransport {
    let router: PlannerSimulatorRouter
    let baseURL: String

    public init(
        state: PlannerSimulatorState, routes: PlannerRoutes? = nil, style: PlannerSimulatorStyle = .demo,
        baseURL: String = "http://planner.invalid/"
    ) {
        router = PlannerSimulatorRouter(state: state, routes: routes ?? style.routes, style: style)
        self.baseURL = baseURL
    }

    public var defaultTimeoutMilliseconds: Int { 10_000 }

    public func perform(_ request: HTTPExchangeRequest) async throws(PlannerError) -> HTTPExchangeResponse {
        guard request.url.hasPrefix(baseURL) else { throw .unreachable("cannot connect: not the simulator's address") }
        let relative = request.url.dropFirst(baseURL.count)
        let path = String(relative.prefix { $0 != "?" })
        guard let (operation, captures) = router.match(method: request.method, path: path) else {
            let answer = PlannerSimulatorRouter.unknownRoute("/" + path)
            return HTTPExchangeResponse(status: answer.status, body: answer.body)
        }
        var query: [String: String] = [:]
        if let mark = relative.firstIndex(of: "?") {
            for pair in relative[relative.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard let name = parts.first else { continue }
                query[String(name)] = parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        do {
            let answer = try await router.answer(operation, body: request.body ?? [], query: query, path: captures)
            return HTTPExchangeResponse(status: answer.status, body: answer.body)
        } catch {
            throw .unreachable("the simulator failed: \(error)")
        }
    }
}
