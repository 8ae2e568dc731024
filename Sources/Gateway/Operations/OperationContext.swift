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

    /// Calls Planner, turning any failure the operation does not handle itself into its STAR fault.
    func planner<T: Sendable>(_ body: (PlannerClient) async throws(PlannerError) -> T) async throws(StarFault) -> T {
        do {
            return try await body(planner)
        } catch {
            throw error.starFault
        }
    }

    /// A ledger read or write; a failing ledger is the gateway's own trouble, a Server fault.
    func ledgerCall<T>(_ body: () async throws -> T) async throws(StarFault) -> T {
        do {
            return try await body()
        } catch {
            throw StarFault(StarFault.plannerServerError, "the booking ledger failed: \(error)")
        }
    }

    /// PersonByCpr: the citizen behind the header's CPR, or `unknownCode` when Planner does not know them.
    func citizen(unknownCode: Int) async throws(StarFault) -> PlannerPerson {
        guard let person = try await citizenIfKnown() else {
            throw StarFault(unknownCode, "Planner does not know the CPR (PersonByCpr 404)")
        }
        return person
    }

    /// PersonByCpr: the citizen behind the header's CPR, or nil when Planner does not know them.
    func citizenIfKnown() async throws(StarFault) -> PlannerPerson? {
        guard let cpr else { throw StarFault(StarFault.validationFailed, "no CPR in the request") }
        return try await planner { (client) throws(PlannerError) in try await client.personByCpr(cpr.digits) }
    }

    /// BookingOptions at exactly `start`: the option, if Planner still offers the time, with one of
    /// `resources` when given (any resource when empty). The caller raises its own code when it is gone.
    func freeOption(person: PlannerPerson, offer: PlannerCategoryOffer, start: Date, resources: Set<String>) async throws(StarFault)
        -> PlannerBookingOption?
    {
        let options = try await planner { (client) throws(PlannerError) in
            try await client.bookingOptions(personId: person.personStatusId, offerId: offer.id, start: start, end: start)
        }
        return options.first { option in
            option.dateTime == start && (resources.isEmpty || option.resourceIds.contains { resources.contains($0.lowercasedText) })
        }
    }

    /// GetMicrositeCategories, flattened to the booking offers that have not expired.
    func bookableOffers(for person: PlannerPerson) async throws(StarFault) -> [PlannerCategoryOffer] {
        let tree = try await planner { (client) throws(PlannerError) in
            try await client.micrositeCategories(personStatusId: person.personStatusId)
        }
        let now = self.now
        let offers = tree.flatMap(\.bookingOffers).filter { offer in
            guard let expiry = offer.expiryDate else { return true }
            return expiry > now
        }
        for offer in offers {
            notes.add("offer \(offer.id.lowercasedText) mapped by \(mappings.offer(offer.id).source.rawValue)")
        }
        return offers
    }
}

/// The mapping decisions that matter, collected for the call's mapping-log record.
public final class MappingNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    public init() {}

    public func add(_ note: String) {
        lock.lock()
        storage.append(note)
        lock.unlock()
    }

    public var notes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
