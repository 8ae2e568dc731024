import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The ledger shared by several gateway instances: PostgreSQL through postgres-nio.
///
/// Two connection pools, so that they cannot starve each other: `locks` holds one connection per
/// citizen whose booking call is under way (a transaction holding the citizen's advisory lock across the
/// call's Planner steps), `queries` serves every read and write, including those of the calls holding a
/// lock. With one pool, as many locked calls as connections would each wait for a connection none of
/// them gives back.
public final class PostgresLedgerStore: LedgerStore {
    let queries: PostgresClient
    let locks: PostgresClient
    let logger: Logger
    private let running: [Task<Void, Never>]

    public var isShared: Bool { true }

    /// Connects, migrates (`LedgerSchema`) and returns the store; refuses a schema newer than this gateway knows.
    public static func open(_ location: PostgresLocation, logger: Logger) async throws -> PostgresLedgerStore {
        let store = try PostgresLedgerStore(location, logger: logger)
        do {
            _ = try await store.migrate()
        } catch {
            try? store.close()
            throw error
        }
        return store
    }

    init(_ location: PostgresLocation, logger: Logger) throws {
        self.logger = logger
        queries = PostgresClient(
            configuration: try location.clientConfiguration(maximumConnections: location.queryConnections), backgroundLogger: logger)
        locks = PostgresClient(
            configuration: try location.clientConfiguration(maximumConnections: location.lockConnections), backgroundLogger: logger)
        // The pools run for the store's life; `close` ends them.
        running = [queries, locks].map { client in Task { await client.run() } }
    }

    public func close() throws {
        for task in running { task.cancel() }
    }

    /// One statement, its rows collected; a failure becomes a `LedgerDatabaseError` that says what
    /// PostgreSQL said, not postgres-nio's deliberately blank description.
    func rows(_ query: PostgresQuery, within limit: Duration = statementDeadline) async throws -> [PostgresRow] {
        let (queries, logger) = (queries, logger)
        return try await withDeadline(limit) {
            do {
                return try await queries.query(query, logger: logger).collect()
            } catch {
                throw LedgerDatabaseError.wrapping(error)
            }
        }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let (queries, logger) = (queries, logger)
        return try await withDeadline(Self.statementDeadline) {
            do {
                return try await queries.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch {
                throw LedgerDatabaseError.wrapping(error)
            }
        }
    }

    // MARK: The citizen lock

    /// How long a call waits for another instance's call for the same citizen before it gives up (a 9303):
    /// longer than any call's Planner steps take.
    static let lockWait = "30s"

    /// Holds `pg_advisory_xact_lock` on the citizen's key for `body`'s run, in a transaction on a `locks`
    /// connection: released at its end, and by the server if this instance dies (its connection goes).
    public func withCitizenLock<T: Sendable>(_ key: String, _ body: @Sendable () async -> T) async throws -> T {
        // `body` is not escaping, but the deadline's task group needs an escaping closure; it is awaited
        // before this function returns, so it does not outlive the call.
        try await withoutActuallyEscaping(body) { lockedBody in
            let connected = DeadlineLifted()
            let (locks, logger, advisoryKey) = (locks, logger, Self.advisoryKey(key))
            // A connection within the statement deadline; the lock itself within PostgreSQL's lock_timeout.
            return try await withDeadline(Self.statementDeadline, until: connected) {
                let outcome = Mutex<T?>(nil)
                do {
                    try await locks.withTransaction(logger: logger) { connection in
                        connected.lift()
                        try await connection.query("SET LOCAL lock_timeout = '\(unescaped: Self.lockWait)'", logger: logger)
                        try await connection.query("SELECT pg_advisory_xact_lock(\(advisoryKey))", logger: logger)
                        let value = await lockedBody()
                        outcome.withLock { $0 = value }
                    }
                } catch {
                    // The body ran: its answer stands, whatever became of the COMMIT that only releases the lock.
                    if let value = outcome.withLock({ $0 }) { return value }
                    throw LedgerDatabaseError.wrapping(error)
                }
                guard let value = outcome.withLock({ $0 }) else {
                    throw LedgerDatabaseError(message: "the citizen lock's transaction ended without running its body")
                }
                return value
            }
        }
    }

    /// The advisory lock's key: 64-bit FNV-1a of the key's UTF-8 bytes, the same in every process (Swift's
    /// `Hasher` is seeded per process). Two citizens sharing a key only wait for each other.
    static func advisoryKey(_ key: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.lowercased().utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    // MARK: Health

    public func checkReadable() async throws {
        _ = try await rows("SELECT requestKey FROM booking LIMIT 1", within: Self.readinessDeadline)
    }

    public func count() async throws -> Int {
        try await rows("SELECT count(*) FROM booking").first?.decode(Int.self) ?? 0
    }
}

/// A PostgreSQL failure, described by what the server or the connection said (never by the statement's
/// values: a message may be logged).
public struct LedgerDatabaseError: Error, CustomStringConvertible {
    public var description: String

    init(message: String) {
        description = message
    }

    /// PostgreSQL's errors (inside a transaction's too) as a `LedgerDatabaseError`; the gateway's own
    /// (a `LedgerSchemaError`, a cancellation) as they are.
    static func wrapping(_ error: any Error) -> any Error {
        if let failed = error as? PostgresTransactionError {
            return wrapping(failed.closureError ?? failed.beginError ?? failed.commitError ?? LedgerDatabaseError(message: "a transaction failed"))
        }
        return error is PSQLError ? LedgerDatabaseError(error) : error
    }

    init(_ error: any Error) {
        if let known = error as? LedgerDatabaseError {
            self = known
            return
        }
        guard let error = error as? PSQLError else {
            description = "PostgreSQL: \(error)"
            return
        }
        var text = "PostgreSQL: \(error.code)"
        if let state = error.serverInfo?[.sqlState] { text += " \(state)" }
        if let message = error.serverInfo?[.message] { text += ": \(message)" }
        if error.serverInfo == nil, let underlying = error.underlying { text += ": \(underlying)" }
        description = text
    }
}
