import Foundation
import Synchronization

/// The CaseWorkerIDs the gateway gives Planner resources that caseworkers.yaml does not name.
///
/// A real jobcenter adds caseworkers every week; until an operator maps one, its free times must still
/// be bookable. Such a resource gets a numeric id of the gateway's own, from `firstId` up (a range
/// `check-mappings` keeps caseworkers.yaml out of, so the two never collide), persisted in the ledger
/// so that the same resource keeps its id across restarts. The ids are read once and cached; a new
/// resource costs one ledger write, the first time it is seen.
public final class UnmappedCaseworkers: Sendable {
    /// The first id the gateway assigns; caseworkers.yaml's ids stay below it.
    public static let firstId = 900_000
    /// The CaseWorkerID of a free time Planner names no resource for (a joint meeting's option carries
    /// only a TaskId): Planner seats the citizen. caseworkers.yaml's ids start at 1.
    public static let plannerAssigns = 0

    private let ledger: Ledger
    private let cache: Mutex<[String: Int]?> = Mutex(nil)

    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// The id of `resourceId` (lower-case GUID text), assigning one on first sight.
    public func id(for resourceId: String, now: Date) async throws -> Int {
        if let known = try await cached()[resourceId] { return known }
        let id = try await ledger.assignUnmappedCaseworkerId(resourceId: resourceId, firstId: Self.firstId, at: now)
        cache.withLock { $0?[resourceId] = id }
        return id
    }

    private func cached() async throws -> [String: Int] {
        if let ids = cache.withLock({ $0 }) { return ids }
        let loaded = try await ledger.unmappedCaseworkerIds()
        cache.withLock { current in
            if current == nil { current = loaded }
        }
        return loaded
    }
}
