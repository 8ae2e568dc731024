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

    /// The record as one JSON line: the bytes `JSONEncoder` writes for `encode(to:)` with sorted keys and
    /// slashes as they are, written by hand because every call writes one (Foundation's encoder was 4 %
    /// of a call's CPU; `MappingLogTests` holds the two to the same bytes).
    public var jsonLine: String {
        var line = JSONLine()
        line.open()
        if let citizen { line.member("citizen", citizen) }
        line.member("correlationId", correlationId)
        line.key("decisions")
        line.array(decisions) { line, decision in line.string(decision) }
        line.member("ms", Self.rounded(milliseconds))
        line.member("operation", operation)
        line.member("outcome", outcome)
        line.key("plannerCalls")
        line.array(plannerCalls) { line, call in
            line.open()
            if let failure = call.failureClass { line.member("failure", failure) }
            line.member("ms", Self.rounded(call.milliseconds))
            line.member("operation", call.operation.rawValue)
            line.member("retries", call.retries)
            line.member("route", call.route)
            if let status = call.status { line.member("status", status) }
            line.close()
        }
        if let reason { line.member("reason", reason) }
        line.member("time", CopenhagenTime.formatWithMilliseconds(time))
        line.close()
        return line.text
    }

    /// Reads a line written by `jsonLine`; nil for anything else (a banner, a warning).
    public init?(jsonLine: String) {
        guard jsonLine.first == "{", let record = try? JSONDecoder().decode(Self.self, from: Data(jsonLine.utf8)) else { return nil }
        self = record
    }

    static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 100).rounded() / 100 }
}

/// A JSON object written by hand as `JSONEncoder` writes it (`.sortedKeys`, `.withoutEscapingSlashes`):
/// the caller gives the members in key order.
struct JSONLine {
    private var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    init() { bytes.reserveCapacity(512) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// A number as `JSONEncoder` writes a `Double`: whole numbers without `.0`.
    mutating func member(_ name: String, _ value: Double) {
        key(name)
        let text = value.description
        bytes.append(contentsOf: (text.hasSuffix(".0") ? String(text.dropLast(2)) : text).utf8)
        needsComma = true
    }

    mutating func array<T>(_ elements: [T], _ write: (inout JSONLine, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements { write(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func string(_ value: String) {
        separate()
        JSONString.append(value, to: &bytes)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }
}
