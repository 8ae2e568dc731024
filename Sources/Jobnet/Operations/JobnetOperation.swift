/// A JCSS v10 booking operation, by its Danish v10 name (the body element's local name).
///
/// A value, not a closed list: each operation declares its own (`Gateway/Operations/`), and the
/// gateway's `OperationRegistry` lists those it serves, so adding one touches no list here.
public struct JobnetOperation: Hashable, Sendable, CustomStringConvertible {
    /// The operation's name: the request element's local name.
    public let rawValue: String
    /// The id the v10 URL style carries after the operation name, if the operation takes one.
    public let urlIdentifier: URLIdentifier?

    public init(_ name: String, urlIdentifier: URLIdentifier? = nil) {
        rawValue = name
        self.urlIdentifier = urlIdentifier
    }

    /// The response element's local name.
    public var responseElement: String { rawValue + "Response" }

    public var description: String { rawValue }

    public static func == (lhs: JobnetOperation, rhs: JobnetOperation) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The element an id travels in, in the body or after the operation in the URL.
    public enum URLIdentifier: String, Sendable {
        case moedetilbudId = "MoedetilbudId"
        case indkaldelseId = "IndkaldelseId"
    }
}
