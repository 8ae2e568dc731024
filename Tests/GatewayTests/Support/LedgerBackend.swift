import Foundation
@testable import Gateway

/// The ledger's two stores, for tests that must hold for both.
enum LedgerBackend: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// Runs `body` with a fresh ledger on `backend` (PostgreSQL: a cluster started for it and stopped after).
func withLedger(_ backend: LedgerBackend, leaseSeconds: Double = 60, _ body: (Ledger) async throws -> Void) async throws {
    switch backend {
    case .sqlite:
        let ledger = try Ledger(path: nil, leaseSeconds: leaseSeconds)
        defer { try? ledger.close() }
        try await body(ledger)
    case .postgres:
        try await withTestPostgres { cluster in
            let ledger = try await Ledger.open(cluster.url(), leaseSeconds: leaseSeconds, logger: Ledger.databaseLogger)
            defer { try? ledger.close() }
            try await body(ledger)
        }
    }
}
