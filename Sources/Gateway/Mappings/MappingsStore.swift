import Foundation
import Planner
import Synchronization

/// The mappings in force, and the Planner client built from their routes, swapped whole on reload.
///
/// A Jobnet call takes one `Loaded` snapshot when it starts and keeps it to the end, so a reload
/// never changes the rules half-way through a call and never drops one. A reload that finds an error
/// in any file changes nothing: the old mappings stay in force and `lastRefusal` says why.
public final class MappingsStore: Sendable {
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
    /// The mappings in force, and why the last reload was refused (nil after a good one).
    private let state: Mutex<(loaded: Loaded, refusal: String?)>

    /// Loads the mappings; throws (refusing to start) when any file has an error.
    public init(directory: String, makePlanner: @escaping @Sendable (PlannerRoutes) -> PlannerClient) throws(MappingErrors) {
        let mappings = try GatewayMappings.load(directory: directory)
        self.directory = directory
        self.makePlanner = makePlanner
        self.state = Mutex((Loaded(mappings: mappings, planner: makePlanner(mappings.routes), generation: 1, loadedAt: Date()), nil))
    }

    public var current: Loaded {
        state.withLock { $0.loaded }
    }

    /// Why the last reload was refused, while the mappings it refused are still on disk.
    public var lastRefusal: String? {
        state.withLock { $0.refusal }
    }

    /// Reads the directory again; the new mappings take effect for calls that start after this returns.
    public func reload() -> ReloadOutcome {
        do {
            let mappings = try GatewayMappings.load(directory: directory)
            let planner = makePlanner(mappings.routes)
            return state.withLock { state in
                state.loaded = Loaded(mappings: mappings, planner: planner, generation: state.loaded.generation + 1, loadedAt: Date())
                state.refusal = nil
                return .reloaded(generation: state.loaded.generation)
            }
        } catch {
            let errors = error.errors.map(\.description)
            state.withLock { $0.refusal = errors.joined(separator: "; ") }
            return .refused(errors: errors)
        }
    }
}
