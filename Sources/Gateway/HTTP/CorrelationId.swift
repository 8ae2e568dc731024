import Foundation

/// The id that ties a Jobnet call to its mapping-log record: the caller's own when it is plausible
/// (`x-requestId`, else a WS-Addressing MessageID), else a new UUID. It is returned to the caller in
/// the `x-correlation-id` response header, so only short printable text is taken: nothing that could
/// break a header or a log line, and nothing that looks like a CPR (ten digits on their own).
enum CorrelationId {
    static let maximumLength = 128

    static func accept(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength,
            candidate.utf8.allSatisfy({ byte in
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || "-_.:/@".utf8.contains(byte)
            }),
            LogRedaction.scrub(candidate) == candidate
        else { return nil }
        return candidate
    }

    static func generate() -> String { UUID().lowercasedText }
}
