import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// The citizen behind the call's CPR, as Planner knows them (PersonByCpr).
extension OperationContext {
    /// PersonByCpr: the citizen behind the header's CPR, or `unknownCode` when Planner does not know them.
    func citizen(unknownCode: Int) async throws(StarFault) -> PlannerPerson {
        guard let person = try await citizenIfKnown() else {
            throw StarFault(unknownCode, "Planner does not know the CPR (PersonByCpr 404)")
        }
        return person
    }

    /// PersonByCpr: the citizen behind the header's CPR, or nil when Planner does not know them.
    func citizenIfKnown() async throws(StarFault) -> PlannerPerson? {
        guard let cpr else { throw StarFault.notValid("no CPR in the request") }
        return try await calls.person(cpr: cpr)
    }
}
