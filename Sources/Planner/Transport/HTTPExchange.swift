/// One HTTP request to Planner and its outcome, as the transport sees them.
public struct HTTPExchangeRequest: Sendable {
    public var method: PlannerRoute.Method
    public var url: String
    public var body: [UInt8]?
    /// The body's media type; Planner's is JSON (the replay tool sends SOAP).
    public var contentType: String
    public var accept: String
    /// This transfer's total timeout; nil for the transport's.
    public var timeoutMilliseconds: Int?

    public init(method: PlannerRoute.Method, url: String, body: [UInt8]?, contentType: String = "application/json; charset=utf-8",
                accept: String = "application/json", timeoutMilliseconds: Int? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.method = method
        self.url = url
        self.body = body
        self.contentType = contentType
        self.accept = accept
    }
}

public struct HTTPExchangeResponse: Sendable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// TLS and timeouts towards Planner.
public struct PlannerTransportSettings: Sendable, Equatable {
    /// FOCES client certificate: a PEM file (with `clientKey`) or a PKCS#12 bundle (`.p12`/`.pfx`).
    public var clientCertificate: String?
    public var clientKey: String?
    public var clientKeyPassword: String?
    /// CA bundle (PEM) that Planner's server certificate must chain to.
    public var caBundle: String?
    public var connectTimeoutMilliseconds: Int
    public var totalTimeoutMilliseconds: Int
    /// How many transfers may run at once: the cap on concurrent Planner calls (`--planner-max-concurrent`).
    public var workers: Int
    /// What runs the transfers (`--planner-transport`).
    public var engine: Engine

    public enum Engine: String, Sendable, Equatable, CaseIterable {
        /// libcurl's multi interface on one thread (`CurlMultiLoop`).
        case multi
        /// A worker thread per concurrent transfer, each blocking in curl (`CurlWorkerPool`).
        case threads
    }

    public init(
        clientCertificate: String? = nil, clientKey: String? = nil, clientKeyPassword: String? = nil,
        caBundle: String? = nil, connectTimeoutMilliseconds: Int = 2_000, totalTimeoutMilliseconds: Int = 10_000,
        workers: Int = 8, engine: Engine = .multi
    ) {
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.clientKeyPassword = clientKeyPassword
        self.caBundle = caBundle
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.workers = workers
        self.engine = engine
    }
}
