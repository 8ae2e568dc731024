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
    /// Writes given up on at their deadline, which a citizen's lock outlasts (`withDeadline`).
    let abandoned = AbandonedStatements()

    public var isShared: Bool { true }

    /// Connects, migrates (`LedgerSchema`) and returns the store; refuses a schema newer than this gateway knows.
    public static func open(_ location: PostgresLocation, logger: Logger, lockWait: Duration = .seconds(30)) async throws
        -> PostgresLedgerStore
    {
        let store = try PostgresLedgerStore(location, logger: logger, lockWait: lockWait)
        do {
            _ = try await store.migrate()
        } catch {
            try? store.close()
            throw error
        }
        return store
    }

    init(_ location: PostgresLocation, logger: Logger, lockWait: Duration = .seconds(30)) throws {
        self.logger = logger
        self.lockWait = lockWait
        // Both: the server notices a client that is gone (a dead host) within about half a minute.
        let keepalives = [("tcp_keepalives_idle", "15"), ("tcp_keepalives_interval", "5"), ("tcp_keepalives_count", "3")]
        var queries = try location.clientConfiguration(maximumConnections: location.queryConnections)
        // A statement still running well after the gateway stopped waiting for it (`withDeadline`) is ended.
        queries.options.additionalStartupParameters = keepalives + [("statement_timeout", "30s")]
        var locks = try location.clientConfiguration(maximumConnections: location.lockConnections)
        // A lock held by a call that never ends (a host frozen mid-call, its connection still open) goes after
        // 15 minutes: longer than any call's Planner steps may take with the longest route budget (600 s), so
        // that it never goes while its call is still running. A dead host's goes with its keepalives sooner.
        // The wait for a citizen's lock is bounded by the connection's own `lock_timeout`: only the lock's
        // statements run on these connections, so it is set once here, not per call.
        locks.options.additionalStartupParameters = keepalives + [
            ("idle_in_transaction_session_timeout", "900s"), ("lock_timeout", "\(Self.milliseconds(lockWait))ms"),
        ]
        self.queries = PostgresClient(configuration: queries, backgroundLogger: logger)
        self.locks = PostgresClient(configuration: locks, backgroundLogger: logger)
        // The pools run for the store's life; `close` ends them.
        running = [self.queries, self.locks].map { client in Task { await client.run() } }
    }

    public func close() throws {
        for task in running { task.cancel() }
    }

    /// One statement, its rows collected; a failure becomes a `LedgerDatabaseError` that says what
    /// PostgreSQL said, not postgres-nio's deliberately blank description.
    func rows(_ query: PostgresQuery, within limit: Duration = statementDeadline) async throws -> [PostgresRow] {
        let (queries, logger) = (queries, logger)
        return try await withDeadline(wrappingErrorsWithin: limit) { try await queries.query(query, logger: logger).collect() }
    }

    func transaction<T: Sendable>(
        within limit: Duration = statementDeadline, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let (queries, logger) = (queries, logger)
        return try await withDeadline(wrappingErrorsWithin: limit) {
            try await queries.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// `withDeadline`, a failure made a `LedgerDatabaseError` that says what PostgreSQL said.
    private func withDeadline<T: Sendable>(
        wrappingErrorsWithin limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withDeadline(limit) {
            do {
                return try await body()
            } catch {
                throw LedgerDatabaseError.wrapping(error)
            }
        }
    }

    // MARK: The citizen lock

    /// How long a call waits for another instance's call for the same citizen before it gives up (a 9303):
    /// longer than any call's Planner steps take (PostgreSQL's `lock_timeout`).
    let lockWait: Duration

    /// Holds `pg_advisory_xact_lock` on the citizen's key for `body`'s run, in a transaction on a `locks`
    /// connection: released at its end, and by the server if this instance dies (its connection goes).
    ///
    /// The transaction runs in a task of its own; `body` runs in the caller's. The caller waits at most
    /// the statement deadline for the connection and `lockWait` (plus a margin) for the lock — a server
    /// that hangs mid-statement cannot hold it longer — and `body` never runs unless the lock is held.
    public func withCitizenLock<T: Sendable>(_ key: String, _ body: @Sendable () async -> T) async throws -> T {
        let (connected, locked, released) = (OneShot(), OneShot(), OneShot())
        let (locks, logger, advisoryKey, lockWait, abandoned) = (locks, logger, Self.advisoryKey(key), lockWait, abandoned)
        let holder = Task { () async -> String? in
            do {
                try await locks.withTransaction(logger: logger) { connection in
                    connected.signal()
                    // Read to its end: an error after the first answer (the lock_timeout) is only in the rows.
                    try await connection.run("SELECT pg_advisory_xact_lock(\(advisoryKey))", logger: logger)
                    locked.signal()
                    try? await released.wait()
                    // A write of this call given up on at its deadline lands before the lock is released, or never.
                    await abandoned.settle()
                }
            } catch {
                let failure = LedgerDatabaseError.wrapping(error)
                connected.signal(.failure(failure))
                locked.signal(.failure(failure))
                return "\(failure)"
            }
            return nil
        }
        do {
            try await withDeadline(Self.statementDeadline) { try await connected.wait() }
            try await withDeadline(lockWait + .seconds(5)) { try await locked.wait() }
        } catch {
            // Not held in time (or refused): the holder gives up, or ends its transaction as soon as it can.
            connected.signal(.failure(error))
            locked.signal(.failure(error))
            released.signal()
            holder.cancel()
            throw error
        }
        let value = await body()
        released.signal()
        // The COMMIT that releases the lock, waited for (briefly) so the next call for the citizen finds it
        // free; if it failed, the connection is gone and the server released the lock with it, but another
        // instance may have stopped waiting before this call ended, which an operator should know of.
        if let failure = try? await withDeadline(Self.statementDeadline, { await holder.value }) {
            logger.error("the citizen lock's transaction did not end cleanly: \(failure)")
        }
        return value
    }

    /// At least 1: PostgreSQL reads a timeout of 0 as none.
    static func milliseconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
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

extension PostgresConnection {
    /// Runs a statement and reads its answer to the end: postgres-nio returns at the statement's first
    /// answer, and an error that comes after it (a `lock_timeout`, a constraint) is only in the rows.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
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
        return (error as? PSQLError).map(LedgerDatabaseError.init(_:)) ?? error
    }

    /// What PostgreSQL or the connection said: postgres-nio's own description is deliberately blank.
    init(_ error: PSQLError) {
        var text = "PostgreSQL: \(error.code)"
        if let state = error.serverInfo?[.sqlState] { text += " \(state)" }
        if let message = error.serverInfo?[.message] { text += ": \(message)" }
        if error.serverInfo == nil, let underlying = error.underlying { text += ": \(underlying)" }
        description = text
    }
}
