import Foundation
import Synchronization

/// GetMicrositeCategories' answers per citizen, kept a short while (`--categories-cache-seconds`): a
/// citizen's visit asks for them again and again (the offers, then times, then the booking; the
/// citizen's status), and on a light call it is the one Planner call left once PersonByCpr is reused.
///
/// As `PersonCache`: bounded, expiring `seconds` after Planner answered, and dropped for a citizen as
/// soon as the gateway changes anything of theirs in Planner (which offers they may book can depend
/// on their bookings). What it means for an operator: an offer added, changed or withdrawn in Planner
/// reaches a citizen who was just served up to `seconds` late (docs/operations.md).
public final class CategoryCache: Sendable {
    public let seconds: Double
    private let clock: @Sendable () -> Date
    private let state: Mutex<ExpiringEntries<UUID, [PlannerCategoryOffer]>>

    public init(seconds: Double, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.seconds = seconds
        self.clock = clock
        self.state = Mutex(ExpiringEntries(capacity: capacity))
    }

    /// The categories stored for this citizen, if still fresh.
    func categories(personStatusId: UUID) -> [PlannerCategoryOffer]? {
        let now = clock()
        return state.withLock { entries in
            if case .fresh(let categories) = entries.lookup(personStatusId, now: now) { return categories }
            return nil
        }
    }

    /// Where a lookup starts: pass it to `store`, which stores nothing if a citizen was dropped since.
    func lookupStarts() -> Int { state.withLock { $0.drops } }

    func store(_ categories: [PlannerCategoryOffer], personStatusId: UUID, lookupStarted: Int) {
        let expires = clock().addingTimeInterval(seconds)
        state.withLock { $0.store(categories, for: personStatusId, expires: expires, lookupStarted: lookupStarted) }
    }

    /// Forgets this citizen's categories (their bookings changed).
    func drop(personStatusId: UUID) {
        state.withLock { _ = $0.drop(personStatusId) }
    }

    /// How many citizens are stored (for tests).
    var count: Int { state.withLock { $0.count } }
}
