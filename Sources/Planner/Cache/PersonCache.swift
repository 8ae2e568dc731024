import Foundation
import Synchronization

/// PersonByCpr's answers, kept a short while: most Jobnet calls start with the same lookup for the
/// same citizen a moment after the last (a citizen browsing times, then booking), and it is one
/// Planner call of the two or three each makes.
///
/// Bounded (`capacity` citizens; the least recently stored goes first), expiring (`seconds` after
/// Planner answered), and dropped for a person as soon as the gateway changes anything of theirs in
/// Planner (reserve, book, cancel, confirm, their contact details), so a lookup after a change is
/// always Planner's. Only people Planner knows are kept: a CPR it does not know is asked again next
/// time (the jobcenter may be creating the citizen). In memory only; the CPR is a key here and
/// nowhere else. One cache per gateway, shared by every generation of the mappings.
public final class PersonCache: Sendable {
    public let seconds: Double
    public let capacity: Int
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var byCpr: [String: Entry] = [:]
        /// PersonStatusId → CPR, to drop a person when they are changed.
        var cprByPerson: [UUID: String] = [:]
        /// The CPRs in the order they were stored (with the store's number), oldest from `head`: the
        /// oldest goes when the cache is full, without a search. An entry stored again, or dropped, leaves
        /// a stale line here that eviction skips.
        var order: [(cpr: String, stored: Int)] = []
        var head = 0
        var stored = 0
        /// Counts every drop: a lookup that started before one may not store what it read.
        var drops = 0

        mutating func remove(cpr: String) {
            guard let entry = byCpr.removeValue(forKey: cpr) else { return }
            if cprByPerson[entry.person.personStatusId] == cpr { cprByPerson[entry.person.personStatusId] = nil }
        }

        /// Removes the oldest live entry.
        mutating func evictOldest() {
            while head < order.count {
                let line = order[head]
                head += 1
                if byCpr[line.cpr]?.stored == line.stored {
                    remove(cpr: line.cpr)
                    break
                }
            }
        }

        /// Keeps `order` near the live count: the lines before `head`, and those of entries stored again,
        /// dropped or expired, go once they outnumber the live ones (plus a margin, so it is rare).
        mutating func compact() {
            guard order.count > 2 * byCpr.count + 1024 else { return }
            order = order[head...].filter { byCpr[$0.cpr]?.stored == $0.stored }
            head = 0
        }
    }

    private struct Entry {
        var person: PlannerPerson
        var expires: Date
        /// The store's number: which line of `order` is this entry's.
        var stored: Int
    }

    public init(seconds: Double, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.seconds = seconds
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// The person stored for `cprDigits`, if still fresh.
    func person(cprDigits: String) -> PlannerPerson? {
        let now = clock()
        return state.withLock { state in
            guard let entry = state.byCpr[cprDigits] else { return nil }
            guard entry.expires > now else {
                state.remove(cpr: cprDigits)
                return nil
            }
            return entry.person
        }
    }

    /// Where a lookup starts: pass it to `store`, which stores nothing if a person was dropped since
    /// (Planner's answer may be from before the change that dropped them).
    func lookupStarts() -> Int { state.withLock { $0.drops } }

    func store(_ person: PlannerPerson, cprDigits: String, lookupStarted: Int) {
        let expires = clock().addingTimeInterval(seconds)
        state.withLock { state in
            guard state.drops == lookupStarted else { return }
            state.remove(cpr: cprDigits)
            while state.byCpr.count >= capacity { state.evictOldest() }
            state.stored += 1
            state.byCpr[cprDigits] = Entry(person: person, expires: expires, stored: state.stored)
            state.cprByPerson[person.personStatusId] = cprDigits
            state.order.append((cprDigits, state.stored))
            state.compact()
        }
    }

    /// Forgets the person with this PersonStatusId (their bookings or details changed).
    func drop(personStatusId: UUID) {
        state.withLock { state in
            state.drops += 1
            guard let cpr = state.cprByPerson[personStatusId] else { return }
            state.remove(cpr: cpr)
        }
    }

    /// The lines `order` holds beyond its head (for tests: it stays near the live count).
    var bookkeepingLines: Int { state.withLock { $0.order.count - $0.head } }

    /// How many people are stored (for tests).
    var count: Int { state.withLock { $0.byCpr.count } }
}
