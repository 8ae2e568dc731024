import GRDB

extension SQLiteLedgerStore {
    /// The schema, by `LedgerSchema`'s versions.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(LedgerSchema.v1) { db in
            try db.create(table: "booking") { table in
                table.primaryKey("requestKey", .text)
                table.column("plannerBookingId", .text).unique()
                table.column("offerId", .text).notNull()
                table.column("personId", .text).notNull().indexed()
                table.column("start", .datetime).notNull()
                table.column("end", .datetime).notNull()
                table.column("resourceId", .text)
                table.column("samtaleform", .integer)
                table.column("origin", .text).notNull()
                table.column("state", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "enrollment") { table in
                table.primaryKey("receiptId", .text)
                table.column("personId", .text).notNull().indexed()
                table.column("enrollmentDate", .datetime).notNull()
                table.column("clientCategory", .integer).notNull()
                table.column("unemploymentStatus", .integer).notNull()
                table.column("professions", .text).notNull()
                table.column("bookingKey", .text).notNull().references("booking", column: "requestKey")
                table.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration(LedgerSchema.v2) { db in
            try db.create(table: "fejlmelding") { table in
                table.primaryKey("id", .text)
                table.column("receivedAt", .datetime).notNull().indexed()
                table.column("reportedAt", .datetime).notNull()
                table.column("origin", .integer).notNull()
                table.column("code", .integer).notNull()
                table.column("text", .text)
                table.column("offerId", .text)
                table.column("bookingId", .text)
                table.column("citizen", .text)
            }
        }
        migrator.registerMigration(LedgerSchema.v3) { db in
            try db.create(table: "rebooking") { table in
                table.primaryKey("id", .text)
                table.column("personId", .text).notNull()
                table.column("oldBookingId", .text).notNull()
                table.column("oldOfferId", .text).notNull()
                table.column("oldStart", .datetime).notNull()
                table.column("newOfferId", .text).notNull()
                table.column("newStart", .datetime).notNull()
                table.column("newResourceId", .text).notNull()
                table.column("newReservationId", .text)
                table.column("step", .text).notNull().indexed()
                table.column("updatedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration(LedgerSchema.v4) { db in
            // A Planner resource that caseworkers.yaml does not name gets a CaseWorkerID of the
            // gateway's own, kept here so it is the same after a restart.
            try db.create(table: "unmappedCaseworker") { table in
                table.primaryKey("resourceId", .text)
                table.column("caseWorkerId", .integer).notNull().unique()
                table.column("firstSeen", .datetime).notNull()
            }
        }
        migrator.registerMigration(LedgerSchema.v5) { db in
            // A Frist is a date that does not move: fixed the first time the gateway needs it.
            try db.create(table: "citizenDeadline") { table in
                table.column("personId", .text).notNull()
                table.column("interviewType", .integer).notNull()
                table.column("status", .integer).notNull()
                table.column("bookBy", .datetime).notNull()
                table.column("holdBy", .datetime).notNull()
                table.column("fixedAt", .datetime).notNull()
                table.primaryKey(["personId", "interviewType"])
            }
        }
        migrator.registerMigration(LedgerSchema.v6) { db in
            // Which instance is taking a rebooking's steps, and until when: past it, any instance's
            // recovery sweep may take the rebooking over.
            try db.alter(table: "rebooking") { table in
                table.add(column: "leaseOwner", .text)
                table.add(column: "leaseUntil", .datetime)
            }
        }
        return migrator
    }
}
