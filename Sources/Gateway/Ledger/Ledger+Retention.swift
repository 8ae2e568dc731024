import Foundation

extension Ledger {
    /// What one retention pass deleted, by table.
    public struct Retained: Sendable, Equatable, CustomStringConvertible {
        public var bookings = 0
        public var enrollments = 0
        public var fejlmeldinger = 0
        public var rebookings = 0
        public var deadlines = 0

        public var total: Int { bookings + enrollments + fejlmeldinger + rebookings + deadlines }

        public var description: String {
            "\(bookings) bookings, \(enrollments) enrollments, \(fejlmeldinger) fejlmeldinger, "
                + "\(rebookings) finished rebookings, \(deadlines) deadlines"
        }
    }

    /// Deletes, in one transaction, what the gateway no longer needs from before `horizon`: the rows hold
    /// Planner's person ids, personal data under GDPR, and are kept only as long as they serve.
    ///
    /// - enrollments (StraksbookOgTilmeld's record) made before it;
    /// - bookings whose meeting ended before it (none a kept enrollment still names);
    /// - fejlmeldinger received before it;
    /// - rebookings finished or undone before it (an unfinished one stays, whatever its age: recovery needs it);
    /// - deadlines (Frister) whose hold-by day passed before it.
    ///
    /// Planner's resource ids and the numeric ids given to them stay: they are no one's personal data,
    /// and a caseworker's id must not change.
    public func deleteExpired(before horizon: Date) async throws -> Retained {
        try await store.deleteExpired(before: horizon)
    }
}
