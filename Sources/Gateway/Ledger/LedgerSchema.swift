/// The ledger's schema versions, by name, for both stores: a new version is a new name at the end and
/// its statements in each store, never an edit of an old one.
public enum LedgerSchema {
    public static let v1 = "v1: bookings and enrollments"
    public static let v2 = "v2: error reports from Jobnet"
    public static let v3 = "v3: the rebooking journal"
    public static let v4 = "v4: numeric ids of unmapped caseworkers"
    public static let v5 = "v5: the citizens' fixed deadlines"
    public static let v6 = "v6: rebooking leases"

    /// Every version, in order: the last is the schema this gateway writes.
    public static let versions = [v1, v2, v3, v4, v5, v6]
}

/// A ledger migrated by a newer gateway than this one.
public struct LedgerSchemaError: Error, CustomStringConvertible {
    public var unknownMigrations: [String]
    public var known: String

    public var description: String {
        "the ledger's schema is newer than this gateway knows (it has \(unknownMigrations.joined(separator: ", ")); "
            + "this gateway's last is \(known)): run a gateway at least as new as the one that migrated it"
    }

    /// Throws when `applied` names a version this gateway does not know.
    static func refuse(applied: Set<String>) throws {
        let unknown = applied.subtracting(LedgerSchema.versions).sorted()
        if !unknown.isEmpty { throw LedgerSchemaError(unknownMigrations: unknown, known: LedgerSchema.versions.last ?? "none") }
    }
}

/// The ledger was closed (the gateway is shutting down).
public struct LedgerClosedError: Error, CustomStringConvertible {
    public var description: String { "the ledger is closed" }
}
