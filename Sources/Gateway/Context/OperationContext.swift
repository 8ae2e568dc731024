import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// What an operation works with: the citizen's CPR, Planner, the mappings, the clock, and the
/// mapping log's notes for this call.
public struct OperationContext: Sendable {
    public var cpr: CPR?
    public var planner: PlannerClient
    public var mappings: GatewayMappings
    public var now: Date
    public var limits: OperationLimits
    public var ledger: Ledger
    public var locks: CitizenLocks
    public var notes: MappingNotes
    /// The ids of Planner resources caseworkers.yaml does not name; one per gateway, shared by its calls.
    public var unmappedCaseworkers: UnmappedCaseworkers? = nil
    /// Where a test stops a rebooking half-way (`serve --failpoint`); nil in production.
    public var failpoint: RebookingFailpoint? = nil

    /// Planner with its failures already STAR faults: what operations call.
    var calls: PlannerCalls { PlannerCalls(client: planner) }

    /// A ledger read or write; a failing ledger is the gateway's own trouble, a Server fault.
    func ledgerCall<T>(_ body: () async throws -> T) async throws(StarFault) -> T {
        do {
            return try await body()
        } catch {
            throw StarFault.ledgerFailure("the booking ledger failed", error)
        }
    }
}
