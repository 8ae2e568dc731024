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

extension PlannerError {
    /// Whether a write that failed this way may have been carried out all the same: Planner was asked
    /// and its answer was lost (a timeout, a dropped connection), was a 5xx, or could not be read. Only a
    /// definite refusal (4xx, a call never made) says it was not.
    var writeMayHaveHappened: Bool {
        switch self {
        case .unreachable, .serverError, .invalidResponse, .unexpectedStatus: true
        case .circuitOpen, .configurationMissing, .rejected, .refused, .noSuchRoute, .invalidRequest, .notFound, .conflict: false
        }
    }
}
