import CCurl

/// One curl easy handle, reused transfer after transfer, and what a transfer on it needs kept alive
/// until it ends: its header list and the response body it collects.
///
/// Both engines (`CurlMultiLoop`, `CurlWorkerPool`) configure a transfer here, so the options towards
/// Planner — timeouts, HTTP(S) only, no redirects, peer and host verified, the FOCES certificate — are
/// written once. A handle is used by one thread at a time; it is not `Sendable`.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var headers: UnsafeMutablePointer<curl_slist>?
    /// The response body so far; bounded so that a runaway Planner cannot exhaust memory.
    private var body: [UInt8] = []
    private var overflow = false
    /// Held while a transfer watches it through the progress callback (the worker pool's cancellation).
    private var watched: TransferCancellation?

    static let bodyLimit = 16 << 20

    /// What every transfer on this handle shares: the timeouts, TLS and the FOCES certificate.
    let settings: PlannerTransportSettings

    /// A handle with the options every transfer shares set once, here, rather than per transfer
    /// (`prepare` sets only what a request changes). With `watchingCancellation` (the worker pool),
    /// curl's progress callback (at least once a second) aborts a transfer once its caller is cancelled;
    /// the multi loop ends a cancelled transfer itself.
    init(settings: PlannerTransportSettings, watchingCancellation: Bool = false) {
        CurlGlobal.initialize()
        self.settings = settings
        handle = curl_easy_init()
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
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
        // The handle outlives every transfer on it: the callbacks borrow it unretained.
        let this = Unmanaged.passUnretained(self).toOpaque()
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, this)
        _ = ccurl_setopt_write_function(handle) { pointer, size, count, userData in
            Unmanaged<CurlEasy>.fromOpaque(userData!).takeUnretainedValue().collect(pointer, size * count)
        }
        if watchingCancellation {
            _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, this)
            _ = ccurl_setopt_xferinfo_function(handle) { userData, _, _, _, _ in
                Unmanaged<CurlEasy>.fromOpaque(userData!).takeUnretainedValue().watched?.isCancelled == true ? 1 : 0
            }
        }
    }

    deinit {
        curl_slist_free_all(headers)
        curl_easy_cleanup(handle)
    }

    /// Sets what `request` changes: its URL, time budget, method, body and headers. The handle keeps
    /// its live connections, TLS sessions and DNS cache from one transfer to the next. `cancellation`
    /// is watched by the progress callback of a handle made `watchingCancellation`.
    func prepare(_ request: HTTPExchangeRequest, cancellation: TransferCancellation? = nil) {
        curl_slist_free_all(headers)
        headers = curl_slist_append(nil, "Accept: \(request.accept)")
        body = []
        overflow = false
        watched = cancellation
        _ = ccurl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, request.timeoutMilliseconds ?? settings.totalTimeoutMilliseconds))
        if request.method == .post {
            headers = curl_slist_append(headers, "Content-Type: \(request.contentType)")
            let bytes = request.body ?? []
            _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
            // The size first: COPYPOSTFIELDS copies that many bytes (curl keeps its own copy, so the
            // request need not outlive this call, and a body may contain NUL).
            _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
            if bytes.isEmpty {
                _ = ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                bytes.withUnsafeBytes { buffer in
                    _ = ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                }
            }
        } else {
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
    }

    private func collect(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard body.count + length <= Self.bodyLimit else {
            overflow = true
            return 0
        }
        if body.isEmpty {
            // The first piece: room for the whole body at once when Planner says how long it is (a
            // BookingOptions answer is tens of kilobytes; grown by doubling it was copied several times).
            var announced: curl_off_t = -1
            if ccurl_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK, announced > length {
                body.reserveCapacity(Int(min(announced, curl_off_t(Self.bodyLimit))))
            }
        }
        if let pointer {
            body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
        }
        return length
    }

    /// The transfer's outcome once curl ended it with `code`; hands the body over (the handle keeps none).
    func outcome(_ code: CURLcode) -> Result<HTTPExchangeResponse, PlannerError> {
        defer {
            body = []
            watched = nil
        }
        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK { return .failure(TransferCancellation.failure) }
            if overflow { return .failure(.invalidResponse("the body exceeds \(Self.bodyLimit) bytes")) }
            return .failure(.unreachable(Self.describe(code)))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPExchangeResponse(status: status, body: body))
    }

    /// Ends a transfer curl did not finish (cancelled, shut down) with `failure`, dropping what it read.
    func abandon(_ failure: PlannerError) -> Result<HTTPExchangeResponse, PlannerError> {
        body = []
        watched = nil
        return .failure(failure)
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

enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    static func initialize() { _ = initialized }
}
