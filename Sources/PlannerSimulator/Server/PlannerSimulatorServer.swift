import Foundation
import Hummingbird
import Logging
import NIOCore
import Planner

/// Runs the simulator on a loopback port, and can stop and start it again on the same port
/// (how tests take Planner "down" and bring it back).
public actor PlannerSimulatorServer {
    public nonisolated let state: PlannerSimulatorState
    public let host: String
    public private(set) var port: Int
    private let routes: PlannerRoutes
    private var task: Task<Void, any Error>?

    public init(state: PlannerSimulatorState, host: String = "127.0.0.1", port: Int = 0, routes: PlannerRoutes = PlannerRoutes()) {
        self.state = state
        self.host = host
        self.port = port
        self.routes = routes
    }

    /// `http://host:port/`
    public var baseURL: String { "http://\(host):\(port)/" }

    /// Starts serving; returns once the port is bound.
    public func start() async throws {
        guard task == nil else { return }
        let router = PlannerSimulatorRouter(state: state, routes: routes).build()
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "planner-sim")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "planner-sim", reuseAddress: true),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound != 0 else {
            task?.cancel()
            task = nil
            throw SimulatorStartError()
        }
        port = bound
    }

    /// Stops serving: connections are refused until `start()` is called again.
    public func stop() async {
        task?.cancel()
        _ = try? await task?.value
        task = nil
    }

    public struct SimulatorStartError: Error {}
}
