import Synchronization

/// The mapping decisions that matter, collected for the call's mapping-log record.
public final class MappingNotes: Sendable {
    /// The start of a decision about a Planner resource caseworkers.yaml does not name, and the end of
    /// one about an offer offers.yaml has no entry for: `/metrics` counts the calls that met one
    /// (`jobnet_unmapped_calls_total`).
    public static let unmappedResource = "unmapped resource"
    public static let offerByDefaults = "mapped by defaults"

    private let storage = Mutex<[String]>([])

    public init() {}

    public func add(_ note: String) {
        storage.withLock { $0.append(note) }
    }

    public var notes: [String] {
        storage.withLock { $0 }
    }
}
