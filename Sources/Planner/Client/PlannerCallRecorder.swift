import Foundation
import Synchronization

/// What one Planner call did, for the mapping log and the metrics: never a CPR, never a body.
public struct PlannerCallRecord: Sendable, Equatable {
    public var operation: PlannerOperation
    public var route: String
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    public var milliseconds: Double
    public var failureClass: String?
    /// How many times the call was sent again after the first try (reads only; see PlannerClient).
    public var retries: Int

    public init(operation: PlannerOperation, route: String, status: Int?, milliseconds: Double, failureClass: String?, retries: Int = 0) {
        self.operation = operation
        self.route = route
        self.status = status
        self.milliseconds = milliseconds
        self.failureClass = failureClass
        self.retries = retries
    }
}

/// Collects the Planner calls made on behalf of one Jobnet call.
///
/// It travels as a task-local value, so the client records into whichever Jobnet call is running
/// without that call's id being threaded through every signature.
public final class PlannerCallRecorder: Sendable {
    @TaskLocal public static var current: PlannerCallRecorder?

    private let storage = Mutex<[PlannerCallRecord]>([])

    public init() {}

    public var records: [PlannerCallRecord] {
        storage.withLock { $0 }
    }

    func record(_ record: PlannerCallRecord) {
        storage.withLock { $0.append(record) }
    }
}
