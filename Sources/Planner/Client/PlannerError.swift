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
    /// HTTP 400 with Planner's message.
    case rejected(message: String?)
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
        case .rejected(let message): "Planner rejected the call (400)\(message.map { ": \($0)" } ?? "")"
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
        case .rejected: "rejected"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .unexpectedStatus: "unexpected_status"
        }
    }
}
