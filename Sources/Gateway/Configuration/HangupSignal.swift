import Dispatch
import Foundation

/// SIGHUP, the operator's "read your files again": the mappings are reloaded (refused whole if any
/// file has an error) and the mapping log's file is reopened (after logrotate moved it).
public final class HangupSignal: @unchecked Sendable {  // the source is only cancelled, in deinit
    private let source: any DispatchSourceSignal

    public init(server: GatewayServer, logFile: MappingLogFile?) {
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "jobnet-gateway.sighup"))
        source.setEventHandler {
            logFile?.reopen()
            server.reloadMappings()
        }
        source.resume()
    }

    deinit { source.cancel() }
}
