import Foundation
import Planner

/// One record per Jobnet call, written when the call ends: how it was translated and why it ended
/// as it did. The CPR appears only masked to its birth date (`DDMMYY-xxxx`), and only in `citizen`.
public struct MappingLogRecord: Sendable {
    public var time: Date
    public var correlationId: String
    public var operation: String
    public var citizen: String?
    public var plannerCalls: [PlannerCallRecord]
    public var decisions: [String]
    /// "ok" or the STAR code answered.
    public var outcome: String
    /// Why the call failed, for operators (a validator's message, the rule that fired).
    public var reason: String?
    public var milliseconds: Double

    /// The record as one JSON line.
    public var jsonLine: String {
        var object: [String: Any] = [
            "time": ISO8601DateFormatter().string(from: time), "correlationId": correlationId, "operation": operation,
            "outcome": outcome, "ms": (milliseconds * 100).rounded() / 100, "decisions": decisions,
            "plannerCalls": plannerCalls.map { call -> [String: Any] in
                var entry: [String: Any] = ["route": call.route, "ms": (call.milliseconds * 100).rounded() / 100]
                entry["status"] = call.status
                entry["failure"] = call.failureClass
                return entry
            },
        ]
        object["citizen"] = citizen
        object["reason"] = reason
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The record as one readable line for a terminal.
    public var textLine: String {
        let calls = plannerCalls.map { "\($0.operation.rawValue)=\($0.status.map(String.init) ?? $0.failureClass ?? "-")" }
        return "\(ISO8601DateFormatter().string(from: time)) \(correlationId) \(operation) \(citizen ?? "-") -> \(outcome)"
            + " (\(String(format: "%.1f", milliseconds)) ms)"
            + (calls.isEmpty ? "" : " planner[\(calls.joined(separator: " "))]")
            + (reason.map { " reason: \($0)" } ?? "")
            + (decisions.isEmpty ? "" : " decisions: \(decisions.joined(separator: "; "))")
    }
}
