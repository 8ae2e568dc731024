/// Every way a Planner call can fail, classified once, here.
///
/// The gateway maps each class to its STAR code in one place (`unreachable` → 4769,
/// `configurationMissing` → 9018, `serverError` → 9303, `invalidResponse` → 9329); `rejected`,
/// `notFound` and `conflict` are answers an operation interprets for itself.
public enum PlannerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cannot connect, TLS refused, or timed out.
    case unreachable(String)
    /// Not sent: the circuit breaker is open because Planner failed its recent calls.
    case circuitOpen(String)
    /// RootDepartmentId, MicrositeId or a route is not configured.
    case configurationMissing(String)
    /// HTTP 5xx.
    case serverError(status: Int, message: String?)
    /// The body is not JSON or lacks a required field.
    case invalidResponse(String)
    /// HTTP 400 with Planner's message to a read: Planner refused a request the gateway built, so the
    /// gateway built it wrong for this Planner (a route, a parameter's place or spelling, a window): the
    /// gateway's own defect, classed apart from Planner's trouble.
    case rejected(message: String?)
    /// HTTP 400 to a write (reserve, book, cancel, confirm): the booking's state may be the reason (a
    /// reservation that lapsed, a booking already cancelled or not awaiting confirmation, as the seed's
    /// "only status 6" says), so it is not called the gateway's defect.
    case refused(message: String?)
    /// HTTP 404 with ASP.NET Web API's "No HTTP resource was found that matches the request URI": no
    /// route of Planner's matches the URL the gateway built (planner-api.yaml is not aligned). The
    /// gateway's own defect; never read as "not found" (which PersonByCpr would take for an unknown citizen).
    case noSuchRoute(String)
    /// Not sent: the gateway was about to send a request Planner's contract does not allow (a
    /// BookingOptions window whose end is not after its start). The gateway's own defect.
    case invalidRequest(String)
    /// HTTP 404.
    case notFound
    /// HTTP 409: the time is taken.
    case conflict(message: String?)
    /// Any other status Planner is not documented to send.
    case unexpectedStatus(Int)

    public var description: String {
        switch self {
        case .unreachable(let reason): "Planner unreachable: \(reason)"
        case .circuitOpen(let reason): "Planner not called: \(reason)"
        case .configurationMissing(let what): "configuration missing: \(what)"
        case .serverError(let status, let message): "Planner answered \(status)\(message.map { ": \($0)" } ?? "")"
        case .invalidResponse(let reason): "Planner's answer broke the contract: \(reason)"
        case .rejected(let message): "Planner rejected the request the gateway built (400)\(message.map { ": \($0)" } ?? ""): the gateway's own defect"
        case .refused(let message): "Planner refused the change (400)\(message.map { ": \($0)" } ?? "")"
        case .invalidRequest(let reason): "not sent, the gateway's own defect: \(reason)"
        case .noSuchRoute(let message): "Planner has no such route (404: \(message)): the gateway's own defect, align planner-api.yaml (discover)"
        case .notFound: "Planner answered 404"
        case .conflict(let message): "Planner answered 409\(message.map { ": \($0)" } ?? "")"
        case .unexpectedStatus(let status): "Planner answered an undocumented status \(status)"
        }
    }

    /// The class name used in metrics and the mapping log.
    public var failureClass: String {
        switch self {
        case .unreachable: "unreachable"
        case .circuitOpen: "circuit_open"
        case .configurationMissing: "configuration"
        case .serverError: "server_error"
        case .invalidResponse: "invalid_response"
        case .rejected, .invalidRequest, .noSuchRoute: "gateway_defect"
        case .refused: "rejected"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .unexpectedStatus: "unexpected_status"
        }
    }
}
