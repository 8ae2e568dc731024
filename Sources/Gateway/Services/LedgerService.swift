import ServiceLifecycle

/// The booking ledger's lifetime as a service: first in the group, so that at a graceful shutdown
/// (services stop in reverse order) it is closed only after the HTTP server has let the calls in
/// flight finish; the mapping log then says `stopped`.
struct LedgerService: Service {
    let ledger: Ledger
    let log: MappingLog

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try ledger.close()
            log.event("stopped", "calls in flight finished; the ledger is closed")
        } catch {
            log.event("stopped", "calls in flight finished; closing the ledger failed: \(error)", level: .error)
        }
    }
}
