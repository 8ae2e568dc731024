import CCurl
import Foundation

/// The replay tool's own HTTP client: one SOAP POST at a time to the gateway under test, on libcurl
/// (the project's HTTP library), sharing nothing with the Planner client — no routes, time budget,
/// breaker or worker pool. Each call runs on a thread of its own, so the caller's task never blocks.
struct ReplayClient: Sendable {
    var caBundle: String?
    var timeoutMilliseconds: Int

    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func post(url: String, body: [UInt8], contentType: String) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try perform(url: url, body: body, contentType: contentType) }) }
            thread.name = "replay-curl"
            thread.start()
        }
    }

    /// The body, bounded: a gateway that answers without end is a failed fixture, not a full memory.
    private final class Sink {
        var bytes: [UInt8] = []
        static let limit = 64 << 20
    }

    private func perform(url: String, body: [UInt8], contentType: String) throws -> Answer {
        CurlGlobal.initialize()
        guard let handle = curl_easy_init() else { throw Failure(description: "curl could not start") }
        defer { curl_easy_cleanup(handle) }
        var headers: UnsafeMutablePointer<curl_slist>?
        headers = curl_slist_append(headers, "Content-Type: \(contentType)")
        headers = curl_slist_append(headers, "Accept: text/xml, application/soap+xml")
        defer { curl_slist_free_all(headers) }
        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 5_000)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        if let caBundle { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, caBundle) }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        _ = ccurl_setopt_write_function(handle) { pointer, size, count, userData in
            let sink = Unmanaged<Sink>.fromOpaque(userData!).takeUnretainedValue()
            let length = size * count
            guard sink.bytes.count + length <= Sink.limit else { return 0 }
            if let pointer {
                pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                }
            }
            return length
        }
        var posted = body.map { CChar(bitPattern: $0) }
        let code = posted.withUnsafeMutableBufferPointer { buffer in
            _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            throw Failure(description: curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)")
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Answer(status: status, body: sink.bytes)
    }
}

/// libcurl's process-wide set-up, once, before the first handle.
private enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    static func initialize() { _ = initialized }
}
