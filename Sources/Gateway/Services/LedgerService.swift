import ServiceLifecycle

/// The booking ledger's lifetime as a service: first in the group, so that at a graceful shutdown
/// (services stop in reverse order) it is closed only after the HTTP server has let the calls in
/// flight finish; the mapping log then says `stopped`.
struct LedgerService: Service {
    let ledger: Ledger
    let log: MappingLog

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            // Cancelled, not shut down gracefully (the grace ran out, or the group failed): calls may still be
            // unwinding, so the ledger is closed by `GatewayServer.run` once the whole group has ended.
            return
        }
        do {
            try ledger.close()
            log.event("stopped", "calls in flight finished; the ledger is closed")
        } catch {
            log.event("stopped", "calls in flight finished; closing the ledger failed: \(error)", level: .error)
        }
    }
}
