import ServiceLifecycle
import UnixSignals

/// SIGHUP, the operator's "read your files again", as a service of the gateway's group: the mappings
/// are reloaded (refused whole if any file has an error) and the mapping log's file is reopened (after
/// logrotate moved it). It ends with the group's graceful shutdown.
struct HangupService: Service {
    let server: GatewayServer
    let logFile: MappingLogFile?

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            logFile?.reopen()
            server.reloadMappings()
        }
    }
}
