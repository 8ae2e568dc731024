import Jobnet

extension StarFault {
    /// The booking ledger failed (a read, a write, or the citizen's lock in it): the gateway's own
    /// trouble, a Server fault (9303), whatever the call was doing. The one place that rule is raised.
    static func ledgerFailure(_ what: String, _ error: any Error) -> StarFault {
        .plannerServerError("\(what): \(error)")
    }
}
