import Jobnet
import Planner

extension PlannerError {
    /// Every code `starFault` can give.
    static let starCodes = [
        StarFault.noContactWithPlanner, StarFault.configurationMissing, StarFault.plannerServerError,
        StarFault.plannerContractViolated,
    ]

    /// The STAR code for a Planner failure that no operation rule interprets for itself: the one
    /// place where Planner trouble becomes STAR's 4769, 9018, 9303 or 9329.
    var starFault: StarFault {
        switch self {
        case .unreachable(let reason), .circuitOpen(let reason): StarFault(StarFault.noContactWithPlanner, reason)
        case .configurationMissing(let what): StarFault(StarFault.configurationMissing, "\(what) is not configured")
        case .invalidResponse(let reason): StarFault(StarFault.plannerContractViolated, reason)
        case .serverError, .rejected, .refused, .invalidRequest, .noSuchRoute, .notFound, .conflict, .unexpectedStatus:
            StarFault(StarFault.plannerServerError, description)
        }
    }
}
