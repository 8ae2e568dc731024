import CopenhagenTime
import Foundation
import Planner

/// One record per Jobnet call, written when the call ends: how it was translated and why it ended
/// as it did. The CPR appears only masked to its birth date (`DDMMYY-xxxx`), and only in `citizen`.
public struct MappingLogRecord: Sendable, Equatable {
    public var time: Date
    /// The caller's x-requestId or WS-Addressing MessageID, else one the gateway made; returned to
    /// the caller in the `x-correlation-id` response header.
    public var correlationId: String
    public var operation: String
    public var citizen: String?
    public var plannerCalls: [PlannerCallRecord]
    /// The mapping decisions that matter: offer mapped by its entry or the defaults, caseworker
    /// mapped, windows clipped, the rule that fired.
    public var decisions: [String]
    /// "ok" or the STAR code answered.
    public var outcome: String
    /// Why the call failed, for operators (a validator's message, the rule that fired).
    public var reason: String?
    public var milliseconds: Double

    public init(
        time: Date, correlationId: String, operation: String, citizen: String?, plannerCalls: [PlannerCallRecord],
        decisions: [String], outcome: String, reason: String?, milliseconds: Double
    ) {
        self.time = time
        self.correlationId = correlationId
        self.operation = operation
        self.citizen = citizen
        self.plannerCalls = plannerCalls
        self.decisions = decisions
        self.outcome = outcome
        self.reason = reason
        self.milliseconds = milliseconds
    }

    /// The operation as metrics and /status name it: one of the 13, or "unknown" (never what a caller
    /// wrote, so the names stay a closed set).
    var operationName: String {
        OperationRegistry.operation(named: operation)?.operation.rawValue ?? "unknown"
    }

    /// The record as one readable line for a terminal.
    public var textLine: String {
        let calls = plannerCalls.map { call in
            "\(call.operation.rawValue)=\(call.status.map(String.init) ?? call.failureClass ?? "-")"
                + (call.retries > 0 ? "(+\(call.retries) retries)" : "")
        }
        return "\(CopenhagenTime.formatWithMilliseconds(time)) \(correlationId) \(operation) \(citizen ?? "-") -> \(outcome)"
            + " (\(String(format: "%.1f", milliseconds)) ms)"
            + (calls.isEmpty ? "" : " planner[\(calls.joined(separator: " "))]")
            + (reason.map { " reason: \($0)" } ?? "")
            + (decisions.isEmpty ? "" : " decisions: \(decisions.joined(separator: "; "))")
    }
}
