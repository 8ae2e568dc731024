import CCurl
import Foundation

/// libcurl, driven from threads of its own so that no NIO event loop ever blocks on Planner.
///
/// Design: a fixed pool of worker threads takes transfers from one queue. Each worker owns one curl
/// easy handle for its lifetime, so its connections (and TLS sessions) to Planner are reused from one
/// transfer to the next. A caller awaits a continuation that the worker resumes; the event loop is
/// free the whole time. This is the "equivalent non-blocking design" to a curl-multi loop: simpler to
/// reason about, and the pool size caps the concurrent calls to Planner (docs/architecture.md).
public final class CurlTransport: PlannerTransport {
    private let queue: TransferQueue
    public let settings: PlannerTransportSettings

    public init(settings: PlannerTransportSettings) {
        CurlGlobal.initialize()
        self.settings = settings
        self.queue = TransferQueue()
        for index in 0..<max(1, settings.workers) {
            let queue = self.queue
            let thread = Thread { CurlWorker(settings: settings).run(queue) }
            thread.name = "planner-curl-\(index)"
            thread.start()
        }
    }

    deinit { queue.close() }

    public var defaultTimeoutMilliseconds: Int { settings.totalTimeoutMilliseconds }

    /// Performs one exchange. Throws `PlannerError.unreachable` for connection, TLS and timeout failures.
    public func perform(_ request: HTTPExchangeRequest) async throws(PlannerError) -> HTTPExchangeResponse {
        let result: Result<HTTPExchangeResponse, PlannerError> = await withCheckedContinuation { continuation in
            queue.push(Transfer(request: request, completion: { continuation.resume(returning: $0) }))
        }
        return try result.get()
    }
}

struct Transfer: Sendable {
    var request: HTTPExchangeRequest
    var completion: @Sendable (Result<HTTPExchangeResponse, PlannerError>) -> Void
}

/// A blocking FIFO for the workers.
final class TransferQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Transfer] = []
    private var closed = false

    func push(_ transfer: Transfer) {
        condition.lock()
        if closed {
            condition.unlock()
            transfer.completion(.failure(.unreachable("the Planner client is shut down")))
            return
        }
        items.append(transfer)
        condition.signal()
        condition.unlock()
    }

    func pop() -> Transfer? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        return items.isEmpty ? nil : items.removeFirst()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    static func initialize() { _ = initialized }
}

/// One worker thread's curl handle.
final class CurlWorker {
    let settings: PlannerTransportSettings
    let handle: UnsafeMutableRawPointer

    init(settings: PlannerTransportSettings) {
        self.settings = settings
        self.handle = curl_easy_init()
    }

    deinit { curl_easy_cleanup(handle) }

    func run(_ queue: TransferQueue) {
        while let transfer = queue.pop() {
            transfer.completion(perform(transfer.request))
        }
    }

    /// Collects the response body; bounded so a runaway Planner cannot exhaust memory.
    final class Sink {
        var bytes: [UInt8] = []
        var overflow = false
        static let limit = 16 << 20
    }

    func perform(_ request: HTTPExchangeRequest) -> Result<HTTPExchangeResponse, PlannerError> {
        curl_easy_reset(handle)
        let sink = Sink()
        var headers: UnsafeMutablePointer<curl_slist>?
        headers = curl_slist_append(headers, "Accept: \(request.accept)")
        defer { curl_slist_free_all(headers) }
        _ = ccurl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, request.timeoutMilliseconds ?? settings.totalTimeoutMilliseconds))
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let certificate = settings.clientCertificate {
            _ = ccurl_setopt_string(handle, CURLOPT_SSLCERT, certificate)
            let isPKCS12 = certificate.lowercased().hasSuffix(".p12") || certificate.lowercased().hasSuffix(".pfx")
            _ = ccurl_setopt_string(handle, CURLOPT_SSLCERTTYPE, isPKCS12 ? "P12" : "PEM")
            if let key = settings.clientKey { _ = ccurl_setopt_string(handle, CURLOPT_SSLKEY, key) }
            if let password = settings.clientKeyPassword { _ = ccurl_setopt_string(handle, CURLOPT_KEYPASSWD, password) }
        }
        if let caBundle = settings.caBundle { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, caBundle) }
        let bodyCopy: [CChar]?
        if request.method == .post {
            headers = curl_slist_append(headers, "Content-Type: \(request.contentType)")
            bodyCopy = (request.body ?? []).map { CChar(bitPattern: $0) }
            _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
            _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bodyCopy!.count)
        } else {
            bodyCopy = nil
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        _ = ccurl_setopt_write_function(handle) { pointer, size, count, userData in
            let sink = Unmanaged<CurlWorker.Sink>.fromOpaque(userData!).takeUnretainedValue()
            let length = size * count
            guard sink.bytes.count + length <= Sink.limit else {
                sink.overflow = true
                return 0
            }
            if let pointer {
                pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return length
        }
        let code: CURLcode
        if var bodyCopy {
            code = bodyCopy.withUnsafeMutableBufferPointer { buffer in
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
                return curl_easy_perform(handle)
            }
        } else {
            code = curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            if sink.overflow { return .failure(.invalidResponse("the body exceeds \(Sink.limit) bytes")) }
            return .failure(.unreachable(CurlWorker.describe(code)))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPExchangeResponse(status: status, body: sink.bytes))
    }

    static func describe(_ code: CURLcode) -> String {
        let text = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error"
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return "timeout: \(text)"
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST: return "cannot connect: \(text)"
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CACERT_BADFILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return "TLS or transport refused: \(text)"
        default: return "\(text) (curl \(code.rawValue))"
        }
    }
}
