import CCurl
import Foundation
import Synchronization

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
    ///
    /// Cancelling the calling task ends the exchange: a transfer still queued is withdrawn at once, a
    /// running one is aborted by curl at its next progress callback (within a second); either way the
    /// call throws `unreachable("cancelled")` and the worker is free for the next transfer.
    public func perform(_ request: HTTPExchangeRequest) async throws(PlannerError) -> HTTPExchangeResponse {
        let cancellation = TransferCancellation()
        let queue = self.queue
        let result: Result<HTTPExchangeResponse, PlannerError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.push(Transfer(request: request, cancellation: cancellation, completion: { continuation.resume(returning: $0) }))
            }
        } onCancel: {
            cancellation.cancel()
            queue.withdraw(cancellation)
        }
        return try result.get()
    }
}

struct Transfer: Sendable {
    var request: HTTPExchangeRequest
    var cancellation: TransferCancellation
    var completion: @Sendable (Result<HTTPExchangeResponse, PlannerError>) -> Void
}

/// Set when the task that asked for a transfer is cancelled; the worker's progress callback reads it.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    func cancel() { flag.store(true, ordering: .relaxed) }

    var isCancelled: Bool { flag.load(ordering: .relaxed) }

    static let failure = PlannerError.unreachable("cancelled: the call that asked for it was cancelled")
}

/// A blocking FIFO for the workers. The workers are threads of their own that must sleep until a
/// transfer arrives, which a `Mutex` cannot do: `NSCondition` guards every field, and nothing is
/// touched outside it (hence `@unchecked`).
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

    /// Takes a transfer that no worker has started out of the queue and completes it as cancelled; a
    /// started one is left to its worker (whose progress callback aborts it).
    func withdraw(_ cancellation: TransferCancellation) {
        condition.lock()
        let index = items.firstIndex { $0.cancellation === cancellation }
        let withdrawn = index.map { items.remove(at: $0) }
        condition.unlock()
        withdrawn?.completion(.failure(TransferCancellation.failure))
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
            guard !transfer.cancellation.isCancelled else {
                transfer.completion(.failure(TransferCancellation.failure))
                continue
            }
            transfer.completion(perform(transfer.request, cancellation: transfer.cancellation))
        }
    }

    /// Collects the response body; bounded so a runaway Planner cannot exhaust memory.
    final class Sink {
        var bytes: [UInt8] = []
        var overflow = false
        static let limit = 16 << 20
    }

    func perform(_ request: HTTPExchangeRequest, cancellation: TransferCancellation)
        -> Result<HTTPExchangeResponse, PlannerError>
    {
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
        // Progress callbacks (at least once a second) abort the transfer once its caller is cancelled.
        let watched = Unmanaged.passRetained(cancellation)
        defer { watched.release() }
        _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, watched.toOpaque())
        _ = ccurl_setopt_xferinfo_function(handle) { userData, _, _, _, _ in
            Unmanaged<TransferCancellation>.fromOpaque(userData!).takeUnretainedValue().isCancelled ? 1 : 0
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
            if code == CURLE_ABORTED_BY_CALLBACK { return .failure(TransferCancellation.failure) }
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
