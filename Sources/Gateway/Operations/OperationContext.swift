import CopenhagenTime
import Foundation
import Jobnet
import Planner
import Synchronization

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

    /// Planner with its failures already STAR faults: what operations call.
    var calls: PlannerCalls { PlannerCalls(client: planner) }

    /// A ledger read or write; a failing ledger is the gateway's own trouble, a Server fault.
    func ledgerCall<T>(_ body: () async throws -> T) async throws(StarFault) -> T {
        do {
            return try await body()
        } catch {
            throw StarFault.plannerServerError("the booking ledger failed: \(error)")
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
        guard let cpr else { throw StarFault.notValid("no CPR in the request") }
        return try await calls.person(cpr: cpr)
    }

    /// BookingOptions at exactly `start`: the option, if Planner still offers the time, with one of
    /// `resources` when given (any resource when empty; an option that names no resource, a joint
    /// meeting's session by TaskId, cannot be held to them). The caller raises its own code when it is gone.
    ///
    /// The window asked for is `[start, start + 1 day + 1 min)`: it contains the start whether a Planner
    /// reads its window as closed or half-open, and holds the whole meeting if a Planner wants that
    /// (a meeting lasts at most a day, STAR 8135; the mapped duration may be shorter than Planner's
    /// own); its end is always after its start (the seed only says EndTime is the time to search to).
    func freeOption(person: PlannerPerson, offer: PlannerCategoryOffer, start: Date, resources: Set<String>)
        async throws(StarFault) -> PlannerBookingOption?
    {
        let end = start.addingTimeInterval(24 * 3600 + 60)
        let options = try await calls.bookingOptions(of: person, offer: offer.id, from: start, to: end)
        return options.first { option in
            // To the second: a Planner may write fractional seconds.
            abs(option.dateTime.timeIntervalSince(start)) < 1
                && (resources.isEmpty || option.resourceIds.isEmpty || option.resourceIds.contains { resources.contains($0.lowercasedText) })
        }
    }

    /// The seed's advice: search no more than a month of free times per BookingOptions call. 28 days
    /// is a month under every reading (February; a month that holds a change to or from summer time).
    static let plannerMaximumWindowDays = 28

    /// BookingOptions over Jobnet's window `[start, end]`, as a Planner of any reading answers it: the
    /// window sent ends a minute later (so a time at Jobnet's very end is found when Planner's window
    /// is half-open, and the end is after the start even for a one-instant window); a window longer
    /// than the seed's month is split into calls of at most `plannerMaximumWindowDays`; what comes back
    /// is kept to `[start, end]`, sorted by time (Planner promises no order), each time once (a time at
    /// a chunk's edge may come back twice, its resources merged; a joint meeting's sessions differ by TaskId).
    func bookingOptions(person: PlannerPerson, offerId: UUID, from start: Date, to end: Date) async throws(StarFault)
        -> [PlannerBookingOption]
    {
        // The minute's margin never costs a second call: a window of exactly the seed's month stays one.
        let month = CopenhagenTime.adding(days: Self.plannerMaximumWindowDays, to: start)
        let last = end <= month ? min(end.addingTimeInterval(60), month) : end.addingTimeInterval(60)
        var options: [PlannerBookingOption] = []
        var chunkStart = start
        while chunkStart < last {
            let chunkEnd = min(last, CopenhagenTime.adding(days: Self.plannerMaximumWindowDays, to: chunkStart))
            let from = chunkStart
            options += try await calls.bookingOptions(of: person, offer: offerId, from: from, to: chunkEnd)
            chunkStart = chunkEnd
        }
        var merged: [PlannerBookingOption] = []
        var index: [String: Int] = [:]
        for option in options.sorted(by: { $0.dateTime < $1.dateTime }) where option.dateTime >= start && option.dateTime <= end {
            let key = "\(option.dateTime.timeIntervalSince1970)|\(option.taskId ?? "")"
            if let at = index[key] {
                merged[at].resourceIds += option.resourceIds.filter { !merged[at].resourceIds.contains($0) }
            } else {
                index[key] = merged.count
                merged.append(option)
            }
        }
        return merged
    }

    /// The CaseWorkerID of a Planner resource that caseworkers.yaml does not name: the gateway's own,
    /// stable across restarts. The mapping log names the resource.
    func unmappedCaseworkerId(_ resourceId: String) async throws(StarFault) -> Int {
        let registry = unmappedCaseworkers ?? UnmappedCaseworkers(ledger: ledger)
        let id = try await ledgerCall { try await registry.id(for: resourceId, now: now) }
        notes.add("\(MappingNotes.unmappedResource) \(resourceId) (not in caseworkers.yaml): listed as CaseWorkerID \(id), not choosable")
        return id
    }

    /// GetMicrositeCategories, flattened to the booking offers that have not expired.
    func bookableOffers(for person: PlannerPerson) async throws(StarFault) -> [PlannerCategoryOffer] {
        let tree = try await calls.categories(of: person)
        let now = self.now
        let offers = tree.flatMap(\.bookingOffers).filter { offer in
            guard let expiry = offer.expiryDate else { return true }
            return expiry > now
        }
        for offer in offers {
            let source = mappings.offer(offer.id).source
            notes.add("offer \(offer.id.lowercasedText) mapped by \(source.rawValue)")
        }
        return offers
    }
}

/// The mapping decisions that matter, collected for the call's mapping-log record.
public final class MappingNotes: Sendable {
    /// The start of a decision about a Planner resource caseworkers.yaml does not name, and the end of
    /// one about an offer offers.yaml has no entry for: `/metrics` counts the calls that met one
    /// (`jobnet_unmapped_calls_total`).
    public static let unmappedResource = "unmapped resource"
    public static let offerByDefaults = "mapped by defaults"

    private let storage = Mutex<[String]>([])

    public init() {}

    public func add(_ note: String) {
        storage.withLock { $0.append(note) }
    }

    public var notes: [String] {
        storage.withLock { $0 }
    }
}
