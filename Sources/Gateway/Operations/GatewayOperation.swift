import Jobnet

/// One JCSS v10 operation as the gateway serves it: its name, the request it reads and the answer it
/// writes (their XML mapping lives with the types, in Jobnet/Requests and Jobnet/Responses), the STAR
/// codes its rules raise, and the rules themselves (`handle`).
///
/// Each operation is one type in its own file here, reading like its spec: the Planner calls and the
/// STAR codes in the order the spec gives them. `OperationRegistry` lists them once; nothing else
/// switches over operations.
protocol GatewayOperation {
    associatedtype Request: JobnetRequestBody
    associatedtype Response: JobnetResponseBody

    /// The operation's v10 name and the id a v10-style URL may carry for it.
    static var operation: JobnetOperation { get }
    /// Every STAR code the operation's own rules and its Planner calls can raise, in the order the rules
    /// run (the endpoint adds 1014 for a message that is not valid).
    static var starCodes: [Int] { get }

    static func handle(_ request: Request, _ context: OperationContext) async throws(StarFault) -> Response
}
