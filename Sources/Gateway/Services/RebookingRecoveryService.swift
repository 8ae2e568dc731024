import ServiceLifecycle

/// The recovery sweep of `serve`: every `interval`, finishes or undoes the rebookings whose lease has run
/// out — left by an instance that died (sharing a PostgreSQL ledger, any live instance takes them
/// over within the lease and the interval) or by this one when neither the new time nor the old could be
/// had. The start-up pass runs before serving (`GatewayServer.run`); this one comes after. Stopped before
/// the ledger closes (it comes after `LedgerService` in the group).
struct RebookingRecoveryService: Service {
    let endpoint: SOAPEndpoint
    let interval: Duration

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    await endpoint.recoverRebookings(startUp: false)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
