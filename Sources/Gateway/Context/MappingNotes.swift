import Synchronization

/// The mapping decisions that matter, collected for the call's mapping-log record.
public final class MappingNotes: Sendable {
    /// The start of a decision about a Planner resource caseworkers.yaml does not name, and the end of
    /// one about an offer offers.yaml has no entry for: `/metrics` counts the calls that met one
    /// (`jobnet_unmapped_calls_total`).
    public static let unmappedResource = "unmapped resource"
    public static let offerByDefaults = "mapped by defaults"

    /// The Planner resource a decision says was not mapped (`unmapped resource <id> …`), for /status.
    static func unmappedResourceId(in decision: String) -> String? {
        guard decision.hasPrefix(unmappedResource + " ") else { return nil }
        return word(after: unmappedResource.count + 1, in: decision)
    }

    /// The offer a decision says was served by the defaults (`offer <id> mapped by defaults`), for /status.
    static func offerByDefaultsId(in decision: String) -> String? {
        guard decision.hasPrefix("offer "), decision.hasSuffix(" " + offerByDefaults) else { return nil }
        return word(after: "offer ".count, in: decision)
    }

    /// The word starting at `offset`, scrubbed and bounded (it comes from Planner); nil for "(not named…)".
    private static func word(after offset: Int, in text: String) -> String? {
        let word = text.dropFirst(offset).prefix { $0 != " " }
        guard !word.isEmpty, !word.hasPrefix("("), word.count <= 64 else { return nil }
        return LogRedaction.scrub(String(word))
    }

    private let storage = Mutex<[String]>([])

    public init() {}

    public func add(_ note: String) {
        storage.withLock { $0.append(note) }
    }

    public var notes: [String] {
        storage.withLock { $0 }
    }
}
