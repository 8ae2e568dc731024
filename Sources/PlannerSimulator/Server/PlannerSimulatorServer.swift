import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import Planner

/// Runs the simulator on a loopback port, and can stop and start it again on the same port
/// (how tests take Planner "down" and bring it back).
public actor PlannerSimulatorServer {
    public nonisolated let state: PlannerSimulatorState
    public let host: String
    public private(set) var port: Int
    public nonisolated let routes: PlannerRoutes
    public nonisolated let style: PlannerSimulatorStyle
    private let tls: TLSConfiguration?
    private var task: Task<Void, any Error>?

    /// With `tls`, the simulator serves HTTPS as Planner does (a test makes it demand a client certificate).
    /// `routes` defaults to the style's own: the gateway's defaults for `.demo`, REST-style ones for `.strict`.
    public init(
        state: PlannerSimulatorState, host: String = "127.0.0.1", port: Int = 0, routes: PlannerRoutes? = nil,
        style: PlannerSimulatorStyle = .demo, tls: TLSConfiguration? = nil
    ) {
        self.state = state
        self.host = host
        self.port = port
        self.style = style
        self.routes = routes ?? style.routes
        self.tls = tls
    }

    /// `http://host:port/` (`https` with TLS)
    public var baseURL: String { "\(tls == nil ? "http" : "https")://\(host):\(port)/" }

    /// Starts serving; returns once the port is bound.
    public func start() async throws {
        guard task == nil else { return }
        let router = PlannerSimulatorRouter(state: state, routes: routes, style: style).build()
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "planner-sim")
        logger.logLevel = .warning
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "planner-sim", reuseAddress: true),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        // A server that cannot run (the port is taken) ends the stream, so `start` throws instead of waiting.
        task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound != 0 else {
            task?.cancel()
            task = nil
            throw SimulatorStartError(address: "\(host):\(port)")
        }
        port = bound
    }

    /// Stops serving: connections are refused until `start()` is called again.
    public func stop() async {
        task?.cancel()
        _ = try? await task?.value
        task = nil
    }

    public struct SimulatorStartError: Error, CustomStringConvertible {
        public var address: String
        public var description: String { "the Planner simulator could not listen on \(address) (is the port in use?)" }
    }
}
