import Foundation
import GRDB

extension SQLiteLedgerStore {
    /// `Ledger.deleteExpired`, in one transaction.
    public func deleteExpired(before horizon: Date) async throws -> Ledger.Retained {
        try await database.write { db in
            var retained = Ledger.Retained()
            retained.enrollments = try LedgerEnrollment.filter(Column("createdAt") < horizon).deleteAll(db)
            retained.bookings = try LedgerBooking
                .filter(Column("end") < horizon)
                .filter(sql: "requestKey NOT IN (SELECT bookingKey FROM enrollment)")
                .deleteAll(db)
            retained.fejlmeldinger = try LedgerFejlmelding.filter(Column("receivedAt") < horizon).deleteAll(db)
            retained.rebookings = try RebookingJournalEntry
                .filter(RebookingJournalEntry.Step.finished.contains(Column("step")))
                .filter(Column("updatedAt") < horizon)
                .deleteAll(db)
            retained.deadlines = try CitizenDeadline.filter(Column("holdBy") < horizon).deleteAll(db)
            return retained
        }
    }
}
