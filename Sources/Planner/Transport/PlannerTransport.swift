/// How a Planner request travels: libcurl in production (`CurlTransport`); in the fuzzer, straight
/// into the simulator's state, so that millions of inputs run without a socket.
public protocol PlannerTransport: Sendable {
    /// The total timeout of a transfer that does not set its own.
    var defaultTimeoutMilliseconds: Int { get }

    /// Performs one exchange. Throws `PlannerError.unreachable` when no answer came.
    func perform(_ request: HTTPExchangeRequest) async throws(PlannerError) -> HTTPExchangeResponse
}
