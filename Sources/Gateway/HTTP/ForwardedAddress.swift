import Foundation
import HTTPTypes

/// Where a reverse proxy says its client reached it, for the WSDL's soap:address: RFC 7239's
/// `Forwarded` (its first element: the proxy nearest the client), else the de-facto
/// `X-Forwarded-Proto` / `X-Forwarded-Host` (their first values).
///
/// Only read for a request from a proxy in `--trusted-proxies`: anyone else could make the gateway
/// advertise an address of their choosing. What it says lands in XML, so a host is taken only when it is
/// a plain host name or address with an optional port, and a scheme only when it is http or https.
struct ForwardedAddress: Equatable {
    var scheme: String?
    var host: String?

    init(scheme: String?, host: String?) {
        self.scheme = scheme
        self.host = host
    }

    init?(headers: HTTPFields) {
        var scheme: String?
        var host: String?
        if let forwarded = headers[.forwarded] {
            let first = forwarded.split(separator: ",", maxSplits: 1).first ?? ""
            for pair in first.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                let value = parts[1].hasPrefix("\"") && parts[1].hasSuffix("\"") && parts[1].count >= 2
                    ? String(parts[1].dropFirst().dropLast()) : parts[1]
                switch parts[0].lowercased() {
                case "proto": scheme = value
                case "host": host = value
                default: break
                }
            }
        } else {
            scheme = headers[.xForwardedProto].flatMap(Self.firstValue)
            host = headers[.xForwardedHost].flatMap(Self.firstValue)
        }
        self.scheme = scheme.map { $0.lowercased() }.flatMap { ["http", "https"].contains($0) ? $0 : nil }
        self.host = host.flatMap { Self.isPlainHost($0) ? $0 : nil }
        if self.scheme == nil && self.host == nil { return nil }
    }

    private static func firstValue(_ list: String) -> String? {
        list.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `name`, `name:port`, `1.2.3.4:port` or `[v6]:port`: letters, digits, `.-:[]`, at most 255.
    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || ".-:[]".unicodeScalars.contains($0)
        }
    }
}

/// An IP address in one spelling, so a configured proxy matches its peer address however either is
/// written: IPv6 compressed as `inet_ntop` writes it, an IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, a
/// dual-stack listener's view of an IPv4 peer) as its IPv4 address. Nil for what is not an address.
enum IPAddressText {
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return format(AF_INET, &v4, length: INET_ADDRSTRLEN) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return "\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
        }
        return format(AF_INET6, &v6, length: INET6_ADDRSTRLEN)
    }

    private static func format<T>(_ family: Int32, _ address: inout T, length: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(length))
        guard inet_ntop(family, &address, &buffer, socklen_t(length)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension HTTPField.Name {
    static let forwarded = Self("Forwarded")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xForwardedHost = Self("X-Forwarded-Host")!
}
