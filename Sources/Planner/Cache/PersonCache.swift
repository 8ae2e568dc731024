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
    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    private struct State {
        var byCpr: ExpiringEntries<String, PlannerPerson>
        /// PersonStatusId → CPR, to drop a person when they are changed.
        var cprByPerson: [UUID: String] = [:]

        mutating func forget(cpr: String, person: PlannerPerson) {
            if cprByPerson[person.personStatusId] == cpr { cprByPerson[person.personStatusId] = nil }
        }
    }

    public init(seconds: Double, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.seconds = seconds
        self.clock = clock
        self.state = Mutex(State(byCpr: ExpiringEntries(capacity: capacity)))
    }

    /// The person stored for `cprDigits`, if still fresh.
    func person(cprDigits: String) -> PlannerPerson? {
        let now = clock()
        return state.withLock { state in
            switch state.byCpr.lookup(cprDigits, now: now) {
            case .fresh(let person): return person
            case .expired(let person):
                state.forget(cpr: cprDigits, person: person)
                return nil
            case .absent: return nil
            }
        }
    }

    /// Where a lookup starts: pass it to `store`, which stores nothing if a person was dropped since
    /// (Planner's answer may be from before the change that dropped them).
    func lookupStarts() -> Int { state.withLock { $0.byCpr.drops } }

    func store(_ person: PlannerPerson, cprDigits: String, lookupStarted: Int) {
        let expires = clock().addingTimeInterval(seconds)
        state.withLock { state in
            guard let removed = state.byCpr.store(person, for: cprDigits, expires: expires, lookupStarted: lookupStarted) else { return }
            for (cpr, removed) in removed {
                state.forget(cpr: cpr, person: removed)
            }
            state.cprByPerson[person.personStatusId] = cprDigits
        }
    }

    /// Forgets the person with this PersonStatusId (their bookings or details changed).
    func drop(personStatusId: UUID) {
        state.withLock { state in
            let cpr = state.cprByPerson[personStatusId]
            if let person = state.byCpr.drop(cpr), let cpr { state.forget(cpr: cpr, person: person) }
        }
    }

    /// The lines its bookkeeping holds (for tests: it stays near the live count).
    var bookkeepingLines: Int { state.withLock { $0.byCpr.bookkeepingLines } }

    /// How many people are stored (for tests).
    var count: Int { state.withLock { $0.byCpr.count } }
}
