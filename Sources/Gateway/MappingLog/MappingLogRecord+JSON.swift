import CopenhagenTime
import Foundation
import Planner

/// The JSON-lines form: one object per line, keys sorted, so `jq` and `jobnet-gateway log` read it.
extension MappingLogRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case time, correlationId, operation, citizen, plannerCalls, decisions, outcome, reason
        case milliseconds = "ms"
    }

    /// A Planner call as the log writes it.
    struct LoggedCall: Codable {
        var operation: String
        var route: String
        var status: Int?
        var ms: Double
        var retries: Int
        var failure: String?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(CopenhagenTime.formatWithMilliseconds(time), forKey: .time)
        try container.encode(correlationId, forKey: .correlationId)
        try container.encode(operation, forKey: .operation)
        try container.encodeIfPresent(citizen, forKey: .citizen)
        try container.encode(plannerCalls.map { call in
            LoggedCall(operation: call.operation.rawValue, route: call.route, status: call.status,
                       ms: Self.rounded(call.milliseconds), retries: call.retries, failure: call.failureClass)
        }, forKey: .plannerCalls)
        try container.encode(decisions, forKey: .decisions)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(Self.rounded(milliseconds), forKey: .milliseconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timeText = try container.decode(String.self, forKey: .time)
        guard let time = CopenhagenTime.parse(timeText) else {
            throw DecodingError.dataCorruptedError(forKey: .time, in: container, debugDescription: "not a dateTime: \(timeText)")
        }
        self.time = time
        correlationId = try container.decode(String.self, forKey: .correlationId)
        operation = try container.decode(String.self, forKey: .operation)
        citizen = try container.decodeIfPresent(String.self, forKey: .citizen)
        plannerCalls = try container.decode([LoggedCall].self, forKey: .plannerCalls).compactMap { call in
            PlannerOperation(rawValue: call.operation).map { operation in
                PlannerCallRecord(
                    operation: operation, route: call.route, status: call.status, milliseconds: call.ms,
                    failureClass: call.failure, retries: call.retries)
            }
        }
        decisions = try container.decode([String].self, forKey: .decisions)
        outcome = try container.decode(String.self, forKey: .outcome)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        milliseconds = try container.decode(Double.self, forKey: .milliseconds)
    }

    /// The record as one JSON line.
    public var jsonLine: String { MappingLog.jsonLine(self) }

    /// Reads a line written by `jsonLine`; nil for anything else (a banner, a warning).
    public init?(jsonLine: String) {
        guard jsonLine.first == "{", let record = try? JSONDecoder().decode(Self.self, from: Data(jsonLine.utf8)) else { return nil }
        self = record
    }

    static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 100).rounded() / 100 }
}
