import Foundation
import Planner

/// The mappings in force, and the Planner client built from their routes, swapped whole on reload.
///
/// A Jobnet call takes one `Loaded` snapshot when it starts and keeps it to the end, so a reload
/// never changes the rules half-way through a call and never drops one. A reload that finds an error
/// in any file changes nothing: the old mappings stay in force and `lastRefusal` says why.
public final class MappingsStore: @unchecked Sendable {
    public struct Loaded: Sendable {
        public let mappings: GatewayMappings
        public let planner: PlannerClient
        /// 1 at start, +1 on each reload that took effect.
        public let generation: Int
        public let loadedAt: Date
    }

    public enum ReloadOutcome: Sendable, Equatable {
        case reloaded(generation: Int)
        case refused(errors: [String])
    }

    public let directory: String
    private let makePlanner: @Sendable (PlannerRoutes) -> PlannerClient
    private let lock = NSLock()
    private var loaded: Loaded
    private var refusal: String?

    /// Loads the mappings; throws (refusing to start) when any file has an error.
    public init(directory: String, makePlanner: @escaping @Sendable (PlannerRoutes) -> PlannerClient) throws(MappingErrors) {
        let mappings = try GatewayMappings.load(directory: directory)
        self.directory = directory
        self.makePlanner = makePlanner
        self.loaded = Loaded(mappings: mappings, planner: makePlanner(mappings.routes), generation: 1, loadedAt: Date())
    }

    public var current: Loaded {
        lock.lock()
        defer { lock.unlock() }
        return loaded
    }

    /// Why the last reload was refused, while the mappings it refused are still on disk.
    public var lastRefusal: String? {
        lock.lock()
        defer { lock.unlock() }
        return refusal
    }

    /// Reads the directory again; the new mappings take effect for calls that start after this returns.
    public func reload() -> ReloadOutcome {
        do {
            let mappings = try GatewayMappings.load(directory: directory)
            let planner = makePlanner(mappings.routes)
            lock.lock()
            defer { lock.unlock() }
            loaded = Loaded(mappings: mappings, planner: planner, generation: loaded.generation + 1, loadedAt: Date())
            refusal = nil
            return .reloaded(generation: loaded.generation)
        } catch {
            let errors = error.errors.map(\.description)
            lock.lock()
            refusal = errors.joined(separator: "; ")
            lock.unlock()
            return .refused(errors: errors)
        }
    }
}
